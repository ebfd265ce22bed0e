/**
 * `citationGraph`: the citation network among a set of papers (given by IDs or the paper filter), with
 * co-citation and bibliographic-coupling weights on request. Computed from the in-memory paper facts
 * (src/networks/citation-network.ts); SQL only resolves a filter to its papers and fetches the papers shown.
 */
import { sortedIndexOf } from '../src/sorted-ids.js';
import { clientError } from '../src/errors.js';
import { citationNetwork, type CitationEdgeKind } from '../src/networks/citation-network.js';
import { lazyCommunities, type Communities } from '../src/networks/communities.js';
import { graphFigures, mergeParallelEdges } from '../src/networks/graph-figures.js';
import type { PaperFacts } from '../src/metrics/paper-facts.js';
import { builder } from './builder.js';
import { NetworkFigures, networkFigures, type NetworkFiguresShape } from './network-figures.js';
import { encodeGlobalID } from './global-id.js';
import { checkIntRange } from './int-argument.js';
import { decodeIdList, exactlyOne, MAX_NETWORK_NODES, papersOfFilter, unknownIds } from './network-arguments.js';
import { PaperFilterInput, parsePaperFilter } from './paper-filter.js';
import { PaperRef } from './refs.js';

interface NodeShape {
  paperId: string;
  paper: number;
  year: number | null;
  inDegree: number;
  outDegree: number;
  component: number;
  /** The node's index, for its community. */
  index: number;
  communities: () => Communities;
}
interface EdgeShape {
  source: string;
  target: string;
  kind: CitationEdgeKind;
  weight: number;
}
interface FiguresShape extends NetworkFiguresShape {
  citationCount: number;
  coCitationCount: number;
  couplingCount: number;
}

export const CitationEdgeKindEnum = builder.enumType('CitationEdgeKind', {
  description: 'What links two papers of a citation graph.',
  values: {
    CITES: { description: '`source` cites `target` (weight 1).' },
    CO_CITATION: { description: 'Papers anywhere cite both (weight: how many); `source` is the paper listed first in `nodes`.' },
    COUPLING: { description: 'Both cite the same papers, bibliographic coupling (weight: how many references they share); `source` is the paper listed first in `nodes`.' },
  } as const,
});

const CitationNode = builder.objectRef<NodeShape>('CitationNode').implement({
  description: 'A paper of a citation graph, with its place in it. A part of its graph, not an object of its own: it has no `id`.',
  fields: (t) => ({
    paperId: t.exposeID('paperId', { complexity: 0, description: "The paper's global ID (the same as `paper.id`): the key edges name in `source` and `target`." }),
    paper: t.field({ type: PaperRef, description: 'The paper.', resolve: (n, _a, ctx) => ctx.loaders.paper.load(n.paper).then((p) => p!) }),
    year: t.exposeInt('year', { complexity: 0, nullable: true, description: 'Year of the paper; null when unknown.' }),
    inDegree: t.exposeInt('inDegree', { complexity: 0, description: 'Papers of the graph citing this one.' }),
    outDegree: t.exposeInt('outDegree', { complexity: 0, description: 'Papers of the graph this one cites.' }),
    component: t.exposeInt('component', { complexity: 0,
      description: 'Index of the connected component holding the node over all edges returned, direction ignored: 0 is the largest (ties: the one with the earliest node).',
    }),
    community: t.int({ complexity: 0, description: 'Louvain community over all edges returned (direction ignored, weights summed; seeded, so stable): 0 is the largest.', resolve: (n) => n.communities().community[n.index]! }),
  }),
});

const CitationEdge = builder.objectRef<EdgeShape>('CitationEdge').implement({
  description: 'A link between two papers of a citation graph.',
  fields: (t) => ({
    source: t.exposeID('source', { complexity: 0, description: 'The `paperId` of one node: the citing paper for CITES.' }),
    target: t.exposeID('target', { complexity: 0, description: 'The `paperId` of the other node: the cited paper for CITES.' }),
    kind: t.field({ type: CitationEdgeKindEnum, complexity: 0, description: 'What links them.', resolve: (e) => e.kind }),
    weight: t.exposeInt('weight', { complexity: 0, description: 'Strength of the link: 1 for CITES, the shared citing papers or references otherwise.' }),
  }),
});

const CitationFigures = builder.objectRef<FiguresShape>('CitationFigures').implement({
  description: 'Figures of a whole citation graph (nodes are papers; components and communities over the edges returned).',
  interfaces: [NetworkFigures],
  isTypeOf: (f) => 'citationCount' in (f as object),
  fields: (t) => ({
    citationCount: t.exposeInt('citationCount', { description: 'Citations between papers of the graph (whether or not CITES edges were asked for).' }),
    coCitationCount: t.exposeInt('coCitationCount', { description: 'CO_CITATION edges returned.' }),
    couplingCount: t.exposeInt('couplingCount', { description: 'COUPLING edges returned.' }),
    density: t.exposeFloat('density', { description: 'Citations over possible ordered pairs, n(n-1); 0 below two papers.' }),
  }),
});

const CitationGraph = builder.objectRef<{ nodes: NodeShape[]; edges: EdgeShape[]; figures: FiguresShape }>('CitationGraph').implement({
  description: 'The citation network among a set of papers: nodes, edges and figures, flat for graph tools and exports.',
  fields: (t) => ({
    nodes: t.field({ type: [CitationNode], description: 'Every paper of the set, in the order given (by ID ascending for a filter).', resolve: (g) => g.nodes }),
    edges: t.field({ type: [CitationEdge], description: 'The edges of the kinds asked for: CITES first, then CO_CITATION, then COUPLING.', resolve: (g) => g.edges }),
    figures: t.field({ type: CitationFigures, description: 'Figures of the whole graph.', resolve: (g) => g.figures }),
  }),
});


builder.queryFields((t) => ({
  citationGraph: t.field({
    type: CitationGraph,
    description: `The citation network among exactly the papers given (by IDs or by the paper filter, at most ${MAX_NETWORK_NODES}), with co-citation and coupling weights on request.`,
    args: {
      paperIds: t.arg.idList({ description: `The papers (at most ${MAX_NETWORK_NODES}). Give this or \`filter\`.` }),
      filter: t.arg({ type: PaperFilterInput, description: `The papers matching this filter (at most ${MAX_NETWORK_NODES}). Give this or \`paperIds\`.` }),
      kinds: t.arg({
        type: [CitationEdgeKindEnum],
        defaultValue: ['CITES'],
        description: 'The kinds of edges to return (at least one).',
      }),
      minWeight: t.arg.int({ defaultValue: 1, description: 'Only CO_CITATION and COUPLING edges of at least this weight (1 to 1000000).' }),
    },
    resolve: async (_root, args, ctx) => {
      exactlyOne(args.paperIds, args.filter, ['paperIds', 'filter']);
      const kinds = new Set<CitationEdgeKind>(args.kinds ?? ['CITES']);
      if (kinds.size === 0) throw clientError('BAD_USER_INPUT', '"kinds" must name at least one kind of edge.', { argument: 'kinds' });
      const minWeight = checkIntRange(args.minWeight ?? 1, 1, 1_000_000, 'minWeight');
      const given = args.paperIds ? decodeIdList('Paper', args.paperIds, 'paperIds') : undefined;
      const filter = args.filter ? parsePaperFilter(args.filter) : undefined;
      return ctx.scope.heavy(async () => {
        const facts = await ctx.paperFacts.current();
        const paperIds = given ? given.ids : await papersOfFilter(ctx, filter!);
        // Every paper is in the facts (they hold all papers), so one missing is no paper at all.
        const dense = paperIds.map((id) => sortedIndexOf(facts.paperIds, id));
        const missing = given ? dense.flatMap((d, i) => (d < 0 ? [given.globalIds[i]!] : [])) : [];
        if (missing.length) throw unknownIds('Paper', 'paperIds', missing);
        ctx.scope.signal.throwIfAborted();
        const network = citationNetwork(facts, dense, { kinds, minWeight });
        const weighted = [...network.cites.map((e) => ({ ...e, weight: 1 })), ...network.coCitation, ...network.coupling];
        const figures = graphFigures(paperIds.length, weighted);
        const communities = lazyCommunities(paperIds.length, () => mergeParallelEdges(weighted));
        const globalIds = paperIds.map((id) => encodeGlobalID('Paper', id));
        const n = paperIds.length;
        const citationCount = network.inDegree.reduce((s, d) => s + d, 0);
        return {
          nodes: paperIds.map((paper, i) => ({
            paperId: globalIds[i]!,
            paper,
            year: facts.yearOf(dense[i]!),
            inDegree: network.inDegree[i]!,
            outDegree: network.outDegree[i]!,
            component: figures.component[i]!,
            index: i,
            communities,
          })),
          edges: [
            ...network.cites.map((e) => ({ source: globalIds[e.a]!, target: globalIds[e.b]!, kind: 'CITES' as const, weight: 1 })),
            ...network.coCitation.map((e) => ({ source: globalIds[e.a]!, target: globalIds[e.b]!, kind: 'CO_CITATION' as const, weight: e.weight })),
            ...network.coupling.map((e) => ({ source: globalIds[e.a]!, target: globalIds[e.b]!, kind: 'COUPLING' as const, weight: e.weight })),
          ],
          figures: {
            // Citations over possible ordered pairs: a citation graph is directed.
            ...networkFigures(n, weighted.length, n > 1 ? citationCount / (n * (n - 1)) : 0, figures, communities),
            citationCount,
            coCitationCount: network.coCitation.length,
            couplingCount: network.coupling.length,
          },
        };
      });
    },
  }),
}));
