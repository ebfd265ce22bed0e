/**
 * The coauthor network held in memory as a compressed sparse row (CSR) graph over typed arrays: for each
 * author (by dense index), the slice offsets[i]..offsets[i+1] of `neighbors` lists everyone they share a
 * paper with, and the parallel arrays give the tie: shared papers, first and last year (as 16-bit year
 * codes: see src/metrics/year-codes.ts). About 10 bytes per directed tie, so a million authors with six
 * million ties fit in ~130 MB, with no per-object overhead. Pure data: built from the database elsewhere,
 * read by the search functions in this folder.
 */
import { YearCoder, type YearCodeArray, type YearCodes } from '../metrics/year-codes.js';
import { sortedIndexOf } from '../sorted-ids.js';

/** One undirected tie, as `fromTies` receives it; years are null when no shared paper has one. */
export interface Tie {
  a: number;
  b: number;
  papers: number;
  firstYear: number | null;
  lastYear: number | null;
}

export class CoauthorGraph {
  constructor(
    /** Author id of each dense index, ascending. */
    readonly authorIds: Int32Array,
    readonly offsets: Int32Array,
    readonly neighbors: Int32Array,
    readonly paperCounts: Uint16Array,
    /** Codes of the years of the first and last shared paper that has a year; `NO_YEAR` when none has. */
    readonly firstYears: YearCodeArray,
    readonly lastYears: YearCodeArray,
    /** What the year codes stand for. */
    readonly years: YearCodes,
  ) {}

  get authorCount(): number {
    return this.authorIds.length;
  }

  get tieCount(): number {
    return this.neighbors.length / 2;
  }

  /** Dense index of an author id, or -1 (binary search: ids are sorted). */
  indexOf(authorId: number): number {
    return sortedIndexOf(this.authorIds, authorId);
  }

  degree(index: number): number {
    return this.offsets[index + 1]! - this.offsets[index]!;
  }

  /** Year of the first shared paper of the tie in slot `slot` of `neighbors`, null when none has a year. */
  firstYear(slot: number): number | null {
    return this.years.yearOf(this.firstYears[slot]!);
  }

  lastYear(slot: number): number | null {
    return this.years.yearOf(this.lastYears[slot]!);
  }

  /** Bytes held by the arrays. */
  get byteSize(): number {
    return (
      [this.authorIds, this.offsets, this.neighbors, this.paperCounts, this.firstYears, this.lastYears].reduce((n, a) => n + a.byteLength, 0) +
      this.years.byteSize
    );
  }

  /**
   * Build from author ids and undirected ties given by author id, in any order: for small graphs (tests,
   * and the SQL-aggregated graph the tests compare the database build with). The database build is
   * graph-from-teams.ts.
   */
  static fromTies(authorIds: Iterable<number>, ties: Iterable<Tie>): CoauthorGraph {
    const ids = Int32Array.from(new Set(authorIds)).sort();
    // Self-ties are no ties; a pair given twice (either way round) is one tie, the first given.
    const unique = new Map<string, Tie>();
    for (const t of ties) {
      if (t.a === t.b) continue;
      const tie = t.a < t.b ? t : { ...t, a: t.b, b: t.a };
      const key = `${tie.a}:${tie.b}`;
      if (!unique.has(key)) unique.set(key, tie);
    }
    const sorted = [...unique.values()].sort((x, y) => x.a - y.a || x.b - y.b);
    const lookup = (id: number): number => {
      const index = sortedIndexOf(ids, id);
      if (index < 0) throw new RangeError(`tie names author ${id}, who is not in the graph`);
      return index;
    };
    const coder = new YearCoder();
    const first = sorted.map((t) => coder.code(t.firstYear));
    const last = sorted.map((t) => coder.code(t.lastYear));
    const { codes: years, final } = coder.finish();

    const offsets = new Int32Array(ids.length + 1);
    const from = sorted.map((t) => lookup(t.a));
    const to = sorted.map((t) => lookup(t.b));
    for (let i = 0; i < sorted.length; i++) {
      offsets[from[i]! + 1]! += 1;
      offsets[to[i]! + 1]! += 1;
    }
    for (let i = 0; i < ids.length; i++) offsets[i + 1]! += offsets[i]!;
    // Each neighbour list is filled in two passes, neighbours below the author then above, both in
    // increasing order: the lists come out sorted without sorting anything.
    const fill = offsets.slice(0, ids.length);
    const neighbors = new Int32Array(sorted.length * 2);
    const paperCounts = new Uint16Array(sorted.length * 2);
    const firstYears = years.newCodeArray(sorted.length * 2);
    const lastYears = years.newCodeArray(sorted.length * 2);
    const place = (node: number, other: number, i: number) => {
      const slot = fill[node]!++;
      neighbors[slot] = other;
      paperCounts[slot] = Math.max(0, Math.min(sorted[i]!.papers, 65535));
      firstYears[slot] = final[first[i]!]!;
      lastYears[slot] = final[last[i]!]!;
    };
    for (let i = 0; i < sorted.length; i++) place(to[i]!, from[i]!, i); // neighbours below: ascending a
    for (let i = 0; i < sorted.length; i++) place(from[i]!, to[i]!, i); // neighbours above: ascending b
    return new CoauthorGraph(ids, offsets, neighbors, paperCounts, firstYears, lastYears, years);
  }
}
