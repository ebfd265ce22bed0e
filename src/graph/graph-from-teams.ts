/**
 * Build the coauthor graph from paper teams without a map of pairs or a row object per authorship.
 *
 * The database hands over each slice of paper ids as packed byte strings (authorships as big-endian
 * (paper id, author id) pairs, the papers that have a year as (id, year)). A counting sort groups a
 * slice's authorships by paper, each team is sorted, and the slice is kept as it is. Once every slice is
 * in, and so every author and every year known, each coauthor pair of every paper becomes one float64 key
 * packing (a, b, year code) with a < b dense author indices (year codes: src/metrics/year-codes.ts, 0 for
 * no year, so it sorts first); the keys are sorted natively and runs of equal (a, b) become one tie with
 * its paper count and first and last year. The compressed sparse row arrays are then filled straight from
 * the sorted keys: scanning them in (a, b) order puts every author's neighbours in increasing order
 * without sorting anything else. For two million papers that is ~12 million keys sorted in about a
 * second, and no intermediate arrays of JS numbers.
 *
 * The key budget. A key is an exact integer in a float64 below 2^53. With A bits for an author index
 * (2^A ≥ authors) and Y bits for a year code (2^Y > distinct years), (a, b, year) takes 2A + Y bits.
 * The graph holds up to 2^31 authors (int32 indices and offsets), so that does not always fit; when it
 * fits, the keys are sorted in one block: up to 2^21 authors (2,097,152) with 2,047 distinct years, 2^22
 * with 511, 2^23 with 127 (the synthetic million-author graph: 2·20 + 6 = 46 bits). Otherwise the keys are
 * split by a into blocks of 2^(53 − A − Y) consecutive indices, each key holding a's offset within its
 * block, and each block is sorted on its own; blocks come in order of a, so the scan is the same. That
 * needs A + Y ≤ 53 (2^31 authors with 4 million distinct years), beyond which the build refuses.
 */
import { PACKED_PAIR_BYTES } from '../../db/queries/raw.js';
import { NO_YEAR, YearCoder } from '../metrics/year-codes.js';
import { CoauthorGraph } from './coauthor-graph.js';

/** Bits a float64 holds exactly. */
export const KEY_BITS = 53;

const AUTHORSHIP_BYTES = PACKED_PAIR_BYTES;
const PAPER_YEAR_BYTES = PACKED_PAIR_BYTES;

/** Bits for the values 0..count-1. */
function bitsFor(count: number): number {
  let bits = 0;
  while (2 ** bits < count) bits++;
  return bits;
}

/** One slice of papers: team of paper p is members[start[p]..start[p + 1]), ascending; its year code. */
interface Slice {
  start: Int32Array;
  members: Int32Array;
  yearOf: Int32Array;
}

export class TeamGraphBuilder {
  private slices: Slice[] = [];
  private readonly years = new YearCoder();
  /**
   * seen[id] = 1 for every author with an authorship. With the dense index of each id below, 5 bytes per
   * id up to the largest: author ids come from a sequence, so that is about the number of authors.
   */
  private seen = new Uint8Array(1 << 16);
  private maxAuthorId = 0;
  private pairCount = 0;

  /** @param keyBits the exact-integer budget of a key; tests give less to exercise several blocks. */
  constructor(private readonly keyBits = KEY_BITS) {}

  /**
   * Add the papers with ids in [from, to]: `authorships` and `years` packed as the queries in
   * db/queries/coauthor-ties.ts return them, in any order. A paper `years` does not list has no year.
   */
  addSlice(from: number, to: number, authorships: Uint8Array, years: Uint8Array): void {
    const span = to - from + 1;
    const yearOf = new Int32Array(span); // provisional year codes: NO_YEAR unless listed
    const yearView = new DataView(years.buffer, years.byteOffset, years.byteLength);
    for (let o = 0; o + PAPER_YEAR_BYTES <= years.byteLength; o += PAPER_YEAR_BYTES) {
      yearOf[yearView.getInt32(o) - from] = this.years.code(yearView.getInt32(o + 4));
    }

    // Counting sort of the authorships by paper: members[start[p]..start[p + 1]) is paper p's team.
    const rows = authorships.byteLength / AUTHORSHIP_BYTES;
    const view = new DataView(authorships.buffer, authorships.byteOffset, authorships.byteLength);
    const start = new Int32Array(span + 1);
    for (let r = 0; r < rows; r++) {
      const author = view.getInt32(r * AUTHORSHIP_BYTES + 4);
      if (author < 1) throw new RangeError(`authorship names author id ${author}`);
      if (author > this.maxAuthorId) {
        if (author >= this.seen.length) this.growSeen(author);
        this.maxAuthorId = author;
      }
      this.seen[author] = 1;
      start[view.getInt32(r * AUTHORSHIP_BYTES) - from + 1]! += 1;
    }
    for (let p = 0; p < span; p++) {
      const k = start[p + 1]!;
      this.pairCount += (k * (k - 1)) / 2;
      start[p + 1]! += start[p]!;
    }
    const fill = start.slice(0, span);
    const members = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      members[fill[view.getInt32(r * AUTHORSHIP_BYTES) - from]!++] = view.getInt32(r * AUTHORSHIP_BYTES + 4);
    }
    // Teams are short; sorting each in place makes every pair come out as a < b.
    for (let p = 0; p < span; p++) if (start[p + 1]! - start[p]! > 1) members.subarray(start[p]!, start[p + 1]!).sort();
    this.slices.push({ start, members, yearOf });
  }

  private growSeen(id: number): void {
    let size = this.seen.length * 2;
    while (size <= id) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.seen);
    this.seen = bigger;
  }

  /** The graph of every slice added; the builder is spent afterwards. */
  build(): CoauthorGraph {
    const { seen, maxAuthorId } = this;
    const dense = new Int32Array(maxAuthorId + 1);
    let authorCount = 0;
    for (let id = 1; id <= maxAuthorId; id++) if (seen[id]) dense[id] = authorCount++;
    const authorIds = new Int32Array(authorCount);
    for (let id = 1, i = 0; id <= maxAuthorId; id++) if (seen[id]) authorIds[i++] = id;
    const { codes: years, final } = this.years.finish();

    // The key (a, b, year) = (aOffset · 2^A + b) · 2^Y + year, aOffset = a − the first index of a's block.
    const authorBits = bitsFor(authorCount);
    const yearBits = bitsFor(years.size);
    const blockBits = this.keyBits - authorBits - yearBits;
    if (blockBits < 0) {
      throw new RangeError(`${authorCount} authors and ${years.size - 1} distinct years do not fit a ${this.keyBits}-bit pair key`);
    }
    const blockSize = 2 ** blockBits;
    const blocks = Math.max(1, Math.ceil(authorCount / blockSize));
    const yearUnit = 2 ** yearBits;
    const authorUnit = 2 ** authorBits;
    const offsetUnit = authorUnit * yearUnit;

    // Teams as dense indices (in place: the order within a team is kept), then the keys of each block
    // counted, then placed: keys[blockStart[c]..blockStart[c + 1]) are block c's.
    const blockStart = new Float64Array(blocks + 1);
    for (const { start, members } of this.slices) {
      for (let i = 0; i < members.length; i++) members[i] = dense[members[i]!]!;
      for (let p = 0; p + 1 < start.length; p++) {
        const e = start[p + 1]!;
        for (let i = start[p]!; i < e - 1; i++) blockStart[Math.floor(members[i]! / blockSize) + 1]! += e - 1 - i;
      }
    }
    for (let c = 0; c < blocks; c++) blockStart[c + 1]! += blockStart[c]!;
    const keys = new Float64Array(this.pairCount);
    const place = blockStart.slice(0, blocks);
    for (const { start, members, yearOf } of this.slices) {
      for (let p = 0; p + 1 < start.length; p++) {
        const s = start[p]!;
        const e = start[p + 1]!;
        if (e - s < 2) continue;
        const year = final[yearOf[p]!]!;
        for (let i = s; i < e - 1; i++) {
          const a = members[i]!;
          const block = Math.floor(a / blockSize);
          const high = (a - block * blockSize) * offsetUnit + year;
          let k = place[block]!;
          for (let j = i + 1; j < e; j++) keys[k++] = high + members[j]! * yearUnit;
          place[block] = k;
        }
      }
    }
    this.slices = [];
    for (let c = 0; c < blocks; c++) keys.subarray(blockStart[c]!, blockStart[c + 1]!).sort();

    // Runs of keys with the same (a, b) are the ties. In block c, a key's pair part (the key over 2^Y, the
    // division exact) is aOffset · 2^A + b, so a = c · blockSize + aOffset.

    // Pass 1: distinct pairs give each author's degree.
    const offsets = new Int32Array(authorCount + 1);
    let ties = 0;
    for (let c = 0; c < blocks; c++) {
      const base = c * blockSize;
      const end = blockStart[c + 1]!;
      for (let i = blockStart[c]!; i < end; ) {
        const pair = Math.floor(keys[i]! / yearUnit);
        while (i < end && Math.floor(keys[i]! / yearUnit) === pair) i++;
        const offset = Math.floor(pair / authorUnit);
        offsets[base + offset + 1]! += 1;
        offsets[pair - offset * authorUnit + 1]! += 1;
        ties++;
      }
    }
    for (let i = 0; i < authorCount; i++) offsets[i + 1]! += offsets[i]!;

    // Pass 2: place each tie in both lists. A tie (a, x) with a < x comes before every tie (x, b) in key
    // order, so each list fills lower neighbours first, then higher ones, each ascending: sorted.
    const fill = offsets.slice(0, authorCount);
    const neighbors = new Int32Array(ties * 2);
    const paperCounts = new Uint16Array(ties * 2);
    const firstYears = years.newCodeArray(ties * 2);
    const lastYears = years.newCodeArray(ties * 2);
    for (let c = 0; c < blocks; c++) {
      const base = c * blockSize;
      const end = blockStart[c + 1]!;
      for (let i = blockStart[c]!; i < end; ) {
        const pair = Math.floor(keys[i]! / yearUnit);
        const yearBase = pair * yearUnit;
        let first = NO_YEAR;
        let last = NO_YEAR;
        let papers = 0;
        // Within a pair the keys are in year order, papers without a year (code 0) first.
        for (; i < end && Math.floor(keys[i]! / yearUnit) === pair; i++) {
          last = keys[i]! - yearBase;
          if (first === NO_YEAR) first = last;
          papers++;
        }
        const offset = Math.floor(pair / authorUnit);
        const a = base + offset;
        const b = pair - offset * authorUnit;
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
    }
    return new CoauthorGraph(authorIds, offsets, neighbors, paperCounts, firstYears, lastYears, years);
  }
}
