/**
 * `updated_at` as exact, indexable sort keys. A timestamptz has microseconds and a JavaScript Date only
 * milliseconds, so cursors never carry a Date: a row's time is split into two integers, whole minutes since
 * 1970 and microseconds within that minute, which order exactly like the timestamp and survive a cursor
 * round trip as text. Both are immutable expressions (interval arithmetic, no time zone involved), so the
 * tables index them with the id as tie-breaker and keyset pages walk that index.
 */
import { sql, type SQL } from 'drizzle-orm';

const EPOCH = `timestamptz '1970-01-01 00:00:00+00'`;

/** `[minutes since 1970, microseconds within the minute]` of a timestamptz column (raw SQL name, e.g. `p.updated_at`). */
export function updatedAtKeys(column: SQL): [SQL, SQL] {
  const seconds = sql`extract(epoch from (${column} - ${sql.raw(EPOCH)}))`;
  return [sql`(floor(${seconds} / 60)::int)`, sql`(((${seconds} * 1000000)::bigint % 60000000)::int)`];
}

/** RFC 3339 text in UTC with all six fractional digits, e.g. `2026-12-03T05:30:28.123456Z`: the exact value. */
export function updatedAtText(column: SQL): SQL {
  return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
