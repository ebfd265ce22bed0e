/**
 * The pure network computations of src/networks/ on seeded random graphs, against brute force written
 * here: degrees, components, density and isolated share; Louvain communities against graphology-metrics'
 * modularity; collaboration ties and co-citation / coupling weights over paper facts built in memory.
 */
import { UndirectedGraph } from 'graphology';
import modularityModule from 'graphology-metrics/graph/modularity.js';
import { describe, expect, it } from 'vitest';
import { PACKED_PAPER_BYTES, PAPER_HAS_YEAR } from '../db/queries/paper-facts.js';
import { PaperFactsBuilder, type PaperFacts } from '../src/metrics/paper-facts.js';
import { citationNetwork } from '../src/networks/citation-network.js';
import { collaborationNetwork } from '../src/networks/collaboration-network.js';
import { collaborationTrend, median } from '../src/networks/collaboration-trend.js';
import { louvainCommunities } from '../src/networks/communities.js';
import { graphFigures, mergeParallelEdges, type WeightedEdge } from '../src/networks/graph-figures.js';
import { seededRandom } from '../src/synthetic/random.js';

const modularity = modularityModule as unknown as typeof modularityModule.default;

function randomGraph(seed: number, n: number, edgeCount: number): WeightedEdge[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const edges: WeightedEdge[] = [];
  for (let k = 0; k < edgeCount * 3 && edges.length < edgeCount; k++) {
    const a = Math.floor(random() * n);
    const b = Math.floor(random() * n);
    if (a === b || seen.has(`${Math.min(a, b)}:${Math.max(a, b)}`)) continue;
    seen.add(`${Math.min(a, b)}:${Math.max(a, b)}`);
    edges.push({ a, b, weight: 1 + Math.floor(random() * 4) });
  }
  return edges;
}

/** Components by depth-first search over adjacency sets: sizes, largest first. */
function bruteComponents(n: number, edges: WeightedEdge[]): number[][] {
  const adjacent = Array.from({ length: n }, () => new Set<number>());
  for (const { a, b } of edges) (adjacent[a]!.add(b), adjacent[b]!.add(a));
  const seen = new Set<number>();
  const components: number[][] = [];
  for (let s = 0; s < n; s++) {
    if (seen.has(s)) continue;
    const stack = [s];
    const members: number[] = [];
    seen.add(s);
    while (stack.length) {
      const x = stack.pop()!;
      members.push(x);
      for (const y of adjacent[x]!) if (!seen.has(y)) (seen.add(y), stack.push(y));
    }
    components.push(members.sort((x, y) => x - y));
  }
  return components.sort((x, y) => y.length - x.length || x[0]! - y[0]!);
}

describe('graphFigures', () => {
  it.each([
    [1, 50, 40],
    [2, 200, 150],
    [3, 300, 1200],
    [4, 1, 0],
    [5, 0, 0],
  ])('matches brute force on random graph %i (%i nodes, %i edges)', (seed, n, m) => {
    const edges = randomGraph(seed, n, m);
    const figures = graphFigures(n, edges);
    for (let i = 0; i < n; i++) {
      const mine = edges.filter((e) => e.a === i || e.b === i);
      expect(figures.degree[i]).toBe(mine.length);
      expect(figures.weightedDegree[i]).toBe(mine.reduce((s, e) => s + e.weight, 0));
    }
    const components = bruteComponents(n, edges);
    expect(figures.componentSizes).toEqual(components.map((c) => c.length));
    components.forEach((members, k) => members.forEach((x) => expect(figures.component[x]).toBe(k)));
    expect(figures.density).toBeCloseTo(n > 1 ? edges.length / ((n * (n - 1)) / 2) : 0, 12);
    const isolated = [...Array(n).keys()].filter((i) => !edges.some((e) => e.a === i || e.b === i)).length;
    expect(figures.isolatedShare).toBeCloseTo(n ? isolated / n : 0, 12);
    if (edges.length) expect(figures.meanWeight).toBeCloseTo(edges.reduce((s, e) => s + e.weight, 0) / edges.length, 12);
    else expect(figures.meanWeight).toBeNull();
  });

  it('merges parallel edges either way round, summing weights', () => {
    expect(mergeParallelEdges([{ a: 1, b: 0, weight: 1 }, { a: 0, b: 1, weight: 2 }, { a: 1, b: 2, weight: 1 }])).toEqual([
      { a: 0, b: 1, weight: 3 },
      { a: 1, b: 2, weight: 1 },
    ]);
  });

  it('takes the median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('louvainCommunities', () => {
  it.each([11, 12, 13])('reports the modularity of the partition it returns (graphology-metrics), the same every time (seed %i)', (seed) => {
    // Planted groups of 20 with dense ties inside and a few across, so communities exist to be found.
    const random = seededRandom(seed);
    const n = 200;
    const edges: WeightedEdge[] = [];
    const seen = new Set<string>();
    for (let k = 0; k < 1500; k++) {
      const a = Math.floor(random() * n);
      const b = random() < 0.9 ? Math.floor(a / 20) * 20 + Math.floor(random() * 20) : Math.floor(random() * n);
      if (a === b || seen.has(`${Math.min(a, b)}:${Math.max(a, b)}`)) continue;
      seen.add(`${Math.min(a, b)}:${Math.max(a, b)}`);
      edges.push({ a, b, weight: 1 + Math.floor(random() * 3) });
    }
    const result = louvainCommunities(n, edges);
    const graph = new UndirectedGraph();
    for (let i = 0; i < n; i++) graph.addNode(String(i), { community: result.community[i] });
    for (const e of edges) graph.addEdge(String(e.a), String(e.b), { weight: e.weight });
    expect(result.modularity).toBeCloseTo(modularity(graph, { getEdgeWeight: 'weight' }), 9);
    expect(result.modularity).toBeGreaterThan(0.5);
    expect(louvainCommunities(n, edges)).toEqual(result);
    // Numbered by size, largest first.
    const sizes = Array.from({ length: result.count }, (_, c) => result.community.filter((x) => x === c).length);
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
  });

  it('puts each node of a graph without edges in its own community, with no modularity', () => {
    expect(louvainCommunities(3, [])).toEqual({ community: Int32Array.from([0, 1, 2]), count: 3, modularity: null });
  });
});

interface TinyPaper {
  id: number;
  year: number | null;
  authors: number[];
  cites: number[];
}

/** Paper facts built in memory from tiny records, packed as the database statements pack them. */
function factsOf(papers: TinyPaper[]): PaperFacts {
  const builder = new PaperFactsBuilder();
  const packed = new Uint8Array(papers.length * PACKED_PAPER_BYTES);
  const view = new DataView(packed.buffer);
  papers.forEach((p, i) => {
    const o = i * PACKED_PAPER_BYTES;
    view.setInt32(o, p.id);
    view.setInt32(o + 4, p.year ?? 0);
    view.setUint8(o + 20, p.year == null ? 0 : PAPER_HAS_YEAR);
  });
  builder.addPapers(packed);
  const pairs = (rows: [number, number][]) => {
    const bytes = new Uint8Array(rows.length * 8);
    const v = new DataView(bytes.buffer);
    rows.forEach(([x, y], i) => (v.setInt32(i * 8, x), v.setInt32(i * 8 + 4, y)));
    return bytes;
  };
  builder.addPairs('authors', pairs(papers.flatMap((p) => p.authors.map((a) => [p.id, a] as [number, number]))));
  builder.addPairs('citers', pairs(papers.flatMap((p) => p.cites.map((c) => [c, p.id] as [number, number]))));
  return builder.build();
}

function randomPapers(seed: number, count: number, authors: number): TinyPaper[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    year: random() < 0.1 ? null : 2000 + Math.floor(random() * 10),
    authors: [...new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => 1 + Math.floor(random() * authors)))],
    cites: i === 0 ? [] : [...new Set(Array.from({ length: Math.floor(random() * 6) }, () => 1 + Math.floor(random() * i)))],
  }));
}

describe('collaborationNetwork over paper facts', () => {
  it.each([21, 22])('counts papers and ties in the window as brute force does (seed %i)', (seed) => {
    const papers = randomPapers(seed, 600, 120);
    const facts = factsOf(papers);
    const random = seededRandom(seed + 100);
    const set = [...new Set(Array.from({ length: 60 }, () => 1 + Math.floor(random() * 120)))];
    for (const [window, minPapers] of [[{}, 1], [{ yearFrom: 2003, yearTo: 2006 }, 1], [{ yearFrom: 2005 }, 2]] as const) {
      const inWindow = (p: TinyPaper) => (window as { yearFrom?: number }).yearFrom == null || (p.year != null && p.year >= (window as any).yearFrom && p.year <= ((window as any).yearTo ?? Infinity));
      const net = collaborationNetwork(facts, set, window, minPapers);
      set.forEach((a, i) => expect(net.paperCounts[i]).toBe(papers.filter((p) => inWindow(p) && p.authors.includes(a)).length));
      const expected = new Map<string, { papers: number; firstYear: number | null; lastYear: number | null }>();
      for (let i = 0; i < set.length; i++) {
        for (let j = i + 1; j < set.length; j++) {
          const shared = papers.filter((p) => inWindow(p) && p.authors.includes(set[i]!) && p.authors.includes(set[j]!));
          const years = shared.flatMap((p) => (p.year == null ? [] : [p.year]));
          if (shared.length >= minPapers) {
            expected.set(`${i}:${j}`, { papers: shared.length, firstYear: years.length ? Math.min(...years) : null, lastYear: years.length ? Math.max(...years) : null });
          }
        }
      }
      expect(new Map(net.ties.map((t) => [`${t.a}:${t.b}`, { papers: t.papers, firstYear: t.firstYear, lastYear: t.lastYear }]))).toEqual(expected);
      expect(expected.size).toBeGreaterThan(0);
    }
  });
});

describe('citationNetwork over paper facts', () => {
  it.each([31, 32])('gives citations, co-citation and coupling weights as brute force does (seed %i)', (seed) => {
    const papers = randomPapers(seed, 800, 50);
    const facts = factsOf(papers);
    const random = seededRandom(seed + 100);
    // Dense indices equal id - 1 here (ids 1..n ascending).
    const set = [...new Set(Array.from({ length: 250 }, () => Math.floor(random() * papers.length)))];
    const inSet = new Set(set);
    for (const minWeight of [1, 2]) {
      const net = citationNetwork(facts, set, { kinds: new Set(['CITES', 'CO_CITATION', 'COUPLING']), minWeight });
      const cites = new Set<string>();
      set.forEach((p, i) => papers[p]!.cites.forEach((c) => inSet.has(c - 1) && cites.add(`${i}>${set.indexOf(c - 1)}`)));
      expect(new Set(net.cites.map((e) => `${e.a}>${e.b}`))).toEqual(cites);
      const coCitation = new Map<string, number>();
      const coupling = new Map<string, number>();
      for (let i = 0; i < set.length; i++) {
        for (let j = i + 1; j < set.length; j++) {
          const [a, b] = [set[i]! + 1, set[j]! + 1];
          const lo = Math.min(i, j);
          const hi = Math.max(i, j);
          const both = papers.filter((p) => p.cites.includes(a) && p.cites.includes(b)).length;
          const shared = papers[a - 1]!.cites.filter((r) => papers[b - 1]!.cites.includes(r)).length;
          if (both >= minWeight) coCitation.set(`${lo}:${hi}`, both);
          if (shared >= minWeight) coupling.set(`${lo}:${hi}`, shared);
        }
      }
      expect(new Map(net.coCitation.map((e) => [`${e.a}:${e.b}`, e.weight]))).toEqual(coCitation);
      expect(new Map(net.coupling.map((e) => [`${e.a}:${e.b}`, e.weight]))).toEqual(coupling);
      expect(coCitation.size).toBeGreaterThan(0);
      expect(coupling.size).toBeGreaterThan(0);
      set.forEach((p, i) => {
        expect(net.inDegree[i]).toBe([...cites].filter((c) => c.endsWith(`>${i}`)).length);
        expect(net.outDegree[i]).toBe([...cites].filter((c) => c.startsWith(`${i}>`)).length);
      });
    }
  });
});

describe('collaborationTrend over paper facts', () => {
  it.each([41, 42])('gives every figure of every year by its definition (seed %i)', (seed) => {
    const papers = randomPapers(seed, 500, 60);
    const facts = factsOf(papers);
    const random = seededRandom(seed + 100);
    for (const size of [1, 5, 25]) {
      const set = [...new Set(Array.from({ length: size }, () => 1 + Math.floor(random() * 60)))];
      const members = new Set(set);
      const mine = papers.filter((p) => p.year != null && p.authors.some((a) => members.has(a)));
      const rows = collaborationTrend(facts, set, { yearFrom: 1998, yearTo: 2010 });
      expect(rows.map((r) => r.year)).toEqual(Array.from({ length: 13 }, (_, i) => 1998 + i));
      const sharedIn = (a: number, c: number) => mine.filter((q) => q.authors.includes(a) && q.authors.includes(c)).map((q) => q.year!);
      for (const row of rows) {
        const ofYear = mine.filter((p) => p.year === row.year);
        const sizes = ofYear.map((p) => p.authors.length).sort((x, y) => x - y);
        expect(row.papers).toBe(ofYear.length);
        if (!sizes.length) {
          expect(row).toMatchObject({ meanTeamSize: null, medianTeamSize: null, repeatShare: null });
        } else {
          expect(row.meanTeamSize).toBeCloseTo(sizes.reduce((x, y) => x + y, 0) / sizes.length, 12);
          const mid = sizes.length >> 1;
          expect(row.medianTeamSize).toBe(sizes.length % 2 ? sizes[mid] : (sizes[mid - 1]! + sizes[mid]!) / 2);
          const repeats = ofYear.filter((p) => p.authors.some((m) => members.has(m) && p.authors.some((c) => c !== m && sharedIn(m, c).some((y) => y < row.year))));
          expect(row.repeatShare).toBeCloseTo(repeats.length / ofYear.length, 12);
        }
        const everyone = new Set(mine.flatMap((q) => q.authors));
        const fresh = [...everyone].filter((c) => {
          const years = mine.filter((q) => q.authors.includes(c) && q.authors.some((m) => m !== c && members.has(m))).map((q) => q.year!);
          return years.length > 0 && Math.min(...years) === row.year;
        });
        expect(row.newCollaborators).toBe(fresh.length);
        let ties = 0;
        for (const a of set) for (const b of set) if (a < b && sharedIn(a, b).length && Math.min(...sharedIn(a, b)) === row.year) ties += 1;
        expect(row.newTiesInside).toBe(set.length === 1 ? null : ties);
      }
      expect(rows.reduce((n, r) => n + r.papers, 0)).toBeGreaterThan(0);
    }
  });
});
