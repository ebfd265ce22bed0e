/**
 * Timestamps clients give (`updatedSince`): RFC 3339 date-times with an explicit offset and up to six
 * fractional digits, the precision PostgreSQL stores, so a value read from `updatedAt` comes back exactly.
 * The text goes on to PostgreSQL as it is (`::timestamptz`), never through a JavaScript Date, which would
 * cut it to milliseconds.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})$/;

/** The timestamp as given when it is a valid RFC 3339 date-time naming a real instant, else undefined. */
export function parseTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = RFC3339.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, , offset] = match;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59 || Number(year) < 1) return undefined;
  if (offset!.length > 1 && (Number(offset!.slice(1, 3)) > 23 || Number(offset!.slice(4, 6)) > 59)) return undefined;
  // The calendar date must exist (no 2024-02-30): a UTC Date of that day must give the same day back.
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  date.setUTCFullYear(Number(year));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return undefined;
  return value;
}

export const TIMESTAMP_FORMAT = 'an RFC 3339 date-time with offset, e.g. "2026-12-03T05:30:28.123456Z"';
