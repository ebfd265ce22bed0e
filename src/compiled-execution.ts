/**
 * Runs each operation as a function compiled from its document by graphql-jit, once per document and
 * operation name. The interpreting executor repeats, for every object on a page, the work that only
 * depends on the document (collecting the selected fields, building a resolve info and a path per
 * field); the compiled function does it once. That work was a quarter of this server's CPU on an author
 * profile and a list of 50 papers (`npm run bench:pages`; README, "Pages against PostGraphile").
 *
 * Two things stay exactly as yoga's own executor does them:
 * - Variables are coerced by graphql-js, and bad ones reported by the executor this replaces (its
 *   messages, a scalar's own reason, HTTP 400). graphql-jit's own parser refuses a required input field left out although
 *   it has a default (`orderBy: {field: TITLE}` without `direction`) and replaces a scalar's message
 *   with "Expected type X". The coerced values are handed to the compiled function in their external
 *   form (astFromValue), which its parser reads back to the same values.
 * - The request's signal (src/isolation/): once it aborts, the answer is its reason (TIMEOUT,
 *   CLIENT_CLOSED_REQUEST), not whatever the resolvers fail with after their statements are cancelled.
 * A document runs on the executor this replaces the first time it is seen, and is compiled when it comes
 * again (yoga's parser cache hands out the same document for the same text): compiling costs several
 * runs, and a client that writes its values into the text sends a new document every time. A document
 * graphql-jit cannot compile stays on that executor.
 *
 * Not @envelop/graphql-jit: it caches one compiled function per document whatever the operation name
 * (a second operation of the same document ran the first), and uses graphql-jit's variable parser.
 */
import {
  astFromValue,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  typeFromAST,
  valueFromASTUntyped,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLInputType,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

type Execute = (args: ExecutionArgs) => unknown;
type Compiled = { operation: OperationDefinitionNode; query: CompiledQuery['query'] } | 'seen once' | 'not compiled';

export function useCompiledExecution(): Plugin {
  const compiledByDocument = new WeakMap<DocumentNode, Map<string, Compiled>>();

  function compiledFor(args: ExecutionArgs): Compiled {
    let byOperation = compiledByDocument.get(args.document);
    if (!byOperation) compiledByDocument.set(args.document, (byOperation = new Map()));
    const key = args.operationName ?? '';
    let compiled = byOperation.get(key);
    if (!compiled) {
      byOperation.set(key, 'seen once');
      return 'seen once';
    }
    if (compiled === 'seen once') {
      const operation = getOperationAST(args.document, args.operationName);
      const result = operation ? compileQuery(args.schema, args.document, args.operationName ?? undefined) : undefined;
      compiled = operation && result && isCompiledQuery(result) && operation.operation === 'query' ? { operation, query: result.query } : 'not compiled';
      byOperation.set(key, compiled);
    }
    return compiled;
  }

  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args: ExecutionArgs) => {
        const compiled = compiledFor(args);
        // Also mutations, and documents graphql-jit refuses (the executor then reports what is wrong).
        if (typeof compiled === 'string') return (executeFn as Execute)(args);
        const variables = getVariableValues(args.schema, compiled.operation.variableDefinitions ?? [], args.variableValues ?? {});
        // The executor reports bad variables as it always has (messages, HTTP 400).
        if (variables.errors) return (executeFn as Execute)(args);
        const external = externalForm(args, compiled.operation, variables.coerced);
        const signal = (args as ExecutionArgs & { signal?: AbortSignal }).signal;
        if (signal?.aborted) return abortedResult(signal);
        return untilAborted(compiled.query(args.rootValue, args.contextValue, external), signal);
      });
    },
  };
}

/** Coerced variable values written back as a client would send them. */
function externalForm(args: ExecutionArgs, operation: OperationDefinitionNode, coerced: Record<string, unknown>): Record<string, unknown> {
  const external: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (!(name in coerced)) continue;
    const type = typeFromAST(args.schema, definition.type as never) as GraphQLInputType;
    const literal = astFromValue(coerced[name], type);
    external[name] = literal ? valueFromASTUntyped(literal) : null;
  }
  return external;
}

function untilAborted(result: ReturnType<CompiledQuery['query']>, signal: AbortSignal | undefined) {
  if (!signal || !(result instanceof Promise)) return result;
  return new Promise<ExecutionResult>((resolve, reject) => {
    const onAbort = () => resolve(abortedResult(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    result.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortedResult(signal: AbortSignal): ExecutionResult {
  const reason: unknown = signal.reason;
  const error = reason instanceof GraphQLError ? reason : new GraphQLError('The request was stopped.', { originalError: reason as Error });
  return { data: null, errors: [error] };
}
