/**
 * One id per HTTP request, so a client's report, the server's log lines and a masked error can be matched:
 * taken from the client's `x-request-id` when it is a sane token (a proxy or the client may have made one
 * already), a fresh UUID otherwise, and sent back in the `x-request-id` response header of every response.
 *
 * The id is kept per request object and handed to the context (`requestIdOf`); errors find theirs through
 * error-log.ts. No AsyncLocalStorage: on Node 20 one makes every promise of every request pay for async hooks.
 */
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from './logger.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Short and plain enough to put in a log line or a header as it is: nothing to escape, nothing to forge. */
const SANE = /^[A-Za-z0-9._-]{1,128}$/;

/** The client's id when it is sane, else a new one. */
export function acceptRequestId(given: string | null | undefined): string {
  return given && SANE.test(given) ? given : randomUUID();
}

const byRequest = new WeakMap<Request, string>();

/** The id given to `request` (the request yoga hands to the context factory). */
export function requestIdOf(request: Request): string {
  let id = byRequest.get(request);
  if (id === undefined) {
    id = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
    byRequest.set(request, id);
  }
  return id;
}

const startedAt = new WeakMap<Request, number>();

/** Every response gets the request's id; at level debug, one line per request names it (an access log). */
export function useRequestId(log?: Logger): Plugin {
  return {
    onRequest: ({ request }) => {
      requestIdOf(request);
      if (log?.isLevelEnabled('debug')) startedAt.set(request, performance.now());
    },
    onResponse: ({ request, response }) => {
      const requestId = requestIdOf(request);
      response.headers.set(REQUEST_ID_HEADER, requestId);
      const started = startedAt.get(request);
      if (log && started !== undefined) {
        const path = new URL(request.url).pathname;
        const ms = Math.round((performance.now() - started) * 10) / 10;
        log.debug({ requestId, method: request.method, path, status: response.status, ms }, 'request');
      }
    },
  };
}
