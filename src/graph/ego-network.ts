/**
 * An author's ego network: everyone within a few coauthor hops over ties of at least some strength, cut
 * to a size a client can draw. The cut keeps whole layers nearest the center and, in the first layer that
 * does not fit, the authors most strongly tied to the layer before, so the result stays connected and
 * shows the relationships that matter most.
 */
import type { CoauthorGraph } from './coauthor-graph.js';
import { checkNodeIndex, graphScratch, reserveStamps } from './collaboration-path.js';

export interface EgoNetworkOptions {
  /** Hops from the center. */
  depth: number;
  /** Ties with fewer shared papers are ignored, both for reaching nodes and as edges. */
  minPapers: number;
  /** Most nodes returned, center included. */
  limit: number;
}

export interface EgoNetwork {
  /** Sorted by (distance, index). */
  nodes: { index: number; distance: number }[];
  /** Every qualifying tie between two kept nodes, once, a < b, sorted by (a, b); years null when no shared paper has one. */
  edges: { a: number; b: number; paperCount: number; firstYear: number | null; lastYear: number | null }[];
  /** Something reachable within depth was left out because of the limit. */
  truncated: boolean;
}

export function egoNetwork(graph: CoauthorGraph, center: number, options: EgoNetworkOptions): EgoNetwork {
  checkNodeIndex(graph, center, 'center');
  const { minPapers } = options;
  if (!(options.depth >= 0)) throw new RangeError('depth must be ≥ 0');
  if (!(options.limit >= 1)) throw new RangeError('limit must be ≥ 1 (the center is always included)');
  const limit = Math.floor(options.limit);
  // No BFS layer lies beyond n - 1, so this caps the stamps reserved below whatever depth is asked.
  const depth = Math.min(Math.floor(options.depth), graph.authorCount);
  const { offsets, neighbors, paperCounts } = graph;
  const scratch = graphScratch(graph);
  const { stamp, value: strength, queue } = scratch;
  // stamp[v] = base + distance while searching, so one array answers both "seen this query?"
  // (stamp ≥ base) and "in the layer being built?" (stamp = base + d + 1); keptMark comes after.
  const base = reserveStamps(scratch, depth + 2);
  const keptMark = base + depth + 1;

  stamp[center] = base;
  queue[0] = center;
  // BFS layer by layer; queue[layerStart..layerEnd) is layer d, and layerEnd counts all nodes so far.
  let layerStart = 0;
  let layerEnd = 1;
  let truncated = false;
  for (let d = 0; d < depth && layerStart < layerEnd && !truncated; d++) {
    const next = base + d + 1;
    const room = limit - layerEnd;
    let tail = layerEnd;
    expand: for (let k = layerStart; k < layerEnd; k++) {
      const u = queue[k]!;
      for (let e = offsets[u]!, stop = offsets[u + 1]!; e < stop; e++) {
        const w = paperCounts[e]!;
        if (w < minPapers) continue;
        const v = neighbors[e]!;
        const mark = stamp[v]!;
        if (mark === next) {
          // Already in the layer being built: remember its strongest tie into the kept layer d.
          if (w > strength[v]!) strength[v] = w;
        } else if (mark < base) {
          // Full already: one more reachable node is all we need to know to say "truncated".
          if (room === 0) {
            truncated = true;
            break expand;
          }
          stamp[v] = next;
          strength[v] = w;
          queue[tail++] = v;
        }
      }
    }
    if (tail - layerEnd > room) {
      // The cut layer: all of layer d is kept, so every candidate here is adjacent to a kept node and
      // its score (strongest tie into layer d) is complete now that layer d is fully expanded.
      truncated = true;
      keepStrongest(queue, strength, layerEnd, tail, room, graph.authorCount);
      tail = layerEnd + room;
    }
    layerStart = layerEnd;
    layerEnd = tail;
  }

  const keptCount = layerEnd;
  const nodes: EgoNetwork['nodes'] = [];
  for (let k = 0; k < keptCount; k++) {
    const v = queue[k]!;
    nodes.push({ index: v, distance: stamp[v]! - base });
  }
  // BFS order is (distance, discovery order); clients get a stable (distance, index) order.
  nodes.sort((x, y) => x.distance - y.distance || x.index - y.index);
  for (let k = 0; k < keptCount; k++) stamp[queue[k]!] = keptMark;

  // Edges from each kept node a (ascending) to kept neighbours b > a: neighbour lists are sorted, so the
  // output is sorted by (a, b) without a sort, and each undirected tie appears once.
  const kept = queue.slice(0, keptCount).sort();
  const edges: EgoNetwork['edges'] = [];
  for (const a of kept) {
    for (let e = offsets[a]!, stop = offsets[a + 1]!; e < stop; e++) {
      const b = neighbors[e]!;
      if (b <= a || stamp[b] !== keptMark || paperCounts[e]! < minPapers) continue;
      edges.push({ a, b, paperCount: paperCounts[e]!, firstYear: graph.firstYear(e), lastYear: graph.lastYear(e) });
    }
  }
  return { nodes, edges, truncated };
}

/**
 * Reorder queue[start..end) so its first `room` entries are the candidates with the strongest tie, lower
 * index first among equals. A packed float key ((65535 - strength) · n + index, exact below 2^53) lets a
 * typed-array sort do it without per-candidate objects or a comparator.
 */
function keepStrongest(queue: Int32Array, strength: Int32Array, start: number, end: number, room: number, n: number) {
  const keys = new Float64Array(end - start);
  for (let k = start; k < end; k++) {
    const v = queue[k]!;
    keys[k - start] = (65535 - strength[v]!) * n + v;
  }
  keys.sort();
  for (let k = 0; k < room; k++) queue[start + k] = keys[k]! % n;
}
