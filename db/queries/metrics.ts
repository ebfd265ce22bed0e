/**
 * Citation figures in SQL: what the figures the API answers from the in-memory paper facts (src/metrics/)
 * cost as statements, the baselines of `npm run bench:metrics` (checked against the API in
 * test/citation-metrics.test.ts). Each takes many owners at once.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client.js';
import { intArray, queryRows } from './raw.js';

/** Which citation count of a paper the figures add up. */
export type CitationBasis = 'REPORTED_ELSE_GRAPH' | 'GRAPH';

/** The papers column of a basis, over the papers alias `p`. */
export function citationColumn(basis: CitationBasis): SQL {
  return basis === 'GRAPH' ? sql`p.cited_by_count` : sql`p.citation_count`;
}

export interface AuthorPaperRow {
  author_id: number;
  paper_id: number;
  year: number | null;
  citation_count: number;
  cited_by_count: number;
}

/** Every paper of each author with the figures metrics need: one row per authorship. */
export function papersOfAuthorsWithCounts(db: Database, authorIds: readonly number[]): Promise<AuthorPaperRow[]> {
  return queryRows<AuthorPaperRow>(
    db,
    sql`select a.author_id, p.id as paper_id, p.year, p.citation_count, p.cited_by_count
        from authorships a join papers p on p.id = a.paper_id
        where a.author_id = any(${intArray(authorIds)})`,
  );
}

export interface OwnerYearRow {
  owner_id: number;
  year: number;
  count: number;
}

/**
 * Citations each author's papers received from papers in this database, by the citing paper's year (a
 * citing paper with no year has no place in the series). A paper citing two of the author's papers
 * counts twice: these are citations, not citing papers.
 */
export function citationsByYearOfAuthors(db: Database, authorIds: readonly number[]): Promise<OwnerYearRow[]> {
  return queryRows<OwnerYearRow>(
    db,
    sql`select a.author_id as owner_id, c.year, count(*)::int as count
        from authorships a
        join citations ci on ci.cited_id = a.paper_id
        join papers c on c.id = ci.citing_id
        where a.author_id = any(${intArray(authorIds)}) and c.year is not null
        group by a.author_id, c.year`,
  );
}

/** Venues by id, or topics with their subtrees already resolved (see topicSubtreeIds). */
export type Owners = { kind: 'venue'; ids: readonly number[] } | { kind: 'topic'; subtrees: ReadonlyMap<number, readonly number[]> };

function ownerIds(owners: Owners): number[] {
  return owners.kind === 'venue' ? [...owners.ids] : [...owners.subtrees.keys()];
}

/**
 * The papers of each owner as (owner_id, paper_id) rows: a venue's papers, or a topic's whole subtree
 * with each paper once however many of its subtopics it carries.
 */
function ownedPapers(owners: Owners): SQL {
  if (owners.kind === 'venue') {
    return sql`select x.id as owner_id, p.id as paper_id
      from unnest(${intArray(owners.ids)}) as x(id) join papers p on p.venue_id = x.id`;
  }
  const pairs = [...owners.subtrees].flatMap(([owner, topics]) => topics.map((topic) => [owner, topic] as const));
  return sql`select distinct x.owner_id, pt.paper_id
    from unnest(${intArray(pairs.map((p) => p[0]))}, ${intArray(pairs.map((p) => p[1]))}) as x(owner_id, topic_id)
    join paper_topics pt on pt.topic_id = x.topic_id`;
}

export interface OwnerMetricsRow {
  owner_id: number;
  paper_count: number;
  citation_count: number;
  h_index: number;
  i10_index: number;
  first_year: number | null;
  last_year: number | null;
}

/**
 * Paper count, citations, h-index and i10-index of each venue or topic. The h-index is the number of
 * papers whose count is at least their rank, most cited first: counts fall as ranks rise, so those
 * papers are exactly the first h.
 */
export function ownerMetrics(db: Database, owners: Owners, basis: CitationBasis): Promise<OwnerMetricsRow[]> {
  return queryRows<OwnerMetricsRow>(
    db,
    sql`with owned as (${ownedPapers(owners)}),
        ranked as (
          select o.owner_id, p.year, ${citationColumn(basis)} as c,
            row_number() over (partition by o.owner_id order by ${citationColumn(basis)} desc) as rank
          from owned o join papers p on p.id = o.paper_id
        )
        select x.id as owner_id, count(r.owner_id)::int as paper_count, coalesce(sum(r.c), 0)::bigint as citation_count,
          count(*) filter (where r.c >= r.rank)::int as h_index, count(*) filter (where r.c >= 10)::int as i10_index,
          min(r.year) as first_year, max(r.year) as last_year
        from unnest(${intArray(ownerIds(owners))}) as x(id) left join ranked r on r.owner_id = x.id
        group by x.id`,
  );
}

export type TopAuthorsBy = 'PAPERS' | 'CITATIONS';

export interface TopAuthorRow {
  owner_id: number;
  author_id: number;
  paper_count: number;
  citation_count: number;
}

/** The `first` authors of each venue or topic with the most papers (or citations) there. */
export function topAuthorsOfOwners(
  db: Database,
  owners: Owners,
  by: TopAuthorsBy,
  first: number,
  basis: CitationBasis,
): Promise<TopAuthorRow[]> {
  const primary = by === 'PAPERS' ? sql`count(*)` : sql`sum(${citationColumn(basis)})`;
  const secondary = by === 'PAPERS' ? sql`sum(${citationColumn(basis)})` : sql`count(*)`;
  return queryRows<TopAuthorRow>(
    db,
    sql`with owned as (${ownedPapers(owners)}),
        per_author as (
          select o.owner_id, a.author_id, count(*)::int as paper_count, coalesce(sum(${citationColumn(basis)}), 0)::bigint as citation_count,
            row_number() over (partition by o.owner_id order by ${primary} desc, ${secondary} desc, a.author_id) as rank
          from owned o join authorships a on a.paper_id = o.paper_id join papers p on p.id = o.paper_id
          group by o.owner_id, a.author_id
        )
        select owner_id, author_id, paper_count, citation_count from per_author
        where rank <= ${first} order by owner_id, rank`,
  );
}
