/**
 * Set-based writes for imports. Rows travel as one JSON parameter and are unpacked by
 * `json_to_recordset`: a statement has one bind parameter however many rows it carries, so thousands of
 * rows cost one round trip on both drivers, with none of the 65,535-parameter limit of multi-row VALUES.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client.js';
import { queryRows } from './raw.js';

export type ColumnType = 'int' | 'text' | 'date' | 'boolean' | 'jsonb' | 'venue_kind';

/** `jsonb_to_recordset($1) as x(a int, b text, …)` over the given rows. */
export function recordset(rows: readonly object[], columns: readonly (readonly [string, ColumnType])[], alias = 'x'): SQL {
  const definition = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  return sql`json_to_recordset(${JSON.stringify(rows)}::json) as ${sql.raw(alias)}(${sql.raw(definition)})`;
}

/** A text[] made from a JSON array parameter (one bind parameter for any number of values). */
export function textList(values: readonly string[]): SQL {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/**
 * Reserve `count` ids from a table's identity sequence, so rows can be inserted with known ids and linked
 * to their records without relying on the order RETURNING gives rows back in.
 */
export async function reserveIds(db: Database, table: 'papers' | 'authors', count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await queryRows<{ id: number }>(
    db,
    // The sequence is looked up once, not once per id (pg_get_serial_sequence reads the catalog).
    sql`select nextval(s.seq)::int as id
        from (select pg_get_serial_sequence(${table}, 'id')::regclass as seq) s, generate_series(1, ${count})`,
  );
  return rows.map((r) => Number(r.id));
}
