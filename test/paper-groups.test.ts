/**
 * Topic groupings and `paperGroups` through the API, against brute force over the imported records.
 */
import { describe, expect, it } from 'vitest';
import { topicSubtreeIds } from '../db/queries/entities.js';
import { paperGroups, type PaperGroupBy, type PaperGroupOrderField } from '../db/queries/paper-groups.js';
import { writeBatch } from '../src/import/writer.js';
import { groupPapers, type FactsFilter } from '../src/metrics/group-papers.js';
import { loadPaperFacts } from '../src/metrics/paper-facts-index.js';
import { seededRandom } from '../src/synthetic/random.js';
import { brutePapers, countOf, metricsBatch, subtreeCodes, type BrutePaper } from './helpers/metrics-data.js';
import { useTestServer } from './helpers/server.js';

const batch = metricsBatch();
const papers = brutePapers(batch);
const server = useTestServer(async (s) => {
  await writeBatch(s.database.handle.db, batch);
});

async function idOf(kind: 'topic' | 'venue' | 'author', name: string): Promise<string> {
  const query = {
    topic: `query($n: String!) { topic(code: $n) { id } }`,
    venue: `query($n: String!) { venues(search: $n) { nodes { id name } } }`,
    author: `query($n: String!) { authors(search: $n) { nodes { id name } } }`,
  }[kind];
  const r = await server().query(query, { n: name });
  if (kind === 'topic') return r.data.topic.id;
  return r.data[`${kind}s`].nodes.find((n: any) => n.name === name).id;
}

/** Brute-force groups: label → [count, citations], the null group under the key null. */
function groups(selected: BrutePaper[], keysOf: (p: BrutePaper) => (string | null)[]) {
  const out = new Map<string | null, [number, number]>();
  for (const p of selected) {
    const keys = keysOf(p);
    for (const key of keys.length ? keys : [null]) {
      const row = out.get(key) ?? [0, 0];
      row[0] += 1;
      row[1] += countOf(p, 'REPORTED_ELSE_GRAPH');
      out.set(key, row);
    }
  }
  return out;
}

const asMap = (rows: any[], keyOf: (r: any) => string | null) => new Map(rows.map((r) => [keyOf(r), [r.count, r.citationCount]]));

describe('topic shares', () => {
  it("Author.topics counts each author's papers per topic, with shares and citations", async () => {
    const r = await server().query(`{ authors(first: 100) { nodes { name paperCount topics(first: 100) { topic { code } paperCount share citationCount } } } }`);
    for (const a of r.data.authors.nodes) {
      const mine = papers.filter((p) => p.authors.includes(a.name));
      const expected = groups(mine, (p) => p.topics);
      expected.delete(null);
      expect(new Map(a.topics.map((t: any) => [t.topic.code, [t.paperCount, t.citationCount]])), a.name).toEqual(expected);
      for (const t of a.topics) expect(t.share).toBeCloseTo(t.paperCount / mine.length, 10);
      const counts = a.topics.map((t: any) => t.paperCount);
      expect(counts).toEqual([...counts].sort((x: number, y: number) => y - x));
    }
  });

  it('Venue.topics does the same for venues, and `first` cuts the list', async () => {
    const r = await server().query(`{ venues(first: 10) { nodes { name topics(first: 2) { topic { code } paperCount share } } } }`);
    for (const v of r.data.venues.nodes) {
      const mine = papers.filter((p) => p.record.venue?.name === v.name);
      const expected = [...groups(mine, (p) => p.topics)].filter(([k]) => k != null).sort((a, b) => b[1][0] - a[1][0]);
      expect(v.topics.map((t: any) => t.paperCount)).toEqual(expected.slice(0, 2).map(([, [n]]) => n));
      for (const t of v.topics) expect(t.share).toBeCloseTo(t.paperCount / mine.length, 10);
    }
  });
});

describe('paperGroups', () => {
  const fields = 'key label count citationCount year topic { code } venue { name } author { name }';

  it('groups every paper by year, venue, topic, author and code, nulls included', async () => {
    const cases = [
      ['YEAR', (p: BrutePaper) => (p.year == null ? [] : [String(p.year)]), (g: any) => g.year?.toString() ?? null],
      ['VENUE', (p: BrutePaper) => (p.record.venue ? [p.record.venue.name] : []), (g: any) => g.venue?.name ?? null],
      ['TOPIC', (p: BrutePaper) => p.topics, (g: any) => g.topic?.code ?? null],
      ['AUTHOR', (p: BrutePaper) => p.authors, (g: any) => g.author?.name ?? null],
      ['HAS_CODE', (p: BrutePaper) => [String(p.record.hasCode)], (g: any) => g.key],
    ] as const;
    for (const [by, keysOf, keyOf] of cases) {
      const r = await server().query(`{ paperGroups(by: ${by}, first: 1000) { ${fields} } }`);
      expect(r.errors, by).toBeUndefined();
      expect(asMap(r.data.paperGroups, keyOf), by).toEqual(groups(papers, keysOf));
      const rows = r.data.paperGroups;
      // Most papers first, the group without a value last.
      const counted = rows.filter((g: any) => g.key != null).map((g: any) => g.count);
      expect(counted).toEqual([...counted].sort((a: number, b: number) => b - a));
      if (rows.some((g: any) => g.key == null)) expect(rows.at(-1).key).toBeNull();
    }
  });

  it('counts over a filter: a topic subtree, an author, a year range', async () => {
    const alpha = subtreeCodes(batch, 'syn.alpha');
    const author = papers[10]!.authors[0]!;
    const r = await server().query(
      `query($t: ID!, $a: ID!) {
        venuesOfAlpha: paperGroups(by: VENUE, filter: { topicId: $t }, first: 100) { ${fields} }
        yearsOfAuthor: paperGroups(by: YEAR, filter: { authorId: $a }, first: 100) { ${fields} }
        authorsSince: paperGroups(by: AUTHOR, filter: { yearFrom: 2010, topicId: $t }, first: 100) { ${fields} }
      }`,
      { t: await idOf('topic', 'syn.alpha'), a: await idOf('author', author) },
    );
    expect(r.errors).toBeUndefined();
    const inAlpha = papers.filter((p) => p.topics.some((c) => alpha.has(c)));
    expect(asMap(r.data.venuesOfAlpha, (g) => g.venue?.name ?? null)).toEqual(groups(inAlpha, (p) => (p.record.venue ? [p.record.venue.name] : [])));
    expect(asMap(r.data.yearsOfAuthor, (g) => g.year?.toString() ?? null)).toEqual(
      groups(papers.filter((p) => p.authors.includes(author)), (p) => (p.year == null ? [] : [String(p.year)])),
    );
    expect(asMap(r.data.authorsSince, (g) => g.author?.name ?? null)).toEqual(
      groups(inAlpha.filter((p) => (p.year ?? 0) >= 2010), (p) => p.authors),
    );
  });

  it('orders by key or citations, and labels groups', async () => {
    const r = await server().query(`{
      years: paperGroups(by: YEAR, first: 3, orderBy: { field: KEY, direction: ASC }) { key label count }
      cited: paperGroups(by: VENUE, first: 10, orderBy: { field: CITATION_COUNT, direction: DESC }) { label citationCount venue { name } }
      code: paperGroups(by: HAS_CODE, orderBy: { field: KEY, direction: ASC }) { key label }
    }`);
    const years = [...new Set(papers.map((p) => p.year).filter((y): y is number => y != null))].sort();
    expect(r.data.years.map((g: any) => g.key)).toEqual(years.slice(0, 3).map(String));
    expect(r.data.years.map((g: any) => g.label)).toEqual(years.slice(0, 3).map(String));
    const cited = r.data.cited.filter((g: any) => g.venue).map((g: any) => g.citationCount);
    expect(cited).toEqual([...cited].sort((a: number, b: number) => b - a));
    expect(r.data.cited.at(-1).label).toBe('no venue');
    for (const g of r.data.cited.filter((x: any) => x.venue)) expect(g.label).toBe(g.venue.name);
    expect(r.data.code).toEqual([{ key: 'false', label: 'without code' }, { key: 'true', label: 'with code' }]);
  });

  it('rejects bad arguments with BAD_USER_INPUT', async () => {
    const paperId = (await server().query('{ papers(first: 1) { nodes { id } } }')).data.papers.nodes[0].id;
    const cases: [string, string][] = [
      ['{ paperGroups(by: YEAR, first: 0) { count } }', 'first'],
      ['{ paperGroups(by: YEAR, first: 1001) { count } }', 'first'],
      [`{ paperGroups(by: YEAR, filter: { topicId: "${paperId}" }) { count } }`, 'filter.topicId'],
      ['{ paperGroups(by: YEAR, filter: { yearFrom: 2020, yearTo: 2010 }) { count } }', 'filter.yearFrom'],
      ['{ paperGroups(by: YEAR, filter: { search: "  " }) { count } }', 'filter.search'],
    ];
    for (const [query, argument] of cases) {
      const r = await server().query(query);
      expect(r.status, query).toBeLessThan(500);
      expect(r.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.argument, query).toBe(argument);
    }
    const missing = await server().query('{ paperGroups(first: 3) { count } }');
    expect(missing.errors?.[0]?.message).toMatch(/by/);
    expect(server().unexpectedErrors).toEqual([]);
  });

  it('answers from memory exactly what the database answers, for 300 random filters', async () => {
    const db = server().database.handle.db;
    const facts = await loadPaperFacts(db, 37); // many small slices, read ahead
    const ids = (await server().query('{ venues(first: 10) { nodes { id } } topics { id children { id } } authors(first: 100) { nodes { id } } }')).data;
    const numeric = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);
    const venueIds: number[] = ids.venues.nodes.map((v: any) => numeric(v.id));
    const topicIds: number[] = ids.topics.flatMap((t: any) => [t, ...t.children]).map((t: any) => numeric(t.id));
    const authorIds: number[] = ids.authors.nodes.map((a: any) => numeric(a.id));
    const random = seededRandom(99);
    const maybe = <T>(value: () => T): T | undefined => (random() < 0.35 ? value() : undefined);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
    for (let i = 0; i < 300; i++) {
      const topicId = maybe(() => pick(topicIds));
      const filter: FactsFilter = {
        yearFrom: maybe(() => 2000 + Math.floor(random() * 12)),
        yearTo: maybe(() => 2008 + Math.floor(random() * 12)),
        venueId: maybe(() => pick(venueIds)),
        topicIds: topicId === undefined ? undefined : (await topicSubtreeIds(db, [topicId])).get(topicId),
        authorId: maybe(() => pick(authorIds)),
        hasCode: maybe(() => random() < 0.5),
      };
      const query = {
        filter,
        by: pick<PaperGroupBy>(['YEAR', 'VENUE', 'TOPIC', 'AUTHOR', 'HAS_CODE']),
        first: 1 + Math.floor(random() * 30),
        order: { field: pick<PaperGroupOrderField>(['COUNT', 'CITATION_COUNT', 'KEY']), descending: random() < 0.5 },
        basis: pick(['REPORTED_ELSE_GRAPH', 'GRAPH'] as const),
      };
      expect(groupPapers(facts, query), JSON.stringify(query)).toEqual(await paperGroups(db, { ...query, filter: { ...filter, topicId } }));
    }
  });

  it('groups a full-text search in the database', async () => {
    const r = await server().query(`{ paperGroups(by: YEAR, filter: { search: "graph" }, first: 100) { key count citationCount } }`);
    const matching = papers.filter((p) => /\bgraph\b/.test(`${p.record.title} ${p.record.abstract ?? ''}`));
    expect(matching.length).toBeGreaterThan(10);
    expect(asMap(r.data.paperGroups, (g) => g.key)).toEqual(groups(matching, (p) => (p.year == null ? [] : [String(p.year)])));
  });

  it('counts a new import in the next request', async () => {
    const before = await server().query(`{ paperGroups(by: HAS_CODE) { key count } }`);
    const withCode = (r: any) => r.data.paperGroups.find((g: any) => g.key === 'true').count;
    await writeBatch(server().database.handle.db, {
      source: 'late',
      authors: [],
      papers: [{ identity: { doi: '10.5555/late' }, title: 'A late paper with code', year: 2030, hasCode: true, authorListComplete: true, authorships: [], topics: [] }],
    });
    const after = await server().query(`{ paperGroups(by: HAS_CODE) { key count } }`);
    expect(withCode(after)).toBe(withCode(before) + 1);
  });
});

