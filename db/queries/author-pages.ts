/** Paged relations that end in authors: a paper's author list, an author's coauthors, name search. */
import { sql } from 'drizzle-orm';
import { authorJson, type NodeShape } from './entities.js';
import { containsEveryToken } from './name-search.js';
import type { PagedRelation } from './paging.js';

const AUTHOR_NODE = { table: 'authors', json: (shape: NodeShape) => authorJson('n', shape) };

/** In author order; authors with an unknown position (hidden behind "et al.") come last. */
export function authorsOfPaper(): PagedRelation {
  return {
    shape: 'authorsOfPaper',
    keyTypes: ['int'],
    extras: ['position', 'affiliation'],
    node: AUTHOR_NODE,
    select: ([paper]) => sql`select a.author_id as node_id, coalesce(a.position, 2147483647) as k0, a.position, a.affiliation
      from authorships a where a.paper_id = ${paper}`,
  };
}

/** One author by id, as a page of one row: lets a lookup bring pages below it (see ChildPages). */
export function authorById(): PagedRelation {
  return {
    shape: 'authorById',
    keyTypes: ['int'],
    node: AUTHOR_NODE,
    select: ([id]) => sql`select a.id as node_id, 0 as k0 from authors a where a.id = ${id}`,
  };
}

export type CoauthorOrderField = 'PAPER_COUNT' | 'LAST_YEAR' | 'NAME';

/**
 * Everyone who shares a paper with the author, with the number of shared papers and the years of the
 * first and last. Computed from authorships at read time, so it is right after any write.
 */
export interface CoauthorFilter {
  /** Only coauthors with at least this many shared papers (counted within `sinceYear`). */
  minPapers?: number;
  /** Count only shared papers published in or after this year. */
  sinceYear?: number;
}

export function coauthorsOf(field: CoauthorOrderField, filter: CoauthorFilter = {}): PagedRelation {
  const key =
    field === 'PAPER_COUNT'
      ? { expr: sql`count(*)`, type: 'int' as const }
      : field === 'LAST_YEAR'
        ? { expr: sql`coalesce(max(p.year), 0)`, type: 'int' as const }
        : { expr: sql`min(au.normalized_name)`, type: 'text' as const };
  return {
    shape: `coauthorsOf:${field}:${JSON.stringify(filter)}`,
    keyTypes: [key.type],
    extras: ['paper_count', 'first_year', 'last_year'],
    node: AUTHOR_NODE,
    select: ([author]) => sql`select o.author_id as node_id, ${key.expr} as k0,
        count(*)::int as paper_count, min(p.year) as first_year, max(p.year) as last_year
      from authorships me
      join authorships o on o.paper_id = me.paper_id and o.author_id <> me.author_id
      join papers p on p.id = me.paper_id
      join authors au on au.id = o.author_id
      where me.author_id = ${author}${filter.sinceYear != null ? sql` and p.year >= ${filter.sinceYear}` : sql``}
      group by o.author_id${filter.minPapers != null && filter.minPapers > 1 ? sql` having count(*) >= ${filter.minPapers}` : sql``}`,
  };
}

export type AuthorOrderField = 'NAME' | 'PAPER_COUNT';

/** Authors whose normalized name contains every token of the (normalized) search. */
export function matchingAuthors(field: AuthorOrderField, tokens: string[]): PagedRelation {
  const key = field === 'NAME' ? { expr: sql`a.normalized_name`, type: 'text' as const } : { expr: sql`a.paper_count`, type: 'int' as const };
  return {
    shape: `matchingAuthors:${field}:${JSON.stringify(tokens)}`,
    keyTypes: [key.type],
    parentArity: 0,
    node: AUTHOR_NODE,
    select: () => sql`select a.id as node_id, ${key.expr} as k0 from authors a
      where ${containsEveryToken(sql`a.normalized_name`, tokens)}`,
  };
}
