/**
 * The server's limits, handed to each request's context so the parts of the schema that enforce them
 * (the cost model, `nodes(ids:)`) use the limits this server was built with, not fixed numbers.
 */
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_LIMITS, type RequestLimits } from './request-limits.js';

const LIMITS = Symbol('request limits');

export function useLimitsInContext(limits: RequestLimits): Plugin {
  return {
    // Keyed by a symbol: no field of the Context type, so the schema's own context stays as it is.
    onContextBuilding: ({ extendContext }) => extendContext({ [LIMITS]: limits } as object),
  };
}

/** The limits of the server running this request (the defaults outside a server, e.g. in a unit test). */
export function limitsOf(context: unknown): RequestLimits {
  return (context as { [LIMITS]?: RequestLimits } | null)?.[LIMITS] ?? DEFAULT_LIMITS;
}
