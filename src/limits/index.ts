/** Every check a request meets before it runs (sizes, shape, NUL in arguments), as yoga plugins in the order they apply. */
import type { Plugin } from 'graphql-yoga';
import { useNoNulArguments } from '../no-nul-arguments.js';
import { useBodyLimit } from './body-limit.js';
import { documentLimitPlugins } from './document-limits.js';
import { useLimitsInContext } from './limits-in-context.js';
import type { RequestLimits } from './request-limits.js';

export { DEFAULT_LIMITS, resolveLimits, type RequestLimits } from './request-limits.js';

export function requestLimitPlugins(limits: RequestLimits): Plugin[] {
  return [useBodyLimit(limits.maxBodyBytes), ...documentLimitPlugins(limits), useLimitsInContext(limits), useNoNulArguments()];
}
