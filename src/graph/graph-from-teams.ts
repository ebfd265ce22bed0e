/**
 * Build the coauthor graph from paper teams without a map of pairs or a row object per authorship.
 *
 * The database hands over each slice of paper ids as two packed byte strings (authorships as big-endian
 * (paper id, author id) pairs, papers as (id, year)). A counting sort groups the authorships by paper,
 * every coauthor pair of every paper becomes one float64 key packing (a, b, year), the keys are sorted
 * natively, and runs of equal (a, b) become one tie with its paper count and first and last year. The
 * compressed sparse row arrays are then filled straight from the sorted keys: scanning them in (a, b)
 * order puts every author's neighbours in increasing order without sorting anything else. For two million
 * papers that is ~12 million keys sorted in about a second, and no intermediate arrays of JS numbers.
 */
import { PACKED_PAPER_YEAR_BYTES } from '../../db/queries/coauthor-ties.js';
import { PACKED_PAIR_BYTES } from '../../db/queries/raw.js';
import { CoauthorGraph, NO_YEAR } from './coauthor-graph.js';

/** Author ids must fit in 21 bits for the packing; larger databases use the SQL builder. */
export const MAX_PACKED_AUTHOR_ID = 2 ** 21 - 1;
const PAIR_SHIFT = 2 ** 21;
const YEAR_BASE = 1900;
const YEAR_SPAN = 128; // years 1901..2027 packed in 7 bits; 0 means unknown

function yearCode(year: number): number {
  return year > YEAR_BASE && year < YEAR_BASE + YEAR_SPAN ? year - YEAR_BASE : 0;
}

const AUTHORSHIP_BYTES = PACKED_PAIR_BYTES;

export class TeamGraphBuilder {
  private keys = new Float64Array(1 << 16);
  private count = 0;
  private readonly seen = new Uint8Array(MAX_PACKED_AUTHOR_ID + 1);

  private reserve(extra: number): void {
    if (this.count + extra <= this.keys.length) return;
    let size = this.keys.length * 2;
    while (size < this.count + extra) size *= 2;
    const bigger = new Float64Array(size);
    bigger.set(this.keys.subarray(0, this.count));
    this.keys = bigger;
  }

  /**
   * Add the papers with ids in [from, to]: `authorships` and `years` packed as the queries in
   * db/queries/coauthor-ties.ts return them, in any order. Returns false when an author id is too large
   * for the packed form (the caller then builds another way).
   */
  addSlice(from: number, to: number, authorships: Uint8Array, years: Uint8Array): boolean {
    const span = to - from + 1;
    const yearOf = new Uint8Array(span);
    const yearView = new DataView(years.buffer, years.byteOffset, years.byteLength);
    for (let o = 0; o + PACKED_PAPER_YEAR_BYTES <= years.byteLength; o += PACKED_PAPER_YEAR_BYTES) {
      yearOf[yearView.getInt32(o) - from] = yearCode(yearView.getInt16(o + 4));
    }

    // Counting sort of the authorships by paper: members[start[p]..start[p + 1]) is paper p's team.
    const rows = authorships.byteLength / AUTHORSHIP_BYTES;
    const view = new DataView(authorships.buffer, authorships.byteOffset, authorships.byteLength);
    const start = new Int32Array(span + 1);
    for (let r = 0; r < rows; r++) {
      const author = view.getInt32(r * AUTHORSHIP_BYTES + 4);
      if (author < 1 || author > MAX_PACKED_AUTHOR_ID) return false;
      this.seen[author] = 1;
      start[view.getInt32(r * AUTHORSHIP_BYTES) - from + 1]! += 1;
    }
    let pairs = 0;
    for (let p = 0; p < span; p++) {
      const k = start[p + 1]!;
      pairs += (k * (k - 1)) / 2;
      start[p + 1]! += start[p]!;
    }
    const fill = start.slice(0, span);
    const members = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      members[fill[view.getInt32(r * AUTHORSHIP_BYTES) - from]!++] = view.getInt32(r * AUTHORSHIP_BYTES + 4);
    }

    this.reserve(pairs);
    const keys = this.keys;
    let count = this.count;
    for (let p = 0; p < span; p++) {
      const s = start[p]!;
      const e = start[p + 1]!;
      if (e - s < 2) continue;
      // Teams are short; sorting the slice in place makes every pair come out as a < b.
      members.subarray(s, e).sort();
      const code = yearOf[p]!;
      for (let i = s; i < e; i++) {
        const high = members[i]! * PAIR_SHIFT;
        for (let j = i + 1; j < e; j++) keys[count++] = (high + members[j]!) * YEAR_SPAN + code;
      }
    }
    this.count = count;
    return true;
  }

  build(): CoauthorGraph {
    const keys = this.keys.subarray(0, this.count).sort();
    const dense = new Int32Array(MAX_PACKED_AUTHOR_ID + 1);
    let authorCount = 0;
    for (let id = 1; id <= MAX_PACKED_AUTHOR_ID; id++) if (this.seen[id]) dense[id] = authorCount++;
    const authorIds = new Int32Array(authorCount);
    for (let id = 1, i = 0; id <= MAX_PACKED_AUTHOR_ID; id++) if (this.seen[id]) authorIds[i++] = id;

    // Pass 1: distinct pairs give each author's degree.
    const offsets = new Int32Array(authorCount + 1);
    let ties = 0;
    for (let i = 0; i < keys.length; ) {
      const pair = Math.floor(keys[i]! / YEAR_SPAN);
      while (i < keys.length && Math.floor(keys[i]! / YEAR_SPAN) === pair) i++;
      const a = Math.floor(pair / PAIR_SHIFT);
      offsets[dense[a]! + 1]! += 1;
      offsets[dense[pair - a * PAIR_SHIFT]! + 1]! += 1;
      ties++;
    }
    for (let i = 0; i < authorCount; i++) offsets[i + 1]! += offsets[i]!;

    // Pass 2: place each tie in both lists. A tie (a, x) with a < x comes before every tie (x, b) in key
    // order, so each list fills lower neighbours first, then higher ones, each ascending: sorted.
    const fill = offsets.slice(0, authorCount);
    const neighbors = new Int32Array(ties * 2);
    const paperCounts = new Uint16Array(ties * 2);
    const firstYears = new Int16Array(ties * 2);
    const lastYears = new Int16Array(ties * 2);
    for (let i = 0; i < keys.length; ) {
      const pair = Math.floor(keys[i]! / YEAR_SPAN);
      let first = NO_YEAR;
      let last = NO_YEAR;
      let papers = 0;
      // Within a pair the keys are in year order, unknown years (code 0) first.
      for (; i < keys.length && Math.floor(keys[i]! / YEAR_SPAN) === pair; i++) {
        const code = keys[i]! - pair * YEAR_SPAN;
        if (code !== 0) {
          if (first === NO_YEAR) first = code + YEAR_BASE;
          last = code + YEAR_BASE;
        }
        papers++;
      }
      const aId = Math.floor(pair / PAIR_SHIFT);
      const a = dense[aId]!;
      const b = dense[pair - aId * PAIR_SHIFT]!;
      const weight = Math.min(papers, 65535);
      let slot = fill[a]!++;
      neighbors[slot] = b;
      paperCounts[slot] = weight;
      firstYears[slot] = first;
      lastYears[slot] = last;
      slot = fill[b]!++;
      neighbors[slot] = a;
      paperCounts[slot] = weight;
      firstYears[slot] = first;
      lastYears[slot] = last;
    }
    return new CoauthorGraph(authorIds, offsets, neighbors, paperCounts, firstYears, lastYears);
  }
}
