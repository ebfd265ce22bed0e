/**
 * `citationGraph` through the API on a slice of the real AAN data (2008–2011): the citations among a
 * venue's papers, with co-citation and coupling weights, checked against a computation from the imported
 * records; limits and bad input.
 */
import { sql } from 'drizzle-orm';
import { UndirectedGraph } from 'graphology';
import modularityModule from 'graphology-metrics/graph/modularity.js';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/queries/raw.js';
import { encodeGlobalID } from '../schema/global-id.js';
import type { PaperRecord } from '../src/import/records.js';
import { writeBatch } from '../src/import/writer.js';
import { seededRandom } from '../src/synthetic/random.js';
import { aanSubset } from './helpers/aan-subset.js';
import { useTestServer } from './helpers/server.js';

const modularity = modularityModule as unknown as typeof modularityModule.default;

let records: PaperRecord[] = [];
const paperIdOf = new Map<string, string>();
const aclOfPaperId = new Map<string, string>();
const venueIdOf = new Map<string, string>();

const server = useTestServer(async (s) => {
  const batch = await aanSubset(2008, 2011);
  records = batch.papers;
  await writeBatch(s.database.handle.db, batch);
  const db = s.database.handle.db;
  for (const r of await queryRows<{ id: number; acl_id: string }>(db, sql`select id, acl_id from papers`)) {
    paperIdOf.set(r.acl_id, encodeGlobalID('Paper', r.id));
    aclOfPaperId.set(encodeGlobalID('Paper', r.id), r.acl_id);
  }
  for (const r of await queryRows<{ id: number; name: string }>(db, sql`select id, name from venues`)) venueIdOf.set(r.name, encodeGlobalID('Venue', r.id));
});

const GRAPH = `query($ids: [ID!], $filter: PaperFilter, $kinds: [CitationEdgeKind!], $min: Int) {
  citationGraph(paperIds: $ids, filter: $filter, kinds: $kinds, minWeight: $min) {
    nodes { paperId year inDegree outDegree component community }
    edges { source target kind weight }
    figures { nodeCount edgeCount citationCount coCitationCount couplingCount density componentCount largestComponentSize isolatedShare communityCount modularity }
  }
}`;

/** Citations, co-citation and coupling weights among `acls`, from the records alone. */
function bruteCitations(acls: string[], minWeight: number) {
  const set = new Set(acls);
  const refs = new Map(records.map((p) => [p.identity.aclId!, (p.references ?? []).map((r) => r.aclId!)]));
  const cites = new Set<string>();
  for (const a of acls) for (const b of refs.get(a)!) if (set.has(b)) cites.add(`${a}>${b}`);
  const pairCounts = (lists: string[][]) => {
    const counts = new Map<string, number>();
    for (const list of lists) {
      const members = [...new Set(list.filter((x) => set.has(x)))].sort();
      for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) counts.set(`${members[i]}~${members[j]}`, (counts.get(`${members[i]}~${members[j]}`) ?? 0) + 1);
    }
    for (const [k, n] of counts) if (n < minWeight) counts.delete(k);
    return counts;
  };
  // Co-citation: each paper's reference list names pairs it cites together.
  const coCitation = pairCounts([...refs.values()]);
  // Coupling: each cited paper's list of citers names pairs sharing that reference.
  const citers = new Map<string, string[]>();
  for (const [a, list] of refs) for (const b of list) citers.set(b, [...(citers.get(b) ?? []), a]);
  const coupling = pairCounts([...citers.values()]);
  return { cites, coCitation, coupling };
}

const undirected = (e: any) => [aclOfPaperId.get(e.source)!, aclOfPaperId.get(e.target)!].sort().join('~');

function checkGraph(acls: string[], minWeight: number, response: any, kinds = ['CITES', 'CO_CITATION', 'COUPLING']) {
  expect(response.errors).toBeUndefined();
  const graph = response.data.citationGraph;
  const expected = bruteCitations(acls, minWeight);
  expect(graph.nodes.map((n: any) => aclOfPaperId.get(n.paperId)).sort()).toEqual([...acls].sort());
  const byKind = (kind: string) => graph.edges.filter((e: any) => e.kind === kind);
  const none = new Map();
  expect(new Set(byKind('CITES').map((e: any) => `${aclOfPaperId.get(e.source)}>${aclOfPaperId.get(e.target)}`))).toEqual(kinds.includes('CITES') ? expected.cites : new Set());
  expect(new Map(byKind('CO_CITATION').map((e: any) => [undirected(e), e.weight]))).toEqual(kinds.includes('CO_CITATION') ? expected.coCitation : none);
  expect(new Map(byKind('COUPLING').map((e: any) => [undirected(e), e.weight]))).toEqual(kinds.includes('COUPLING') ? expected.coupling : none);
  for (const n of graph.nodes) {
    const acl = aclOfPaperId.get(n.paperId)!;
    expect(n.outDegree, acl).toBe([...expected.cites].filter((c) => c.startsWith(`${acl}>`)).length);
    expect(n.inDegree, acl).toBe([...expected.cites].filter((c) => c.endsWith(`>${acl}`)).length);
    expect(n.year).toBe(records.find((p) => p.identity.aclId === acl)!.year);
  }
  const k = acls.length;
  expect(graph.figures.citationCount).toBe(expected.cites.size);
  expect(graph.figures.density).toBeCloseTo(k > 1 ? expected.cites.size / (k * (k - 1)) : 0, 12);
  expect(graph.figures.edgeCount).toBe(graph.edges.length);
  // Components over the edges returned, direction ignored: edges stay inside one, sizes add up.
  const componentOf = new Map(graph.nodes.map((n: any) => [n.paperId, n.component]));
  for (const e of graph.edges) expect(componentOf.get(e.source)).toBe(componentOf.get(e.target));
  const sizes = new Map<number, number>();
  for (const n of graph.nodes) sizes.set(n.component, (sizes.get(n.component) ?? 0) + 1);
  expect(sizes.size).toBe(graph.figures.componentCount);
  expect(Math.max(0, ...sizes.values())).toBe(graph.figures.largestComponentSize);
  const linked = new Set(graph.edges.flatMap((e: any) => [e.source, e.target]));
  expect(graph.figures.isolatedShare).toBeCloseTo(k ? (k - linked.size) / k : 0, 12);
  // Communities: the modularity reported is the partition's, over all edges, direction ignored, weights summed.
  expect(new Set(graph.nodes.map((n: any) => n.community)).size).toBe(graph.figures.communityCount);
  if (graph.edges.length) {
    const g = new UndirectedGraph();
    for (const n of graph.nodes) g.addNode(n.paperId, { community: n.community });
    for (const e of graph.edges) g.updateEdge(e.source, e.target, (attributes) => ({ weight: (attributes.weight ?? 0) + e.weight }));
    expect(graph.figures.modularity).toBeCloseTo(modularity(g, { getEdgeWeight: 'weight' }), 9);
  } else expect(graph.figures.modularity).toBeNull();
  return graph;
}

const VENUE = 'EMNLP';
const venueAcls = () => records.filter((p) => p.venue?.name === VENUE).map((p) => p.identity.aclId!);

describe('citationGraph on the AAN slice', () => {
  it('gives the citations among the papers of a venue, with co-citation and coupling weights', async () => {
    const acls = venueAcls();
    expect(acls.length).toBeGreaterThan(300);
    const r = await server().query(GRAPH, { filter: { venueId: venueIdOf.get(VENUE) }, kinds: ['CITES', 'CO_CITATION', 'COUPLING'] });
    const graph = checkGraph(acls, 1, r);
    expect(graph.figures.citationCount).toBeGreaterThan(50);
    expect(graph.figures.coCitationCount).toBeGreaterThan(50);
    expect(graph.figures.couplingCount).toBeGreaterThan(50);
    expect(server().unexpectedErrors).toEqual([]);
  });

  it('returns only the kinds asked for (citations by default), and drops weights below minWeight', async () => {
    const acls = venueAcls();
    const plain = await server().query(GRAPH, { filter: { venueId: venueIdOf.get(VENUE) } });
    const graph = checkGraph(acls, 1, plain, ['CITES']);
    expect(new Set(graph.edges.map((e: any) => e.kind))).toEqual(new Set(['CITES']));
    expect(graph.edges.every((e: any) => e.weight === 1)).toBe(true);
    const strong = await server().query(GRAPH, { filter: { venueId: venueIdOf.get(VENUE), yearFrom: 2010 }, kinds: ['COUPLING'], min: 3 });
    const strongGraph = strong.data.citationGraph;
    expect(strongGraph.edges.length).toBeGreaterThan(0);
    const expected = bruteCitations(records.filter((p) => p.venue?.name === VENUE && p.year! >= 2010).map((p) => p.identity.aclId!), 3);
    expect(new Map(strongGraph.edges.map((e: any) => [undirected(e), e.weight]))).toEqual(expected.coupling);
  });

  it('takes papers by ID in the order given, and answers the same every time', async () => {
    const random = seededRandom(3);
    const all = records.map((p) => p.identity.aclId!);
    const acls = [...new Set(Array.from({ length: 1500 }, () => all[Math.floor(random() * all.length)]!))];
    const ids = acls.map((a) => paperIdOf.get(a));
    const r = await server().query(GRAPH, { ids, kinds: ['CITES', 'CO_CITATION', 'COUPLING'], min: 2 });
    checkGraph(acls, 2, r);
    expect(r.data.citationGraph.nodes.map((n: any) => n.paperId)).toEqual(ids);
    const again = await server().query(GRAPH, { ids, kinds: ['CITES', 'CO_CITATION', 'COUPLING'], min: 2 });
    expect(again.data).toEqual(r.data);
  });
});

describe('citationGraph: limits and bad input', () => {
  const someId = () => paperIdOf.values().next().value!;
  const cases: [string, Record<string, unknown>, string, string | undefined][] = [
    ['neither ids nor filter', {}, 'BAD_USER_INPUT', 'paperIds'],
    ['both ids and filter', { ids: [], filter: { yearFrom: 2010 } }, 'BAD_USER_INPUT', 'paperIds'],
    ['no kinds', { ids: [], kinds: [] }, 'BAD_USER_INPUT', 'kinds'],
    ['minWeight 0', { ids: [], min: 0 }, 'BAD_USER_INPUT', 'minWeight'],
    ['a filter window backwards', { filter: { yearFrom: 2011, yearTo: 2010 } }, 'BAD_USER_INPUT', 'filter.yearFrom'],
    ['an empty search', { filter: { search: ' ' } }, 'BAD_USER_INPUT', 'filter.search'],
    ['a malformed id', { ids: ['bm9wZQ=='] }, 'BAD_USER_INPUT', 'paperIds'],
    ['an author id', { ids: [encodeGlobalID('Author', 1)] }, 'BAD_USER_INPUT', 'paperIds'],
    ['an unknown paper', { ids: [encodeGlobalID('Paper', 2_000_000_000)] }, 'NOT_FOUND', 'paperIds'],
    ['a filter over 5,000 papers', { filter: { yearFrom: 2008 } }, 'BAD_USER_INPUT', 'filter'],
  ];
  it.each(cases)('refuses %s', async (_name, variables, code, argument) => {
    const ids = variables.ids === undefined ? undefined : (variables.ids as string[]).length ? variables.ids : [someId()];
    const r = await server().query(GRAPH, { ...variables, ids });
    expect(r.data?.citationGraph ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions).toMatchObject({ code, argument });
    expect(r.text).not.toMatch(/select|syntax|postgres/i);
  });

  it('says how many papers a filter matched, and refuses more than 5,000 IDs', async () => {
    const r = await server().query(GRAPH, { filter: { yearFrom: 2008 } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ count: records.length, limit: 5000 });
    const many = Array.from({ length: 5001 }, (_, i) => encodeGlobalID('Paper', i + 1));
    const tooMany = await server().query(`query($ids: [ID!]) { citationGraph(paperIds: $ids) { figures { nodeCount } } }`, { ids: many });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'paperIds', count: 5001, limit: 5000 });
  });
});
