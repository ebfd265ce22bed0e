/**
 * What a web page on another site may do with this server.
 *
 * CORS: only the origins listed in CORS_ORIGINS may read responses, and never with credentials (the API
 * has no sessions; credentials reflected to any origin would hand a logged-in user's cookies to any site).
 * With no list, no CORS headers at all: same-origin pages only (GraphiQL is same-origin).
 *
 * CSRF: a browser sends some requests cross-site without asking first (forms, `text/plain`, multipart,
 * plain GETs), so CORS alone does not stop them from being executed. Those are refused with 403 unless they
 * carry one of the headers below, which a page can only add after the preflight CORS refuses. JSON POSTs
 * (GraphiQL, fetch with `content-type: application/json`) always preflight and pass as they are.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { CORSOptions, Plugin } from 'graphql-yoga';
import { REQUEST_ID_HEADER } from './request-id.js';

/** Headers that mark a request as sent by a GraphQL client rather than by a form: yoga's, and Apollo's. */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-preflight', 'apollo-require-preflight', 'x-apollo-operation-name'];

export function useCsrfPrevention(): Plugin {
  return useCSRFPrevention({ requestHeaders: CSRF_HEADERS });
}

/** Yoga's `cors` option for a list of allowed origins (`*` for any, still without credentials). */
export function corsFor(origins: readonly string[]): false | ((request: Request) => CORSOptions) {
  if (origins.length === 0) return false;
  const any = origins.includes('*');
  return (request) => {
    const origin = request.headers.get('origin');
    // `false` from the factory means "no CORS headers" (yoga's useCORS checks for it; its type omits it).
    if (!origin || !(any || origins.includes(origin))) return false as unknown as CORSOptions;
    return {
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'accept', REQUEST_ID_HEADER, ...CSRF_HEADERS],
      exposedHeaders: [REQUEST_ID_HEADER],
      maxAge: 600,
    };
  };
}
