/**
 * Figures of a venue's or a topic subtree's papers from the in-memory paper facts: counts, h-index,
 * papers per year and the leading authors, in one pass over the papers (a topic of 100,000 papers takes
 * milliseconds where the database first has to fetch each paper's row).
 */
import type { CitationBasis, TopAuthorsBy } from '../../db/queries/metrics.js';
import { hIndex, i10Index, yearSeries, type PaperSetMetrics } from './citation-metrics.js';
import { PaperFacts } from './paper-facts.js';

/** The same figures as an author's, over a collection's papers. */
export type CollectionFigures = PaperSetMetrics;

const citationsOf = (facts: PaperFacts, basis: CitationBasis) => (basis === 'GRAPH' ? facts.citedByCounts : facts.citationCounts);

/** `papers`: dense paper indices, each once. */
export function collectionFigures(facts: PaperFacts, papers: ArrayLike<number>, basis: CitationBasis): CollectionFigures {
  const citations = citationsOf(facts, basis);
  const counts: number[] = new Array(papers.length);
  const byYear = new Map<number, number>();
  let sum = 0;
  for (let k = 0; k < papers.length; k++) {
    const p = papers[k]!;
    counts[k] = citations[p]!;
    sum += counts[k]!;
    const year = facts.years[p]!;
    if (year !== 0) byYear.set(year, (byYear.get(year) ?? 0) + 1);
  }
  const series = yearSeries(byYear);
  return {
    paperCount: papers.length,
    citationCount: sum,
    hIndex: hIndex(counts),
    i10Index: i10Index(counts),
    firstYear: series[0]?.year ?? null,
    lastYear: series.at(-1)?.year ?? null,
    papersByYear: series,
  };
}

export interface AuthorContribution {
  authorId: number;
  paperCount: number;
  citationCount: number;
}

/** The `first` authors with the most papers (or citations) among `papers`; the other figure, then the id, break ties. */
export function topAuthorsOf(facts: PaperFacts, papers: ArrayLike<number>, by: TopAuthorsBy, first: number, basis: CitationBasis): AuthorContribution[] {
  const citations = citationsOf(facts, basis);
  const perAuthor = new Map<number, AuthorContribution>();
  for (let k = 0; k < papers.length; k++) {
    const p = papers[k]!;
    for (const authorId of PaperFacts.slice(facts.authorsOfPaper, p)) {
      const row = perAuthor.get(authorId);
      if (row) {
        row.paperCount += 1;
        row.citationCount += citations[p]!;
      } else perAuthor.set(authorId, { authorId, paperCount: 1, citationCount: citations[p]! });
    }
  }
  const [primary, secondary] = by === 'PAPERS' ? (['paperCount', 'citationCount'] as const) : (['citationCount', 'paperCount'] as const);
  return [...perAuthor.values()]
    .sort((a, b) => b[primary] - a[primary] || b[secondary] - a[secondary] || a.authorId - b.authorId)
    .slice(0, first);
}
