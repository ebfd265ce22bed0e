/**
 * Paper years as small ordered codes, for the in-memory indexes. A paper's year is a PostgreSQL `integer`
 * and the importers keep whatever integer a source gives (OpenAlex's `publication_year`, an AAN year of
 * four digits, a profile's `--profile-year` or the current year), so no offset from a base year in a few
 * bits holds every year. A snapshot has few distinct years, though (hundreds): numbered in ascending order
 * from 1, they compare, sort and group exactly as the years do, fit 16 bits, and leave 0 for "no year",
 * distinct from every real year (0 included).
 */

/** The code of "no year". */
export const NO_YEAR = 0;

/** Codes per item: 16 bits while the distinct years fit, else 32. */
export type YearCodeArray = Uint16Array | Uint32Array;

export class YearCodes {
  /** @param years the distinct years, ascending: `years[code - 1]` is the year of `code`. */
  constructor(readonly years: Int32Array) {}

  /** Every code is below this ("no year" included). */
  get size(): number {
    return this.years.length + 1;
  }

  get byteSize(): number {
    return this.years.byteLength;
  }

  yearOf(code: number): number | null {
    return code === NO_YEAR ? null : this.years[code - 1]!;
  }

  /** How many of the years are below `year`: the years ≥ `year` have codes above this. */
  private countBelow(year: number): number {
    let lo = 0;
    let hi = this.years.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.years[mid]! < year) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The smallest code of a year ≥ `year` (`size` when there is none). */
  codeAtLeast(year: number): number {
    return this.countBelow(year) + 1;
  }

  /** The largest code of a year ≤ `year` (`NO_YEAR` when there is none). */
  codeAtMost(year: number): number {
    return this.countBelow(year + 1);
  }

  newCodeArray(length: number): YearCodeArray {
    return this.size <= 0x10000 ? new Uint16Array(length) : new Uint32Array(length);
  }
}

/**
 * Numbers years as they stream in (no sorting meanwhile): a provisional code per distinct year in the order
 * they are met, then the ordered codes once every year is known.
 */
export class YearCoder {
  private readonly provisional = new Map<number, number>();
  private readonly met: number[] = [];

  /** `NO_YEAR` for null, else the year's provisional code (1, 2, … in the order first met). */
  code(year: number | null): number {
    if (year === null) return NO_YEAR;
    let code = this.provisional.get(year);
    if (code === undefined) {
      this.met.push(year);
      code = this.met.length;
      this.provisional.set(year, code);
    }
    return code;
  }

  /** The ordered codes, and `final[provisional code]` (with `final[NO_YEAR] = NO_YEAR`). */
  finish(): { codes: YearCodes; final: Int32Array } {
    const years = Int32Array.from(this.met).sort();
    const final = new Int32Array(this.met.length + 1);
    years.forEach((year, k) => (final[this.provisional.get(year)!] = k + 1));
    return { codes: new YearCodes(years), final };
  }
}
