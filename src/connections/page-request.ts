/**
 * Relay connection arguments, checked once for every connection: `first`/`after` page forwards,
 * `last`/`before` page backwards, at most 100 items a page, 20 by default.
 */
import { badInput } from '../errors.js';
import { decodeCursor } from './cursor.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface PageRequest {
  /** Forward pages read in the requested order; backward pages read it reversed, then flip the rows back. */
  backward: boolean;
  limit: number;
  /** Sort values of the row to start after (forward) or before (backward). */
  cursorValues?: string[];
  /** Identifies the ordering, stored in every cursor. */
  orderTag: string;
}

function checkSize(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 0) throw badInput(`"${argument}" must be a non-negative integer.`, argument);
  if (value > MAX_PAGE_SIZE) throw badInput(`"${argument}" may be at most ${MAX_PAGE_SIZE}; page with cursors for more.`, argument);
  return value;
}

export function parsePageRequest(args: ConnectionArgs, orderTag: string): PageRequest {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw badInput('Pass either "first" or "last", not both.', 'last');
  if (after != null && before != null) throw badInput('Pass either "after" or "before", not both.', 'before');
  if (last != null && after != null) throw badInput('"last" pages backwards: combine it with "before", not "after".', 'after');
  if (first != null && before != null) throw badInput('"first" pages forwards: combine it with "after", not "before".', 'before');

  const backward = last != null || before != null;
  const limit = backward ? checkSize(last ?? DEFAULT_PAGE_SIZE, 'last') : checkSize(first ?? DEFAULT_PAGE_SIZE, 'first');
  const cursor = backward ? before : after;
  return {
    backward,
    limit,
    orderTag,
    cursorValues: cursor != null ? decodeCursor(cursor, orderTag, backward ? 'before' : 'after').values : undefined,
  };
}
