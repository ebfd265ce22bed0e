/**
 * Shortest collaboration path between two authors ("Erdős number" style) by bidirectional BFS over the
 * in-memory coauthor graph. Two balls of radius ~d/2 touch far fewer nodes than one of radius d, which is
 * what makes this interactive at a million authors: typical paths are 4-6 hops and a hub's 2-hop
 * neighbourhood is already tens of thousands of authors.
 *
 * Also home of the per-graph scratch arrays that this and `egoNetwork` share (see `graphScratch`).
 */
import type { CoauthorGraph } from './coauthor-graph.js';

export type PathResult =
  | { found: true; distance: number; /** Dense indices, from → to. */ path: number[]; visited: number }
  | { found: false; reason: 'NO_PATH' | 'TOO_FAR' | 'VISIT_LIMIT'; visited: number };

export interface PathOptions {
  /** Longest path (in ties) worth finding; beyond it the answer is TOO_FAR. */
  maxLength: number;
  /** Most distinct nodes the search may mark before giving up with VISIT_LIMIT. */
  maxVisited: number;
}

/**
 * Scratch arrays of length n, reused across queries on one graph so a query costs O(nodes it touches),
 * not O(n). Nothing is ever cleared per query: `stamp[v]` is valid only when it belongs to the stamp
 * range the current query reserved (all earlier ranges are smaller numbers), so stale entries read as
 * "unvisited", and `value[v]`/`queue` slots are written before they are read.
 */
export interface GraphScratch {
  readonly stamp: Int32Array;
  /** Per-node payload: BFS parent (paths) or best tie strength (ego networks). */
  readonly value: Int32Array;
  readonly queue: Int32Array;
  /** Next unused stamp; stamps only grow, so every earlier stamp is below any fresh range. */
  generation: number;
}

// A WeakMap so the scratch (12 bytes per author) goes away with the graph when the index rebuilds it.
// Sharing one object between queries is safe because every search here is synchronous.
const scratches = new WeakMap<CoauthorGraph, GraphScratch>();

export function graphScratch(graph: CoauthorGraph): GraphScratch {
  let scratch = scratches.get(graph);
  if (!scratch) {
    const n = graph.authorCount;
    // generation starts at 1 so the zero-filled fresh array reads as "never visited".
    scratch = { stamp: new Int32Array(n), value: new Int32Array(n), queue: new Int32Array(n), generation: 1 };
    scratches.set(graph, scratch);
  }
  return scratch;
}

/** Reserve `count` fresh stamp values; returns the first. Clears `stamp` only when int32 runs out. */
export function reserveStamps(scratch: GraphScratch, count: number): number {
  if (scratch.generation + count > 0x7fffffff) {
    scratch.stamp.fill(0);
    scratch.generation = 1;
  }
  const first = scratch.generation;
  scratch.generation += count;
  return first;
}

export function checkNodeIndex(graph: CoauthorGraph, index: number, name: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= graph.authorCount) {
    throw new RangeError(`${name} must be a node index in 0..${graph.authorCount - 1}, got ${index}`);
  }
}

export function collaborationPath(graph: CoauthorGraph, from: number, to: number, options: PathOptions): PathResult {
  checkNodeIndex(graph, from, 'from');
  checkNodeIndex(graph, to, 'to');
  const { maxLength, maxVisited } = options;
  if (!(maxLength >= 0) || !(maxVisited >= 0)) throw new RangeError('maxLength and maxVisited must be ≥ 0');
  if (from === to) return { found: true, distance: 0, path: [from], visited: 1 };
  let visited = 2;
  if (visited > maxVisited) return { found: false, reason: 'VISIT_LIMIT', visited };

  const n = graph.authorCount;
  const { offsets, neighbors } = graph;
  const scratch = graphScratch(graph);
  const { stamp, value: parent, queue } = scratch;
  // One stamp per side. A node is only ever marked by one side: the moment a side reaches a node the
  // other has marked, the search ends. So one stamp array and one parent array serve both sides.
  const fwd = reserveStamps(scratch, 2);
  const bwd = fwd + 1;
  // Likewise the two queues together never hold more than n nodes: the forward one fills queue[0..]
  // upwards, the backward one queue[n-1..] downwards. Positions below are counts from each end.
  stamp[from] = fwd;
  parent[from] = -1;
  queue[0] = from;
  stamp[to] = bwd;
  parent[to] = -1;
  queue[n - 1] = to;
  let fStart = 0, fEnd = 1, fDepth = 0; // forward frontier = queue[fStart..fEnd), all at distance fDepth
  let bStart = 0, bEnd = 1, bDepth = 0;

  for (;;) {
    // Invariant here: each side has marked every node within its depth, and they share none, so no path
    // of length ≤ fDepth + bDepth exists. An empty frontier means that side's component is exhausted.
    if (fStart === fEnd || bStart === bEnd) return { found: false, reason: 'NO_PATH', visited };
    if (fDepth + bDepth >= maxLength) return { found: false, reason: 'TOO_FAR', visited };

    // Expand the smaller frontier by one whole level (level-synchronous, which the proof below needs).
    const forward = fEnd - fStart <= bEnd - bStart;
    const mine = forward ? fwd : bwd;
    const theirs = forward ? bwd : fwd;
    const start = forward ? fStart : bStart;
    const end = forward ? fEnd : bEnd;
    let tail = end;
    for (let k = start; k < end; k++) {
      const u = queue[forward ? k : n - 1 - k]!;
      for (let e = offsets[u]!, stop = offsets[u + 1]!; e < stop; e++) {
        const v = neighbors[e]!;
        const mark = stamp[v]!;
        if (mark === mine) continue;
        if (mark === theirs) {
          // The first meeting is already a shortest path, so returning mid-level is safe: v is at
          // distance ≤ (other depth) from the other end, and by the invariant no path of length
          // ≤ fDepth + bDepth exists, so v is at exactly the other depth and every meeting found in this
          // level has the same length fDepth + bDepth + 1. The first one, in queue and sorted neighbour
          // order, is deterministic.
          const path = forward ? joinPath(parent, u, v) : joinPath(parent, v, u);
          return { found: true, distance: path.length - 1, path, visited };
        }
        stamp[v] = mine;
        parent[v] = u;
        queue[forward ? tail : n - 1 - tail] = v;
        tail++;
        if (++visited > maxVisited) return { found: false, reason: 'VISIT_LIMIT', visited };
      }
    }
    if (forward) {
      fStart = end;
      fEnd = tail;
      fDepth++;
    } else {
      bStart = end;
      bEnd = tail;
      bDepth++;
    }
  }
}

/** Path from the source through forward node `a`, across the tie a–b, then to the target from `b`. */
function joinPath(parent: Int32Array, a: number, b: number): number[] {
  const path: number[] = [];
  for (let v = a; v !== -1; v = parent[v]!) path.push(v);
  path.reverse();
  for (let v = b; v !== -1; v = parent[v]!) path.push(v);
  return path;
}
