/**
 * Citation figures of a set of papers (an author's, a venue's, a topic's): pure functions over plain
 * numbers, so they are tested against brute force and shared by every kind of owner.
 */

/**
 * The h-index: the largest h such that h of the papers have at least h citations each. Counting sort,
 * O(n): a count above n can only ever support h = n, so it is clamped there.
 */
export function hIndex(citationCounts: readonly number[]): number {
  const n = citationCounts.length;
  const atLeast = new Int32Array(n + 2);
  for (const c of citationCounts) atLeast[Math.max(0, Math.min(n, Math.floor(c)))]! += 1;
  let papers = 0;
  for (let h = n; h > 0; h--) {
    papers += atLeast[h]!;
    if (papers >= h) return h;
  }
  return 0;
}

/** Papers with at least ten citations (Google Scholar's i10-index). */
export function i10Index(citationCounts: readonly number[]): number {
  let count = 0;
  for (const c of citationCounts) if (c >= 10) count++;
  return count;
}

export interface YearCount {
  year: number;
  count: number;
}

/**
 * Counts by year as a series without gaps: every year from the first to the last that has a count,
 * zero where nothing happened. Empty when there are no counts.
 */
export function yearSeries(counts: ReadonlyMap<number, number>): YearCount[] {
  if (counts.size === 0) return [];
  const years = [...counts.keys()];
  const first = Math.min(...years);
  const last = Math.max(...years);
  const series: YearCount[] = [];
  for (let year = first; year <= last; year++) series.push({ year, count: counts.get(year) ?? 0 });
  return series;
}

/** One paper as the metrics see it. */
export interface PaperFigures {
  paperId: number;
  year: number | null;
  /** The count this metric counts by (reported or in-database, as the caller chose). */
  citations: number;
}

export interface PaperSetMetrics {
  paperCount: number;
  citationCount: number;
  hIndex: number;
  i10Index: number;
  firstYear: number | null;
  lastYear: number | null;
  papersByYear: YearCount[];
}

/** Every figure of one set of papers; each paper given once. */
export function paperSetMetrics(papers: readonly PaperFigures[]): PaperSetMetrics {
  const citations = papers.map((p) => p.citations);
  const byYear = new Map<number, number>();
  for (const p of papers) if (p.year != null) byYear.set(p.year, (byYear.get(p.year) ?? 0) + 1);
  const series = yearSeries(byYear);
  return {
    paperCount: papers.length,
    citationCount: citations.reduce((sum, c) => sum + c, 0),
    hIndex: hIndex(citations),
    i10Index: i10Index(citations),
    firstYear: series[0]?.year ?? null,
    lastYear: series.at(-1)?.year ?? null,
    papersByYear: series,
  };
}

/** Ids of the `first` most cited papers, the lower paper id first among equals. */
export function mostCited(papers: readonly PaperFigures[], first: number): number[] {
  return [...papers]
    .sort((a, b) => b.citations - a.citations || a.paperId - b.paperId)
    .slice(0, first)
    .map((p) => p.paperId);
}
