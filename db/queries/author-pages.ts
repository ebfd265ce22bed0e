/** Paged relations that end in authors: a paper's author list, an author's coauthors, name search. */
import { sql, type SQL } from 'drizzle-orm';
import { updatedAtKeys } from '../updated-at.js';
import { updatedSinceCondition } from './paper-pages.js';
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

export type AuthorOrderField = 'NAME' | 'PAPER_COUNT' | 'UPDATED_AT';

function authorSortKeys(field: AuthorOrderField): { expr: SQL; type: 'int' | 'text' }[] {
  if (field === 'UPDATED_AT') return updatedAtKeys(sql`a.updated_at`).map((expr) => ({ expr, type: 'int' as const }));
  return [field === 'NAME' ? { expr: sql`a.normalized_name`, type: 'text' } : { expr: sql`a.paper_count`, type: 'int' }];
}

/** Authors whose normalized name contains every token of the (normalized) search, changed since an instant if given. */
export function matchingAuthors(field: AuthorOrderField, tokens: string[], updatedSince?: string): PagedRelation {
  const keys = authorSortKeys(field);
  const keyColumns = sql.join(keys.map((k, i) => sql`${k.expr} as ${sql.raw(`k${i}`)}`), sql`, `);
  const since = updatedSince != null ? sql` and ${updatedSinceCondition(sql`a.updated_at`, updatedSince)}` : sql``;
  return {
    shape: `matchingAuthors:${field}:${JSON.stringify(tokens)}:${updatedSince ?? ''}`,
    keyTypes: keys.map((k) => k.type),
    parentArity: 0,
    node: AUTHOR_NODE,
    select: () => sql`select a.id as node_id, ${keyColumns} from authors a
      where ${containsEveryToken(sql`a.normalized_name`, tokens)}${since}`,
  };
}
