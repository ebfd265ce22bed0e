/**
 * How an author's (or a group's) collaboration changes year by year, from the in-memory paper facts.
 *
 * Definitions (also in the README):
 * - the papers of the set are those with at least one member as author and a year (papers without a
 *   year cannot be placed in a year and are left out of every figure);
 * - team size is the number of authors of a paper, members or not;
 * - a paper of year y has a repeat collaborator when one of its member authors and another of its authors
 *   had already shared a paper of a year before y (papers before the window count as history);
 * - a new collaborator of year y is an author who shares a paper with a member (other than themselves)
 *   for the first time in year y;
 * - a new tie inside the set in year y is a pair of members whose first shared paper is of year y.
 */
import { PaperFacts } from '../metrics/paper-facts.js';
import { NO_YEAR } from '../metrics/year-codes.js';

export interface TrendYear {
  year: number;
  papers: number;
  /** Null in a year without papers. */
  meanTeamSize: number | null;
  medianTeamSize: number | null;
  repeatShare: number | null;
  newCollaborators: number;
  /** Null for a set of one author. */
  newTiesInside: number | null;
}

/** Median of a non-empty list (sorted in place): the middle value, or the mean of the two middle ones. */
export function median(values: number[]): number {
  values.sort((x, y) => x - y);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/**
 * Rows for every year from `yearFrom` to `yearTo` (no gaps); without bounds, from the set's first to its
 * last dated paper (no rows when it has none).
 */
export function collaborationTrend(facts: PaperFacts, authorIds: readonly number[], window: { yearFrom?: number; yearTo?: number }): TrendYear[] {
  const memberIndex = new Map<number, number>();
  authorIds.forEach((id, i) => memberIndex.set(id, i));
  const seen = new Set<number>();
  const papers: number[] = [];
  for (const id of authorIds) {
    for (const p of PaperFacts.slice(facts.papersOfAuthor, id)) {
      if (facts.yearCodes[p] === NO_YEAR || seen.has(p)) continue;
      seen.add(p);
      papers.push(p);
    }
  }
  // Year codes order as years do: sorting by code puts every earlier year's papers first.
  papers.sort((x, y) => facts.yearCodes[x]! - facts.yearCodes[y]! || x - y);
  const years = papers.map((p) => facts.yearOf(p)!);
  const yearFrom = window.yearFrom ?? years[0];
  const yearTo = window.yearTo ?? years[years.length - 1];
  if (yearFrom == null || yearTo == null) return [];

  const span = yearTo - yearFrom + 1;
  const teamSizes: number[][] = Array.from({ length: Math.max(0, span) }, () => []);
  const repeats = new Int32Array(Math.max(0, span));
  const newCollaborators = new Int32Array(Math.max(0, span));
  const newTiesInside = new Int32Array(Math.max(0, span));
  // First year each (member, other author) pair shared a paper, keyed member index * 2^31 + author id.
  const firstShared = new Map<number, number>();
  const firstCollaboration = new Map<number, number>();
  const rowOf = (year: number) => (year >= yearFrom && year <= yearTo ? year - yearFrom : -1);
  for (let k = 0; k < papers.length; k++) {
    const p = papers[k]!;
    const year = years[k]!;
    const row = rowOf(year);
    const team = PaperFacts.slice(facts.authorsOfPaper, p);
    let repeat = false;
    for (const m of team) {
      const member = memberIndex.get(m);
      if (member === undefined) continue;
      for (const other of team) {
        if (other === m) continue;
        const key = member * 2 ** 31 + other;
        const first = firstShared.get(key);
        if (first === undefined) {
          firstShared.set(key, year);
          const otherMember = memberIndex.get(other);
          if (otherMember !== undefined && otherMember > member && row >= 0) newTiesInside[row]! += 1;
        } else if (first < year) repeat = true;
        if (!firstCollaboration.has(other)) {
          firstCollaboration.set(other, year);
          if (row >= 0) newCollaborators[row]! += 1;
        }
      }
    }
    if (row < 0) continue;
    teamSizes[row]!.push(team.length);
    if (repeat) repeats[row]! += 1;
  }
  const single = authorIds.length === 1;
  return teamSizes.map((sizes, i) => ({
    year: yearFrom + i,
    papers: sizes.length,
    meanTeamSize: sizes.length ? sizes.reduce((s, x) => s + x, 0) / sizes.length : null,
    medianTeamSize: sizes.length ? median(sizes) : null,
    repeatShare: sizes.length ? repeats[i]! / sizes.length : null,
    newCollaborators: newCollaborators[i]!,
    newTiesInside: single ? null : newTiesInside[i]!,
  }));
}
