/**
 * The collaboration network induced by a set of authors, from the in-memory paper facts: each author's
 * papers inside the year window, and for every pair of the set the papers they share inside it. Only the
 * set's own papers are visited (no pass over all papers), so a set of 5,000 authors costs its papers.
 */
import type { PaperFacts } from '../metrics/paper-facts.js';
import { windowTest, type YearWindow } from './year-window.js';

export interface CollaborationTie {
  /** Node indices, a < b. */
  a: number;
  b: number;
  papers: number;
  /** Years of the first and latest shared paper with a year; null when none has one. */
  firstYear: number | null;
  lastYear: number | null;
}

export interface CollaborationNetwork {
  /** Papers of each node (in the order of the author ids given) inside the window. */
  paperCounts: Int32Array;
  /** Ties with at least `minPapers` shared papers, ordered by (a, b). */
  ties: CollaborationTie[];
}

/**
 * `authorIds` are the nodes, in that order (distinct). A paper counts when it is inside the window (see
 * year-window.ts); ties are kept with at least `minPapers` shared papers.
 */
/**
 * Per-facts scratch array: the node index + 1 of each author id in the current set, 0 elsewhere. Set for
 * a query's authors and cleared after, so no query allocates or clears an array the size of the data.
 */
const scratch = new WeakMap<PaperFacts, Int32Array>();

export function collaborationNetwork(facts: PaperFacts, authorIds: readonly number[], window: YearWindow, minPapers = 1): CollaborationNetwork {
  const n = authorIds.length;
  let nodePlusOne = scratch.get(facts);
  if (!nodePlusOne) {
    nodePlusOne = new Int32Array(facts.papersOfAuthor.offsets.length);
    scratch.set(facts, nodePlusOne);
  }
  const limit = nodePlusOne.length;
  const inWindow = windowTest(facts, window);
  const paperCounts = new Int32Array(n);
  // Ties counted from each node's side in dense arrays (no map per pair): for node i, every set member
  // j > i on each of its papers. The arrays are cleared through the list of nodes touched.
  const count = new Int32Array(n);
  const first = new Float64Array(n).fill(Infinity);
  const last = new Int32Array(n);
  const touched: number[] = [];
  const ties: CollaborationTie[] = [];
  const { offsets: paperOffsets, items: paperItems } = facts.papersOfAuthor;
  const { offsets: authorOffsets, items: authorItems } = facts.authorsOfPaper;
  try {
    for (let i = 0; i < n; i++) if (authorIds[i]! < limit) nodePlusOne[authorIds[i]!] = i + 1;
    for (let i = 0; i < n; i++) {
      const id = authorIds[i]!;
      if (id >= limit) continue;
      for (let k = paperOffsets[id]!; k < paperOffsets[id + 1]!; k++) {
        const p = paperItems[k]!;
        if (!inWindow(p)) continue;
        paperCounts[i]! += 1;
        const code = facts.yearCodes[p]!;
        for (let m = authorOffsets[p]!; m < authorOffsets[p + 1]!; m++) {
          const j = nodePlusOne[authorItems[m]!]! - 1;
          if (j <= i) continue;
          if (count[j] === 0) touched.push(j);
          count[j]! += 1;
          if (code && code < first[j]!) first[j] = code;
          if (code > last[j]!) last[j] = code;
        }
      }
      touched.sort((x, y) => x - y);
      for (const j of touched) {
        if (count[j]! >= minPapers) {
          ties.push({
            a: i,
            b: j,
            papers: count[j]!,
            firstYear: first[j] === Infinity ? null : facts.years.yearOf(first[j]!),
            lastYear: facts.years.yearOf(last[j]!),
          });
        }
        count[j] = 0;
        first[j] = Infinity;
        last[j] = 0;
      }
      touched.length = 0;
    }
  } finally {
    for (let i = 0; i < n; i++) if (authorIds[i]! < limit) nodePlusOne[authorIds[i]!] = 0;
  }
  return { paperCounts, ties };
}
