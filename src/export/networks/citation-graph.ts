/**
 * `citationGraph` as a file: the papers of the set are nodes (by `paperId`), labelled by title. The file is
 * directed, because a citation is: a CITES edge runs from the citing paper to the cited one. CO_CITATION
 * and COUPLING edges are symmetric; they are written once each, from the node listed first (as `source` in
 * GraphQL), and their `kind` attribute says so: a reader drops their direction (or keeps only CITES edges).
 * A citation and a similarity between the same two papers are two parallel edges of different `kind`.
 */
import type { NetworkExport, NetworkFiguresAnswer } from '../network-registration.js';

interface CitationGraphAnswer {
  nodes: { paperId: string; paper: { title: string }; year: number | null; inDegree: number; outDegree: number; component: number; community: number }[];
  edges: { source: string; target: string; kind: string; weight: number }[];
  figures: NetworkFiguresAnswer & { citationCount: number; coCitationCount: number; couplingCount: number };
}

export const citationGraphExport: NetworkExport<CitationGraphAnswer> = {
  field: 'citationGraph',
  document: /* GraphQL */ `
    query CitationGraphExport($paperIds: [ID!], $filter: PaperFilter, $kinds: [CitationEdgeKind!], $minWeight: Int) {
      citationGraph(paperIds: $paperIds, filter: $filter, kinds: $kinds, minWeight: $minWeight) {
        nodes { paperId paper { title } year inDegree outDegree component community }
        edges { source target kind weight }
        figures { nodeCount edgeCount citationCount coCitationCount couplingCount density componentCount largestComponentSize isolatedShare communityCount modularity }
      }
    }
  `,
  directed: true,
  graphAttributes: [
    { name: 'nodeCount', type: 'int', description: 'Papers in the graph.' },
    { name: 'edgeCount', type: 'int', description: 'Edges in the file, of every kind asked for.' },
    { name: 'citationCount', type: 'int', description: 'Citations between papers of the graph (whether or not CITES edges were asked for).' },
    { name: 'coCitationCount', type: 'int', description: 'CO_CITATION edges.' },
    { name: 'couplingCount', type: 'int', description: 'COUPLING edges.' },
    { name: 'density', type: 'double', description: 'Citations over possible ordered pairs, n(n-1).' },
    { name: 'componentCount', type: 'int', description: 'Connected components over the edges, direction ignored.' },
    { name: 'largestComponentSize', type: 'int', description: 'Papers in the largest component.' },
    { name: 'isolatedShare', type: 'double', description: 'Share of papers without any edge.' },
    { name: 'communityCount', type: 'int', description: 'Louvain communities over the edges, direction ignored.' },
    { name: 'modularity', type: 'double', description: 'Weighted modularity of the communities; empty without edges.' },
  ],
  nodeAttributes: [
    { name: 'year', type: 'int', description: 'Year of the paper, when known.', vosviewer: 'score' },
    { name: 'inDegree', type: 'int', description: 'Papers of the graph citing this one.', vosviewer: 'weight' },
    { name: 'outDegree', type: 'int', description: 'Papers of the graph this one cites.', vosviewer: 'weight' },
    { name: 'component', type: 'int', description: 'Connected component, 0 for the largest.' },
    { name: 'community', type: 'int', description: 'Louvain community, 0 for the largest (VOSviewer cluster `community + 1`).' },
  ],
  edgeAttributes: [
    {
      name: 'kind',
      type: 'string',
      description: 'CITES (source cites target), CO_CITATION or COUPLING (symmetric: written once, from the node listed first).',
    },
  ],
  weight: { type: 'int', description: '1 for CITES; the papers citing both (CO_CITATION) or the references both share (COUPLING).' },
  flatten: (answer) => ({
    graph: { ...answer.figures },
    nodes: answer.nodes.map((n) => ({
      id: n.paperId,
      label: n.paper.title,
      cluster: n.community + 1,
      attributes: { year: n.year, inDegree: n.inDegree, outDegree: n.outDegree, component: n.component, community: n.community },
    })),
    edges: answer.edges.map((e) => ({ source: e.source, target: e.target, weight: e.weight, attributes: { kind: e.kind } })),
  }),
};
