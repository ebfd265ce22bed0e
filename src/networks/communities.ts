/**
 * Communities by the Louvain method, from graphology-communities-louvain (a maintained implementation;
 * the README says why it is used rather than written here). Its random choices come from a seeded
 * generator, so the same graph always gets the same partition and the API's answers are stable.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { seededRandom } from '../synthetic/random.js';
import type { WeightedEdge } from './graph-figures.js';

// The package is CommonJS whose typings declare an ES default export: at run time the default import is
// the function itself, which the typings call `.default`.
const louvain = louvainModule as unknown as typeof louvainModule.default;

/** The seed of every partition: fixed, so answers repeat. */
export const COMMUNITY_SEED = 42;

export interface Communities {
  /** Community of each node: 0 is the largest, ties broken by the lowest node index they hold. */
  community: Int32Array;
  count: number;
  /** Weighted modularity of the partition; null for a graph without edges (modularity is undefined there). */
  modularity: number | null;
}

export function louvainCommunities(nodeCount: number, edges: readonly WeightedEdge[], seed = COMMUNITY_SEED): Communities {
  const raw = new Int32Array(nodeCount);
  let modularity: number | null = null;
  if (edges.length === 0) {
    for (let i = 0; i < nodeCount; i++) raw[i] = i;
  } else {
    // Only nodes with edges go into the library's graph: an isolated node is a community of its own
    // whatever the method does and adds nothing to modularity, and building the graph is the costly part.
    const keys = new Array<string | undefined>(nodeCount);
    const graph = new UndirectedGraph();
    const key = (i: number) => {
      let k = keys[i];
      if (k === undefined) {
        k = keys[i] = String(i);
        graph.addNode(k);
      }
      return k;
    };
    for (const { a, b, weight } of edges) graph.addEdge(key(a), key(b), { weight });
    const result = louvain.detailed(graph, { getEdgeWeight: 'weight', rng: seededRandom(seed) });
    // Isolated nodes get community numbers past the library's.
    for (let i = 0; i < nodeCount; i++) raw[i] = keys[i] === undefined ? result.count + i : result.communities[keys[i]!]!;
    modularity = result.modularity;
  }
  // Renumbered by size, largest first, then by lowest member, so the numbers say something.
  const size = new Map<number, number>();
  const lowest = new Map<number, number>();
  for (let i = 0; i < nodeCount; i++) {
    size.set(raw[i]!, (size.get(raw[i]!) ?? 0) + 1);
    if (!lowest.has(raw[i]!)) lowest.set(raw[i]!, i);
  }
  const order = [...size.keys()].sort((x, y) => size.get(y)! - size.get(x)! || lowest.get(x)! - lowest.get(y)!);
  const numberOf = new Map(order.map((c, k) => [c, k]));
  return { community: raw.map((c) => numberOf.get(c)!), count: order.length, modularity };
}

/**
 * The communities computed on first call and kept: a network's nodes and figures share one, so a query
 * that selects no community field never runs the method (the costliest step of a dense network).
 */
export function lazyCommunities(nodeCount: number, edges: () => readonly WeightedEdge[]): () => Communities {
  let result: Communities | undefined;
  return () => (result ??= louvainCommunities(nodeCount, edges()));
}
