/**
 * The synthetic scholarly graph behind the coauthor-network benchmarks: reproducible from its seed, shaped
 * like a real coauthor network (skewed productivity and team sizes, labs, one giant component), citations
 * only backwards, and written through the importer's writer with exactly the rows the generator describes.
 * Expectations are computed from the records themselves, streaming, as a benchmark would see them.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/queries/raw.js';
import { writeScholarlyGraph } from '../scripts/generate.js';
import type { AuthorshipRecord, PaperRecord } from '../src/import/records.js';
import { FIRST_YEAR, LAST_YEAR, syntheticScholarlyGraph } from '../src/synthetic/scholarly-graph.js';
import { createTestDatabase } from './helpers/database.js';

/** Authors are `SA1..SAn`: their dense index is the number minus one. */
const indexOf = (a: AuthorshipRecord) => Number(a.author.identity.openalexId!.slice(2)) - 1;
const median = (values: ArrayLike<number>) => Array.from(values).sort((a, b) => a - b)[values.length >> 1]!;

/** One streaming pass: counts, distributions, the invariants broken, and the components (union-find). */
function analyse(records: Iterable<PaperRecord>, authors: number) {
  const papersOf = new Int32Array(authors);
  const parent = Int32Array.from({ length: authors }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const earlier = new Set<string>();
  const names = new Map<number, string>();
  const teamSizes: number[] = [];
  const problems: string[] = [];
  let [papers, authorships, references, paperTopics, sameLab, pairs, lastYear] = [0, 0, 0, 0, 0, 0, FIRST_YEAR];
  for (const p of records) {
    papers += 1;
    const doi = p.identity.doi!;
    const ids = p.authorships.map(indexOf);
    teamSizes.push(ids.length);
    authorships += ids.length;
    paperTopics += p.topics.length;
    if (p.authorships.some((a, i) => a.position !== i + 1)) problems.push(`${doi}: positions not 1..n`);
    if (new Set(ids).size !== ids.length) problems.push(`${doi}: an author twice`);
    if (p.year! < lastYear || p.year! > LAST_YEAR) problems.push(`${doi}: year ${p.year} out of order`);
    if (p.topics.filter((t) => t.primary).length !== 1 || p.topics[0]!.topic.parent?.code !== 'syn') problems.push(`${doi}: topics`);
    lastYear = p.year!;
    if (ids.some((i) => !(i >= 0 && i < authors))) problems.push(`${doi}: an author outside SA1..SA${authors}`);
    for (const a of p.authorships) {
      const i = indexOf(a);
      papersOf[i]! += 1;
      if ((names.get(i) ?? a.author.displayName) !== a.author.displayName) problems.push(`${doi}: SA${i + 1} renamed`);
      names.set(i, a.author.displayName);
    }
    for (let i = 1; i < ids.length; i++) parent[find(ids[i]!)] = find(ids[0]!);
    for (let i = 0; i < p.authorships.length; i++) {
      for (let j = i + 1; j < p.authorships.length; j++, pairs++) {
        if (p.authorships[i]!.author.affiliation === p.authorships[j]!.author.affiliation) sameLab += 1;
      }
    }
    const cited = (p.references ?? []).map((r) => r.doi!);
    references += cited.length;
    if (cited.some((c) => !earlier.has(c))) problems.push(`${doi}: cites a paper not yet generated`);
    if (new Set(cited).size !== cited.length) problems.push(`${doi}: cites a paper twice`);
    earlier.add(doi);
  }
  const componentSize = new Map<number, number>();
  for (let i = 0; i < authors; i++) componentSize.set(find(i), (componentSize.get(find(i)) ?? 0) + 1);
  return {
    papers, authorships, references, paperTopics, papersOf, teamSizes, names, problems,
    giantShare: Math.max(...componentSize.values()) / authors,
    components: componentSize.size,
    sameLabShare: sameLab / pairs,
  };
}

describe('synthetic scholarly graph', () => {
  it('is the same for the same seed and different for another seed', () => {
    const a = [...syntheticScholarlyGraph({ authors: 2000, seed: 5 })];
    expect([...syntheticScholarlyGraph({ authors: 2000, seed: 5 })]).toEqual(a);
    const b = [...syntheticScholarlyGraph({ authors: 2000, seed: 6 })];
    expect(b[0]!.identity.doi).toBe('10.5555/sg.6.1');
    // Not only the DOIs: who writes with whom differs too.
    const teams = (records: PaperRecord[]) => records.slice(0, 200).map((p) => p.authorships.map(indexOf).join(','));
    expect(teams(b)).not.toEqual(teams(a));
  });

  it('makes about authors × papersPerAuthor papers, with every author on one', () => {
    for (const papersPerAuthor of [0.5, 1, 2, 3.5]) {
      const { papers, papersOf, problems } = analyse(syntheticScholarlyGraph({ authors: 3000, papersPerAuthor, seed: 2 }), 3000);
      expect(Math.abs(papers / (3000 * papersPerAuthor) - 1)).toBeLessThan(0.1);
      expect(papersOf.every((n) => n > 0)).toBe(true);
      expect(problems.slice(0, 5)).toEqual([]);
    }
    // Degenerate sizes still keep every invariant: more newcomers than papers, a single author.
    for (const [authors, papersPerAuthor] of [[37, 0.05], [3, 1], [1, 2]] as const) {
      const { papersOf, problems } = analyse(syntheticScholarlyGraph({ authors, papersPerAuthor, seed: 4 }), authors);
      expect(problems, `${authors} authors`).toEqual([]);
      expect(papersOf.every((n) => n > 0)).toBe(true);
    }
  });

  describe('at 10k authors', () => {
    let stats: ReturnType<typeof analyse>;
    beforeAll(() => {
      stats = analyse(syntheticScholarlyGraph({ authors: 10_000, seed: 11 }), 10_000);
    });

    it('puts every author on a paper, keeps names and breaks no invariant', () => {
      expect(stats.problems.slice(0, 5)).toEqual([]);
      expect(stats.papersOf.every((n) => n >= 1)).toBe(true);
      expect(stats.names.size).toBe(10_000);
      // Unique-ish names from syllables, some with accents.
      expect(new Set(stats.names.values()).size).toBeGreaterThan(9_900);
      expect([...stats.names.values()].some((name) => /[^\x00-\x7f]/.test(name))).toBe(true);
    });

    it('has skewed productivity and team sizes', () => {
      const productivity = median(stats.papersOf);
      expect(productivity).toBeLessThanOrEqual(4);
      expect(Math.max(...stats.papersOf)).toBeGreaterThan(30 * productivity);
      // Most authors are on 1–3 papers.
      expect(stats.papersOf.filter((n) => n <= 3).length / 10_000).toBeGreaterThan(0.5);
      const team = median(stats.teamSizes);
      expect(team).toBeGreaterThanOrEqual(2);
      expect(team).toBeLessThanOrEqual(4);
      expect(Math.max(...stats.teamSizes)).toBeGreaterThanOrEqual(10);
      expect(stats.teamSizes.filter((n) => n === 1).length).toBeGreaterThan(0);
    });

    it('has labs and one giant component, plus a few small ones', () => {
      expect(stats.giantShare).toBeGreaterThan(0.8);
      expect(stats.components).toBeGreaterThan(1);
      // Most coauthor pairs share a lab: the communities that coauthor queries walk through.
      expect(stats.sameLabShare).toBeGreaterThan(0.5);
      expect(stats.references / stats.papers).toBeGreaterThan(3);
    });
  });

  it('streams 100k authors in modest time and memory', () => {
    const started = performance.now();
    const heapBefore = process.memoryUsage().heapUsed;
    let [papers, peakHeap] = [0, 0];
    for (const _ of syntheticScholarlyGraph({ authors: 100_000, seed: 3 })) {
      if (++papers % 20_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - heapBefore);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`100k authors: ${papers} papers in ${seconds.toFixed(1)} s, heap growth ≤ ${Math.round(peakHeap / 2 ** 20)} MiB`);
    expect(papers).toBe(200_000);
    // Loose bounds (~10× what it takes here): holding every record instead would need well over 1 GiB.
    expect(seconds).toBeLessThan(20);
    expect(peakHeap).toBeLessThan(400 * 2 ** 20);
  });

  it('writes through the importer exactly the rows it generates, and a re-run changes nothing', async () => {
    const database = await createTestDatabase();
    try {
      const db = database.handle.db;
      const options = { authors: 2000, seed: 9, batchSize: 1500 };
      const expected = analyse(syntheticScholarlyGraph(options), options.authors);
      const result = await writeScholarlyGraph(db, options);
      expect(result).toMatchObject({ papers: expected.papers, authors: 2000, authorships: expected.authorships, references: expected.references });
      const [counts] = await queryRows<Record<string, number>>(
        db,
        sql`select (select count(*) from papers)::int as papers, (select count(*) from authors)::int as authors,
          (select count(*) from authorships)::int as authorships, (select count(*) from citations)::int as citations,
          (select count(*) from paper_topics)::int as paper_topics, (select count(*) from topics)::int as topics,
          (select max(paper_count) from authors)::int as max_paper_count`,
      );
      expect(counts).toEqual({
        papers: expected.papers,
        authors: 2000,
        authorships: expected.authorships,
        citations: expected.references,
        paper_topics: expected.paperTopics,
        topics: 21,
        max_paper_count: Math.max(...expected.papersOf),
      });
      expect(result.summary.unresolvedReferences).toBe(0);
      expect(result.summary.citations.inserted).toBe(expected.references);

      const again = await writeScholarlyGraph(db, { ...options, batchSize: 700 });
      for (const entity of ['papers', 'authors', 'authorships', 'paperTopics', 'citations'] as const) {
        expect(again.summary[entity], entity).toMatchObject({ inserted: 0, updated: 0, removed: 0 });
      }
    } finally {
      await database.close();
    }
  });
});
