/**
 * Errors of a request the server stopped or would not start: the client can act on each (retry later,
 * ask for less), so each carries `extensions.code` and is shown as is, never masked.
 */
import { GraphQLError } from 'graphql';

/** Seconds a client is asked to wait before retrying a request refused as SERVER_BUSY. */
export const RETRY_AFTER_SECONDS = 1;

export function serverBusy(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'SERVER_BUSY', retryAfterSeconds: RETRY_AFTER_SECONDS } });
}

export function requestTimedOut(timeoutMs: number): GraphQLError {
  return new GraphQLError(
    `The request took longer than ${timeoutMs} ms and was stopped; ask for less (a smaller depth, limit or page, fewer aliases).`,
    { extensions: { code: 'TIMEOUT', timeoutMs } },
  );
}

/** The reason a request's work is stopped when its client disconnects; nobody reads the answer. */
export function clientGone(): GraphQLError {
  return new GraphQLError('The client closed the request.', { extensions: { code: 'CLIENT_CLOSED_REQUEST' } });
}
