/**
 * `collaborationGraph`: the coauthor network induced by a set of authors (given by IDs or a filter), with
 * components, Louvain communities and whole-network figures. Computed from the in-memory paper facts
 * (src/networks/); SQL only resolves a filter to its authors and fetches the authors shown.
 */
import { collaborationNetwork } from '../src/networks/collaboration-network.js';
import { lazyCommunities, type Communities } from '../src/networks/communities.js';
import { graphFigures } from '../src/networks/graph-figures.js';
import { builder } from './builder.js';
import { NetworkFigures, networkFigures, type NetworkFiguresShape } from './network-figures.js';
import { encodeGlobalID } from './global-id.js';
import { checkIntRange } from './int-argument.js';
import {
  AuthorSetFilterInput,
  authorsOfFilter,
  checkAuthorsExist,
  checkYearWindow,
  decodeIdList,
  exactlyOne,
  MAX_NETWORK_NODES,
  parseAuthorSetFilter,
} from './network-arguments.js';
import { AuthorRef } from './refs.js';

/** Flat shapes: every field a property read (answers run to thousands of nodes; see network.ts). */
interface NodeShape {
  authorId: string;
  author: number;
  paperCount: number;
  degree: number;
  weightedDegree: number;
  component: number;
  /** The node's index, for its community. */
  index: number;
  communities: () => Communities;
}
interface EdgeShape {
  source: string;
  target: string;
  paperCount: number;
  firstYear: number | null;
  lastYear: number | null;
}
interface FiguresShape extends NetworkFiguresShape {
  meanPapersPerEdge: number | null;
}

const CollaborationNode = builder.objectRef<NodeShape>('CollaborationNode').implement({
  description: 'An author of a collaboration graph, with their place in it. A part of its graph, not an object of its own: it has no `id`.',
  fields: (t) => ({
    authorId: t.exposeID('authorId', { complexity: 0, description: "The author's global ID (the same as `author.id`): the key edges name in `source` and `target`." }),
    author: t.field({ type: AuthorRef, description: 'The author.', resolve: (n, _a, ctx) => ctx.loaders.author.load(n.author).then((a) => a!) }),
    paperCount: t.exposeInt('paperCount', { complexity: 0, description: "The author's papers inside the year window (all their papers, not only those shared with the set)." }),
    degree: t.exposeInt('degree', { complexity: 0, description: 'Coauthors in the graph (edges of this node).' }),
    weightedDegree: t.exposeInt('weightedDegree', { complexity: 0, description: 'Sum of `paperCount` over the edges of this node.' }),
    component: t.exposeInt('component', { complexity: 0, description: 'Index of the connected component holding the node: 0 is the largest (ties: the one with the earliest node).' }),
    community: t.int({ complexity: 0, description: 'Louvain community of the node (seeded, so stable): 0 is the largest.', resolve: (n) => n.communities().community[n.index]! }),
  }),
});

const CollaborationEdge = builder.objectRef<EdgeShape>('CollaborationEdge').implement({
  description: 'Two authors of the graph who share papers inside the year window.',
  fields: (t) => ({
    source: t.exposeID('source', { complexity: 0, description: 'The `authorId` of one node (the one listed first in `nodes`).' }),
    target: t.exposeID('target', { complexity: 0, description: 'The `authorId` of the other node.' }),
    paperCount: t.exposeInt('paperCount', { complexity: 0, description: 'Papers the two share inside the window (at least `minPapers`).' }),
    weight: t.int({ complexity: 0, description: 'The same as `paperCount`, under the name the edges of every network share.', resolve: (e) => e.paperCount }),
    firstYear: t.exposeInt('firstYear', { complexity: 0, nullable: true, description: 'Year of their first shared paper in the window; null when none has a year.' }),
    lastYear: t.exposeInt('lastYear', { complexity: 0, nullable: true, description: 'Year of their latest shared paper in the window; null when none has a year.' }),
  }),
});

const CollaborationFigures = builder.objectRef<FiguresShape>('CollaborationFigures').implement({
  description: 'Figures of a whole collaboration graph (nodes are authors).',
  interfaces: [NetworkFigures],
  isTypeOf: (f) => 'meanPapersPerEdge' in (f as object),
  fields: (t) => ({
    density: t.exposeFloat('density', { description: 'Edges over possible pairs of authors, n(n-1)/2; 0 below two authors.' }),
    meanPapersPerEdge: t.exposeFloat('meanPapersPerEdge', { nullable: true, description: 'Mean shared papers per edge; null without edges.' }),
  }),
});

const CollaborationGraph = builder
  .objectRef<{ nodes: NodeShape[]; edges: EdgeShape[]; figures: FiguresShape }>('CollaborationGraph')
  .implement({
    description: 'The collaboration network induced by a set of authors: nodes, edges and figures, flat for graph tools and exports.',
    fields: (t) => ({
      nodes: t.field({ type: [CollaborationNode], description: 'Every author of the set, in the order given (by ID ascending for a filter).', resolve: (g) => g.nodes }),
      edges: t.field({ type: [CollaborationEdge], description: 'Every pair of the set sharing at least `minPapers` papers inside the window.', resolve: (g) => g.edges }),
      figures: t.field({ type: CollaborationFigures, description: 'Figures of the whole graph.', resolve: (g) => g.figures }),
    }),
  });

builder.queryFields((t) => ({
  collaborationGraph: t.field({
    type: CollaborationGraph,
    description: `The collaboration network among exactly the authors given (by IDs or by a filter, at most ${MAX_NETWORK_NODES}), counting the papers inside the year window.`,
    args: {
      authorIds: t.arg.idList({ description: `The authors (at most ${MAX_NETWORK_NODES}). Give this or \`authorFilter\`.` }),
      authorFilter: t.arg({ type: AuthorSetFilterInput, description: `The authors matching this filter (at most ${MAX_NETWORK_NODES}). Give this or \`authorIds\`.` }),
      yearFrom: t.arg.int({ description: 'Count papers of this year or later (then papers without a year are left out).' }),
      yearTo: t.arg.int({ description: 'Count papers of this year or earlier (then papers without a year are left out).' }),
      minPapers: t.arg.int({ defaultValue: 1, description: 'Only edges with at least this many shared papers in the window (1 to 65535).' }),
    },
    resolve: async (_root, args, ctx) => {
      exactlyOne(args.authorIds, args.authorFilter, ['authorIds', 'authorFilter']);
      const window = checkYearWindow(args.yearFrom, args.yearTo);
      const minPapers = checkIntRange(args.minPapers ?? 1, 1, 65535, 'minPapers');
      const given = args.authorIds ? decodeIdList('Author', args.authorIds, 'authorIds') : undefined;
      const filter = args.authorFilter ? parseAuthorSetFilter(args.authorFilter) : undefined;
      return ctx.scope.heavy(async () => {
        const facts = await ctx.paperFacts.current();
        let authorIds: number[];
        if (given) {
          await checkAuthorsExist(ctx, facts, given.ids, given.globalIds, 'authorIds');
          authorIds = given.ids;
        } else authorIds = await authorsOfFilter(ctx, filter!);
        ctx.scope.signal.throwIfAborted();
        const network = collaborationNetwork(facts, authorIds, window, minPapers);
        const weighted = network.ties.map((tie) => ({ a: tie.a, b: tie.b, weight: tie.papers }));
        const figures = graphFigures(authorIds.length, weighted);
        const communities = lazyCommunities(authorIds.length, () => weighted);
        const globalIds = authorIds.map((id) => encodeGlobalID('Author', id));
        return {
          nodes: authorIds.map((author, i) => ({
            authorId: globalIds[i]!,
            author,
            paperCount: network.paperCounts[i]!,
            degree: figures.degree[i]!,
            weightedDegree: figures.weightedDegree[i]!,
            component: figures.component[i]!,
            index: i,
            communities,
          })),
          edges: network.ties.map((tie) => ({
            source: globalIds[tie.a]!,
            target: globalIds[tie.b]!,
            paperCount: tie.papers,
            firstYear: tie.firstYear,
            lastYear: tie.lastYear,
          })),
          figures: {
            ...networkFigures(authorIds.length, network.ties.length, figures.density, figures, communities),
            meanPapersPerEdge: figures.meanWeight,
          },
        };
      });
    },
  }),
}));
