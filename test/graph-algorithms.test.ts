/**
 * Graph searches over the in-memory coauthor graph, checked against brute-force BFS on many seeded random
 * graphs (disconnected ones, isolated nodes, varied density and tie strengths), plus hand-made cases and
 * one large graph. No database involved.
 */
import { describe, expect, it } from 'vitest';
import { CoauthorGraph, type Tie } from '../src/graph/coauthor-graph.js';
import { collaborationPath, graphScratch, type PathResult } from '../src/graph/collaboration-path.js';
import { egoNetwork, type EgoNetwork } from '../src/graph/ego-network.js';
import { seededRandom } from '../src/synthetic/random.js';

interface TestGraph {
  graph: CoauthorGraph;
  n: number;
  /** Brute-force adjacency by dense index: neighbour → shared papers. Built from the tie list, not the CSR. */
  adj: Map<number, Tie>[];
}

/** Years a tie may span, from far before 1901 to far after 2027 (an int2 overflows at 40000), and 0. */
const YEARS = [-44, 0, 1850, 1901, 2027, 2028, 2031, 2100, 40000];

/** First and last year of a tie, or none (no shared paper with a year): the graph must give each back. */
function tieYears(a: number, b: number): [number | null, number | null] {
  const i = (a * 31 + b) % (YEARS.length + 1);
  if (i === YEARS.length) return [null, null];
  return [YEARS[i]!, YEARS[Math.max(i, (a + b * 17) % YEARS.length)]!];
}

/** Author ids are spread out and shuffled so dense index ≠ id; ties are given by author id. */
function buildGraph(n: number, pairs: [number, number, number][]): TestGraph {
  const ids = Array.from({ length: n }, (_, i) => 1000 + i * 7);
  const ties: Tie[] = pairs.map(([a, b, papers]) => {
    const [firstYear, lastYear] = tieYears(a, b);
    return { a: ids[a]!, b: ids[b]!, papers, firstYear, lastYear };
  });
  const graph = CoauthorGraph.fromTies([...ids].reverse(), ties);
  const adj = Array.from({ length: n }, () => new Map<number, Tie>());
  for (const [k, [a, b]] of pairs.entries()) {
    adj[a]!.set(b, ties[k]!);
    adj[b]!.set(a, ties[k]!);
  }
  return { graph, n, adj };
}

/** Random graph: nodes split into 1-4 groups (ties only within a group), random density, papers 1-5. */
function randomGraph(rand: () => number): TestGraph {
  const n = 2 + Math.floor(rand() * 59);
  const groups = 1 + Math.floor(rand() * 4);
  const group = Array.from({ length: n }, () => Math.floor(rand() * groups));
  const density = rand() < 0.3 ? rand() * 0.05 : rand() * 0.3;
  const pairs: [number, number, number][] = [];
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (group[a] === group[b] && rand() < density) pairs.push(rand() < 0.5 ? [a, b, 0] : [b, a, 0]);
    }
  }
  for (const p of pairs) p[2] = 1 + Math.floor(rand() * 5);
  return buildGraph(n, pairs);
}

/** Plain BFS distances (Infinity when unreachable) over ties with at least minPapers papers. */
function bfs(g: TestGraph, source: number, minPapers = 0): number[] {
  const dist = new Array<number>(g.n).fill(Infinity);
  dist[source] = 0;
  const queue = [source];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i]!;
    for (const [v, tie] of g.adj[u]!) {
      if (tie.papers >= minPapers && dist[v] === Infinity) {
        dist[v] = dist[u]! + 1;
        queue.push(v);
      }
    }
  }
  return dist;
}

const eccentricity = (dist: number[]) => Math.max(...dist.filter((d) => d !== Infinity));

function checkPath(g: TestGraph, from: number, to: number, maxLength: number, maxVisited: number): PathResult {
  const result = collaborationPath(g.graph, from, to, { maxLength, maxVisited });
  const distFrom = bfs(g, from);
  const truth = distFrom[to]!;
  expect(result.visited).toBeLessThanOrEqual(Math.max(g.n, 1));
  if (result.found) {
    expect(result.distance).toBe(truth);
    expect(result.distance).toBeLessThanOrEqual(maxLength);
    expect(result.visited).toBeLessThanOrEqual(Math.max(maxVisited, 1));
    expect(result.path).toHaveLength(truth + 1);
    expect(result.path[0]).toBe(from);
    expect(result.path.at(-1)).toBe(to);
    for (let k = 1; k < result.path.length; k++) expect(g.adj[result.path[k - 1]!]!.has(result.path[k]!)).toBe(true);
  } else if (result.reason === 'VISIT_LIMIT') {
    expect(result.visited).toBeGreaterThan(maxVisited);
  } else if (truth !== Infinity) {
    expect(truth).toBeGreaterThan(maxLength);
    expect(result.reason).toBe('TOO_FAR');
  } else {
    // TOO_FAR for an unreachable target is fine only when the search could hit the length limit before
    // exhausting either side: each side stays non-empty only up to its eccentricity.
    if (eccentricity(distFrom) + eccentricity(bfs(g, to)) < maxLength) expect(result.reason).toBe('NO_PATH');
    else expect(['NO_PATH', 'TOO_FAR']).toContain(result.reason);
  }
  // Same answer again (the scratch arrays are reused across calls).
  expect(collaborationPath(g.graph, from, to, { maxLength, maxVisited })).toEqual(result);
  return result;
}

function checkEgo(g: TestGraph, center: number, depth: number, minPapers: number, limit: number): EgoNetwork {
  const result = egoNetwork(g.graph, center, { depth, minPapers, limit });
  const dist = bfs(g, center, minPapers);
  const reachable = [...dist.keys()].filter((v) => dist[v]! <= depth);
  const byLayer = (x: number, y: number) => dist[x]! - dist[y]! || x - y;
  // Node order, distances, size and truncation.
  expect(result.nodes).toEqual([...result.nodes].sort((x, y) => x.distance - y.distance || x.index - y.index));
  for (const node of result.nodes) expect(node.distance).toBe(dist[node.index]);
  expect(result.nodes.length).toBe(Math.min(limit, reachable.length));
  expect(result.truncated).toBe(reachable.length > limit);
  const kept = new Set(result.nodes.map((node) => node.index));
  expect(kept.has(center)).toBe(true);
  if (!result.truncated) {
    expect([...kept].sort((x, y) => x - y)).toEqual(reachable.sort((x, y) => x - y));
  } else {
    // The cut layer: the first distance whose nodes do not all fit.
    const sorted = reachable.sort(byLayer);
    const cut = dist[sorted[limit]!]!;
    for (const v of reachable) if (dist[v]! < cut) expect(kept.has(v)).toBe(true);
    for (const v of kept) expect(dist[v]!).toBeLessThanOrEqual(cut);
    // Strength of a cut-layer node: its strongest qualifying tie into the previous layer (all kept).
    const strength = (v: number) =>
      Math.max(...[...g.adj[v]!].filter(([u, t]) => dist[u] === cut - 1 && t.papers >= minPapers).map(([, t]) => t.papers));
    const layer = reachable.filter((v) => dist[v] === cut);
    const rank = (v: number) => [-strength(v), v] as const;
    const keptLayer = layer.filter((v) => kept.has(v));
    for (const v of layer.filter((x) => !kept.has(x))) {
      for (const w of keptLayer) {
        const [sv, iv] = rank(v);
        const [sw, iw] = rank(w);
        expect(sw < sv || (sw === sv && iw < iv)).toBe(true);
      }
    }
  }
  // Edges: exactly the qualifying ties between kept nodes, sorted, with the tie's figures.
  const expected: EgoNetwork['edges'] = [];
  for (const a of [...kept].sort((x, y) => x - y)) {
    for (const [b, tie] of [...g.adj[a]!].sort(([x], [y]) => x - y)) {
      if (b > a && kept.has(b) && tie.papers >= minPapers) {
        expected.push({ a, b, paperCount: tie.papers, firstYear: tie.firstYear, lastYear: tie.lastYear });
      }
    }
  }
  expect(result.edges).toEqual(expected);
  // The kept network is connected, through its own edges.
  const seen = new Set([center]);
  const queue = [center];
  for (let i = 0; i < queue.length; i++) {
    for (const e of result.edges) {
      const other = e.a === queue[i] ? e.b : e.b === queue[i] ? e.a : -1;
      if (other >= 0 && !seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    }
  }
  expect(seen.size).toBe(kept.size);
  expect(egoNetwork(g.graph, center, { depth, minPapers, limit })).toEqual(result);
  return result;
}

describe('collaborationPath', () => {
  it('matches brute-force BFS on 200 random graphs', () => {
    const rand = seededRandom(20240611);
    const reasons = new Map<string, number>();
    for (let round = 0; round < 200; round++) {
      const g = randomGraph(rand);
      for (let q = 0; q < 25; q++) {
        const from = Math.floor(rand() * g.n);
        const to = rand() < 0.05 ? from : Math.floor(rand() * g.n);
        const maxLength = Math.floor(rand() * 10);
        // Mostly unlimited visits; sometimes a tight limit, whose answers must still be right if given.
        const maxVisited = rand() < 0.8 ? g.n + 1 : Math.floor(rand() * g.n);
        const result = checkPath(g, from, to, maxLength, maxVisited);
        const key = result.found ? 'found' : result.reason;
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
      }
    }
    // The random graphs exercise every outcome.
    for (const key of ['found', 'NO_PATH', 'TOO_FAR', 'VISIT_LIMIT']) expect(reasons.get(key)).toBeGreaterThan(20);
  });

  it('same node, direct coauthors, a 6-hop chain, NO_PATH and VISIT_LIMIT', () => {
    const chain = buildGraph(9, [0, 1, 2, 3, 4, 5].map((i) => [i, i + 1, 1] as [number, number, number]));
    const opts = { maxLength: 10, maxVisited: 100 };
    expect(collaborationPath(chain.graph, 3, 3, opts)).toEqual({ found: true, distance: 0, path: [3], visited: 1 });
    expect(collaborationPath(chain.graph, 2, 3, opts)).toMatchObject({ found: true, distance: 1, path: [2, 3] });
    expect(collaborationPath(chain.graph, 0, 6, opts)).toMatchObject({ distance: 6, path: [0, 1, 2, 3, 4, 5, 6] });
    expect(collaborationPath(chain.graph, 6, 0, opts)).toMatchObject({ distance: 6, path: [6, 5, 4, 3, 2, 1, 0] });
    expect(collaborationPath(chain.graph, 0, 6, { maxLength: 6, maxVisited: 100 })).toMatchObject({ found: true });
    expect(collaborationPath(chain.graph, 0, 6, { maxLength: 5, maxVisited: 100 })).toMatchObject({ reason: 'TOO_FAR' });
    expect(collaborationPath(chain.graph, 0, 8, opts)).toMatchObject({ found: false, reason: 'NO_PATH' });
    expect(collaborationPath(chain.graph, 7, 8, opts)).toMatchObject({ found: false, reason: 'NO_PATH', visited: 2 });
    expect(collaborationPath(chain.graph, 0, 6, { maxLength: 10, maxVisited: 4 })).toMatchObject({
      found: false,
      reason: 'VISIT_LIMIT',
      visited: 5,
    });
    expect(() => collaborationPath(chain.graph, 0, 9, opts)).toThrow(RangeError);
  });

  it('returns a shortest path when the frontiers first touch at a longer detour', () => {
    // 0-1-2-3-4 is 4 hops, the detour 0-5-6-7-8-4 is 5; both sides grow level by level and must not
    // settle for a meeting through the detour.
    const g = buildGraph(9, [
      [0, 5, 1], [5, 6, 1], [6, 7, 1], [7, 8, 1], [8, 4, 1],
      [0, 1, 1], [1, 2, 1], [2, 3, 1], [3, 4, 1],
    ]);
    expect(collaborationPath(g.graph, 0, 4, { maxLength: 9, maxVisited: 99 })).toMatchObject({ distance: 4 });
  });

  it('breaks ties between equally short paths by BFS order (lower neighbour index first)', () => {
    const square = buildGraph(4, [[0, 2, 1], [2, 3, 1], [0, 1, 1], [1, 3, 1]]);
    expect(collaborationPath(square.graph, 0, 3, { maxLength: 9, maxVisited: 99 })).toMatchObject({ path: [0, 1, 3] });
    expect(collaborationPath(square.graph, 3, 0, { maxLength: 9, maxVisited: 99 })).toMatchObject({ path: [3, 1, 0] });
  });

  it('stays correct when the scratch stamps wrap around', () => {
    const rand = seededRandom(7);
    const g = randomGraph(rand);
    graphScratch(g.graph).generation = 0x7fffffff - 3;
    for (let q = 0; q < 20; q++) checkPath(g, q % g.n, (q * 7) % g.n, 10, g.n + 1);
    for (let q = 0; q < 20; q++) checkEgo(g, q % g.n, 1 + (q % 3), 1, 1 + (q % 6));
  });
});

describe('egoNetwork', () => {
  it('matches brute-force BFS on 200 random graphs, with and without a limit', () => {
    const rand = seededRandom(99);
    let truncated = 0;
    for (let round = 0; round < 200; round++) {
      const g = randomGraph(rand);
      for (let q = 0; q < 10; q++) {
        const center = Math.floor(rand() * g.n);
        const depth = Math.floor(rand() * 5);
        const minPapers = 1 + Math.floor(rand() * 3);
        checkEgo(g, center, depth, minPapers, g.n + 1);
        truncated += Number(checkEgo(g, center, depth, minPapers, 1 + Math.floor(rand() * 8)).truncated);
      }
    }
    expect(truncated).toBeGreaterThan(100);
  });

  it('keeps the strongest ties in the cut layer', () => {
    // Center 0; layer 1 = 1, 2, 3 (papers 1, 5, 3); layer 2 = 4 (via 1, 4 papers), 5 (via 2, 2 papers).
    const g = buildGraph(7, [
      [0, 1, 1], [0, 2, 5], [0, 3, 3], [1, 4, 4], [2, 5, 2], [1, 2, 2], [5, 6, 1],
    ]);
    const opts = { depth: 2, minPapers: 1, limit: 3 };
    const small = egoNetwork(g.graph, 0, opts);
    expect(small.nodes).toEqual([{ index: 0, distance: 0 }, { index: 2, distance: 1 }, { index: 3, distance: 1 }]);
    expect(small.edges.map((e) => [e.a, e.b, e.paperCount])).toEqual([[0, 2, 5], [0, 3, 3]]);
    expect(small.truncated).toBe(true);
    expect(egoNetwork(g.graph, 0, { ...opts, limit: 5 }).nodes.map((x) => x.index)).toEqual([0, 1, 2, 3, 4]);
    expect(egoNetwork(g.graph, 0, { ...opts, limit: 6 })).toMatchObject({ truncated: false });
    expect(egoNetwork(g.graph, 0, { ...opts, limit: 4 })).toMatchObject({ truncated: true });
    expect(egoNetwork(g.graph, 0, { ...opts, minPapers: 3 }).nodes.map((x) => x.index)).toEqual([0, 2, 3]);
    expect(egoNetwork(g.graph, 6, { ...opts, depth: 0 })).toEqual({ nodes: [{ index: 6, distance: 0 }], edges: [], truncated: false });
  });
});

describe('at scale', () => {
  it('answers a path query on 200k authors and ~1M ties quickly and correctly', () => {
    const rand = seededRandom(2024);
    const n = 200_000;
    const seen = new Set<number>();
    const pairs: [number, number, number][] = [];
    while (pairs.length < 1_000_000) {
      const a = Math.floor(rand() * n);
      const b = Math.floor(rand() * n);
      if (a === b || seen.has(Math.min(a, b) * n + Math.max(a, b))) continue;
      seen.add(Math.min(a, b) * n + Math.max(a, b));
      pairs.push([a, b, 1 + Math.floor(rand() * 5)]);
    }
    const g = buildGraph(n, pairs);
    const opts = { maxLength: 12, maxVisited: n };
    collaborationPath(g.graph, 1, 2, opts); // first call allocates the scratch arrays
    const started = performance.now();
    const result = collaborationPath(g.graph, 12_345, 187_654, opts);
    const ms = performance.now() - started;
    console.log(`path on ${n} authors / ${g.graph.tieCount} ties: ${ms.toFixed(1)} ms, visited ${result.visited}`);
    expect(result.found && result.distance).toBe(bfs(g, 12_345)[187_654]);
    expect(ms).toBeLessThan(5000); // generous: a regression to O(n) per query would still pass; a hang would not
    for (let q = 0; q < 4; q++) checkPath(g, Math.floor(rand() * n), Math.floor(rand() * n), 12, n);
    const ego = egoNetwork(g.graph, 12_345, { depth: 3, minPapers: 2, limit: 200 });
    expect(ego.nodes).toHaveLength(200);
    expect(ego.truncated).toBe(true);
  });
});
