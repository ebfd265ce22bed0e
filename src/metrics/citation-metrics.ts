/**
 * The pieces of citation figures: pure functions over plain numbers, tested against brute force and
 * shared by every set of papers (see collection-figures.ts).
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
