/**
 * The collaboration network induced by a set of authors, from the in-memory paper facts: each author's
 * papers inside the year window, and for every pair of the set the papers they share inside it. Only the
 * set's own papers are visited (no pass over all papers), so a set of 5,000 authors costs its papers.
 */
import { PaperFacts } from '../metrics/paper-facts.js';
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
export function collaborationNetwork(facts: PaperFacts, authorIds: readonly number[], window: YearWindow, minPapers = 1): CollaborationNetwork {
  const n = authorIds.length;
  const nodeOf = new Map<number, number>();
  authorIds.forEach((id, i) => nodeOf.set(id, i));
  const inWindow = windowTest(facts, window);
  // Each node's papers in the window, as lists of the nodes on them (the node itself included).
  const paperCounts = new Int32Array(n);
  const membersOf = new Map<number, Int32Array>();
  const papersOf: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (const p of PaperFacts.slice(facts.papersOfAuthor, authorIds[i]!)) {
      if (!inWindow(p)) continue;
      paperCounts[i]! += 1;
      papersOf[i]!.push(p);
      if (!membersOf.has(p)) {
        const members: number[] = [];
        for (const author of PaperFacts.slice(facts.authorsOfPaper, p)) {
          const node = nodeOf.get(author);
          if (node !== undefined) members.push(node);
        }
        membersOf.set(p, Int32Array.from(members));
      }
    }
  }
  // Ties counted from each node's side in dense scratch arrays (no map per pair): for node i, every
  // co-member j > i of each of its papers. Arrays are cleared through the list of nodes touched.
  const count = new Int32Array(n);
  const first = new Float64Array(n).fill(Infinity);
  const last = new Int32Array(n);
  const touched: number[] = [];
  const ties: CollaborationTie[] = [];
  for (let i = 0; i < n; i++) {
    for (const p of papersOf[i]!) {
      const code = facts.yearCodes[p]!;
      for (const j of membersOf.get(p)!) {
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
  return { paperCounts, ties };
}
