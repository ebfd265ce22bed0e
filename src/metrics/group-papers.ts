/**
 * Paper groups from the in-memory facts: the same answer as the SQL in db/queries/paper-groups.ts for
 * every filter except full-text search (which only the database can evaluate). Candidates come from the
 * narrowest list the filter names (an author's papers, a topic subtree's, a venue's, else all), then
 * every condition is checked per paper and the paper is counted in its group(s).
 */
import type { PaperGroupBy, PaperGroupOrderField, PaperGroupRow } from '../../db/queries/paper-groups.js';
import type { CitationBasis } from '../../db/queries/metrics.js';
import { PaperFacts } from './paper-facts.js';

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

/** Paper indices that can match the filter, each once (exactly those of a filter of one venue or topic subtree alone). */
export function candidates(facts: PaperFacts, filter: FactsFilter): ArrayLike<number> {
  if (filter.authorId != null) return PaperFacts.slice(facts.papersOfAuthor, filter.authorId);
  if (filter.topicIds) {
    if (filter.topicIds.length === 1) return PaperFacts.slice(facts.papersOfTopic, filter.topicIds[0]!);
    const scratch = freshMark(facts);
    const out: number[] = [];
    for (const topic of filter.topicIds) {
      for (const p of PaperFacts.slice(facts.papersOfTopic, topic)) {
        if (scratch.stamp[p] === scratch.generation) continue;
        scratch.stamp[p] = scratch.generation;
        out.push(p);
      }
    }
    return out;
  }
  if (filter.venueId != null) return PaperFacts.slice(facts.papersOfVenue, filter.venueId);
  return { length: facts.paperCount } as ArrayLike<number>;
}

function matches(facts: PaperFacts, p: number, filter: FactsFilter, topicSet: Set<number> | undefined): boolean {
  const year = facts.years[p]!;
  if (filter.yearFrom != null && (year === 0 || year < filter.yearFrom)) return false;
  if (filter.yearTo != null && (year === 0 || year > filter.yearTo)) return false;
  if (filter.venueId != null && facts.venues[p] !== filter.venueId) return false;
  if (filter.hasCode != null && (facts.hasCode[p] === 1) !== filter.hasCode) return false;
  if (filter.authorId != null && !PaperFacts.slice(facts.authorsOfPaper, p).includes(filter.authorId)) return false;
  if (topicSet && !PaperFacts.slice(facts.topicsOfPaper, p).some((t) => topicSet.has(t))) return false;
  return true;
}

export function groupPapers(facts: PaperFacts, query: FactsGroupQuery): PaperGroupRow[] {
  const { filter, by } = query;
  const citations = query.basis === 'GRAPH' ? facts.citedByCounts : facts.citationCounts;
  const list = candidates(facts, filter);
  const fromList = Array.isArray(list) || ArrayBuffer.isView(list);
  // Topic membership still needs checking when the candidates came from another list.
  const topicSet = filter.topicIds && filter.authorId != null ? new Set(filter.topicIds) : undefined;
  const groups = new Map<number | null, { count: number; citations: number }>();
  const add = (key: number | null, cites: number) => {
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      group.citations += cites;
    } else groups.set(key, { count: 1, citations: cites });
  };
  for (let k = 0; k < list.length; k++) {
    const p = fromList ? (list as ArrayLike<number>)[k]! : k;
    if (!matches(facts, p, filter, topicSet)) continue;
    const cites = citations[p]!;
    switch (by) {
      case 'YEAR':
        add(facts.years[p] || null, cites);
        break;
      case 'VENUE':
        add(facts.venues[p] || null, cites);
        break;
      case 'HAS_CODE':
        add(facts.hasCode[p]!, cites);
        break;
      case 'TOPIC':
      case 'AUTHOR': {
        const keys = PaperFacts.slice(by === 'TOPIC' ? facts.topicsOfPaper : facts.authorsOfPaper, p);
        if (keys.length === 0) add(null, cites);
        for (const key of keys) add(key, cites);
        break;
      }
    }
  }
  return orderGroups(groups, by, query);
}

/** Sort as the SQL does: the null group last, then the measure, then the key; keep the first `first`. */
function orderGroups(groups: Map<number | null, { count: number; citations: number }>, by: PaperGroupBy, query: FactsGroupQuery): PaperGroupRow[] {
  const sign = query.order.descending ? -1 : 1;
  const measure = query.order.field === 'COUNT' ? 'count' : query.order.field === 'CITATION_COUNT' ? 'citations' : null;
  const entries = [...groups];
  entries.sort(([ka, a], [kb, b]) => {
    if (ka === null || kb === null) return ka === kb ? 0 : ka === null ? 1 : -1;
    if (measure && a[measure] !== b[measure]) return sign * (a[measure] - b[measure]);
    return (measure ? 1 : sign) * (ka - kb);
  });
  return entries.slice(0, query.first).map(([key, g]) => ({
    key: key === null ? null : by === 'HAS_CODE' ? key === 1 : key,
    count: g.count,
    citation_count: g.citations,
  }));
}
