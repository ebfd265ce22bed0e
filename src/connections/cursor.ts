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

const VALUE_FORMAT: Record<CursorValueType, (v: string) => boolean> = {
  int: (v) => /^-?\d{1,10}$/.test(v) && Math.abs(Number(v)) <= 2147483647,
  real: (v) => /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(v),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
  text: (v) => v.length <= 10_000,
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
