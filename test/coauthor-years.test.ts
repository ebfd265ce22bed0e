/**
 * Years anywhere in what a year column holds, and papers without one, through the API: the in-memory
 * coauthor graph (`coauthorNetwork`) gives every tie the years that SQL at read time gives
 * (`Author.coauthors`), and the in-memory paper facts (`Author.metrics`, `paperGroups`) keep every year.
 * Records go through the importer's writer, as any source's do.
 */
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../src/import/profile.js';
import type { PaperRecord } from '../src/import/records.js';
import { writeBatch } from '../src/import/writer.js';
import { NO_YEAR, YearCoder } from '../src/metrics/year-codes.js';
import { useTestServer } from './helpers/server.js';

function paper(key: string, year: number | undefined, names: string[], cites: string[] = []): PaperRecord {
  return {
    identity: { doi: `10.5555/years.${key}` },
    title: `A paper of ${key}`,
    year,
    hasCode: false,
    authorListComplete: true,
    authorships: names.map((name, i) => ({ author: { identity: { sourceKey: `years:${name}` }, displayName: name }, position: i + 1 })),
    topics: [],
    references: cites.map((c) => ({ doi: `10.5555/years.${c}` })),
  };
}

const papers = [
  paper('1850', 1850, ['Ada Early', 'Ben Late', 'Cy Third']),
  paper('2031', 2031, ['Ben Late', 'Ada Early'], ['1850']),
  paper('no year', undefined, ['Dee Undated', 'Eve Undated']),
  paper('no year either', undefined, ['Ada Early', 'Dee Undated']),
  paper('1901', 1901, ['Fay Edge', 'Gus Edge']),
  paper('2100', 2100, ['Gus Edge', 'Fay Edge']),
  paper('2027', 2027, ['Hal Turn', 'Ivy Turn']),
  paper('2028', 2028, ['Ivy Turn', 'Hal Turn']),
  // Beyond a 16-bit integer on both sides, which the in-memory indexes once read their years as.
  paper('44 BC', -44, ['Kit Far', 'Lou Far']),
  paper('40000', 40000, ['Lou Far', 'Kit Far']),
  // Moved to another year by a later import (see the last test).
  paper('moving', 1999, ['Mo Ving', 'Ro Ving']),
];

/** A researcher's profile page whose first paper shows no year: it takes the import's year, here 2028. */
const profile = [
  'Pat Profile',
  '',
  'LG',
  'h-index1',
  '',
  '2 Papers',
  '',
  ['LGMay 27\nA Paper Dated Without a Year\n\nPat Profile, Quinn Coauthor\n\nAn abstract.', 'CLNov 1, 2025\nA Paper With a Year\n\nQuinn Coauthor, Pat Profile\n\nAn abstract.'].join('\n\n'),
].join('\n');

const server = useTestServer(async (s) => {
  await writeBatch(s.database.handle.db, { source: 'synthetic', papers, authors: [] });
  await writeBatch(s.database.handle.db, parseProfile(profile, { fileName: 'profile.txt', currentYear: 2028 }));
});

interface TieYears {
  paperCount: number;
  firstYear: number | null;
  lastYear: number | null;
}

/** Every author's id by name, and every tie by the names of its two authors, as `Author.coauthors` says. */
async function coauthorsBySql() {
  const r = await server().query(`{ authors(first: 100) { nodes { id name
    coauthors(first: 100) { edges { paperCount firstYear lastYear node { name } } } } } }`);
  expect(r.errors).toBeUndefined();
  const ids = new Map<string, string>();
  const ties = new Map<string, TieYears>();
  for (const a of r.data.authors.nodes) {
    ids.set(a.name, a.id);
    for (const { node, ...years } of a.coauthors.edges) ties.set(pairKey(a.name, node.name), years);
  }
  return { ids, ties };
}

const pairKey = (a: string, b: string) => [a, b].sort().join(' & ');

/** Every tie of the coauthor networks around each author (depth 1: their ties and those among their coauthors). */
async function coauthorsByGraph(ids: Map<string, string>) {
  const names = new Map([...ids].map(([name, id]) => [id, name]));
  const ties = new Map<string, TieYears>();
  for (const id of ids.values()) {
    const r = await server().query(
      `query($id: ID!) { coauthorNetwork(authorId: $id, depth: 1, limit: 2000) { edges { source target paperCount firstYear lastYear } } }`,
      { id },
    );
    expect(r.errors).toBeUndefined();
    for (const { source, target, ...years } of r.data.coauthorNetwork.edges) ties.set(pairKey(names.get(source)!, names.get(target)!), years);
  }
  return ties;
}

async function authorMetrics(name: string) {
  const { ids } = await coauthorsBySql();
  const r = await server().query(
    `query($id: ID!) { author(id: $id) { metrics { paperCount firstYear lastYear papersByYear { year count } citationsByYear { year count } } } }`,
    { id: ids.get(name) },
  );
  expect(r.errors).toBeUndefined();
  return r.data.author.metrics;
}

async function yearGroups(filter: Record<string, unknown>) {
  const r = await server().query(`query($filter: PaperFilter) { paperGroups(filter: $filter, by: YEAR, first: 100) { key count } }`, { filter });
  expect(r.errors).toBeUndefined();
  return r.data.paperGroups.map((g: { key: string | null; count: number }) => [g.key === null ? null : Number(g.key), g.count]);
}

describe('coauthor years outside 1901–2027', () => {
  it('coauthorNetwork gives every tie the years Author.coauthors gives', async () => {
    const { ids, ties: bySql } = await coauthorsBySql();
    const byGraph = await coauthorsByGraph(ids);
    expect(byGraph).toEqual(bySql);
    const years = (a: string, b: string) => {
      const tie = byGraph.get(pairKey(a, b))!;
      return [tie.paperCount, tie.firstYear, tie.lastYear];
    };
    expect(years('Ada Early', 'Ben Late')).toEqual([2, 1850, 2031]);
    expect(years('Ada Early', 'Cy Third')).toEqual([1, 1850, 1850]);
    expect(years('Dee Undated', 'Eve Undated')).toEqual([1, null, null]);
    expect(years('Ada Early', 'Dee Undated')).toEqual([1, null, null]);
    expect(years('Fay Edge', 'Gus Edge')).toEqual([2, 1901, 2100]);
    expect(years('Hal Turn', 'Ivy Turn')).toEqual([2, 2027, 2028]);
    expect(years('Kit Far', 'Lou Far')).toEqual([2, -44, 40000]);
    expect(years('Pat Profile', 'Quinn Coauthor')).toEqual([2, 2025, 2028]);
  });

  it('author figures keep 1850, 2031 and the year a profile gave an undated paper', async () => {
    const ada = await authorMetrics('Ada Early');
    expect(ada).toMatchObject({ paperCount: 3, firstYear: 1850, lastYear: 2031, citationsByYear: [{ year: 2031, count: 1 }] });
    expect(ada.papersByYear).toHaveLength(2031 - 1850 + 1);
    expect(ada.papersByYear.filter((y: { count: number }) => y.count > 0)).toEqual([
      { year: 1850, count: 1 },
      { year: 2031, count: 1 },
    ]);
    expect(await authorMetrics('Dee Undated')).toMatchObject({ paperCount: 2, firstYear: null, lastYear: null, papersByYear: [] });
    expect(await authorMetrics('Pat Profile')).toMatchObject({ firstYear: 2025, lastYear: 2028 });
  });

  it('paper groups by year keep every year, and year filters select by the real year', async () => {
    const { ids } = await coauthorsBySql();
    const authorId = ids.get('Ada Early');
    expect(await yearGroups({ authorId })).toEqual([[1850, 1], [2031, 1], [null, 1]]);
    expect(await yearGroups({ authorId, yearFrom: 1850, yearTo: 1900 })).toEqual([[1850, 1]]);
    expect(await yearGroups({ authorId, yearFrom: 1851 })).toEqual([[2031, 1]]);
    expect(await yearGroups({ authorId, yearTo: 1849 })).toEqual([]);
    // Every paper, by year (most papers first, then the year; no year last), against the records.
    const expected = new Map<number | null, number>();
    const all = [...papers.map((p) => p.year ?? null), 2028, 2025];
    for (const year of all) expected.set(year, (expected.get(year) ?? 0) + 1);
    const rows = [...expected].sort(([x, m], [y, n]) => (x === null ? 1 : y === null ? -1 : n - m || x - y));
    expect(await yearGroups({})).toEqual(rows);
  });

  it('a later import that moves a paper to another year moves the tie in both', async () => {
    const db = server().database.handle.db;
    const moving = papers.find((p) => p.title === 'A paper of moving')!;
    try {
      await writeBatch(db, { source: 'synthetic', papers: [{ ...moving, year: 1777 }], authors: [] });
      const { ids, ties: bySql } = await coauthorsBySql();
      expect(bySql.get(pairKey('Mo Ving', 'Ro Ving'))).toEqual({ paperCount: 1, firstYear: 1777, lastYear: 1777 });
      expect(await coauthorsByGraph(ids)).toEqual(bySql);
      expect(await authorMetrics('Mo Ving')).toMatchObject({ firstYear: 1777, lastYear: 1777 });
    } finally {
      await writeBatch(db, { source: 'synthetic', papers: [moving], authors: [] });
    }
  });
});

describe('year codes', () => {
  it('number years in ascending order, keep every int32 and "no year" apart, and widen past 16 bits', () => {
    const coder = new YearCoder();
    const given = [2031, null, 1850, 0, -44, 40000, 1850, 2 ** 31 - 1, -(2 ** 31)];
    const provisional = given.map((y) => coder.code(y));
    const { codes, final } = coder.finish();
    expect([...codes.years]).toEqual([-(2 ** 31), -44, 0, 1850, 2031, 40000, 2 ** 31 - 1]);
    expect(provisional.map((c) => codes.yearOf(final[c]!))).toEqual(given);
    expect(final[coder.code(null)]).toBe(NO_YEAR);
    // Year ranges as code ranges: [1850, 2031] is codes 4..5; nothing lies in [1, 1849].
    expect([codes.codeAtLeast(1850), codes.codeAtMost(2031)]).toEqual([4, 5]);
    expect([codes.codeAtLeast(1), codes.codeAtMost(1849)]).toEqual([4, 3]);
    expect(codes.newCodeArray(1)).toBeInstanceOf(Uint16Array);
    const many = new YearCoder();
    for (let y = 0; y < 70_000; y++) many.code(y);
    const wide = many.finish().codes;
    expect(wide.newCodeArray(1)).toBeInstanceOf(Uint32Array);
    expect(wide.yearOf(70_000)).toBe(69_999);
  });
});
