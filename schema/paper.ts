/** The Paper type and the root fields that return papers. */
import { authorsOfPaper } from '../db/queries/author-pages.js';
import {
  citingPapersOf,
  filteredPapers,
  paperById,
  referencesOfPaper,
  type PaperFilter,
} from '../db/queries/paper-pages.js';
import type { GraphQLResolveInfo } from 'graphql';
import type { ConnectionArgs } from '../src/connections/page-request.js';
import type { Context } from '../src/context.js';
import { isPresent, loadAll } from '../src/loaders/by-key.js';
import { badInput } from '../src/errors.js';
import { builder } from './builder.js';
import { decodeIdOf } from './global-id.js';
import { PaperFilterInput, parsePaperFilter } from './paper-filter.js';
import { PaperOrder, resolvePaperOrder, type PaperOrderShape, type PaperRelationFactory } from './paper-order.js';
import { resolvePagedConnection } from './paged-connection.js';
import { loadWithPages, planConnection } from './page-plan.js';
import { AuthorRef, PaperRef, TopicRef, VenueRef } from './refs.js';
import { rowNodeId } from './sync-node-ids.js';

/** These relations have no arguments: one object serves every request. */
const AUTHORS_OF_PAPER = authorsOfPaper();
const PAPER_BY_ID = paperById();

const AUTHORS_ORDER = 'POSITION:ASC';

planConnection('Paper', 'authors', () => ({
  name: 'Paper.authors',
  relation: AUTHORS_OF_PAPER,
  orderTag: AUTHORS_ORDER,
  descending: false,
  nodeType: 'Author',
}));

/** How a connection of papers under one parent plans its first page (see page-plan.ts). */
export function planPaperList(type: string, field: string, factory: PaperRelationFactory): void {
  planConnection(type, field, (args) => {
    const order = resolvePaperOrder((args as { orderBy?: PaperOrderShape | null }).orderBy, undefined);
    return { name: `${type}.${field}`, relation: factory({ field: order.field }), orderTag: order.tag, descending: order.descending, nodeType: 'Paper' };
  });
}

planPaperList('Paper', 'references', referencesOfPaper);
planPaperList('Paper', 'citedBy', citingPapersOf);

/** Resolve a paged list of papers under a parent (or the root list when `parent` is empty). */
export function resolvePaperList(
  ctx: Context,
  name: string,
  factory: PaperRelationFactory,
  parent: number[],
  args: ConnectionArgs & { orderBy?: PaperOrderShape | null },
  info: GraphQLResolveInfo,
  filter?: PaperFilter,
) {
  const order = resolvePaperOrder(args.orderBy, filter);
  return resolvePagedConnection(ctx, {
    name: filter ? `${name}${JSON.stringify(filter)}` : name,
    relation: factory({ field: order.field, filter }),
    parent,
    args,
    orderTag: order.tag,
    descending: order.descending,
    nodeLoader: ctx.loaders.paper,
    heavy: filter?.search != null,
    info,
    nodeType: 'Paper',
  });
}

builder.node(PaperRef, {
  description: 'A scholarly work: article, conference paper or preprint.',
  id: rowNodeId,
  loadMany: (ids, ctx) => loadAll(ctx.loaders.paper, ids),
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Title as the source gives it.' }),
    abstract: t.exposeString('abstract', { nullable: true, description: 'Abstract, when the source has one.' }),
    publishedAt: t.expose('publishedAt', {
      type: 'Date',
      nullable: true,
      description: 'Publication date; null when only the year is known.',
    }),
    year: t.exposeInt('year', { nullable: true, description: 'Publication year.' }),
    venue: t.field({
      type: VenueRef,
      nullable: true,
      description: 'Where it was published; null for unpublished preprints or when unknown.',
      // Fetched with the paper (entities.ts).
      resolve: (paper) => paper.venue,
    }),
    authors: t.connection(
      {
        type: AuthorRef,
        description: 'The authors in author order; authors whose position the source hid come last.',
        resolve: (paper, args, ctx, info) =>
          resolvePagedConnection(ctx, {
            name: 'Paper.authors',
            relation: AUTHORS_OF_PAPER,
            parent: [paper.id],
            args,
            orderTag: AUTHORS_ORDER,
            descending: false,
            nodeLoader: ctx.loaders.author,
            info,
            nodeType: 'Author',
          }),
      },
      { name: 'PaperAuthorConnection', description: 'A page of the authors of a paper.' },
      {
        name: 'PaperAuthorEdge',
        description: 'An author of a paper, with their place on it.',
        fields: (te) => ({
          position: te.int({
            nullable: true,
            description: '1-based place in the author list; null when the source hid it behind "et al.".',
            resolve: (edge) => (edge.extras.position as number | null) ?? null,
          }),
          affiliation: te.string({
            nullable: true,
            description: "The author's affiliation at the time of this paper, when known.",
            resolve: (edge) => (edge.extras.affiliation as string | null) ?? null,
          }),
        }),
      },
    ),
    authorListComplete: t.exposeBoolean('authorListComplete', {
      description: 'False when the source listed only some authors ("et al."); `authors` then holds only those known.',
    }),
    topics: t.field({
      type: [TopicRef],
      description: 'Topics the paper is filed under, primary first.',
      resolve: async (paper, _args, ctx) => {
        const links = await ctx.loaders.topicLinksOfPaper.load(paper.id);
        return (await loadAll(ctx.loaders.topic, links.map((l) => l.topicId))).filter(isPresent);
      },
    }),
    primaryTopic: t.field({
      type: TopicRef,
      nullable: true,
      description: 'The main topic, when the source names one.',
      resolve: async (paper, _args, ctx) => {
        const primary = (await ctx.loaders.topicLinksOfPaper.load(paper.id)).find((l) => l.isPrimary);
        return primary ? ctx.loaders.topic.load(primary.topicId) : null;
      },
    }),
    codeUrl: t.exposeString('codeUrl', { nullable: true, description: 'Link to the code, when published.' }),
    hasCode: t.exposeBoolean('hasCode', {
      description: 'Whether code is available (true even when the source gives no link).',
    }),
    doi: t.exposeString('doi', { nullable: true, description: 'DOI, lower-case, without a resolver prefix.' }),
    arxivId: t.exposeString('arxivId', { nullable: true, description: 'arXiv identifier, e.g. `2406.13629`.' }),
    aclId: t.exposeString('aclId', { nullable: true, description: 'ACL Anthology identifier, e.g. `P10-1001`.' }),
    citationCount: t.exposeInt('citationCount', {
      description: 'Times cited: the count the source reported when it has one, else citations within this database.',
    }),
    reportedCitationCount: t.exposeInt('reportedCitationCount', {
      nullable: true,
      description: 'The citation count the source reported, if any.',
    }),
    citedByCount: t.exposeInt('citedByCount', { description: 'Papers in this database that cite this one.' }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description:
        'When an import last inserted or changed the paper: its own fields, its authors or topics, the papers it cites, or its cited-by count. Exact to the microsecond; an import that changes nothing leaves it as it is.',
    }),
    references: t.connection(
      {
        type: PaperRef,
        description: 'Papers in this database that this paper cites.',
        args: { orderBy: t.arg({ type: PaperOrder, description: 'Ordering; newest first by default.' }) },
        resolve: (paper, args, ctx, info) => resolvePaperList(ctx, 'Paper.references', referencesOfPaper, [paper.id], args, info),
      },
      { name: 'PaperReferenceConnection', description: 'A page of the papers a paper cites.' },
      { name: 'PaperReferenceEdge', description: 'A cited paper.' },
    ),
    citedBy: t.connection(
      {
        type: PaperRef,
        description: 'Papers in this database that cite this paper.',
        args: { orderBy: t.arg({ type: PaperOrder, description: 'Ordering; newest first by default.' }) },
        resolve: (paper, args, ctx, info) => resolvePaperList(ctx, 'Paper.citedBy', citingPapersOf, [paper.id], args, info),
      },
      { name: 'PaperCitationConnection', description: 'A page of the papers citing a paper.' },
      { name: 'PaperCitationEdge', description: 'A citing paper.' },
    ),
  }),
});

builder.queryFields((t) => ({
  paper: t.field({
    type: PaperRef,
    nullable: true,
    description: 'One paper, by exactly one of: ID, DOI or arXiv id. Null when there is none.',
    args: {
      id: t.arg.id({ description: 'The global ID.' }),
      doi: t.arg.string({ description: 'A DOI, with or without `https://doi.org/`; case does not matter.' }),
      arxivId: t.arg.string({ description: 'An arXiv id, e.g. `2406.13629` (a version suffix is ignored).' }),
    },
    resolve: async (_root, args, ctx, info) => {
      const given = [args.id, args.doi, args.arxivId].filter((v) => v != null);
      if (given.length !== 1) throw badInput('Pass exactly one of "id", "doi" or "arxivId".', 'id');
      if (args.id != null) {
        return loadWithPages(ctx, 'Paper', decodeIdOf('Paper', args.id), ctx.loaders.paper, PAPER_BY_ID, info);
      }
      if (args.doi != null) {
        const doi = args.doi.trim().replace(/^https?:\/\/(dx\.)?doi\.org\//i, '').replace(/^doi:/i, '').toLowerCase();
        if (!doi.startsWith('10.')) throw badInput(`"${args.doi}" is not a DOI (they start with "10.").`, 'doi');
        return ctx.loaders.paperByDoi.load(doi);
      }
      const arxivId = args.arxivId!.trim().replace(/^arxiv:/i, '').replace(/v\d+$/, '');
      if (arxivId === '') throw badInput('"arxivId" must not be empty.', 'arxivId');
      return ctx.loaders.paperByArxivId.load(arxivId);
    },
  }),
  papers: t.connection(
    {
      type: PaperRef,
      description: 'Papers matching a filter; by relevance when searching, else newest first.',
      args: {
        filter: t.arg({ type: PaperFilterInput, description: 'Conditions every paper must meet.' }),
        orderBy: t.arg({ type: PaperOrder, description: 'Ordering; relevance when searching, else newest first.' }),
      },
      resolve: (_root, args, ctx, info) => {
        const filter = parsePaperFilter(args.filter);
        return resolvePaperList(ctx, 'Query.papers', filteredPapers, [], args, info, filter);
      },
    },
    { name: 'PaperConnection', description: 'A page of papers.' },
    { name: 'PaperEdge', description: 'A paper in a list.' },
  ),
}));
