/**
 * Paper groups from the in-memory facts: the same answer as the SQL in db/queries/paper-groups.ts for
 * every filter except full-text search (which only the database can evaluate). Candidates come from the
 * narrowest list the filter names (an author's papers, a topic subtree's, a venue's, else all), then
 * every condition is checked per paper and the paper is counted in its group(s).
 */
import type { PaperGroupBy, PaperGroupOrderField, PaperGroupRow } from '../../db/queries/paper-groups.js';
import type { CitationBasis } from '../../db/queries/metrics.js';
import { PaperFacts } from './paper-facts.js';
import { tallyFor, type RowOrder } from './tally.js';
import { NO_YEAR } from './year-codes.js';

export interface FactsFilter {
  yearFrom?: number;
  yearTo?: number;
  venueId?: number;
  /** A topic's whole subtree. */
  topicIds?: readonly number[];
  authorId?: number;
  hasCode?: boolean;
}

export interface FactsGroupQuery {
  filter: FactsFilter;
  by: PaperGroupBy;
  first: number;
  order: { field: PaperGroupOrderField; descending: boolean };
  basis: CitationBasis;
}

/** Per-facts scratch marks (one int per paper), so a query never clears an array the size of the data. */
const marks = new WeakMap<PaperFacts, { stamp: Uint32Array; generation: number }>();

function freshMark(facts: PaperFacts) {
  let scratch = marks.get(facts);
  if (!scratch || scratch.generation >= 0xfffffffe) {
    scratch = { stamp: new Uint32Array(facts.paperCount), generation: 0 };
    marks.set(facts, scratch);
  }
  scratch.generation += 1;
  return scratch;
}

/** The papers of a topic subtree, each once however many of its topics a paper carries. */
function papersOfTopics(facts: PaperFacts, topicIds: readonly number[]): ArrayLike<number> {
  if (topicIds.length === 1) return PaperFacts.slice(facts.papersOfTopic, topicIds[0]!);
  const scratch = freshMark(facts);
  const out: number[] = [];
  for (const topic of topicIds) {
    for (const p of PaperFacts.slice(facts.papersOfTopic, topic)) {
      if (scratch.stamp[p] === scratch.generation) continue;
      scratch.stamp[p] = scratch.generation;
      out.push(p);
    }
  }
  return out;
}

/** The paper indices of one venue, or of one topic subtree, each once. */
export function papersOfCollection(facts: PaperFacts, owner: { venueId: number } | { topicIds: readonly number[] }): ArrayLike<number> {
  return 'venueId' in owner ? PaperFacts.slice(facts.papersOfVenue, owner.venueId) : papersOfTopics(facts, owner.topicIds);
}

/** Paper indices that can match the filter, each once, from the narrowest list it names; null for every paper. */
function candidates(facts: PaperFacts, filter: FactsFilter): ArrayLike<number> | null {
  if (filter.authorId != null) return PaperFacts.slice(facts.papersOfAuthor, filter.authorId);
  if (filter.topicIds) return papersOfTopics(facts, filter.topicIds);
  if (filter.venueId != null) return PaperFacts.slice(facts.papersOfVenue, filter.venueId);
  return null;
}

/** The filter's years as the range of year codes they cover (codes are ordered as years), or null. */
function yearCodeRange(facts: PaperFacts, filter: FactsFilter): { from: number; to: number } | null {
  if (filter.yearFrom == null && filter.yearTo == null) return null;
  return {
    from: filter.yearFrom == null ? NO_YEAR + 1 : facts.years.codeAtLeast(filter.yearFrom),
    to: filter.yearTo == null ? facts.years.size - 1 : facts.years.codeAtMost(filter.yearTo),
  };
}

function matches(
  facts: PaperFacts,
  p: number,
  filter: FactsFilter,
  years: { from: number; to: number } | null,
  topicSet: Set<number> | undefined,
): boolean {
  if (years) {
    const code = facts.yearCodes[p]!;
    if (code === NO_YEAR || code < years.from || code > years.to) return false;
  }
  if (filter.venueId != null && facts.venues[p] !== filter.venueId) return false;
  if (filter.hasCode != null && (facts.hasCode[p] === 1) !== filter.hasCode) return false;
  if (filter.authorId != null && !PaperFacts.slice(facts.authorsOfPaper, p).includes(filter.authorId)) return false;
  if (topicSet && !PaperFacts.slice(facts.topicsOfPaper, p).some((t) => topicSet.has(t))) return false;
  return true;
}

/** How many distinct keys a dimension can have in these facts (keys are 0..limit-1). */
function keyLimit(facts: PaperFacts, by: PaperGroupBy): number {
  switch (by) {
    case 'YEAR':
      return facts.years.size;
    case 'HAS_CODE':
      return 2;
    case 'VENUE':
      return facts.papersOfVenue.offsets.length - 1;
    case 'TOPIC':
      return facts.papersOfTopic.offsets.length - 1;
    case 'AUTHOR':
      return facts.papersOfAuthor.offsets.length - 1;
  }
}

export function groupPapers(facts: PaperFacts, query: FactsGroupQuery): PaperGroupRow[] {
  const { filter, by } = query;
  const citations = query.basis === 'GRAPH' ? facts.citedByCounts : facts.citationCounts;
  const list = candidates(facts, filter);
  const total = list ? list.length : facts.paperCount;
  // Topic membership still needs checking when the candidates came from another list.
  const topicSet = filter.topicIds && filter.authorId != null ? new Set(filter.topicIds) : undefined;
  const years = yearCodeRange(facts, filter);
  const tally = tallyFor(facts, by, Math.max(1, keyLimit(facts, by)));
  // Papers with no value for the dimension (for YEAR, code NO_YEAR = 0): one group with a null key.
  const none = { count: 0, citations: 0 };
  const add = (key: number, cites: number) => {
    if (key === 0 && by !== 'HAS_CODE') {
      none.count += 1;
      none.citations += cites;
    } else tally.add(key, cites);
  };
  for (let k = 0; k < total; k++) {
    const p = list ? list[k]! : k;
    if (!matches(facts, p, filter, years, topicSet)) continue;
    const cites = citations[p]!;
    switch (by) {
      case 'YEAR':
        add(facts.yearCodes[p]!, cites); // counted by code, which orders as the year does
        break;
      case 'VENUE':
        add(facts.venues[p]!, cites);
        break;
      case 'HAS_CODE':
        add(facts.hasCode[p]!, cites);
        break;
      case 'TOPIC':
      case 'AUTHOR': {
        const keys = PaperFacts.slice(by === 'TOPIC' ? facts.topicsOfPaper : facts.authorsOfPaper, p);
        if (keys.length === 0) add(0, cites);
        for (const key of keys) add(key, cites);
        break;
      }
    }
  }
  const rows = tally.takeTop(query.first, groupOrder(query));
  if (none.count > 0 && rows.length < query.first) rows.push({ key: NaN, ...none });
  return rows.map((r) => ({
    key: Number.isNaN(r.key) ? null : by === 'HAS_CODE' ? r.key === 1 : by === 'YEAR' ? facts.years.yearOf(r.key) : r.key,
    count: r.count,
    citation_count: r.citations,
  }));
}

/** As the SQL orders: the measure in the direction asked, then the key ascending; or the key alone. */
function groupOrder(query: FactsGroupQuery): RowOrder {
  const sign = query.order.descending ? -1 : 1;
  if (query.order.field === 'KEY') return (a, b) => sign * (a.key - b.key);
  const measure = query.order.field === 'COUNT' ? 'count' : 'citations';
  return (a, b) => sign * (a[measure] - b[measure]) || a.key - b.key;
}
