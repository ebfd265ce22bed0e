/**
 * Wires a request's RequestScope into execution: the execution gets the scope's signal (once it aborts it
 * answers with the abort reason, TIMEOUT; yoga's executor also starts no resolver after it, and the
 * request's statements follow the same signal through its database handle, see the server's context), and a response whose only errors
 * are SERVER_BUSY is a 503 with
 * `retry-after`, so HTTP clients and proxies see "try again" without reading the body.
 */
import type { ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { RETRY_AFTER_SECONDS } from './errors.js';
import type { RequestScope } from './request-scope.js';

export function useRequestIsolation<C extends { scope: RequestScope }>(): Plugin<C> {
  return {
    onExecute: ({ args }) => {
      const { scope } = args.contextValue;
      // yoga's executor (@graphql-tools/executor) and the compiled execution (src/compiled-execution.ts)
      // read `signal` on its arguments.
      (args as ExecutionArgs & { signal?: AbortSignal }).signal = scope.signal;
      return {
        onExecuteDone: ({ result, setResult }) => {
          scope.finish();
          if (!('errors' in result) || !result.errors?.length) return;
          if (!result.errors.every((error) => error.extensions?.code === 'SERVER_BUSY')) return;
          // A partial answer stays a 200: only "nothing was done, come back later" is a 503.
          if (result.data && Object.values(result.data).some((value) => value != null)) return;
          setResult({
            ...result,
            extensions: { ...result.extensions, http: { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } } },
          });
        },
      };
    },
  };
}
