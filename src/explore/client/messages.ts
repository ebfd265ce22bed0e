/** What the page tells a person when something goes wrong or there is nothing to show. */
import { ApiError, isUnknownAuthor, ServerUnreachableError } from './api.js';
import type { ExplorePathQuery } from './generated/operations.js';

export function describeFailure(error: unknown, what: string): string {
  if (error instanceof ServerUnreachableError) return `The server cannot be reached, so ${what} could not be loaded. Check that scholargraph is running, then try again.`;
  if (isUnknownAuthor(error)) return 'No author has this id. Search for an author by name above.';
  if (error instanceof ApiError) return `The server could not answer (${error.message}).`;
  return `Something went wrong while loading ${what}.`;
}

const noPathReasons: Record<NonNullable<ExplorePathQuery['collaborationPath']['reason']>, string> = {
  NOT_CONNECTED: 'no chain of coauthors links them',
  LONGER_THAN_MAX_LENGTH: 'every chain of coauthors between them is longer than 6 hops',
  SEARCH_LIMIT: 'the search gave up before finding a chain',
};

export function noPathMessage(from: string, to: string, reason: ExplorePathQuery['collaborationPath']['reason']): string {
  return `No collaboration path from ${from} to ${to}: ${reason ? noPathReasons[reason] : 'none was found'}.`;
}
