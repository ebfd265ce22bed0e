/**
 * Counting papers (and their citations) per integer key, for hundreds of thousands of additions per query:
 * counts live in typed arrays indexed by the key, reused between queries on the same data (only the keys
 * touched are reset), and the top k are picked with a bounded heap instead of sorting every key.
 */

export interface TallyRow {
  key: number;
  count: number;
  citations: number;
}

/** Orders rows: negative when `a` ranks first. */
export type RowOrder = (a: TallyRow, b: TallyRow) => number;

export class Tally {
  private counts: Int32Array;
  private citations: Float64Array;
  private touched: Int32Array;
  private touchedCount = 0;

  constructor(keyLimit: number) {
    this.counts = new Int32Array(keyLimit);
    this.citations = new Float64Array(keyLimit);
    this.touched = new Int32Array(Math.min(keyLimit, 1024));
  }

  add(key: number, citations: number): void {
    if (this.counts[key] === 0) {
      if (this.touchedCount === this.touched.length) {
        const bigger = new Int32Array(Math.min(this.counts.length, this.touched.length * 2));
        bigger.set(this.touched);
        this.touched = bigger;
      }
      this.touched[this.touchedCount++] = key;
    }
    this.counts[key]! += 1;
    this.citations[key]! += citations;
  }

  /** The first `k` rows in `order`, then the tally is empty again. */
  takeTop(k: number, order: RowOrder): TallyRow[] {
    const heap = new BoundedHeap(k, order);
    for (let i = 0; i < this.touchedCount; i++) {
      const key = this.touched[i]!;
      heap.offer({ key, count: this.counts[key]!, citations: this.citations[key]! });
      this.counts[key] = 0;
      this.citations[key] = 0;
    }
    this.touchedCount = 0;
    return heap.sorted();
  }
}

/** Keeps the best `k` rows seen: a heap whose root is the worst kept row. */
class BoundedHeap {
  private readonly rows: TallyRow[] = [];
  constructor(
    private readonly k: number,
    private readonly order: RowOrder,
  ) {}

  /** True when `a` ranks after `b` (is worse). */
  private worse(a: TallyRow, b: TallyRow): boolean {
    return this.order(a, b) > 0;
  }

  offer(row: TallyRow): void {
    const rows = this.rows;
    if (this.k <= 0) return;
    if (rows.length < this.k) {
      rows.push(row);
      let i = rows.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(rows[i]!, rows[parent]!)) break;
        [rows[i], rows[parent]] = [rows[parent]!, rows[i]!];
        i = parent;
      }
      return;
    }
    if (!this.worse(rows[0]!, row)) return;
    rows[0] = row;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < rows.length && this.worse(rows[left]!, rows[worst]!)) worst = left;
      if (right < rows.length && this.worse(rows[right]!, rows[worst]!)) worst = right;
      if (worst === i) break;
      [rows[i], rows[worst]] = [rows[worst]!, rows[i]!];
      i = worst;
    }
  }

  sorted(): TallyRow[] {
    return [...this.rows].sort(this.order);
  }
}

/** One tally per (data, purpose), made on first use and reused: its arrays are as long as the key space. */
const tallies = new WeakMap<object, Map<string, Tally>>();

export function tallyFor(owner: object, purpose: string, keyLimit: number): Tally {
  let byPurpose = tallies.get(owner);
  if (!byPurpose) tallies.set(owner, (byPurpose = new Map()));
  let tally = byPurpose.get(purpose);
  if (!tally) byPurpose.set(purpose, (tally = new Tally(keyLimit)));
  return tally;
}
