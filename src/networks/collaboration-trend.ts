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
import type { PaperFacts } from '../metrics/paper-facts.js';
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

/** Per-facts scratch arrays over author ids (see collaboration-network.ts for why): cleared after each use. */
const scratch = new WeakMap<PaperFacts, { member: Int32Array; firstWith: Int32Array; firstCollaboration: Int32Array }>();

function scratchOf(facts: PaperFacts) {
  let arrays = scratch.get(facts);
  if (!arrays) {
    const size = facts.papersOfAuthor.offsets.length;
    arrays = { member: new Int32Array(size), firstWith: new Int32Array(size), firstCollaboration: new Int32Array(size) };
    scratch.set(facts, arrays);
  }
  return arrays;
}

/**
 * Rows for every year from `yearFrom` to `yearTo` (no gaps); without bounds, from the set's first to its
 * last dated paper (no rows when it has none). Worked member by member over their papers in year order,
 * with arrays over author ids for "first year with this coauthor" (as year codes, which order as years).
 */
export function collaborationTrend(facts: PaperFacts, authorIds: readonly number[], window: { yearFrom?: number; yearTo?: number }): TrendYear[] {
  const { member, firstWith, firstCollaboration } = scratchOf(facts);
  const limit = member.length;
  const members = authorIds.filter((id) => id < limit);
  const { offsets: paperOffsets, items: paperItems } = facts.papersOfAuthor;
  const { offsets: authorOffsets, items: authorItems } = facts.authorsOfPaper;
  const codes = facts.yearCodes;
  const papers = new Set<number>();
  const repeat = new Set<number>();
  const tieCodes: number[] = []; // year code of each tie formed inside the set
  const collaborators: number[] = [];
  try {
    members.forEach((id, i) => (member[id] = i + 1));
    const mine: number[] = [];
    const touched: number[] = [];
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      mine.length = 0;
      for (let k = paperOffsets[m]!; k < paperOffsets[m + 1]!; k++) if (codes[paperItems[k]!] !== NO_YEAR) mine.push(paperItems[k]!);
      mine.sort((x, y) => codes[x]! - codes[y]! || x - y);
      for (const p of mine) {
        papers.add(p);
        const code = codes[p]!;
        for (let a = authorOffsets[p]!; a < authorOffsets[p + 1]!; a++) {
          const c = authorItems[a]!;
          if (c === m) continue;
          const first = firstWith[c]!;
          if (first === 0) {
            // First paper of m with c (papers come in year order): a tie formed, counted once per pair.
            firstWith[c] = code;
            touched.push(c);
            if (member[c]! > i + 1) tieCodes.push(code);
            const known = firstCollaboration[c]!;
            if (known === 0) collaborators.push(c);
            if (known === 0 || code < known) firstCollaboration[c] = code;
          } else if (first < code) repeat.add(p);
        }
      }
      for (const c of touched) firstWith[c] = 0;
      touched.length = 0;
    }
  } finally {
    for (const id of members) member[id] = 0;
  }
  const newCollaboratorCodes = collaborators.map((c) => firstCollaboration[c]!);
  for (const c of collaborators) firstCollaboration[c] = 0;

  let yearFrom = window.yearFrom;
  let yearTo = window.yearTo;
  if (yearFrom == null || yearTo == null) {
    let low = Infinity;
    let high = -Infinity;
    for (const p of papers) {
      low = Math.min(low, codes[p]!);
      high = Math.max(high, codes[p]!);
    }
    if (papers.size === 0) return [];
    yearFrom ??= facts.years.yearOf(low)!;
    yearTo ??= facts.years.yearOf(high)!;
  }
  const span = Math.max(0, yearTo - yearFrom + 1);
  const rowOfCode = (code: number) => {
    const year = facts.years.yearOf(code)!;
    return year >= yearFrom! && year <= yearTo! ? year - yearFrom! : -1;
  };
  const teamSizes: number[][] = Array.from({ length: span }, () => []);
  const repeats = new Int32Array(span);
  const newCollaborators = new Int32Array(span);
  const newTiesInside = new Int32Array(span);
  for (const p of papers) {
    const row = rowOfCode(codes[p]!);
    if (row < 0) continue;
    teamSizes[row]!.push(authorOffsets[p + 1]! - authorOffsets[p]!);
    if (repeat.has(p)) repeats[row]! += 1;
  }
  for (const code of newCollaboratorCodes) {
    const row = rowOfCode(code);
    if (row >= 0) newCollaborators[row]! += 1;
  }
  for (const code of tieCodes) {
    const row = rowOfCode(code);
    if (row >= 0) newTiesInside[row]! += 1;
  }
  const single = authorIds.length === 1;
  return teamSizes.map((sizes, i) => ({
    year: yearFrom! + i,
    papers: sizes.length,
    meanTeamSize: sizes.length ? sizes.reduce((s, x) => s + x, 0) / sizes.length : null,
    medianTeamSize: sizes.length ? median(sizes) : null,
    repeatShare: sizes.length ? repeats[i]! / sizes.length : null,
    newCollaborators: newCollaborators[i]!,
    newTiesInside: single ? null : newTiesInside[i]!,
  }));
}
