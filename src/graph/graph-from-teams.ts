/**
 * Build the coauthor graph from paper teams (each paper's author ids and year) without a map of pairs:
 * every coauthor pair of every paper becomes one float64 key packing (a, b, year), the keys are sorted
 * natively, and runs of equal (a, b) become one tie with its paper count and first and last year. For
 * two million papers that is ~12 million keys, sorted in about a second.
 */
import { CoauthorGraph, NO_YEAR } from './coauthor-graph.js';

/** Author ids must fit in 21 bits for the packing; larger databases use the SQL builder. */
export const MAX_PACKED_AUTHOR_ID = 2 ** 21 - 1;
const YEAR_BASE = 1900;
const YEAR_SPAN = 128; // years 1901..2027 packed in 7 bits; 0 means unknown

function yearCode(year: number): number {
  return year > YEAR_BASE && year < YEAR_BASE + YEAR_SPAN ? year - YEAR_BASE : 0;
}

export class TeamGraphBuilder {
  private keys = new Float64Array(1 << 16);
  private count = 0;
  private readonly seen = new Uint8Array(MAX_PACKED_AUTHOR_ID + 1);

  /** Add one paper's team; returns false when an id is too large for the packed form. */
  add(authors: readonly number[], year: number): boolean {
    const code = yearCode(year);
    for (const id of authors) {
      if (id > MAX_PACKED_AUTHOR_ID || id < 1) return false;
      this.seen[id] = 1;
    }
    for (let i = 0; i < authors.length; i++) {
      for (let j = 0; j < authors.length; j++) {
        const a = authors[i]!;
        const b = authors[j]!;
        if (a >= b) continue;
        if (this.count === this.keys.length) {
          const bigger = new Float64Array(this.keys.length * 2);
          bigger.set(this.keys);
          this.keys = bigger;
        }
        this.keys[this.count++] = (a * 2 ** 21 + b) * YEAR_SPAN + code;
      }
    }
    return true;
  }

  build(): CoauthorGraph {
    const keys = this.keys.subarray(0, this.count).sort();
    const ids: number[] = [];
    for (let id = 1; id <= MAX_PACKED_AUTHOR_ID; id++) if (this.seen[id]) ids.push(id);
    const a: number[] = [];
    const b: number[] = [];
    const papers: number[] = [];
    const firstYears: number[] = [];
    const lastYears: number[] = [];
    for (let i = 0; i < keys.length; ) {
      const pair = Math.floor(keys[i]! / YEAR_SPAN);
      let first = NO_YEAR;
      let last = NO_YEAR;
      let n = 0;
      // Within a pair the keys are in year order, unknown years (code 0) first.
      for (; i < keys.length && Math.floor(keys[i]! / YEAR_SPAN) === pair; i++) {
        const code = keys[i]! % YEAR_SPAN;
        if (code !== 0) {
          if (first === NO_YEAR) first = code + YEAR_BASE;
          last = code + YEAR_BASE;
        }
        n += 1;
      }
      a.push(Math.floor(pair / 2 ** 21));
      b.push(pair % 2 ** 21);
      papers.push(n);
      firstYears.push(first);
      lastYears.push(last);
    }
    return CoauthorGraph.fromSortedTies(Int32Array.from(ids), {
      a: Int32Array.from(a),
      b: Int32Array.from(b),
      papers: Int32Array.from(papers),
      firstYears: Int32Array.from(firstYears),
      lastYears: Int32Array.from(lastYears),
    });
  }
}
