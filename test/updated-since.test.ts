/**
 * `updatedAt`, `updatedSince` and the UPDATED_AT ordering through the API, over real imports: one import,
 * then (after a pause) an import that changes a few papers in each way a paper can change; clients pull
 * only what changed, page across the ties one import makes, and an import that changes nothing moves no
 * time.
 */
import { describe, expect, it } from 'vitest';
import type { ImportBatch, PaperRecord } from '../src/import/records.js';
import { writeBatch } from '../src/import/writer.js';
import { useTestServer, type GraphQLResponse } from './helpers/server.js';
import { syntheticBatch } from './helpers/synthetic.js';

const first = syntheticBatch({ authors: 30, papers: 60, authorsPerPaper: 3, referencesPerPaper: 2 });
const doiOf = (i: number) => `10.5555/syn.${i}`;
const cited = 3;
const citing = first.papers.findIndex((p, i) => i > cited && !(p.references ?? []).some((r) => r.doi === doiOf(cited)));

/** The change: a new title, a new author on a paper, a new citation, a new paper. */
function changed(paper: PaperRecord, i: number): PaperRecord {
  if (i === 5) return { ...paper, title: `${paper.title} (revised)` };
  if (i === 10) {
    const extra = { author: { identity: { sourceKey: 'synthetic:newcomer' }, displayName: 'Newcomer Synth' }, position: paper.authorships.length + 1 };
    return { ...paper, authorships: [...paper.authorships, extra] };
  }
  if (i === citing) return { ...paper, references: [...(paper.references ?? []), { doi: doiOf(cited) }] };
  return paper;
}
const newPaper: PaperRecord = { ...first.papers[0]!, identity: { doi: '10.5555/syn.new' }, title: 'An entirely new paper', references: [] };
const second: ImportBatch = { ...first, papers: [...first.papers.map(changed), newPaper] };
const expectedChanged = new Set([doiOf(5), doiOf(10), doiOf(citing), doiOf(cited), '10.5555/syn.new']);

interface Seen {
  doi: string;
  updatedAt: string;
}
let beforeChange: { papers: Map<string, string>; authors: Map<string, { updatedAt: string; paperCount: number }>; latest: string };

const ALL_PAPERS = `{ papers(first: 100, orderBy: { field: UPDATED_AT, direction: ASC }) { nodes { id doi updatedAt } } }`;
const ALL_AUTHORS = `{ authors(first: 100, orderBy: { field: UPDATED_AT, direction: ASC }) { nodes { id name paperCount updatedAt } } }`;

const server = useTestServer(async (s) => {
  await writeBatch(s.database.handle.db, first);
  const papers = (await s.query(ALL_PAPERS)).data.papers.nodes as (Seen & { id: string })[];
  const authors = (await s.query(ALL_AUTHORS)).data.authors.nodes as { name: string; paperCount: number; updatedAt: string }[];
  beforeChange = {
    papers: new Map(papers.map((p) => [p.doi, p.updatedAt])),
    authors: new Map(authors.map((a) => [a.name, { updatedAt: a.updatedAt, paperCount: a.paperCount }])),
    latest: papers.at(-1)!.updatedAt,
  };
  await new Promise((resolve) => setTimeout(resolve, 20));
  await writeBatch(s.database.handle.db, second);
});

const idNumber = (id: string) => Number(Buffer.from(id, 'base64').toString('utf8').split(':')[1]);
/** Brute-force order: by the exact time text (fixed-width UTC, so text order is time order), then id. */
const byTimeThenId = (a: { updatedAt: string; id: string }, b: { updatedAt: string; id: string }) =>
  a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : idNumber(a.id) - idNumber(b.id);

async function walk(field: 'papers' | 'authors', direction: 'ASC' | 'DESC', backward: boolean, extra = '') {
  const seen: { id: string; updatedAt: string }[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const paging: string = backward ? `last: 7${cursor ? `, before: "${cursor}"` : ''}` : `first: 7${cursor ? `, after: "${cursor}"` : ''}`;
    const r: GraphQLResponse = await server().query(
      `{ ${field}(${paging}, orderBy: { field: UPDATED_AT, direction: ${direction} }${extra}) {
        nodes { id updatedAt } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    );
    expect(r.errors).toBeUndefined();
    const conn: { nodes: { id: string; updatedAt: string }[]; pageInfo: Record<string, any> } = r.data[field];
    if (backward) seen.unshift(...conn.nodes);
    else seen.push(...conn.nodes);
    const more = backward ? conn.pageInfo.hasPreviousPage : conn.pageInfo.hasNextPage;
    if (!more) return seen;
    cursor = backward ? conn.pageInfo.startCursor : conn.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

describe('updatedAt', () => {
  it('is exact RFC 3339 text in UTC with microseconds, shared by every row one import wrote', async () => {
    const r = await server().query(ALL_PAPERS);
    const times = r.data.papers.nodes.map((p: Seen) => p.updatedAt);
    for (const t of times) expect(t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    // Two imports, two times: the 55 untouched papers keep the first, the five changed ones share the second.
    expect(new Set(times).size).toBe(2);
  });

  it('moves for exactly the papers the second import changed (title, authors, references, cited-by, new)', async () => {
    const r = await server().query(ALL_PAPERS);
    const moved = r.data.papers.nodes.filter((p: Seen) => beforeChange.papers.get(p.doi) !== p.updatedAt).map((p: Seen) => p.doi);
    expect(new Set(moved)).toEqual(expectedChanged);
    for (const p of r.data.papers.nodes as Seen[]) {
      if (!expectedChanged.has(p.doi)) expect(p.updatedAt).toBe(beforeChange.papers.get(p.doi));
      else expect(p.updatedAt > beforeChange.latest).toBe(true);
    }
  });

  it('moves for exactly the authors whose row or paper count changed', async () => {
    const authors = (await server().query(ALL_AUTHORS)).data.authors.nodes as { name: string; paperCount: number; updatedAt: string }[];
    for (const a of authors) {
      const before = beforeChange.authors.get(a.name);
      const shouldMove = before === undefined || before.paperCount !== a.paperCount;
      expect(a.updatedAt !== before?.updatedAt, a.name).toBe(shouldMove);
    }
    expect(authors.some((a) => a.name === 'Newcomer Synth')).toBe(true);
  });
});

describe('updatedSince', () => {
  it('pulls only what changed after the latest time a client saw, for papers and authors', async () => {
    const r = await server().query(
      `query($since: DateTime!) {
        papers(first: 100, filter: { updatedSince: $since }, orderBy: { field: UPDATED_AT, direction: ASC }) { totalCount nodes { doi } }
        authors(first: 100, updatedSince: $since) { nodes { name } }
      }`,
      { since: beforeChange.latest },
    );
    expect(r.errors).toBeUndefined();
    expect(new Set(r.data.papers.nodes.map((p: Seen) => p.doi))).toEqual(expectedChanged);
    expect(r.data.papers.totalCount).toBe(expectedChanged.size);
    const authors = (await server().query(ALL_AUTHORS)).data.authors.nodes as { name: string; updatedAt: string }[];
    const expectedAuthors = authors.filter((a) => a.updatedAt > beforeChange.latest).map((a) => a.name);
    expect(r.data.authors.nodes.map((a: { name: string }) => a.name).sort()).toEqual(expectedAuthors.sort());
    expect(expectedAuthors.length).toBeGreaterThan(0);
  });

  it('narrows paperGroups too (counted in the database: the in-memory facts hold no times)', async () => {
    const r = await server().query(`query($s: DateTime!) { paperGroups(filter: { updatedSince: $s }, by: HAS_CODE) { key count } }`, {
      s: beforeChange.latest,
    });
    expect(r.errors).toBeUndefined();
    const total = r.data.paperGroups.reduce((sum: number, g: { count: number }) => sum + g.count, 0);
    expect(total).toBe(expectedChanged.size);
  });

  it('is strict and exact to the microsecond: one microsecond earlier includes that time, the time itself does not', async () => {
    const latest = (await server().query(ALL_PAPERS)).data.papers.nodes.at(-1).updatedAt as string;
    const micro = Number(latest.slice(20, 26));
    const earlier = micro > 0 ? `${latest.slice(0, 20)}${String(micro - 1).padStart(6, '0')}Z` : latest;
    const count = async (since: string) =>
      (await server().query(`query($s: DateTime!) { papers(filter: { updatedSince: $s }) { totalCount } }`, { s: since })).data.papers.totalCount;
    expect(await count(latest)).toBe(0);
    if (micro > 0) expect(await count(earlier)).toBe(expectedChanged.size);
    // The same instant in another offset is the same instant.
    const [date, time] = [latest.slice(0, 10), latest.slice(11, 26)];
    const hour = Number(time.slice(0, 2));
    if (hour < 22) {
      const shifted = `${date}T${String(hour + 2).padStart(2, '0')}${time.slice(2)}+02:00`;
      expect(await count(shifted)).toBe(0);
    }
  });

  it('refuses malformed times with BAD_USER_INPUT', async () => {
    for (const since of ['yesterday', '2026-02-30T00:00:00Z', '2026-01-01T00:00:00', '2026-01-01T00:00:00.1234567Z', '2026-01-01T25:00:00Z']) {
      const r = await server().query(`query($s: DateTime!) { papers(filter: { updatedSince: $s }) { totalCount } }`, { s: since });
      expect(r.errors?.[0]?.extensions?.code, since).toBe('BAD_USER_INPUT');
      expect(r.data).toBeUndefined();
    }
    const literal = await server().query(`{ authors(updatedSince: "soon") { totalCount } }`);
    expect(literal.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('UPDATED_AT ordering', () => {
  for (const field of ['papers', 'authors'] as const) {
    it(`pages ${field} forwards and backwards across ties, in (time, id) order, each once`, async () => {
      const all = (await server().query(field === 'papers' ? ALL_PAPERS : ALL_AUTHORS)).data[field].nodes as { id: string; updatedAt: string }[];
      const expected = [...all].sort(byTimeThenId).map((n) => n.id);
      // Ties: most rows share the first import's time.
      expect(new Set(all.map((n) => n.updatedAt)).size).toBeLessThan(all.length / 2);
      for (const backward of [false, true]) {
        const asc = await walk(field, 'ASC', backward);
        expect(asc.map((n) => n.id)).toEqual(expected);
        const desc = await walk(field, 'DESC', backward);
        expect(desc.map((n) => n.id)).toEqual([...expected].reverse());
      }
    });
  }

  it('combines with updatedSince and other filters: the changed papers of one venue, in order', async () => {
    const venues = (await server().query(`{ venues(first: 10) { nodes { id name } } }`)).data.venues.nodes as { id: string }[];
    const r = await server().query(
      `query($s: DateTime!, $v: ID!) { papers(first: 100, filter: { updatedSince: $s, venueId: $v }, orderBy: { field: UPDATED_AT, direction: ASC }) { nodes { id doi venue { id } updatedAt } } }`,
      { s: beforeChange.latest, v: venues[0]!.id },
    );
    expect(r.errors).toBeUndefined();
    const all = (await server().query(`{ papers(first: 100) { nodes { id doi venue { id } updatedAt } } }`)).data.papers.nodes as any[];
    const expected = all.filter((p) => p.venue?.id === venues[0]!.id && expectedChanged.has(p.doi)).sort(byTimeThenId);
    expect(r.data.papers.nodes.map((p: any) => p.id)).toEqual(expected.map((p) => p.id));
  });
});

describe('an import that changes nothing', () => {
  it('moves no time: the same records again leave every updatedAt as it was', async () => {
    const papers = (await server().query(ALL_PAPERS)).data.papers.nodes;
    const authors = (await server().query(ALL_AUTHORS)).data.authors.nodes;
    const summary = await writeBatch(server().database.handle.db, second);
    expect(summary.papers.inserted + summary.papers.updated).toBe(0);
    expect(summary.authorships.inserted + summary.authorships.updated + summary.authorships.removed).toBe(0);
    expect(summary.citations.inserted).toBe(0);
    expect((await server().query(ALL_PAPERS)).data.papers.nodes).toEqual(papers);
    expect((await server().query(ALL_AUTHORS)).data.authors.nodes).toEqual(authors);
  });
});

describe('statements', () => {
  it('ordering by UPDATED_AT at two levels costs the same statements for 5 or 50 rows per level', async () => {
    const q = (n: number) => `{ authors(first: ${n}, orderBy: { field: UPDATED_AT, direction: DESC }, updatedSince: "2000-01-01T00:00:00Z") {
      nodes { name updatedAt papers(first: ${n}, orderBy: { field: UPDATED_AT, direction: ASC }) { nodes { title updatedAt } } } } }`;
    const counts: number[] = [];
    for (const n of [5, 50]) {
      server().database.statements.length = 0;
      const r = await server().query(q(n));
      expect(r.errors).toBeUndefined();
      counts.push(server().database.statements.length);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});
