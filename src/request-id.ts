/**
 * One id per HTTP request, so a client's report, the server's log lines and a masked error can be matched:
 * taken from the client's `x-request-id` when it is a sane token (a proxy or the client may have made one
 * already), a fresh UUID otherwise, and sent back in the `x-request-id` response header of every response.
 *
 * The id lives in an AsyncLocalStorage for the whole handling of the request (yoga's request
 * instrumentation wraps everything, from the first hook to the last), so code that is handed no request,
 * such as yoga's logger or the error masking, still knows which request it is working for.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Short and plain enough to put in a log line or a header as it is: nothing to escape, nothing to forge. */
const SANE = /^[A-Za-z0-9._-]{1,128}$/;

/** The client's id when it is sane, else a new one. */
export function acceptRequestId(given: string | null | undefined): string {
  return given && SANE.test(given) ? given : randomUUID();
}

const current = new AsyncLocalStorage<string>();
const byRequest = new WeakMap<Request, string>();

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return current.getStore();
}

/** The id given to `request` (the request yoga hands to the context factory). */
export function requestIdOf(request: Request): string {
  return byRequest.get(request) ?? currentRequestId() ?? acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
}

export function useRequestId(): Plugin {
  return {
    instrumentation: {
      request: ({ request }, handle) => {
        const id = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
        byRequest.set(request, id);
        return current.run(id, handle);
      },
    },
    onResponse: ({ request, response }) => {
      const id = byRequest.get(request) ?? currentRequestId();
      if (id) response.headers.set(REQUEST_ID_HEADER, id);
    },
  };
}
