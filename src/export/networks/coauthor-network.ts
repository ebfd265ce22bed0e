/** `coauthorNetwork` as a file: authors are nodes, ties edges weighted by shared papers. */
import type { NetworkExport } from '../network-registration.js';

interface CoauthorNetworkAnswer {
  truncated: boolean;
  center: { id: string };
  nodes: { authorId: string; distance: number; author: { name: string; paperCount: number; affiliation: string | null } }[];
  edges: { source: string; target: string; paperCount: number; firstYear: number | null; lastYear: number | null }[];
}

export const coauthorNetworkExport: NetworkExport<CoauthorNetworkAnswer> = {
  field: 'coauthorNetwork',
  document: /* GraphQL */ `
    query CoauthorNetworkExport($authorId: ID!, $depth: Int, $minPapers: Int, $limit: Int) {
      coauthorNetwork(authorId: $authorId, depth: $depth, minPapers: $minPapers, limit: $limit) {
        truncated
        center { id }
        nodes { authorId distance author { name paperCount affiliation } }
        edges { source target paperCount firstYear lastYear }
      }
    }
  `,
  directed: false,
  graphAttributes: [
    { name: 'center', type: 'string', description: 'Global ID of the author at the center.' },
    { name: 'truncated', type: 'boolean', description: 'True when the network was larger than `limit` and was cut.' },
  ],
  nodeAttributes: [
    { name: 'distance', type: 'int', description: 'Hops from the center (0 for the center).', vosviewer: 'score' },
    { name: 'paperCount', type: 'int', description: "The author's papers (all of them, not only shared ones).", vosviewer: 'weight' },
    { name: 'affiliation', type: 'string', description: "The author's affiliation, when known." },
  ],
  edgeAttributes: [
    { name: 'firstYear', type: 'int', description: 'Year of their first shared paper.' },
    { name: 'lastYear', type: 'int', description: 'Year of their latest shared paper.' },
  ],
  weight: { type: 'int', description: 'Papers the two authors wrote together.' },
  flatten: (answer) => ({
    graph: { center: answer.center.id, truncated: answer.truncated },
    nodes: answer.nodes.map((n) => ({
      id: n.authorId,
      label: n.author.name,
      // Rings around the center: VOSviewer colours clusters, and distance is this network's grouping.
      cluster: n.distance + 1,
      attributes: { distance: n.distance, paperCount: n.author.paperCount, affiliation: n.author.affiliation },
    })),
    edges: answer.edges.map((e) => ({
      source: e.source,
      target: e.target,
      weight: e.paperCount,
      attributes: { firstYear: e.firstYear, lastYear: e.lastYear },
    })),
  }),
};
