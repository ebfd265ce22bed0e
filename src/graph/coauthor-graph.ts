/**
 * The coauthor network held in memory as a compressed sparse row (CSR) graph over typed arrays: for each
 * author (by dense index), the slice offsets[i]..offsets[i+1] of `neighbors` lists everyone they share a
 * paper with, and the parallel arrays give the tie: shared papers, first and last year. About 10 bytes per
 * directed tie, so a million authors with six million ties fit in ~130 MB, with no per-object overhead.
 * Pure data: built from the database elsewhere, read by the search functions in this folder.
 */

/** One undirected tie, as the builder receives it. */
export interface Tie {
  a: number;
  b: number;
  papers: number;
  firstYear: number;
  lastYear: number;
}

/** Year stored for "unknown". */
export const NO_YEAR = 0;

export class CoauthorGraph {
  constructor(
    /** Author id of each dense index, ascending. */
    readonly authorIds: Int32Array,
    readonly offsets: Int32Array,
    readonly neighbors: Int32Array,
    readonly paperCounts: Uint16Array,
    readonly firstYears: Int16Array,
    readonly lastYears: Int16Array,
  ) {}

  get authorCount(): number {
    return this.authorIds.length;
  }

  get tieCount(): number {
    return this.neighbors.length / 2;
  }

  /** Dense index of an author id, or -1 (binary search: ids are sorted). */
  indexOf(authorId: number): number {
    let lo = 0;
    let hi = this.authorIds.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = this.authorIds[mid]!;
      if (value === authorId) return mid;
      if (value < authorId) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  degree(index: number): number {
    return this.offsets[index + 1]! - this.offsets[index]!;
  }

  /** Bytes held by the arrays. */
  get byteSize(): number {
    return [this.authorIds, this.offsets, this.neighbors, this.paperCounts, this.firstYears, this.lastYears].reduce(
      (n, a) => n + a.byteLength,
      0,
    );
  }

  /**
   * Build from author ids and undirected ties given by author id (any order; sorted here). For small
   * graphs (tests); large ones come from `fromSortedTies`.
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
    return CoauthorGraph.fromSortedTies(ids, {
      a: Int32Array.from(sorted, (t) => t.a),
      b: Int32Array.from(sorted, (t) => t.b),
      papers: Int32Array.from(sorted, (t) => t.papers),
      firstYears: Int32Array.from(sorted, (t) => t.firstYear),
      lastYears: Int32Array.from(sorted, (t) => t.lastYear),
    });
  }

  /**
   * Build from sorted, distinct author ids and ties with a < b sorted by (a, b). Each neighbour list is
   * filled in two passes, neighbours below the author then above, both in increasing order: the lists come
   * out sorted without sorting anything.
   */
  static fromSortedTies(
    ids: Int32Array,
    ties: { a: Int32Array; b: Int32Array; papers: Int32Array; firstYears: Int32Array; lastYears: Int32Array },
  ): CoauthorGraph {
    const lookup = (id: number): number => {
      let lo = 0;
      let hi = ids.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (ids[mid] === id) return mid;
        if (ids[mid]! < id) lo = mid + 1;
        else hi = mid - 1;
      }
      throw new RangeError(`tie names author ${id}, who is not in the graph`);
    };
    const count = ties.a.length;
    const from = new Int32Array(count);
    const to = new Int32Array(count);
    const offsets = new Int32Array(ids.length + 1);
    for (let i = 0; i < count; i++) {
      const previous = i > 0 && (ties.a[i - 1]! > ties.a[i]! || (ties.a[i - 1] === ties.a[i] && ties.b[i - 1]! >= ties.b[i]!));
      if (ties.a[i]! >= ties.b[i]! || previous) {
        throw new RangeError(`ties must be distinct pairs a < b sorted by (a, b); tie ${i} is not`);
      }
      from[i] = lookup(ties.a[i]!);
      to[i] = lookup(ties.b[i]!);
      offsets[from[i]! + 1]! += 1;
      offsets[to[i]! + 1]! += 1;
    }
    for (let i = 0; i < ids.length; i++) offsets[i + 1]! += offsets[i]!;
    const fill = offsets.slice(0, ids.length);
    const neighbors = new Int32Array(count * 2);
    const paperCounts = new Uint16Array(count * 2);
    const firstYears = new Int16Array(count * 2);
    const lastYears = new Int16Array(count * 2);
    const place = (node: number, other: number, i: number) => {
      const slot = fill[node]!++;
      neighbors[slot] = other;
      paperCounts[slot] = Math.max(0, Math.min(ties.papers[i]!, 65535));
      firstYears[slot] = ties.firstYears[i]!;
      lastYears[slot] = ties.lastYears[i]!;
    };
    for (let i = 0; i < count; i++) place(to[i]!, from[i]!, i); // neighbours below: ascending a
    for (let i = 0; i < count; i++) place(from[i]!, to[i]!, i); // neighbours above: ascending b
    return new CoauthorGraph(ids, offsets, neighbors, paperCounts, firstYears, lastYears);
  }
}
