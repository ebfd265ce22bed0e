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
  const paperCounts = new Int32Array(n);
  const seen = new Set<number>();
  // Pair key lo * n + hi (below 2^53 for any set this size); counts and year codes of the shared papers.
  const pairs = new Map<number, { papers: number; first: number; last: number }>();
  const members: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const p of PaperFacts.slice(facts.papersOfAuthor, authorIds[i]!)) {
      if (!inWindow(p)) continue;
      paperCounts[i]! += 1;
      if (seen.has(p)) continue; // each paper's pairs are counted once, by its first member met
      seen.add(p);
      members.length = 0;
      for (const author of PaperFacts.slice(facts.authorsOfPaper, p)) {
        const node = nodeOf.get(author);
        if (node !== undefined) members.push(node);
      }
      if (members.length < 2) continue;
      members.sort((x, y) => x - y);
      const code = facts.yearCodes[p]!;
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) {
          if (members[x] === members[y]) continue;
          const key = members[x]! * n + members[y]!;
          const tie = pairs.get(key);
          if (!tie) pairs.set(key, { papers: 1, first: code || Infinity, last: code });
          else {
            tie.papers += 1;
            if (code && code < tie.first) tie.first = code;
            if (code > tie.last) tie.last = code;
          }
        }
      }
    }
  }
  const ties: CollaborationTie[] = [];
  for (const key of [...pairs.keys()].sort((x, y) => x - y)) {
    const tie = pairs.get(key)!;
    if (tie.papers < minPapers) continue;
    ties.push({
      a: Math.floor(key / n),
      b: key % n,
      papers: tie.papers,
      firstYear: tie.first === Infinity ? null : facts.years.yearOf(tie.first),
      lastYear: facts.years.yearOf(tie.last),
    });
  }
  return { paperCounts, ties };
}
