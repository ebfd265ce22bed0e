/**
 * `collaborationGraph` as a file: the authors of the set are nodes (by `authorId`), pairs sharing papers in
 * the window undirected edges weighted by those papers, and the whole graph's figures as graph scalars.
 * The Louvain community is VOSviewer's cluster (largest first, so the first 1,000 communities get one).
 */
import type { NetworkExport, NetworkFiguresAnswer } from '../network-registration.js';

interface CollaborationGraphAnswer {
  nodes: { authorId: string; author: { name: string }; paperCount: number; degree: number; weightedDegree: number; component: number; community: number }[];
  edges: { source: string; target: string; paperCount: number; firstYear: number | null; lastYear: number | null }[];
  figures: NetworkFiguresAnswer & { meanPapersPerEdge: number | null };
}

export const collaborationGraphExport: NetworkExport<CollaborationGraphAnswer> = {
  field: 'collaborationGraph',
  document: /* GraphQL */ `
    query CollaborationGraphExport($authorIds: [ID!], $authorFilter: AuthorSetFilter, $yearFrom: Int, $yearTo: Int, $minPapers: Int) {
      collaborationGraph(authorIds: $authorIds, authorFilter: $authorFilter, yearFrom: $yearFrom, yearTo: $yearTo, minPapers: $minPapers) {
        nodes { authorId author { name } paperCount degree weightedDegree component community }
        edges { source target paperCount firstYear lastYear }
        figures { nodeCount edgeCount density componentCount largestComponentSize isolatedShare meanPapersPerEdge communityCount modularity }
      }
    }
  `,
  directed: false,
  graphAttributes: [
    { name: 'nodeCount', type: 'int', description: 'Authors in the graph.' },
    { name: 'edgeCount', type: 'int', description: 'Edges in the graph.' },
    { name: 'density', type: 'double', description: 'Edges over possible pairs of authors, n(n-1)/2.' },
    { name: 'componentCount', type: 'int', description: 'Connected components (an isolated author is one).' },
    { name: 'largestComponentSize', type: 'int', description: 'Authors in the largest connected component.' },
    { name: 'isolatedShare', type: 'double', description: 'Share of authors without any edge.' },
    { name: 'meanPapersPerEdge', type: 'double', description: 'Mean shared papers per edge; empty without edges.' },
    { name: 'communityCount', type: 'int', description: 'Louvain communities (an isolated author is one).' },
    { name: 'modularity', type: 'double', description: 'Weighted modularity of the communities; empty without edges.' },
  ],
  nodeAttributes: [
    { name: 'paperCount', type: 'int', description: "The author's papers inside the year window.", vosviewer: 'weight' },
    { name: 'degree', type: 'int', description: 'Coauthors in the graph.', vosviewer: 'weight' },
    { name: 'weightedDegree', type: 'int', description: 'Sum of the weights of the edges of the node.', vosviewer: 'weight' },
    { name: 'component', type: 'int', description: 'Connected component, 0 for the largest.' },
    { name: 'community', type: 'int', description: 'Louvain community, 0 for the largest (VOSviewer cluster `community + 1`).' },
  ],
  edgeAttributes: [
    { name: 'firstYear', type: 'int', description: 'Year of their first shared paper in the window.' },
    { name: 'lastYear', type: 'int', description: 'Year of their latest shared paper in the window.' },
  ],
  weight: { type: 'int', description: 'Papers the two authors share inside the window.' },
  flatten: (answer) => ({
    graph: { ...answer.figures },
    nodes: answer.nodes.map((n) => ({
      id: n.authorId,
      label: n.author.name,
      cluster: n.community + 1,
      attributes: { paperCount: n.paperCount, degree: n.degree, weightedDegree: n.weightedDegree, component: n.component, community: n.community },
    })),
    edges: answer.edges.map((e) => ({ source: e.source, target: e.target, weight: e.paperCount, attributes: { firstYear: e.firstYear, lastYear: e.lastYear } })),
  }),
};
