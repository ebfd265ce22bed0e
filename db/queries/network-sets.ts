/**
 * The sets a network is built on, resolved from a filter in one statement each: the authors matching an
 * author filter, the papers matching a paper filter. Each returns at most `limit` ids and the full count,
 * so a set over the limit is refused with its size without being fetched.
 */
import { sql, type SQL } from 'drizzle-orm';
import { paperFilterConditions, type PaperFilter } from './paper-pages.js';
import type { Database } from '../client.js';
import { queryRows } from './raw.js';

export interface AuthorSetFilter {
  /** Part of the author's affiliation, any case. */
  affiliation?: string;
  /** Authors of at least one paper matching these (venue, topic subtree, years). */
  venueId?: number;
  topicId?: number;
  yearFrom?: number;
  yearTo?: number;
}

export interface IdSet {
  /** Ascending; empty when `total` is over the limit. */
  ids: number[];
  total: number;
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function idSet(db: Database, query: SQL, limit: number): Promise<IdSet> {
  // The window count sees every matching row before LIMIT cuts them: the size of a set that is too big.
  const rows = await queryRows<{ id: number; total: number }>(db, sql`${query} order by 1 limit ${limit + 1}`);
  const total = rows.length ? Number(rows[0]!.total) : 0;
  return { ids: total > limit ? [] : rows.map((r) => Number(r.id)), total };
}

export function authorsMatching(db: Database, filter: AuthorSetFilter, limit: number): Promise<IdSet> {
  const conditions: SQL[] = [];
  if (filter.affiliation != null) conditions.push(sql`a.affiliation ilike ${`%${likeLiteral(filter.affiliation)}%`}`);
  const paperConditions = paperFilterConditions({
    venueId: filter.venueId,
    topicId: filter.topicId,
    yearFrom: filter.yearFrom,
    yearTo: filter.yearTo,
  });
  if (paperConditions.length) {
    conditions.push(sql`exists (select 1 from authorships s join papers p on p.id = s.paper_id
      where s.author_id = a.id and ${sql.join(paperConditions, sql` and `)})`);
  }
  return idSet(db, sql`select a.id, count(*) over () as total from authors a where ${conditions.length ? sql.join(conditions, sql` and `) : sql`true`}`, limit);
}

export function papersMatching(db: Database, filter: PaperFilter, limit: number): Promise<IdSet> {
  const conditions = paperFilterConditions(filter);
  return idSet(db, sql`select p.id, count(*) over () as total from papers p where ${conditions.length ? sql.join(conditions, sql` and `) : sql`true`}`, limit);
}
