/**
 * The columns of every paper that counts and groups read (year, venue, citation counts, code), with each
 * paper's topics, authors and citing papers and the inverse lists, as typed arrays in memory. Counting the 100,000
 * papers of a topic by year, venue, topic or author is then a pass over a few arrays (milliseconds),
 * where the database has to fetch each of those papers' rows first. Pure data: built from the database
 * by paper-facts-index.ts, read by group-papers.ts and collection-figures.ts.
 */
import { PACKED_PAPER_BYTES, PAPER_HAS_CODE, PAPER_HAS_YEAR } from '../../db/queries/paper-facts.js';
import { PACKED_PAIR_BYTES } from '../../db/queries/raw.js';
import { IntList } from '../int-list.js';
import { YearCoder, type YearCodeArray, type YearCodes } from './year-codes.js';

/** Compressed sparse rows: the items of key k are items[offsets[k]..offsets[k + 1]). */
export interface Csr {
  offsets: Int32Array;
  items: Int32Array;
}

/** Rows grouped by key with a counting sort; keys in 0..keyCount-1. */
export function csrFrom(keys: Int32Array, values: Int32Array, keyCount: number): Csr {
  const offsets = new Int32Array(keyCount + 1);
  for (let i = 0; i < keys.length; i++) offsets[keys[i]! + 1]! += 1;
  for (let k = 0; k < keyCount; k++) offsets[k + 1]! += offsets[k]!;
  const fill = offsets.slice(0, keyCount);
  const items = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) items[fill[keys[i]!]!++] = values[i]!;
  return { offsets, items };
}

export class PaperFacts {
  constructor(
    /** Paper id of each dense index, ascending. */
    readonly paperIds: Int32Array,
    /** Each paper's year as a code of `years` (`NO_YEAR` when it has none): see year-codes.ts. */
    readonly yearCodes: YearCodeArray,
    readonly years: YearCodes,
    /** 0 when none. */
    readonly venues: Int32Array,
    readonly citationCounts: Int32Array,
    readonly citedByCounts: Int32Array,
    readonly hasCode: Uint8Array,
    /** By paper index: topic ids; by topic id: paper indices. */
    readonly topicsOfPaper: Csr,
    readonly papersOfTopic: Csr,
    /** By paper index: author ids; by author id: paper indices. */
    readonly authorsOfPaper: Csr,
    readonly papersOfAuthor: Csr,
    /** By venue id: paper indices. */
    readonly papersOfVenue: Csr,
    /** By paper index: the indices of the papers citing it. */
    readonly citersOfPaper: Csr,
  ) {}

  get paperCount(): number {
    return this.paperIds.length;
  }

  /** The year of paper `p` (dense index), null when it has none. */
  yearOf(p: number): number | null {
    return this.years.yearOf(this.yearCodes[p]!);
  }

  /** Bytes held by the arrays. */
  get byteSize(): number {
    const csrBytes = (c: Csr) => c.offsets.byteLength + c.items.byteLength;
    return (
      [this.paperIds, this.yearCodes, this.venues, this.citationCounts, this.citedByCounts, this.hasCode].reduce((n, a) => n + a.byteLength, 0) +
      this.years.byteSize +
      [this.topicsOfPaper, this.papersOfTopic, this.authorsOfPaper, this.papersOfAuthor, this.papersOfVenue, this.citersOfPaper].reduce((n, c) => n + csrBytes(c), 0)
    );
  }

  /** The slice of a CSR for one key, empty for keys beyond it. */
  static slice(csr: Csr, key: number): Int32Array {
    if (key < 0 || key + 1 >= csr.offsets.length) return csr.items.subarray(0, 0);
    return csr.items.subarray(csr.offsets[key]!, csr.offsets[key + 1]!);
  }
}

const maxOf = (a: Int32Array) => a.reduce((m, v) => (v > m ? v : m), 0);

/** Collects packed slices (see db/queries/paper-facts.ts), in paper id order, then builds the arrays. */
export class PaperFactsBuilder {
  private readonly ids = new IntList();
  private readonly years = new YearCoder();
  /** Provisional year codes (see YearCoder), one per paper. */
  private readonly yearCodes = new IntList();
  private readonly venues = new IntList();
  private readonly cited = new IntList();
  private readonly citedBy = new IntList();
  private readonly code = new IntList();
  private readonly linkPapers = new IntList();
  private readonly linkTopics = new IntList();
  private readonly authorshipPapers = new IntList();
  private readonly authorshipAuthors = new IntList();
  private readonly citedPapers = new IntList();
  private readonly citingPapers = new IntList();

  /** Papers packed as db/queries/paper-facts.ts says, in ascending id order. */
  addPapers(packed: Uint8Array): void {
    const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
    for (let o = 0; o + PACKED_PAPER_BYTES <= packed.byteLength; o += PACKED_PAPER_BYTES) {
      const flags = view.getUint8(o + 20);
      this.ids.push(view.getInt32(o));
      this.yearCodes.push(this.years.code(flags & PAPER_HAS_YEAR ? view.getInt32(o + 4) : null));
      this.venues.push(view.getInt32(o + 8));
      this.cited.push(view.getInt32(o + 12));
      this.citedBy.push(view.getInt32(o + 16));
      this.code.push(flags & PAPER_HAS_CODE);
    }
  }

  /** (paper id, other id) pairs packed as two int32s: topic links, authorships, or (cited, citing) papers. */
  addPairs(kind: 'topics' | 'authors' | 'citers', packed: Uint8Array): void {
    const lists: Record<typeof kind, [IntList, IntList]> = {
      topics: [this.linkPapers, this.linkTopics],
      authors: [this.authorshipPapers, this.authorshipAuthors],
      citers: [this.citedPapers, this.citingPapers],
    };
    const [papers, others] = lists[kind];
    const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
    for (let o = 0; o + PACKED_PAIR_BYTES <= packed.byteLength; o += PACKED_PAIR_BYTES) {
      papers.push(view.getInt32(o));
      others.push(view.getInt32(o + 4));
    }
  }

  build(): PaperFacts {
    const paperIds = this.ids.toArray();
    for (let i = 1; i < paperIds.length; i++) {
      if (paperIds[i]! <= paperIds[i - 1]!) throw new RangeError('papers must arrive in ascending id order');
    }
    const n = paperIds.length;
    // Dense index of each paper id (ids are a sequence, so this array is about as long as the list).
    const denseOf = new Int32Array(maxOf(paperIds) + 1).fill(-1);
    for (let i = 0; i < n; i++) denseOf[paperIds[i]!] = i;
    const toDense = (ids: Int32Array) => ids.map((id) => denseOf[id]!);

    const linkPapers = toDense(this.linkPapers.toArray());
    const linkTopics = this.linkTopics.toArray();
    const authorshipPapers = toDense(this.authorshipPapers.toArray());
    const authorshipAuthors = this.authorshipAuthors.toArray();
    const venues = this.venues.toArray();
    const everyPaper = Int32Array.from({ length: n }, (_, i) => i);
    const { codes: years, final } = this.years.finish();
    const yearCodes = years.newCodeArray(n);
    const provisional = this.yearCodes.data;
    for (let i = 0; i < n; i++) yearCodes[i] = final[provisional[i]!]!;
    return new PaperFacts(
      paperIds,
      yearCodes,
      years,
      venues,
      this.cited.toArray(),
      this.citedBy.toArray(),
      Uint8Array.from(this.code.toArray()),
      csrFrom(linkPapers, linkTopics, n),
      csrFrom(linkTopics, linkPapers, maxOf(linkTopics) + 1),
      csrFrom(authorshipPapers, authorshipAuthors, n),
      csrFrom(authorshipAuthors, authorshipPapers, maxOf(authorshipAuthors) + 1),
      csrFrom(venues, everyPaper, maxOf(venues) + 1),
      csrFrom(toDense(this.citedPapers.toArray()), toDense(this.citingPapers.toArray()), n),
    );
  }
}
