/** The Author type, its coauthor edges and reported metrics, and the root fields that return authors. */
import { authorById, coauthorsOf, matchingAuthors } from '../db/queries/author-pages.js';
import { papersOfAuthor, papersOfAuthorPair } from '../db/queries/paper-pages.js';
import type { ReportedAuthorMetrics } from '../db/tables.js';
import { loadAll } from '../src/loaders/by-key.js';
import { badInput } from '../src/errors.js';
import { builder, OrderDirection } from './builder.js';
import { decodeIdOf } from './global-id.js';
import { checkSearch, nameSearchTokens } from './paper-filter.js';
import { PaperOrder } from './paper-order.js';
import { planPaperList, resolvePaperList } from './paper.js';
import { resolvePagedConnection } from './paged-connection.js';
import { loadWithPages } from './page-plan.js';
import { AuthorRef, PaperRef, TopicRef, VenueRef } from './refs.js';
import { rowNodeId } from './sync-node-ids.js';

const AUTHOR_BY_ID = authorById();

planPaperList('Author', 'papers', papersOfAuthor);

const ReportedMetricsRef = builder.objectRef<ReportedAuthorMetrics>('ReportedMetrics').implement({
  description: 'Figures a source reported about an author, shown as given; not computed from this graph.',
  fields: (t) => ({
    source: t.exposeString('source', { description: 'Which source reported them (e.g. `profile`).' }),
    hIndex: t.int({ nullable: true, description: 'Reported h-index.', resolve: (m) => m.hIndex ?? null }),
    paperCount: t.int({ nullable: true, description: 'Reported number of papers.', resolve: (m) => m.paperCount ?? null }),
    citationCount: t.int({
      nullable: true,
      description: 'Reported number of citations.',
      resolve: (m) => m.citationCount ?? null,
    }),
    novelty: t.int({
      nullable: true,
      description: 'Reported "novelty" score, in percent.',
      resolve: (m) => m.novelty ?? null,
    }),
    aiScore: t.int({ nullable: true, description: 'Reported "AI score".', resolve: (m) => m.aiScore ?? null }),
    primaryTopic: t.field({
      type: TopicRef,
      nullable: true,
      description: 'The field the source files the author under.',
      resolve: (m, _args, ctx) => (m.primaryTopicCode ? ctx.loaders.topicByCode.load(m.primaryTopicCode) : null),
    }),
  }),
});

interface CountOf<T> {
  item: T;
  paperCount: number;
}

const AuthorVenueRef = builder.objectRef<CountOf<number>>('AuthorVenue').implement({
  description: 'A venue an author published at, with how many of their papers it holds.',
  fields: (t) => ({
    venue: t.field({ type: VenueRef, description: 'The venue.', resolve: (r, _a, ctx) => ctx.loaders.venue.load(r.item).then((v) => v!) }),
    paperCount: t.exposeInt('paperCount', { description: "How many of the author's papers appeared there." }),
  }),
});

const CoauthorOrderField = builder.enumType('CoauthorOrderField', {
  description: 'What to sort coauthors by; the author id breaks ties.',
  values: {
    PAPER_COUNT: { description: 'Number of shared papers.' },
    LAST_YEAR: { description: 'Year of the latest shared paper.' },
    NAME: { description: 'Name, alphabetically (accents ignored).' },
  } as const,
});

const CoauthorFilter = builder.inputType('CoauthorFilter', {
  description: 'Narrow the coauthors of an author.',
  fields: (t) => ({
    minPapers: t.int({ description: 'Only coauthors with at least this many shared papers (1 or more).' }),
    sinceYear: t.int({ description: 'Count only shared papers published in or after this year.' }),
  }),
});

const CoauthorOrder = builder.inputType('CoauthorOrder', {
  description: 'Ordering of coauthors.',
  fields: (t) => ({
    field: t.field({ type: CoauthorOrderField, required: true, description: 'The sort key.' }),
    direction: t.field({ type: OrderDirection, required: true, defaultValue: 'DESC', description: 'The direction.' }),
  }),
});

const AuthorOrderField = builder.enumType('AuthorOrderField', {
  description: 'What to sort authors by; the author id breaks ties.',
  values: {
    NAME: { description: 'Name, alphabetically (accents ignored).' },
    PAPER_COUNT: { description: 'Number of papers in this database.' },
    UPDATED_AT: { description: 'When an import last inserted or changed the author (`Author.updatedAt`), exact to the microsecond.' },
  } as const,
});

const AuthorOrder = builder.inputType('AuthorOrder', {
  description: 'Ordering of authors.',
  fields: (t) => ({
    field: t.field({ type: AuthorOrderField, required: true, description: 'The sort key.' }),
    direction: t.field({ type: OrderDirection, required: true, defaultValue: 'ASC', description: 'The direction.' }),
  }),
});

builder.node(AuthorRef, {
  description: 'A person who wrote papers.',
  id: rowNodeId,
  loadMany: (ids, ctx) => loadAll(ctx.loaders.author, ids),
  fields: (t) => ({
    name: t.exposeString('displayName', { description: 'Name as written by the source.' }),
    affiliation: t.exposeString('affiliation', { nullable: true, description: 'Current affiliation, when known.' }),
    orcid: t.exposeString('orcid', { nullable: true, description: 'ORCID iD, when known.' }),
    paperCount: t.exposeInt('paperCount', { description: 'Papers in this database the author wrote.' }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description:
        'When an import last inserted or changed the author: name, ids, affiliation, reported metrics, or paper count. Exact to the microsecond; an import that changes nothing leaves it as it is.',
    }),
    papers: t.connection(
      {
        type: PaperRef,
        description: "The author's papers, newest first unless ordered otherwise.",
        args: { orderBy: t.arg({ type: PaperOrder, description: 'Ordering; newest first by default.' }) },
        resolve: (author, args, ctx, info) => resolvePaperList(ctx, 'Author.papers', papersOfAuthor, [author.id], args, info),
      },
      { name: 'AuthorPaperConnection', description: 'A page of the papers of an author.' },
      {
        name: 'AuthorPaperEdge',
        description: "A paper of an author, with the author's place on it.",
        fields: (te) => ({
          position: te.int({
            nullable: true,
            description: "1-based place in the paper's author list; null when the source hid it.",
            resolve: (edge) => (edge.extras.position as number | null) ?? null,
          }),
          affiliation: te.string({
            nullable: true,
            description: "The author's affiliation on this paper, when known.",
            resolve: (edge) => (edge.extras.affiliation as string | null) ?? null,
          }),
        }),
      },
    ),
    coauthors: t.connection(
      {
        type: AuthorRef,
        description: 'Everyone who wrote a paper with this author, most shared papers first by default.',
        args: {
          orderBy: t.arg({ type: CoauthorOrder, description: 'Ordering; most shared papers first.' }),
          filter: t.arg({ type: CoauthorFilter, description: 'Conditions every coauthor must meet.' }),
        },
        resolve: async (author, args, ctx, info) => {
          const filter = { minPapers: args.filter?.minPapers ?? undefined, sinceYear: args.filter?.sinceYear ?? undefined };
          if (filter.minPapers != null && filter.minPapers < 1) {
            throw badInput('"filter.minPapers" must be 1 or more.', 'filter.minPapers');
          }
          const field = args.orderBy?.field ?? 'PAPER_COUNT';
          const direction = args.orderBy?.direction ?? 'DESC';
          const connection = await resolvePagedConnection(ctx, {
            name: `Author.coauthors${JSON.stringify(filter)}`,
            relation: coauthorsOf(field, filter),
            parent: [author.id],
            args,
            orderTag: `${field}:${direction}`,
            descending: direction === 'DESC',
            nodeLoader: ctx.loaders.author,
            nodeType: 'Author',
            info,
          });
          // Each edge also knows the center (for its shared papers); its cursor stays encoded on demand.
          const edges = connection.edges.map((e) => ({ get cursor() { return e.cursor; }, node: e.node, extras: e.extras, centerId: author.id }));
          return { ...connection, edges };
        },
      },
      { name: 'CoauthorConnection', description: 'A page of the coauthors of an author.' },
      {
        name: 'CoauthorEdge',
        description: 'A coauthor and the collaboration: how many papers, over which years.',
        fields: (te) => ({
          paperCount: te.int({ description: 'Papers the two wrote together.', resolve: (e) => Number(e.extras.paper_count) }),
          firstYear: te.int({
            nullable: true,
            description: 'Year of their first shared paper.',
            resolve: (e) => (e.extras.first_year as number | null) ?? null,
          }),
          lastYear: te.int({
            nullable: true,
            description: 'Year of their latest shared paper.',
            resolve: (e) => (e.extras.last_year as number | null) ?? null,
          }),
          sharedPapers: te.connection(
            {
              type: PaperRef,
              description: 'The papers the two wrote together, newest first by default.',
              args: { orderBy: te.arg({ type: PaperOrder, description: 'Ordering; newest first by default.' }) },
              resolve: (edge, args, ctx, info) =>
                resolvePaperList(ctx, 'CoauthorEdge.sharedPapers', papersOfAuthorPair, [edge.centerId, edge.node.id], args, info),
            },
            { name: 'SharedPaperConnection', description: 'A page of the papers two authors wrote together.' },
            { name: 'SharedPaperEdge', description: 'A paper two authors wrote together.' },
          ),
        }),
      },
    ),
    venues: t.field({
      type: [AuthorVenueRef],
      description: 'Venues the author published at, most papers first.',
      resolve: async (author, _args, ctx) =>
        (await ctx.loaders.venueCountsOfAuthor.load(author.id)).map((r) => ({ item: r.venueId, paperCount: r.paperCount })),
    }),
    reportedMetrics: t.field({
      type: ReportedMetricsRef,
      nullable: true,
      description: 'What a source reported about this author (h-index, citations…), kept apart from computed figures.',
      resolve: (author) => author.reportedMetrics ?? null,
    }),
  }),
});

builder.queryFields((t) => ({
  author: t.field({
    type: AuthorRef,
    nullable: true,
    description: 'One author by ID; null when there is none.',
    args: { id: t.arg.id({ required: true, description: 'The global ID of an Author.' }) },
    resolve: (_root, args, ctx, info) => loadWithPages(ctx, 'Author', decodeIdOf('Author', args.id), ctx.loaders.author, AUTHOR_BY_ID, info),
  }),
  authors: t.connection(
    {
      type: AuthorRef,
      description: 'Authors, optionally narrowed by name; by most papers when searching, else by name.',
      args: {
        search: t.arg.string({
          description: 'Words the name must contain, ignoring case and accents ("daume" finds "Daumé"). Not empty.',
        }),
        orderBy: t.arg({ type: AuthorOrder, description: 'Ordering; most papers first when searching, else by name.' }),
        updatedSince: t.arg({
          type: 'DateTime',
          description:
            'Only authors inserted or changed by an import strictly after this instant (see `Author.updatedAt`); pass the latest `updatedAt` seen to pull what changed since.',
        }),
      },
      resolve: (_root, args, ctx, info) => {
        const search = checkSearch(args.search, 'search');
        const tokens = search ? nameSearchTokens(search, 'search') : [];
        const updatedSince = args.updatedSince ?? undefined;
        const field = args.orderBy?.field ?? (search ? 'PAPER_COUNT' : 'NAME');
        const direction = args.orderBy?.direction ?? (field === 'PAPER_COUNT' ? 'DESC' : 'ASC');
        return resolvePagedConnection(ctx, {
          name: `Query.authors${JSON.stringify(tokens)}${updatedSince ?? ''}`,
          relation: matchingAuthors(field, tokens, updatedSince),
          parent: [],
          args,
          orderTag: `${field}:${direction}`,
          descending: direction === 'DESC',
          nodeLoader: ctx.loaders.author,
          nodeType: 'Author',
          info,
        });
      },
    },
    { name: 'AuthorConnection', description: 'A page of authors.' },
    { name: 'AuthorEdge', description: 'An author in a list.' },
  ),
}));
