/**
 * What the in-memory coauthor graph is built from (src/graph/coauthor-index.ts): per slice of paper ids,
 * the authorships and the papers' years, each packed into one byte string so a million authors never
 * become millions of row objects.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { queryPacked, queryRows } from './raw.js';

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

/**
 * The year of each paper of one slice of ids that has one, packed the same way: int32 id, int32 year (the
 * column's whole range). A paper not listed has no year, so no value has to stand for "none".
 */
export function packedPaperYearsInRange(db: Database, from: number, to: number): Promise<Uint8Array> {
  return queryPacked(
    db,
    sql`select string_agg(int4send(id) || int4send(year), ''::bytea) as packed
        from papers where id between ${from} and ${to} and year is not null`,
  );
}
