/**
 * `collaborationPath` as a file: the authors of the chain are nodes (`step` 0 is `from`), each hop a
 * directed edge from `from` towards `to` with the paper that links the pair. A hop is one tie, so its
 * weight is 1. No chain (or the same author twice) is a file without nodes whose graph scalars say why.
 */
import type { NetworkExport } from '../network-registration.js';

interface PathAuthor {
  id: string;
  name: string;
  paperCount: number;
}
interface CollaborationPathAnswer {
  distance: number | null;
  reason: string | null;
  visited: number;
  hops: { from: PathAuthor; to: PathAuthor; paper: { id: string; title: string; year: number | null } }[];
}

export const collaborationPathExport: NetworkExport<CollaborationPathAnswer> = {
  field: 'collaborationPath',
  document: /* GraphQL */ `
    query CollaborationPathExport($from: ID!, $to: ID!, $maxLength: Int) {
      collaborationPath(from: $from, to: $to, maxLength: $maxLength) {
        distance
        reason
        visited
        hops {
          from { id name paperCount }
          to { id name paperCount }
          paper { id title year }
        }
      }
    }
  `,
  directed: true,
  graphAttributes: [
    { name: 'distance', type: 'int', description: 'Hops of the chain; empty when none was found.' },
    { name: 'reason', type: 'string', description: 'Why no chain was found (`NOT_CONNECTED`, `LONGER_THAN_MAX_LENGTH`, `SEARCH_LIMIT`); empty when one was.' },
    { name: 'visited', type: 'int', description: 'Authors the search examined.' },
  ],
  nodeAttributes: [
    { name: 'step', type: 'int', description: 'Place in the chain: 0 for `from`, `distance` for `to`.', vosviewer: 'score' },
    { name: 'paperCount', type: 'int', description: "The author's papers.", vosviewer: 'weight' },
  ],
  edgeAttributes: [
    { name: 'step', type: 'int', description: 'The hop: 1 for the first.' },
    { name: 'paperId', type: 'string', description: 'Global ID of a paper the two wrote together (their newest).' },
    { name: 'paperTitle', type: 'string', description: "That paper's title." },
    { name: 'paperYear', type: 'int', description: "That paper's year." },
  ],
  weight: { type: 'int', description: 'Always 1: a hop is one coauthor tie.' },
  flatten: (answer) => {
    const authors = answer.hops.length ? [answer.hops[0]!.from, ...answer.hops.map((h) => h.to)] : [];
    return {
      graph: { distance: answer.distance, reason: answer.reason, visited: answer.visited },
      nodes: authors.map((a, step) => ({ id: a.id, label: a.name, attributes: { step, paperCount: a.paperCount } })),
      edges: answer.hops.map((h, i) => ({
        source: h.from.id,
        target: h.to.id,
        weight: 1,
        attributes: { step: i + 1, paperId: h.paper.id, paperTitle: h.paper.title, paperYear: h.paper.year },
      })),
    };
  },
};
