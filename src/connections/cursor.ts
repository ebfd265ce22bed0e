/**
 * Opaque keyset cursors. A cursor holds the sort values of a row (as exact text, so a date or a float
 * survives the round trip unchanged) and the name of the ordering it came from: a cursor from one ordering
 * handed to another is rejected instead of silently skipping rows.
 */
import { badInput } from '../errors.js';

export interface CursorPayload {
  /** Ordering tag, e.g. `PUBLISHED_AT:DESC`. */
  order: string;
  /** Sort key values as text, ending with the row id. */
  values: string[];
}

export function encodeCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify([payload.order, ...payload.values]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, expectedOrder: string, argument: string): CursorPayload {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput(`"${argument}" is not a cursor returned by this connection.`, argument);
  }
  if (!Array.isArray(parsed) || parsed.length < 2 || !parsed.every((v) => typeof v === 'string')) {
    throw badInput(`"${argument}" is not a cursor returned by this connection.`, argument);
  }
  const [order, ...values] = parsed as string[];
  if (order !== expectedOrder) {
    throw badInput(
      `"${argument}" belongs to another ordering (${order}); request the first page again with the new order.`,
      argument,
    );
  }
  return { order: order!, values };
}

export type CursorValueType = 'date' | 'int' | 'text' | 'real';

/** A day PostgreSQL's `date` accepts: it exists in the calendar (no 2024-02-31) and is not in year 0. */
function isStorableDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || v.startsWith('0000')) return false;
  const day = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(v);
}

/** A number PostgreSQL's `real` holds without overflow or underflow (1e999 or 1e-999 would be an SQL error). */
function isStorableReal(v: string): boolean {
  if (!/^-?\d{1,40}(\.\d{1,40})?(e-?\d{1,4})?$/i.test(v)) return false;
  const n = Math.abs(Number(v));
  if (n === 0) return /^-?0+(\.0+)?(e|$)/i.test(v);
  return n >= 1e-37 && n <= 3.4e38;
}

const VALUE_FORMAT: Record<CursorValueType, (v: string) => boolean> = {
  int: (v) => /^-?\d{1,10}$/.test(v) && Math.abs(Number(v)) <= 2147483647,
  real: isStorableReal,
  date: isStorableDate,
  // PostgreSQL text cannot hold NUL.
  text: (v) => v.length <= 10_000 && !v.includes('\0'),
};

/**
 * A cursor is opaque but not trusted: its values must have the shape the ordering's sort keys have
 * (then the row id), or it was not made by this connection.
 */
export function checkCursorValues(values: string[], keyTypes: CursorValueType[], argument: string): void {
  const types = [...keyTypes, 'int' as const];
  if (values.length !== types.length || !values.every((v, i) => VALUE_FORMAT[types[i]!](v))) {
    throw badInput(`"${argument}" is not a cursor returned by this connection.`, argument);
  }
}
