/** A year window as the range of year codes it covers (codes order as years do; see year-codes.ts). */
import type { PaperFacts } from '../metrics/paper-facts.js';
import { NO_YEAR } from '../metrics/year-codes.js';

export interface YearWindow {
  yearFrom?: number;
  yearTo?: number;
}

/**
 * Whether paper `p` counts in the window: every paper when no bound is given (those without a year too);
 * with a bound, only papers with a year inside it.
 */
export function windowTest(facts: PaperFacts, window: YearWindow): (p: number) => boolean {
  if (window.yearFrom == null && window.yearTo == null) return () => true;
  const from = window.yearFrom == null ? NO_YEAR + 1 : facts.years.codeAtLeast(window.yearFrom);
  const to = window.yearTo == null ? facts.years.size : facts.years.codeAtMost(window.yearTo);
  return (p) => {
    const code = facts.yearCodes[p]!;
    return code !== NO_YEAR && code >= from && code <= to;
  };
}
