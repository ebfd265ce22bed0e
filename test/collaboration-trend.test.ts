/**
 * `collaborationTrend` through the API on a seeded synthetic graph (twenty years of papers, some without a
 * year), every figure checked against its definition computed here from the records; bad input.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/queries/raw.js';
import { encodeGlobalID } from '../schema/global-id.js';
import type { PaperRecord } from '../src/import/records.js';
import { writeBatch } from '../src/import/writer.js';
import { seededRandom } from '../src/synthetic/random.js';
import { useTestServer } from './helpers/server.js';
import { syntheticBatch } from './helpers/synthetic.js';

const batch = syntheticBatch({ authors: 60, papers: 400, authorsPerPaper: 3, seed: 5 });
// Teams of other sizes, and papers without a year (in no year's figures).
const random = seededRandom(9);
for (const [k, paper] of batch.papers.entries()) {
  if (k % 5 === 0) paper.authorships = paper.authorships.slice(0, 1 + (k % 3));
  if (k % 11 === 0) paper.authorships.push({ ...batch.papers[(k + 1) % batch.papers.length]!.authorships[0]!, position: paper.authorships.length + 1 });
  if (k % 13 === 0) paper.year = undefined;
  if (k % 13 === 0) paper.publishedAt = undefined;
}
const records: PaperRecord[] = batch.papers;
const keyOf = (a: PaperRecord['authorships'][number]) => a.author.identity.sourceKey!;
const authorIdOf = new Map<string, string>();

const server = useTestServer(async (s) => {
  await writeBatch(s.database.handle.db, batch);
  for (const r of await queryRows<{ id: number; source_key: string }>(s.database.handle.db, sql`select id, source_key from authors`)) {
    authorIdOf.set(r.source_key, encodeGlobalID('Author', r.id));
  }
});

const TREND = `query($id: ID, $ids: [ID!], $from: Int, $to: Int) {
  collaborationTrend(authorId: $id, authorIds: $ids, yearFrom: $from, yearTo: $to) {
    authorCount
    years { year paperCount meanTeamSize medianTeamSize repeatCollaboratorShare newCollaborators newTiesInside }
  }
}`;

/** The figures by their definitions (README, src/networks/collaboration-trend.ts), straight from the records. */
function bruteTrend(keys: string[], window: { from?: number; to?: number }) {
  const set = new Set(keys);
  const team = (p: PaperRecord) => [...new Set(p.authorships.map(keyOf))];
  const mine = records.filter((p) => p.year != null && team(p).some((k) => set.has(k)));
  const years = mine.map((p) => p.year!);
  const from = window.from ?? Math.min(...years);
  const to = window.to ?? Math.max(...years);
  const sharedBefore = (m: string, c: string, year: number) => mine.some((q) => q.year! < year && team(q).includes(m) && team(q).includes(c));
  const firstWith = (c: string) => Math.min(...mine.filter((q) => team(q).includes(c) && team(q).some((m) => m !== c && set.has(m))).map((q) => q.year!));
  const collaborators = new Set(mine.flatMap((q) => team(q).filter((c) => team(q).some((m) => m !== c && set.has(m)))));
  const rows = [];
  for (let year = from; year <= to; year++) {
    const papers = mine.filter((p) => p.year === year);
    const sizes = papers.map((p) => team(p).length).sort((x, y) => x - y);
    const repeat = papers.filter((p) => team(p).some((m) => set.has(m) && team(p).some((c) => c !== m && sharedBefore(m, c, year))));
    let newTies = 0;
    for (const a of keys) {
      for (const b of keys) {
        if (a >= b) continue;
        const shared = mine.filter((q) => team(q).includes(a) && team(q).includes(b)).map((q) => q.year!);
        if (shared.length && Math.min(...shared) === year) newTies += 1;
      }
    }
    const mid = sizes.length >> 1;
    rows.push({
      year,
      paperCount: papers.length,
      meanTeamSize: sizes.length ? sizes.reduce((s, x) => s + x, 0) / sizes.length : null,
      medianTeamSize: sizes.length ? (sizes.length % 2 ? sizes[mid]! : (sizes[mid - 1]! + sizes[mid]!) / 2) : null,
      repeatCollaboratorShare: sizes.length ? repeat.length / papers.length : null,
      newCollaborators: [...collaborators].filter((c) => firstWith(c) === year).length,
      newTiesInside: keys.length === 1 ? null : newTies,
    });
  }
  return rows;
}

function expectRows(actual: any[], expected: ReturnType<typeof bruteTrend>) {
  expect(actual.map((r) => r.year)).toEqual(expected.map((r) => r.year));
  for (const [i, row] of expected.entries()) {
    const got = actual[i];
    for (const key of ['paperCount', 'newCollaborators', 'newTiesInside'] as const) expect(got[key], `${row.year} ${key}`).toBe(row[key]);
    for (const key of ['meanTeamSize', 'medianTeamSize', 'repeatCollaboratorShare'] as const) {
      if (row[key] == null) expect(got[key], `${row.year} ${key}`).toBeNull();
      else expect(got[key], `${row.year} ${key}`).toBeCloseTo(row[key]!, 12);
    }
  }
}

describe('collaborationTrend', () => {
  const keys = () => [...authorIdOf.keys()].sort();

  it("gives one author's years from their first to their last dated paper, every figure as defined", async () => {
    for (const key of keys().slice(0, 8)) {
      const r = await server().query(TREND, { id: authorIdOf.get(key) });
      expect(r.errors).toBeUndefined();
      expect(r.data.collaborationTrend.authorCount).toBe(1);
      expectRows(r.data.collaborationTrend.years, bruteTrend([key], {}));
    }
  });

  it('fills a window wider than the papers with empty years, and counts history before the window', async () => {
    const key = keys()[3]!;
    const r = await server().query(TREND, { id: authorIdOf.get(key), from: 1995, to: 2025 });
    const rows = r.data.collaborationTrend.years;
    expect(rows).toHaveLength(31);
    expectRows(rows, bruteTrend([key], { from: 1995, to: 2025 }));
    expect(rows[0]).toMatchObject({ paperCount: 0, meanTeamSize: null, repeatCollaboratorShare: null, newCollaborators: 0 });
    const late = await server().query(TREND, { id: authorIdOf.get(key), from: 2012, to: 2016 });
    expectRows(late.data.collaborationTrend.years, bruteTrend([key], { from: 2012, to: 2016 }));
  });

  it('takes a group together: papers once, collaborators once, ties formed inside the group', async () => {
    const random2 = seededRandom(1);
    for (const size of [2, 7, 20]) {
      const group = [...new Set(Array.from({ length: size }, () => keys()[Math.floor(random2() * keys().length)]!))];
      const r = await server().query(TREND, { ids: group.map((k) => authorIdOf.get(k)), from: 2000, to: 2019 });
      expect(r.errors).toBeUndefined();
      expect(r.data.collaborationTrend.authorCount).toBe(group.length);
      const expected = bruteTrend(group, { from: 2000, to: 2019 });
      expectRows(r.data.collaborationTrend.years, expected);
      if (size === 20) {
        // The data exercises every figure: ties formed inside, repeat collaborators, new ones.
        expect(expected.reduce((s, row) => s + row.newTiesInside!, 0)).toBeGreaterThan(0);
        expect(expected.some((row) => row.repeatCollaboratorShare! > 0 && row.repeatCollaboratorShare! < 1)).toBe(true);
        expect(expected.some((row) => row.medianTeamSize !== row.meanTeamSize)).toBe(true);
      }
    }
    expect(server().unexpectedErrors).toEqual([]);
  });
});

describe('collaborationTrend: bad input', () => {
  const anId = () => authorIdOf.values().next().value!;
  const cases: [string, () => Record<string, unknown>, string, string][] = [
    ['neither authorId nor authorIds', () => ({}), 'BAD_USER_INPUT', 'authorId'],
    ['both', () => ({ id: anId(), ids: [anId()] }), 'BAD_USER_INPUT', 'authorId'],
    ['an empty list', () => ({ ids: [] }), 'BAD_USER_INPUT', 'authorIds'],
    ['yearFrom after yearTo', () => ({ id: anId(), from: 2010, to: 2000 }), 'BAD_USER_INPUT', 'yearFrom'],
    ['a window over 500 years', () => ({ id: anId(), from: 1000, to: 2000 }), 'BAD_USER_INPUT', 'yearFrom'],
    ['a malformed id', () => ({ id: 'bm9wZQ==' }), 'BAD_USER_INPUT', 'authorId'],
    ['a venue id', () => ({ ids: [encodeGlobalID('Venue', 1)] }), 'BAD_USER_INPUT', 'authorIds'],
    ['an unknown author', () => ({ id: encodeGlobalID('Author', 2_000_000_000) }), 'NOT_FOUND', 'authorId'],
    ['over 5,000 authors', () => ({ ids: Array.from({ length: 5001 }, (_, i) => encodeGlobalID('Author', i + 1)) }), 'BAD_USER_INPUT', 'authorIds'],
  ];
  it.each(cases)('refuses %s', async (_name, variables, code, argument) => {
    const r = await server().query(TREND, variables());
    expect(r.data?.collaborationTrend ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions).toMatchObject({ code, argument });
  });
});
