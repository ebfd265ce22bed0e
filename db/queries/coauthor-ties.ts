/**
 * Coauthor ties aggregated from authorships, for building the in-memory graph: read in slices of author
 * ids so a million authors never become millions of row objects at once.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { queryPacked, queryRows } from './raw.js';

export type TieRow = {
  a: number;
  b: number;
  papers: number;
  first_year: number;
  last_year: number;
};

export async function authorIdRange(db: Database): Promise<{ min: number; max: number } | null> {
  const [row] = await queryRows<{ min: number | null; max: number | null }>(
    db,
    sql`select min(author_id) as min, max(author_id) as max from authorships`,
  );
  return row?.min == null ? null : { min: Number(row.min), max: Number(row.max) };
}

/** Every author with at least one paper, in one slice of ids. */
export async function authorIdsInRange(db: Database, from: number, to: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select distinct author_id as id from authorships where author_id between ${from} and ${to}`,
  );
  return rows.map((r) => Number(r.id));
}

/** Ties (a < b) whose smaller author id lies in the slice, with shared papers and the years they span. */
export function tiesInRange(db: Database, from: number, to: number): Promise<TieRow[]> {
  return queryRows<TieRow>(
    db,
    sql`select x.author_id as a, y.author_id as b, count(*)::int as papers,
          coalesce(min(p.year), 0) as first_year, coalesce(max(p.year), 0) as last_year
        from authorships x
        join authorships y on y.paper_id = x.paper_id and y.author_id > x.author_id
        join papers p on p.id = x.paper_id
        where x.author_id between ${from} and ${to}
        group by x.author_id, y.author_id
        order by x.author_id, y.author_id`,
  );
}

/** Papers with ids between the smallest and largest paper id: the range the slices cover. */
export async function paperIdBounds(db: Database): Promise<{ min: number; max: number } | null> {
  const [row] = await queryRows<{ min: number | null; max: number | null }>(db, sql`select min(id) as min, max(id) as max from papers`);
  return row?.min == null ? null : { min: Number(row.min), max: Number(row.max) };
}

/**
 * The authorships of one slice of paper ids as one byte string: big-endian int32 (paper id, author id)
 * per authorship, in no particular order. One value instead of a row per authorship: the driver decodes
 * it natively (hex), where millions of rows or int arrays would be parsed character by character in JS.
 */
export function packedAuthorshipsInRange(db: Database, from: number, to: number): Promise<Uint8Array> {
  return queryPacked(
    db,
    sql`select string_agg(int4send(paper_id) || int4send(author_id), ''::bytea) as packed
        from authorships where paper_id between ${from} and ${to}`,
  );
}

/** Bytes per packed paper year: int32 id, int16 year (0 if unknown). */
export const PACKED_PAPER_YEAR_BYTES = 6;

/** The year of each paper of one slice of ids, packed the same way: int32 id, int16 year (0 if unknown). */
export function packedPaperYearsInRange(db: Database, from: number, to: number): Promise<Uint8Array> {
  return queryPacked(
    db,
    sql`select string_agg(int4send(id) || int2send(coalesce(year, 0)::int2), ''::bytea) as packed
        from papers where id between ${from} and ${to}`,
  );
}
