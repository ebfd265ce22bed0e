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
