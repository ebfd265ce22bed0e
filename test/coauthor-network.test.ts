/**
 * Coauthor-network questions through the API, checked against brute force over the same records, and the
 * graph's freshness after an import.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/queries/raw.js';
import type { ImportBatch, PaperRecord } from '../src/import/records.js';
import { writeBatch } from '../src/import/writer.js';
import { CoauthorGraph } from '../src/graph/coauthor-graph.js';
import { loadCoauthorGraph } from '../src/graph/coauthor-index.js';
import { useTestServer } from './helpers/server.js';
import { syntheticBatch } from './helpers/synthetic.js';

const batch: ImportBatch = syntheticBatch({ authors: 50, papers: 90, authorsPerPaper: 3, seed: 11 });
// Two authors who wrote only with each other: a component of their own.
const loners: PaperRecord = {
  identity: { doi: '10.5555/loners' },
  title: 'A paper of two',
  year: 2001,
  hasCode: false,
  authorListComplete: true,
  authorships: ['Lone Wolf', 'Lone Hawk'].map((name, i) => ({
    author: { identity: { sourceKey: `loner:${i}` }, displayName: name },
    position: i + 1,
  })),
  topics: [],
};
batch.papers.push(loners);
// Papers of years far from the synthetic ones (2000–2019) and papers without a year, among the authors of
// the first paper: the tie of the first two runs from 1850 to 2031 with yearless papers among them, the
// tie of the last two from 1901 to 2100.
const [first, second, third] = batch.papers[0]!.authorships;
const dated: [number | undefined, PaperRecord['authorships']][] = [
  [1850, [first!, second!]],
  [2031, [first!, second!]],
  [undefined, [first!, second!]],
  [undefined, [second!, first!]],
  [1901, [second!, third!]],
  [2027, [second!, third!]],
  [2028, [third!, second!]],
  [2100, [second!, third!]],
];
for (const [k, [year, authorships]] of dated.entries()) {
  batch.papers.push({ ...loners, identity: { doi: `10.5555/dated.${k}` }, title: `A paper of ${year ?? 'no year'}`, year, authorships });
}
// Two islands, a pair and an author alone, for the bridge an import builds between them ('sees an import…').
const isle = (i: number) => ({ author: { identity: { sourceKey: `isle:${i}` }, displayName: `Isle Author ${i}` }, position: 1 });
batch.papers.push({ ...loners, identity: { doi: '10.5555/isle.pair' }, title: 'An island pair', authorships: [isle(0), { ...isle(1), position: 2 }] });
batch.papers.push({ ...loners, identity: { doi: '10.5555/isle.alone' }, title: 'An island alone', authorships: [isle(2)] });
// Two authors whose only paper has no year, written after the author ids jump past 2^21 (see the seed).
const undated: PaperRecord = {
  ...loners,
  identity: { doi: '10.5555/undated' },
  title: 'An undated paper',
  year: undefined,
  authorships: ['Undated One', 'Undated Two'].map((name, i) => ({ author: { identity: { sourceKey: `undated:${i}` }, displayName: name }, position: i + 1 })),
};
batch.papers.push(undated);
/** Author ids the graph was once built another way for (a key packed them in 21 bits). */
const LARGE_AUTHOR_ID = 2 ** 21 + 1000;

const nameOf = (key: string) => batch.papers.flatMap((p) => p.authorships).find((a) => a.author.identity.sourceKey === key)!.author.displayName;
const keys = [...new Set(batch.papers.flatMap((p) => p.authorships.map((a) => a.author.identity.sourceKey!)))];

/** Brute force: adjacency with shared-paper counts and years, from the records. */
function adjacency(papers: PaperRecord[], minPapers = 1, sinceYear?: number) {
  const ties = new Map<string, Map<string, { n: number; first: number; last: number; titles: string[] }>>();
  for (const p of papers) {
    if (sinceYear !== undefined && (p.year ?? 0) < sinceYear) continue;
    const team = p.authorships.map((a) => a.author.identity.sourceKey!);
    for (const a of team) {
      for (const b of team) {
        if (a === b) continue;
        const row = ties.get(a) ?? new Map();
        const tie = row.get(b) ?? { n: 0, first: Infinity, last: -Infinity, titles: [] };
        tie.n += 1;
        tie.first = Math.min(tie.first, p.year!);
        tie.last = Math.max(tie.last, p.year!);
        tie.titles.push(p.title);
        row.set(b, tie);
        ties.set(a, row);
      }
    }
  }
  for (const row of ties.values()) for (const [b, t] of row) if (t.n < minPapers) row.delete(b);
  return ties;
}

function bfs(from: string, ties: ReturnType<typeof adjacency>): Map<string, number> {
  const dist = new Map([[from, 0]]);
  const queue = [from];
  while (queue.length) {
    const a = queue.shift()!;
    for (const b of ties.get(a)?.keys() ?? []) {
      if (!dist.has(b)) {
        dist.set(b, dist.get(a)! + 1);
        queue.push(b);
      }
    }
  }
  return dist;
}

/** The graph from ties aggregated by the database: an independent reference for the packed build. */
async function graphFromSqlTies(db: Database): Promise<CoauthorGraph> {
  const authors = await queryRows<{ id: number }>(db, sql`select distinct author_id as id from authorships`);
  const ties = await queryRows<{ a: number; b: number; papers: number; first_year: number | null; last_year: number | null }>(
    db,
    sql`select x.author_id as a, y.author_id as b, count(*)::int as papers, min(p.year) as first_year, max(p.year) as last_year
        from authorships x
        join authorships y on y.paper_id = x.paper_id and y.author_id > x.author_id
        join papers p on p.id = x.paper_id
        group by x.author_id, y.author_id`,
  );
  const year = (y: number | null) => (y == null ? null : Number(y));
  return CoauthorGraph.fromTies(
    authors.map((r) => Number(r.id)),
    ties.map((t) => ({ a: Number(t.a), b: Number(t.b), papers: Number(t.papers), firstYear: year(t.first_year), lastYear: year(t.last_year) })),
  );
}

/** First and last year of every directed tie, in the order of `neighbors`. */
const yearsBySlot = (g: CoauthorGraph) => Array.from(g.neighbors, (_, slot) => [g.firstYear(slot), g.lastYear(slot)]);

/** Bits for the values 0..count-1. */
const bitsFor = (count: number) => Math.ceil(Math.log2(Math.max(1, count)));

const server = useTestServer(async (s) => {
  const db = s.database.handle.db;
  await writeBatch(db, { ...batch, papers: batch.papers.filter((p) => p !== undated) });
  // A database that has seen many authors come and go: ids from here on are large.
  await db.execute(sql`select setval(pg_get_serial_sequence('authors', 'id'), ${LARGE_AUTHOR_ID})`);
  await writeBatch(db, { ...batch, papers: [undated] });
});

const ids = new Map<string, string>();
async function idOf(key: string): Promise<string> {
  if (!ids.has(key)) {
    const r = await server().query(`query($s: String!) { authors(search: $s) { nodes { id name } } }`, { s: nameOf(key) });
    ids.set(key, r.data.authors.nodes.find((n: any) => n.name === nameOf(key)).id);
  }
  return ids.get(key)!;
}

describe('coauthor network', () => {
  it('ego networks have the nodes, distances and tie weights brute force finds', async () => {
    const ties = adjacency(batch.papers);
    for (const key of keys.slice(0, 6)) {
      for (const depth of [1, 2]) {
        const r = await server().query(
          `query($id: ID!, $d: Int!) { coauthorNetwork(authorId: $id, depth: $d, limit: 2000) {
            truncated nodes { distance author { name } } edges { source target paperCount firstYear lastYear } } }`,
          { id: await idOf(key), d: depth },
        );
        expect(r.errors).toBeUndefined();
        const expected = [...bfs(key, ties)].filter(([, d]) => d <= depth);
        const got = r.data.coauthorNetwork.nodes.map((n: any) => [n.author.name, n.distance]);
        expect(new Map(got)).toEqual(new Map(expected.map(([k, d]) => [nameOf(k), d])));
        expect(r.data.coauthorNetwork.truncated).toBe(false);
        const keptKeys = new Set(expected.map(([k]) => k));
        const edgeCount = [...keptKeys].reduce((n, a) => n + [...(ties.get(a)?.keys() ?? [])].filter((b) => keptKeys.has(b)).length, 0) / 2;
        expect(r.data.coauthorNetwork.edges).toHaveLength(edgeCount);
      }
    }
  });

  it('truncates to the limit, keeping the strongest ties of the center', async () => {
    const ties = adjacency(batch.papers);
    const hub = keys.slice(0, 50).sort((a, b) => (ties.get(b)?.size ?? 0) - (ties.get(a)?.size ?? 0))[0]!;
    const r = await server().query(
      `query($id: ID!) { coauthorNetwork(authorId: $id, depth: 1, limit: 4) { truncated nodes { distance author { name } } } }`,
      { id: await idOf(hub) },
    );
    expect(r.data.coauthorNetwork.truncated).toBe(true);
    expect(r.data.coauthorNetwork.nodes).toHaveLength(4);
    const kept = r.data.coauthorNetwork.nodes.filter((n: any) => n.distance === 1).map((n: any) => n.author.name);
    const strengths = [...ties.get(hub)!].map(([k, t]) => [nameOf(k), t.n] as const);
    const weakestKept = Math.min(...strengths.filter(([n]) => kept.includes(n)).map(([, s]) => s));
    const strongestLeft = Math.max(...strengths.filter(([n]) => !kept.includes(n)).map(([, s]) => s));
    expect(weakestKept).toBeGreaterThanOrEqual(strongestLeft);
  });

  it('finds shortest collaboration paths whose every hop is a shared paper', async () => {
    const ties = adjacency(batch.papers);
    for (const [a, b] of [[keys[0]!, keys[17]!], [keys[3]!, keys[40]!], [keys[8]!, keys[25]!]] as const) {
      const r = await server().query(
        `query($a: ID!, $b: ID!) { collaborationPath(from: $a, to: $b, maxLength: 8) {
          distance reason hops { from { name } to { name } paper { title } } } }`,
        { a: await idOf(a), b: await idOf(b) },
      );
      const path = r.data.collaborationPath;
      expect(path.distance).toBe(bfs(a, ties).get(b));
      expect(path.hops).toHaveLength(path.distance);
      expect(path.hops[0].from.name).toBe(nameOf(a));
      expect(path.hops.at(-1).to.name).toBe(nameOf(b));
      for (const hop of path.hops) {
        const shared = batch.papers.filter((p) => [hop.from.name, hop.to.name].every((n) => p.authorships.some((x) => x.author.displayName === n)));
        expect(shared.map((p) => p.title)).toContain(hop.paper.title);
      }
    }
  });

  it('says why there is no path: the same author, no connection, too long', async () => {
    const q = `query($a: ID!, $b: ID!, $m: Int) { collaborationPath(from: $a, to: $b, maxLength: $m) { distance reason hops { paper { title } } } }`;
    const same = await server().query(q, { a: await idOf(keys[0]!), b: await idOf(keys[0]!) });
    expect(same.data.collaborationPath).toEqual({ distance: 0, reason: null, hops: [] });
    const apart = await server().query(q, { a: await idOf(keys[0]!), b: await idOf('loner:0') });
    expect(apart.data.collaborationPath).toMatchObject({ distance: null, reason: 'NOT_CONNECTED', hops: [] });
    const ties = adjacency(batch.papers);
    const far = [...bfs(keys[0]!, ties)].find(([, d]) => d >= 2)!;
    const short = await server().query(q, { a: await idOf(keys[0]!), b: await idOf(far[0]), m: far[1] - 1 });
    expect(short.data.collaborationPath).toMatchObject({ distance: null, reason: 'LONGER_THAN_MAX_LENGTH' });
  });

  it('sees an import as soon as it commits', async () => {
    // Authors no other test looks at: the bridge stays, whatever order the tests run in.
    const q = `query($a: ID!, $b: ID!) { collaborationPath(from: $a, to: $b) { distance reason } }`;
    const before = await server().query(q, { a: await idOf('isle:0'), b: await idOf('isle:2') });
    expect(before.data.collaborationPath.reason).toBe('NOT_CONNECTED');
    const bridge: PaperRecord = { ...loners, identity: { doi: '10.5555/bridge' }, title: 'The bridge', authorships: [
      { author: { identity: { sourceKey: 'isle:1' }, displayName: nameOf('isle:1') }, position: 1 },
      { author: { identity: { sourceKey: 'isle:2' }, displayName: nameOf('isle:2') }, position: 2 },
    ] };
    await writeBatch(server().database.handle.db, { source: 'synthetic', papers: [bridge], authors: [] });
    const after = await server().query(q, { a: await idOf('isle:0'), b: await idOf('isle:2') });
    expect(after.data.collaborationPath).toEqual({ distance: 2, reason: null });
  });

  it('lists common coauthors with the papers written with each side', async () => {
    const ties = adjacency(batch.papers);
    const [a, b] = [keys[1]!, keys[2]!];
    const common = [...(ties.get(a)?.keys() ?? [])].filter((k) => k !== b && ties.get(b)?.has(k));
    const r = await server().query(
      `query($a: ID!, $b: ID!) { author(id: $a) { commonCoauthors(with: $b, first: 100) {
        totalCount edges { paperCountWithAuthor paperCountWithOther node { name } } } } }`,
      { a: await idOf(a), b: await idOf(b) },
    );
    const got = r.data.author.commonCoauthors;
    expect(got.totalCount).toBe(common.length);
    for (const e of got.edges) {
      const k = keys.find((x) => nameOf(x) === e.node.name)!;
      expect([e.paperCountWithAuthor, e.paperCountWithOther]).toEqual([ties.get(a)!.get(k)!.n, ties.get(b)!.get(k)!.n]);
    }
  });

  it('filters coauthors by shared papers and years, and reports collaboration figures', async () => {
    const key = keys[5]!;
    const since = 2010;
    const expected = adjacency(batch.papers, 2, since).get(key) ?? new Map();
    const r = await server().query(
      `query($id: ID!) { author(id: $id) {
        coauthors(first: 100, filter: { minPapers: 2, sinceYear: ${since} }) { totalCount edges { paperCount node { name } } }
        collaborationStats { coauthorCount repeatCoauthorShare medianTeamSize maxTeamSize } } }`,
      { id: await idOf(key) },
    );
    const author = r.data.author;
    expect(author.coauthors.totalCount).toBe(expected.size);
    for (const e of author.coauthors.edges) expect(e.paperCount).toBe(expected.get(keys.find((k) => nameOf(k) === e.node.name)!)!.n);
    const all = adjacency(batch.papers).get(key)!;
    const sizes = batch.papers.filter((p) => p.authorships.some((x) => x.author.identity.sourceKey === key)).map((p) => p.authorships.length).sort((x, y) => x - y);
    const median = sizes.length % 2 ? sizes[(sizes.length - 1) / 2]! : (sizes[sizes.length / 2 - 1]! + sizes[sizes.length / 2]!) / 2;
    expect(author.collaborationStats).toEqual({
      coauthorCount: all.size,
      repeatCoauthorShare: [...all.values()].filter((t) => t.n >= 2).length / all.size,
      medianTeamSize: median,
      maxTeamSize: Math.max(...sizes),
    });
  });

  it('builds the same graph from paper teams as from ties aggregated in SQL', async () => {
    const db = server().database.handle.db;
    const reference = await graphFromSqlTies(db);
    // One slice for everything, and many small slices read while earlier ones are being processed.
    const [fast, sliced] = await Promise.all([loadCoauthorGraph(db), loadCoauthorGraph(db, { sliceSize: 7 })]);
    expect(fast.tieCount).toBeGreaterThan(0);
    // The tightest key budget puts every author in a block of its own, the next ones in blocks of 2 and 4.
    const fewest = bitsFor(fast.authorCount) + bitsFor(fast.years.size);
    const blocked = await Promise.all([0, 1, 2].map((extra) => loadCoauthorGraph(db, { sliceSize: 7, keyBits: fewest + extra })));
    for (const graph of [fast, sliced, ...blocked]) {
      for (const field of ['authorIds', 'offsets', 'neighbors', 'paperCounts'] as const) expect([...graph[field]], field).toEqual([...reference[field]]);
      expect(yearsBySlot(graph)).toEqual(yearsBySlot(reference));
    }
    // The data has what the test is about: ties from 1850 to 2031 and 1901 to 2100, one with no year, and
    // authors with large ids.
    expect(reference.authorIds.at(-1)).toBeGreaterThan(LARGE_AUTHOR_ID);
    for (const years of [[1850, 2031], [1901, 2100], [null, null]]) expect(yearsBySlot(reference)).toContainEqual(years);
    await expect(loadCoauthorGraph(db, { keyBits: fewest - 1 })).rejects.toThrow(RangeError);
  });

  it('rejects out-of-range arguments and unknown authors', async () => {
    const id = await idOf(keys[0]!);
    const cases: [string, string][] = [
      [`{ coauthorNetwork(authorId: "${id}", depth: 4) { truncated } }`, 'BAD_USER_INPUT'],
      [`{ coauthorNetwork(authorId: "${id}", depth: 0) { truncated } }`, 'BAD_USER_INPUT'],
      [`{ coauthorNetwork(authorId: "${id}", limit: 2001) { truncated } }`, 'BAD_USER_INPUT'],
      [`{ coauthorNetwork(authorId: "${id}", minPapers: 0) { truncated } }`, 'BAD_USER_INPUT'],
      [`{ collaborationPath(from: "${id}", to: "${id}", maxLength: 9) { distance } }`, 'BAD_USER_INPUT'],
      [`{ coauthorNetwork(authorId: "QXV0aG9yOjk5OTk5OQ==") { truncated } }`, 'NOT_FOUND'],
      [`{ collaborationPath(from: "${id}", to: "UGFwZXI6MQ==") { distance } }`, 'BAD_USER_INPUT'],
      [`{ author(id: "${id}") { commonCoauthors(with: "${id}") { totalCount } } }`, 'BAD_USER_INPUT'],
      [`{ author(id: "${id}") { coauthors(filter: { minPapers: 0 }) { totalCount } } }`, 'BAD_USER_INPUT'],
    ];
    for (const [query, code] of cases) {
      const r = await server().query(query);
      expect(r.status, query).toBeLessThan(500);
      expect(r.errors?.[0]?.extensions?.code, query).toBe(code);
    }
    expect(server().unexpectedErrors).toEqual([]);
  });
});
