/**
 * Wires a request's RequestScope into execution: the executor gets the scope's signal (it starts no
 * resolver once it aborts and answers with the abort reason: TIMEOUT), resolvers run where their
 * statements follow that signal, and a response whose only errors are SERVER_BUSY is a 503 with
 * `retry-after`, so HTTP clients and proxies see "try again" without reading the body.
 */
import type { ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { withStatementSignal } from '../../db/statement-cancellation.js';
import { RETRY_AFTER_SECONDS } from './errors.js';
import type { RequestScope } from './request-scope.js';

export function useRequestIsolation<C extends { scope: RequestScope }>(): Plugin<C> {
  return {
    onExecute: ({ args, executeFn, setExecuteFn }) => {
      const { scope } = args.contextValue;
      // yoga's executor (@graphql-tools/executor) honours `signal` on its arguments.
      (args as ExecutionArgs & { signal?: AbortSignal }).signal = scope.signal;
      setExecuteFn((executionArgs) => withStatementSignal(scope.signal, () => executeFn(executionArgs)));
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
