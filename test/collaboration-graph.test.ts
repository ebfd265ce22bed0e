/**
 * `collaborationGraph` through the API on a slice of the real AAN data (2009–2011): the network of a real
 * group (all authors of one venue in one year) and of random author sets, checked against a computation
 * from the imported records; communities against graphology-metrics' modularity; limits and bad input.
 */
import { sql } from 'drizzle-orm';
import { UndirectedGraph } from 'graphology';
import modularityModule from 'graphology-metrics/graph/modularity.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/queries/raw.js';
import { encodeGlobalID } from '../schema/global-id.js';
import { writeBatch } from '../src/import/writer.js';
import type { PaperRecord } from '../src/import/records.js';
import { seededRandom } from '../src/synthetic/random.js';
import { aanSubset, authorKey } from './helpers/aan-subset.js';
import { useTestServer } from './helpers/server.js';

const modularity = modularityModule as unknown as typeof modularityModule.default;

let records: PaperRecord[] = [];
/** Author key → global ID, venue name → global ID, from the database the records went into. */
const authorIdOf = new Map<string, string>();
const keyOfAuthorId = new Map<string, string>();
const venueIdOf = new Map<string, string>();

const server = useTestServer(async (s) => {
  const batch = await aanSubset(2009, 2011);
  records = batch.papers;
  await writeBatch(s.database.handle.db, batch);
  const db = s.database.handle.db;
  for (const r of await queryRows<{ id: number; source_key: string }>(db, sql`select id, source_key from authors`)) {
    authorIdOf.set(r.source_key, encodeGlobalID('Author', r.id));
    keyOfAuthorId.set(encodeGlobalID('Author', r.id), r.source_key);
  }
  for (const r of await queryRows<{ id: number; name: string }>(db, sql`select id, name from venues`)) venueIdOf.set(r.name, encodeGlobalID('Venue', r.id));
});

const GRAPH = `query($ids: [ID!], $filter: AuthorSetFilter, $from: Int, $to: Int, $min: Int) {
  collaborationGraph(authorIds: $ids, authorFilter: $filter, yearFrom: $from, yearTo: $to, minPapers: $min) {
    nodes { authorId paperCount degree weightedDegree component community }
    edges { source target paperCount weight firstYear lastYear }
    figures { nodeCount edgeCount density componentCount largestComponentSize isolatedShare meanPapersPerEdge communityCount modularity }
  }
}`;

/** The expected network of `keys`, from the records alone: counts, ties, BFS components. */
function bruteNetwork(keys: string[], window: { from?: number; to?: number }, minPapers: number) {
  const set = new Set(keys);
  const inWindow = (p: PaperRecord) => (window.from == null && window.to == null) || (p.year != null && p.year >= (window.from ?? -Infinity) && p.year <= (window.to ?? Infinity));
  const paperCount = new Map(keys.map((k) => [k, 0]));
  const ties = new Map<string, { n: number; first: number; last: number }>();
  for (const p of records.filter(inWindow)) {
    const team = [...new Set(p.authorships.map(authorKey))].filter((k) => set.has(k));
    for (const k of team) paperCount.set(k, paperCount.get(k)! + 1);
    for (const a of team) {
      for (const b of team) {
        if (a >= b) continue;
        const tie = ties.get(`${a}\n${b}`) ?? { n: 0, first: Infinity, last: -Infinity };
        tie.n += 1;
        tie.first = Math.min(tie.first, p.year!);
        tie.last = Math.max(tie.last, p.year!);
        ties.set(`${a}\n${b}`, tie);
      }
    }
  }
  for (const [k, t] of ties) if (t.n < minPapers) ties.delete(k);
  const neighbours = new Map(keys.map((k) => [k, new Set<string>()]));
  for (const k of ties.keys()) {
    const [a, b] = k.split('\n') as [string, string];
    neighbours.get(a)!.add(b);
    neighbours.get(b)!.add(a);
  }
  const componentSizes: number[] = [];
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) continue;
    const queue = [k];
    seen.add(k);
    for (let i = 0; i < queue.length; i++) {
      for (const b of neighbours.get(queue[i]!)!) if (!seen.has(b)) (seen.add(b), queue.push(b));
    }
    componentSizes.push(queue.length);
  }
  componentSizes.sort((x, y) => y - x);
  return { paperCount, ties, neighbours, componentSizes };
}

async function checkGraph(keys: string[], window: { from?: number; to?: number }, minPapers: number, response: any) {
  expect(response.errors).toBeUndefined();
  const graph = response.data.collaborationGraph;
  const expected = bruteNetwork(keys, window, minPapers);
  const n = keys.length;
  expect(graph.nodes.map((node: any) => keyOfAuthorId.get(node.authorId)).sort()).toEqual([...keys].sort());
  for (const node of graph.nodes) {
    const key = keyOfAuthorId.get(node.authorId)!;
    expect(node.paperCount, key).toBe(expected.paperCount.get(key));
    expect(node.degree, key).toBe(expected.neighbours.get(key)!.size);
    const weighted = [...expected.neighbours.get(key)!].reduce((s, b) => s + expected.ties.get(key < b ? `${key}\n${b}` : `${b}\n${key}`)!.n, 0);
    expect(node.weightedDegree, key).toBe(weighted);
  }
  const edges = new Map(
    graph.edges.map((e: any) => {
      const [a, b] = [keyOfAuthorId.get(e.source)!, keyOfAuthorId.get(e.target)!].sort();
      return [`${a}\n${b}`, { n: e.paperCount, first: e.firstYear, last: e.lastYear }];
    }),
  );
  expect(edges).toEqual(expected.ties);
  for (const e of graph.edges) expect(e.weight).toBe(e.paperCount);
  // Components: the same partition as BFS, numbered by size.
  const sizes = new Map<number, number>();
  for (const node of graph.nodes) sizes.set(node.component, (sizes.get(node.component) ?? 0) + 1);
  expect([...sizes.keys()].sort((x, y) => x - y).map((c) => sizes.get(c))).toEqual(expected.componentSizes);
  const componentOf = new Map(graph.nodes.map((node: any) => [node.authorId, node.component]));
  for (const e of graph.edges) expect(componentOf.get(e.source)).toBe(componentOf.get(e.target));
  const isolated = keys.filter((k) => expected.neighbours.get(k)!.size === 0).length;
  const totalPapers = [...expected.ties.values()].reduce((s, t) => s + t.n, 0);
  expect(graph.figures).toMatchObject({
    nodeCount: n,
    edgeCount: expected.ties.size,
    componentCount: expected.componentSizes.length,
    largestComponentSize: expected.componentSizes[0] ?? 0,
  });
  expect(graph.figures.density).toBeCloseTo(n > 1 ? expected.ties.size / ((n * (n - 1)) / 2) : 0, 12);
  expect(graph.figures.isolatedShare).toBeCloseTo(n ? isolated / n : 0, 12);
  if (expected.ties.size) expect(graph.figures.meanPapersPerEdge).toBeCloseTo(totalPapers / expected.ties.size, 12);
  else expect(graph.figures.meanPapersPerEdge).toBeNull();
  // Communities: the modularity reported is that of the partition returned, weighted by shared papers.
  expect(new Set(graph.nodes.map((node: any) => node.community)).size).toBe(graph.figures.communityCount);
  if (graph.edges.length) {
    const g = new UndirectedGraph();
    for (const node of graph.nodes) g.addNode(node.authorId, { community: node.community });
    for (const e of graph.edges) g.addEdge(e.source, e.target, { weight: e.paperCount });
    expect(graph.figures.modularity).toBeCloseTo(modularity(g, { getEdgeWeight: 'weight' }), 9);
  } else expect(graph.figures.modularity).toBeNull();
  return graph;
}

const VENUE = 'EMNLP';
const groupKeys = () => [...new Set(records.filter((p) => p.venue?.name === VENUE && p.year === 2009).flatMap((p) => p.authorships.map(authorKey)))];

describe('collaborationGraph on the AAN slice', () => {
  beforeAll(() => expect(groupKeys().length).toBeGreaterThan(200));

  it('builds the network of all authors of EMNLP 2009 from the filter, counting papers of 2009–2011', async () => {
    const filter = { venueId: venueIdOf.get(VENUE), yearFrom: 2009, yearTo: 2009 };
    const r = await server().query(GRAPH, { filter, from: 2009, to: 2011 });
    const graph = await checkGraph(groupKeys(), { from: 2009, to: 2011 }, 1, r);
    // A real group has structure: ties, more than one component, communities.
    expect(graph.figures.edgeCount).toBeGreaterThan(100);
    expect(graph.figures.componentCount).toBeGreaterThan(1);
    expect(graph.figures.modularity).toBeGreaterThan(0.5);
    // Nodes of a filter come by author id ascending.
    const ids = graph.nodes.map((n: any) => Number(Buffer.from(n.authorId, 'base64').toString().split(':')[1]));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(server().unexpectedErrors).toEqual([]);
  });

  it('gives the same answer for the same authors by ID, in the order given, and the same communities every time', async () => {
    const keys = groupKeys().reverse();
    const ids = keys.map((k) => authorIdOf.get(k));
    const first = await server().query(GRAPH, { ids, from: 2009, to: 2011 });
    await checkGraph(keys, { from: 2009, to: 2011 }, 1, first);
    expect(first.data.collaborationGraph.nodes.map((n: any) => n.authorId)).toEqual(ids);
    const again = await server().query(GRAPH, { ids, from: 2009, to: 2011 });
    expect(again.data).toEqual(first.data);
  });

  it('matches the records for random author sets, year windows and minPapers', async () => {
    const random = seededRandom(7);
    const everyone = [...authorIdOf.keys()];
    for (const [size, window, minPapers] of [
      [300, {}, 1],
      [800, { from: 2010 }, 1],
      [500, { to: 2010 }, 2],
      [1, { from: 2011, to: 2011 }, 1],
    ] as const) {
      const keys = [...new Set(Array.from({ length: size }, () => everyone[Math.floor(random() * everyone.length)]!))];
      // Coauthors of the first few, so the random set has ties.
      const ties = records.filter((p) => p.authorships.some((a) => keys.slice(0, 20).includes(authorKey(a)))).flatMap((p) => p.authorships.map(authorKey));
      const set = [...new Set([...keys, ...ties])].slice(0, Math.max(size, 1));
      const r = await server().query(GRAPH, { ids: set.map((k) => authorIdOf.get(k)), from: window.from, to: window.to, min: minPapers });
      await checkGraph(set, window, minPapers, r);
    }
  });

  it('selects the authors of an affiliation or a year only, and refuses a filter over 5,000 authors with the count', async () => {
    const byYear = await server().query(`query($f: AuthorSetFilter) { collaborationGraph(authorFilter: $f) { figures { nodeCount } } }`, {
      f: { venueId: venueIdOf.get(VENUE), yearFrom: 2010 },
    });
    const expected = new Set(records.filter((p) => p.venue?.name === VENUE && p.year! >= 2010).flatMap((p) => p.authorships.map(authorKey)));
    expect(byYear.data.collaborationGraph.figures.nodeCount).toBe(expected.size);
    const all = await server().query(`query($f: AuthorSetFilter) { collaborationGraph(authorFilter: $f) { figures { nodeCount } } }`, { f: { yearFrom: 2009 } });
    const everyone = new Set(records.flatMap((p) => p.authorships.map(authorKey))).size;
    expect(everyone).toBeGreaterThan(5000);
    expect(all.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'authorFilter', count: everyone, limit: 5000 });
    const none = await server().query(`{ collaborationGraph(authorFilter: { affiliation: "No Such Institute 100%_" }) { nodes { authorId } figures { nodeCount modularity } } }`);
    expect(none.errors).toBeUndefined();
    expect(none.data.collaborationGraph).toEqual({ nodes: [], figures: { nodeCount: 0, modularity: null } });
  });
});

describe('collaborationGraph: limits and bad input', () => {
  const someId = () => authorIdOf.values().next().value!;
  const cases: [string, Record<string, unknown>, string, string | undefined][] = [
    ['neither ids nor filter', {}, 'BAD_USER_INPUT', 'authorIds'],
    ['both ids and filter', { ids: ['x'], filter: { yearFrom: 2010 } }, 'BAD_USER_INPUT', 'authorIds'],
    ['an empty filter', { filter: {} }, 'BAD_USER_INPUT', 'authorFilter'],
    ['an empty affiliation', { filter: { affiliation: '  ' } }, 'BAD_USER_INPUT', 'authorFilter.affiliation'],
    ['a filter window backwards', { filter: { yearFrom: 2011, yearTo: 2010 } }, 'BAD_USER_INPUT', 'authorFilter.yearFrom'],
    ['a malformed venue id', { filter: { venueId: 'nope' } }, 'BAD_USER_INPUT', 'authorFilter.venueId'],
    ['yearFrom after yearTo', { ids: [], from: 2011, to: 2009 }, 'BAD_USER_INPUT', 'yearFrom'],
    ['a year out of range', { ids: [], from: -5 }, 'BAD_USER_INPUT', 'yearFrom'],
    ['minPapers 0', { ids: [], min: 0 }, 'BAD_USER_INPUT', 'minPapers'],
    ['a malformed id', { ids: ['bm9wZQ=='] }, 'BAD_USER_INPUT', 'authorIds'],
    ['a paper id', { ids: [encodeGlobalID('Paper', 1)] }, 'BAD_USER_INPUT', 'authorIds'],
    ['an unknown author', { ids: [encodeGlobalID('Author', 2_000_000_000)] }, 'NOT_FOUND', 'authorIds'],
  ];
  it.each(cases)('refuses %s', async (_name, variables, code, argument) => {
    const ids = variables.ids === undefined ? undefined : (variables.ids as string[]).length ? variables.ids : [someId()];
    const r = await server().query(GRAPH, { ...variables, ids });
    expect(r.data?.collaborationGraph ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions).toMatchObject({ code, argument });
    expect(r.text).not.toMatch(/select|syntax|postgres/i);
  });

  it('names the unknown IDs and refuses more than 5,000 IDs with the count and the limit', async () => {
    const unknown = [encodeGlobalID('Author', 2_000_000_001), encodeGlobalID('Author', 2_000_000_002)];
    const r = await server().query(GRAPH, { ids: [someId(), ...unknown] });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', ids: unknown, count: 2 });
    const many = Array.from({ length: 5001 }, (_, i) => encodeGlobalID('Author', i + 1));
    const tooMany = await server().query(`query($ids: [ID!]) { collaborationGraph(authorIds: $ids) { figures { nodeCount } } }`, { ids: many });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'authorIds', count: 5001, limit: 5000 });
  });

  it('takes 5,000 IDs as long as IDs get within the default request size', async () => {
    const longest = Array.from({ length: 5000 }, (_, i) => encodeGlobalID('Author', 2_147_483_647 - i));
    const r = await server().query(`query($ids: [ID!]) { collaborationGraph(authorIds: $ids) { figures { nodeCount } } }`, { ids: longest });
    expect(JSON.stringify({ ids: longest }).length).toBeGreaterThan(100_000);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', count: 5000 });
  });

  it('prices a filter as 5,000 nodes: a deep selection per node is refused before running', async () => {
    const r = await server().query(`{ collaborationGraph(authorFilter: { yearFrom: 2009 }) { nodes { author { papers(first: 50) { nodes { title } } } } } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});
