/**
 * Helpers for the few statements written as raw SQL (lateral joins, window functions, UPDATE … FROM),
 * which Drizzle's builders cannot express. Both drivers go through `db.execute`; their result shapes differ.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client.js';

/**
 * An int[] parameter. Drizzle expands a JS array inside `sql` into a list of parameters, so the array is
 * sent as one Postgres array literal instead (safe: every element is a checked integer).
 */
export function intArray(ids: readonly number[]): SQL {
  return sql`${intArrayLiteral(ids)}::int[]`;
}

/** The Postgres array literal of checked integer ids, `{1,2,3}`: the value of an int[] parameter. */
export function intArrayLiteral(ids: readonly number[]): string {
  for (const id of ids) {
    if (!Number.isSafeInteger(id)) throw new TypeError(`not an integer id: ${id}`);
  }
  return `{${ids.join(',')}}`;
}

/** Run a raw statement and return its rows, whichever driver is underneath. */
export async function queryRows<T extends object>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** A `json` column's value: postgres.js and PGlite parse it already; a driver that gives text gets it parsed here. */
export function jsonValue<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Bytes per packed pair of ids, `int4send(a) || int4send(b)`: authorships, topic links, citations. */
export const PACKED_PAIR_BYTES = 8;

/**
 * Run a statement whose one row holds one `bytea` column named `packed` (a whole slice of rows packed with
 * `string_agg(int4send(…) || …)`); an empty slice gives no bytes.
 */
export async function queryPacked(db: Database, query: SQL): Promise<Uint8Array> {
  const [row] = await queryRows<{ packed: Uint8Array | null }>(db, query);
  return row?.packed ?? new Uint8Array(0);
}
