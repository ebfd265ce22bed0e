/** The Venue type and the root fields that return venues. */
import { papersOfVenue } from '../db/queries/paper-pages.js';
import { matchingVenues } from '../db/queries/venue-pages.js';
import { loadAll } from '../src/loaders/by-key.js';
import { builder, OrderDirection } from './builder.js';
import { decodeIdOf } from './global-id.js';
import { checkSearch, nameSearchTokens } from './paper-filter.js';
import { PaperOrder } from './paper-order.js';
import { resolvePaperList } from './paper.js';
import { resolvePagedConnection } from './paged-connection.js';
import { PaperRef, VenueRef } from './refs.js';
import { rowNodeId } from './sync-node-ids.js';

const VenueKind = builder.enumType('VenueKind', {
  description: 'What kind of outlet a venue is.',
  values: {
    CONFERENCE: { value: 'conference', description: 'A conference (proceedings).' },
    JOURNAL: { value: 'journal', description: 'A journal.' },
    PREPRINT_SERVER: { value: 'preprint_server', description: 'A preprint server such as arXiv.' },
    WORKSHOP: { value: 'workshop', description: 'A workshop.' },
    OTHER: { value: 'other', description: 'Anything else, or unknown.' },
  } as const,
});

const VenueOrderField = builder.enumType('VenueOrderField', {
  description: 'What to sort venues by; the venue id breaks ties.',
  values: {
    NAME: { description: 'Name, alphabetically.' },
    PAPER_COUNT: { description: 'Number of papers in this database.' },
  } as const,
});

const VenueOrder = builder.inputType('VenueOrder', {
  description: 'Ordering of venues.',
  fields: (t) => ({
    field: t.field({ type: VenueOrderField, required: true, description: 'The sort key.' }),
    direction: t.field({ type: OrderDirection, required: true, defaultValue: 'ASC', description: 'The direction.' }),
  }),
});

builder.node(VenueRef, {
  description: 'Where papers are published: a conference, journal, workshop or preprint server.',
  id: rowNodeId,
  loadMany: (ids, ctx) => loadAll(ctx.loaders.venue, ids),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name.' }),
    shortName: t.exposeString('shortName', { nullable: true, description: 'Abbreviation, e.g. `ACL`.' }),
    kind: t.field({ type: VenueKind, description: 'What kind of venue this is.', resolve: (venue) => venue.kind }),
    paperCount: t.exposeInt('paperCount', { description: 'Papers in this database published here.' }),
    papers: t.connection(
      {
        type: PaperRef,
        description: 'Papers published here, newest first unless ordered otherwise.',
        args: { orderBy: t.arg({ type: PaperOrder, description: 'Ordering; newest first by default.' }) },
        resolve: (venue, args, ctx, info) => resolvePaperList(ctx, 'Venue.papers', papersOfVenue, [venue.id], args, info),
      },
      { name: 'VenuePaperConnection', description: 'A page of the papers of a venue.' },
      { name: 'VenuePaperEdge', description: 'A paper of a venue.' },
    ),
  }),
});

builder.queryFields((t) => ({
  venue: t.field({
    type: VenueRef,
    nullable: true,
    description: 'One venue by ID; null when there is none.',
    args: { id: t.arg.id({ required: true, description: 'The global ID of a Venue.' }) },
    resolve: (_root, args, ctx) => ctx.loaders.venue.load(decodeIdOf('Venue', args.id)),
  }),
  venues: t.connection(
    {
      type: VenueRef,
      description: 'Venues, optionally narrowed by name; by name unless ordered otherwise.',
      args: {
        search: t.arg.string({ description: 'Words the name must contain, ignoring case and accents. Not empty.' }),
        orderBy: t.arg({ type: VenueOrder, description: 'Ordering; by name by default.' }),
      },
      resolve: (_root, args, ctx) => {
        const search = checkSearch(args.search, 'search');
        const tokens = search ? nameSearchTokens(search, 'search') : [];
        const field = args.orderBy?.field ?? 'NAME';
        const direction = args.orderBy?.direction ?? 'ASC';
        return resolvePagedConnection(ctx, {
          name: `Query.venues${JSON.stringify(tokens)}`,
          relation: matchingVenues(field, tokens),
          parent: [],
          args,
          orderTag: `${field}:${direction}`,
          descending: direction === 'DESC',
          nodeLoader: ctx.loaders.venue,
        });
      },
    },
    { name: 'VenueConnection', description: 'A page of venues.' },
    { name: 'VenueEdge', description: 'A venue in a list.' },
  ),
}));
