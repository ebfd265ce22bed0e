/**
 * Figures of a set of papers (an author's, a venue's, a topic subtree's) from the in-memory paper facts:
 * counts, h-index, papers per year, the most cited papers and the leading authors, each in one pass over
 * the papers (a topic of 100,000 papers takes milliseconds where the database first has to fetch each
 * paper's row).
 */
import type { CitationBasis, TopAuthorsBy } from '../../db/queries/metrics.js';
import { hIndex, i10Index, yearSeries, type YearCount } from './citation-metrics.js';
import { PaperFacts } from './paper-facts.js';
import { tallyFor, type RowOrder } from './tally.js';

export interface CollectionFigures {
  paperCount: number;
  citationCount: number;
  hIndex: number;
  i10Index: number;
  /** Null when no paper has a year. */
  firstYear: number | null;
  lastYear: number | null;
  /** Every year from the first to the last, zeros in gaps. */
  papersByYear: YearCount[];
}

const citationsOf = (facts: PaperFacts, basis: CitationBasis) => (basis === 'GRAPH' ? facts.citedByCounts : facts.citationCounts);

/** Papers per year of `papers` (dense indices), every year from the first to the last. */
export function papersByYearOf(facts: PaperFacts, papers: ArrayLike<number>): YearCount[] {
  const byYear = new Map<number, number>();
  for (let k = 0; k < papers.length; k++) {
    const year = facts.yearOf(papers[k]!);
    if (year !== null) byYear.set(year, (byYear.get(year) ?? 0) + 1);
  }
  return yearSeries(byYear);
}

/** `papers`: dense paper indices, each once. */
export function collectionFigures(facts: PaperFacts, papers: ArrayLike<number>, basis: CitationBasis): CollectionFigures {
  const citations = citationsOf(facts, basis);
  const counts: number[] = new Array(papers.length);
  let sum = 0;
  for (let k = 0; k < papers.length; k++) {
    counts[k] = citations[papers[k]!]!;
    sum += counts[k]!;
  }
  const series = papersByYearOf(facts, papers);
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

/** Paper ids of the `first` most cited of `papers`, the lower paper id first among equals. */
export function mostCitedOf(facts: PaperFacts, papers: ArrayLike<number>, first: number, basis: CitationBasis): number[] {
  const citations = citationsOf(facts, basis);
  return Array.from(papers)
    .sort((a, b) => citations[b]! - citations[a]! || facts.paperIds[a]! - facts.paperIds[b]!)
    .slice(0, first)
    .map((p) => facts.paperIds[p]!);
}

export interface AuthorContribution {
  authorId: number;
  paperCount: number;
  citationCount: number;
}

/** The `first` authors with the most papers (or citations) among `papers`; the other figure, then the id, break ties. */
export function topAuthorsOf(facts: PaperFacts, papers: ArrayLike<number>, by: TopAuthorsBy, first: number, basis: CitationBasis): AuthorContribution[] {
  const citations = citationsOf(facts, basis);
  const tally = tallyFor(facts, 'AUTHOR', Math.max(1, facts.papersOfAuthor.offsets.length - 1));
  for (let k = 0; k < papers.length; k++) {
    const p = papers[k]!;
    for (const authorId of PaperFacts.slice(facts.authorsOfPaper, p)) tally.add(authorId, citations[p]!);
  }
  const order: RowOrder =
    by === 'PAPERS'
      ? (a, b) => b.count - a.count || b.citations - a.citations || a.key - b.key
      : (a, b) => b.citations - a.citations || b.count - a.count || a.key - b.key;
  return tally.takeTop(first, order).map((r) => ({ authorId: r.key, paperCount: r.count, citationCount: r.citations }));
}

export interface TopicShare {
  topicId: number;
  paperCount: number;
  citationCount: number;
  /** Of all of `papers`. */
  share: number;
}

/** The topics of `papers`, most papers first (the topic id breaking ties), with shares and citations. */
export function topicSharesOf(facts: PaperFacts, papers: ArrayLike<number>, first: number, basis: CitationBasis): TopicShare[] {
  const citations = citationsOf(facts, basis);
  const tally = tallyFor(facts, 'TOPIC', Math.max(1, facts.papersOfTopic.offsets.length - 1));
  for (let k = 0; k < papers.length; k++) {
    const p = papers[k]!;
    for (const topicId of PaperFacts.slice(facts.topicsOfPaper, p)) tally.add(topicId, citations[p]!);
  }
  return tally
    .takeTop(first, (a, b) => b.count - a.count || a.key - b.key)
    .map((r) => ({ topicId: r.key, paperCount: r.count, citationCount: r.citations, share: r.count / papers.length }));
}

/**
 * Citations an author's papers received from papers in this database, by the citing paper's year (a
 * citing paper with no year has no place in the series). A paper citing two of the author's papers
 * counts twice: these are citations, not citing papers.
 */
export function citationsByYear(facts: PaperFacts, authorId: number): YearCount[] {
  const byYear = new Map<number, number>();
  for (const p of PaperFacts.slice(facts.papersOfAuthor, authorId)) {
    for (const citer of PaperFacts.slice(facts.citersOfPaper, p)) {
      const year = facts.yearOf(citer);
      if (year !== null) byYear.set(year, (byYear.get(year) ?? 0) + 1);
    }
  }
  return yearSeries(byYear);
}
