/**
 * Citation metrics of authors, venues and topics through the API, each figure checked against brute force
 * over the imported records; the h-index and year series as pure functions on their edge cases.
 */
import { describe, expect, it } from 'vitest';
import { topicSubtreeIds } from '../db/queries/entities.js';
import { citationsByYearOfAuthors, ownerMetrics, papersOfAuthorsWithCounts, topAuthorsOfOwners } from '../db/queries/metrics.js';
import { writeBatch } from '../src/import/writer.js';
import { hIndex, i10Index, yearSeries } from '../src/metrics/citation-metrics.js';
import { seededRandom } from '../src/synthetic/random.js';
import {
  bruteHIndex,
  brutePapers,
  bruteSeries,
  bruteSetFigures,
  countOf,
  metricsBatch,
  subtreeCodes,
  type Basis,
} from './helpers/metrics-data.js';
import { useTestServer } from './helpers/server.js';

const batch = metricsBatch();
const papers = brutePapers(batch);
const server = useTestServer(async (s) => {
  await writeBatch(s.database.handle.db, batch);
});

describe('h-index and i10-index', () => {
  it('handles the edge cases', () => {
    expect(hIndex([])).toBe(0);
    expect(hIndex([0, 0, 0])).toBe(0); // no citations
    expect(hIndex([100, 100, 100])).toBe(3); // every paper above h: h is the paper count
    expect(hIndex([3, 3, 3, 3])).toBe(3); // ties at h
    expect(hIndex([5, 4, 4, 1])).toBe(3);
    expect(hIndex([1])).toBe(1);
    expect(i10Index([9, 10, 11, 0])).toBe(2);
  });

  it('matches the definition on 500 random lists', () => {
    const random = seededRandom(3);
    for (let i = 0; i < 500; i++) {
      const counts = Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() ** 2 * 60));
      expect(hIndex(counts), JSON.stringify(counts)).toBe(bruteHIndex(counts));
    }
  });

  it('fills gaps in year series', () => {
    expect(yearSeries(new Map([[2001, 2], [2004, 1]]))).toEqual([
      { year: 2001, count: 2 },
      { year: 2002, count: 0 },
      { year: 2003, count: 0 },
      { year: 2004, count: 1 },
    ]);
    expect(yearSeries(new Map())).toEqual([]);
  });
});

const authorQuery = `query($b: CitationBasis!) { authors(first: 100) { nodes { name metrics(citations: $b) {
  basis paperCount citationCount hIndex i10Index firstYear lastYear
  papersByYear { year count } citationsByYear { year count } mostCited(first: 3) { title }
} } } }`;

describe('Author.metrics', () => {
  for (const basis of ['REPORTED_ELSE_GRAPH', 'GRAPH'] as Basis[]) {
    it(`equals brute force for every author (${basis})`, async () => {
      const r = await server().query(authorQuery, { b: basis });
      expect(r.errors).toBeUndefined();
      const nodes = r.data.authors.nodes;
      expect(nodes.length).toBe(new Set(papers.flatMap((p) => p.authors)).size);
      for (const node of nodes) {
        const mine = papers.filter((p) => p.authors.includes(node.name));
        const { basis: got, papersByYear, citationsByYear, mostCited, ...figures } = node.metrics;
        expect(got).toBe(basis);
        expect(figures, node.name).toEqual(bruteSetFigures(mine, basis));
        expect(papersByYear).toEqual(bruteSeries(mine.map((p) => p.year).filter((y): y is number => y != null)));
        expect(citationsByYear).toEqual(bruteSeries(mine.flatMap((p) => p.citingYears).filter((y): y is number => y != null)));
        const top = [...mine].sort((a, b) => countOf(b, basis) - countOf(a, basis));
        expect(mostCited.map((p: any) => countOf(papers.find((x) => x.record.title === p.title)!, basis))).toEqual(
          top.slice(0, 3).map((p) => countOf(p, basis)),
        );
      }
    });
  }

  it('gives an author nobody cites zeros, and no years when their paper has none', async () => {
    const r = await server().query(`{ authors(search: "Nobody Cites Me") { nodes { metrics {
      paperCount citationCount hIndex i10Index firstYear lastYear papersByYear { year } citationsByYear { year } } } } }`);
    expect(r.data.authors.nodes[0].metrics).toEqual({
      paperCount: 1, citationCount: 0, hIndex: 0, i10Index: 0, firstYear: null, lastYear: null, papersByYear: [], citationsByYear: [],
    });
  });

  it('runs a fixed number of statements for any number of authors', async () => {
    const s = server();
    const counts = [];
    for (const first of [1, 10, 40]) {
      s.database.statements.length = 0;
      const r = await s.query(authorQuery.replace('first: 100', `first: ${first}`), { b: 'REPORTED_ELSE_GRAPH' });
      expect(r.errors).toBeUndefined();
      counts.push(s.database.statements.length);
    }
    // authors page, metrics papers, citations by year, most cited papers.
    expect(Math.max(...counts)).toBeLessThanOrEqual(5);
    expect(new Set(counts).size).toBe(1);
  });
});

describe('Paper.citationCountSource', () => {
  it('says REPORTED when the source gave a count and GRAPH otherwise', async () => {
    const r = await server().query(`{ papers(first: 100) { nodes { title citationCount citationCountSource citedByCount } } }`);
    for (const node of r.data.papers.nodes) {
      const p = papers.find((x) => x.record.title === node.title)!;
      expect(node.citationCountSource).toBe(p.reported != null ? 'REPORTED' : 'GRAPH');
      expect(node.citationCount).toBe(countOf(p, 'REPORTED_ELSE_GRAPH'));
      expect(node.citedByCount).toBe(p.graphCitations);
    }
  });
});

describe('Venue.metrics and Topic.metrics', () => {
  const figures = 'paperCount citationCount hIndex i10Index firstYear lastYear';

  it('venues equal brute force over their papers', async () => {
    const r = await server().query(`{ venues(first: 10) { nodes { name metrics(citations: GRAPH) { ${figures} papersByYear { year count } } } } }`);
    expect(r.data.venues.nodes.length).toBe(3);
    for (const v of r.data.venues.nodes) {
      const mine = papers.filter((p) => p.record.venue?.name === v.name);
      const { papersByYear, ...rest } = v.metrics;
      expect(rest, v.name).toEqual(bruteSetFigures(mine, 'GRAPH'));
      expect(papersByYear).toEqual(bruteSeries(mine.map((p) => p.year!).filter((y) => y != null)));
    }
  });

  it('topics count their whole subtree, each paper once', async () => {
    for (const code of ['syn', 'syn.alpha', 'syn.beta', 'syn.alpha.sub']) {
      const r = await server().query(`query($c: String!) { topic(code: $c) { paperCount trend { year count }
        metrics { ${figures} topAuthors(first: 3) { author { name } paperCount citationCount }
          byCitations: topAuthors(first: 3, by: CITATIONS) { author { name } paperCount citationCount } } } }`, { c: code });
      const codes = subtreeCodes(batch, code);
      const mine = papers.filter((p) => p.topics.some((t) => codes.has(t)));
      const { topAuthors, byCitations, ...rest } = r.data.topic.metrics;
      expect(rest, code).toEqual(bruteSetFigures(mine, 'REPORTED_ELSE_GRAPH'));
      expect(r.data.topic.paperCount).toBe(mine.length);
      expect(r.data.topic.trend).toEqual(bruteSeries(mine.map((p) => p.year).filter((y): y is number => y != null)));
      const perAuthor = new Map<string, { paperCount: number; citationCount: number }>();
      for (const p of mine) {
        for (const a of p.authors) {
          const row = perAuthor.get(a) ?? { paperCount: 0, citationCount: 0 };
          row.paperCount += 1;
          row.citationCount += countOf(p, 'REPORTED_ELSE_GRAPH');
          perAuthor.set(a, row);
        }
      }
      const ranked = (key: 'paperCount' | 'citationCount', other: 'paperCount' | 'citationCount') =>
        [...perAuthor].sort((a, b) => b[1][key] - a[1][key] || b[1][other] - a[1][other]).slice(0, 3).map(([, v]) => [v[key], v[other]]);
      expect(topAuthors.map((a: any) => [a.paperCount, a.citationCount])).toEqual(ranked('paperCount', 'citationCount'));
      expect(byCitations.map((a: any) => [a.citationCount, a.paperCount])).toEqual(ranked('citationCount', 'paperCount'));
      for (const a of topAuthors) expect(a.paperCount).toBe(perAuthor.get(a.author.name)!.paperCount);
    }
  });

  it('refuses list sizes out of range', async () => {
    for (const query of [
      '{ topics { metrics { topAuthors(first: 0) { paperCount } } } }',
      '{ topics { metrics { topAuthors(first: 101) { paperCount } } } }',
      '{ authors(first: 1) { nodes { metrics { mostCited(first: -1) { title } } } } }',
    ]) {
      const r = await server().query(query);
      expect(r.status, query).toBeLessThan(500);
      expect(r.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.argument, query).toBe('first');
    }
    expect(server().unexpectedErrors).toEqual([]);
  });

  it("the benchmark's SQL baselines give the API's answers", async () => {
    const db = server().database.handle.db;
    const r = await server().query(`{ topic(code: "syn") { id metrics { paperCount citationCount hIndex i10Index firstYear lastYear
      topAuthors(first: 5) { paperCount citationCount } } } authors(first: 5) { nodes { id metrics(citations: GRAPH) { paperCount citationCount citationsByYear { count } } } } }`);
    const numeric = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);
    const topicId = numeric(r.data.topic.id);
    const owners = { kind: 'topic' as const, subtrees: await topicSubtreeIds(db, [topicId]) };
    const [figures] = await ownerMetrics(db, owners, 'REPORTED_ELSE_GRAPH');
    const { topAuthors, ...api } = r.data.topic.metrics;
    expect({
      paperCount: Number(figures!.paper_count), citationCount: Number(figures!.citation_count), hIndex: Number(figures!.h_index),
      i10Index: Number(figures!.i10_index), firstYear: figures!.first_year, lastYear: figures!.last_year,
    }).toEqual(api);
    const top = await topAuthorsOfOwners(db, owners, 'PAPERS', 5, 'REPORTED_ELSE_GRAPH');
    expect(top.map((t) => ({ paperCount: Number(t.paper_count), citationCount: Number(t.citation_count) }))).toEqual(topAuthors);
    for (const author of r.data.authors.nodes) {
      const id = numeric(author.id);
      const rows = await papersOfAuthorsWithCounts(db, [id]);
      expect(rows.length).toBe(author.metrics.paperCount);
      expect(rows.reduce((n, row) => n + Number(row.cited_by_count), 0)).toBe(author.metrics.citationCount);
      const byYear = await citationsByYearOfAuthors(db, [id]);
      expect(byYear.reduce((n, row) => n + Number(row.count), 0)).toBe(author.metrics.citationsByYear.reduce((n: number, y: any) => n + y.count, 0));
    }
  });
});

