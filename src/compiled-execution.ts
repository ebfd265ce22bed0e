/**
 * Runs each operation as a function compiled from its document by graphql-jit, once per document and
 * operation name. The interpreting executor repeats, for every object on a page, the work that only
 * depends on the document (collecting the selected fields, building a resolve info and a path per
 * field); the compiled function does it once. That work was a quarter of this server's CPU on an author
 * profile and a list of 50 papers (`npm run bench:pages`; README, "Page benchmark").
 *
 * Two things stay exactly as yoga's own executor does them:
 * - Variables are coerced by graphql-js, and bad ones reported by the executor this replaces (its
 *   messages, a scalar's own reason, HTTP 400). graphql-jit's own parser refuses a required input field
 *   left out although it has a default (`orderBy: {field: TITLE}` without `direction`) and replaces a scalar's message
 *   with "Expected type X". The coerced values are handed to the compiled function in their external
 *   form (astFromValue), which its parser reads back to the same values.
 * - The request's signal (src/isolation/): once it aborts, the answer is its reason (TIMEOUT,
 *   CLIENT_CLOSED_REQUEST), not whatever the resolvers fail with after their statements are cancelled.
 *   Unlike yoga's executor, the compiled function still starts the resolvers left; their statements are
 *   refused at once (db/statement-cancellation.ts) and their results dropped.
 * A document runs on the executor this replaces the first time it is seen, and is compiled when it comes
 * again (yoga's parser cache hands out the same document for the same text): compiling costs several
 * runs, and a client that writes its values into the text sends a new document every time. A document
 * graphql-jit cannot compile stays on that executor, and so does one that selects more than
 * MAX_COMPILED_FIELDS fields once its fragments are spread: the compiled function's source grows with every
 * spread (a kilobyte of fragments spread under three aliases at each of four levels took 0.3 s to compile).
 *
 * Not @envelop/graphql-jit: it caches one compiled function per document whatever the operation name
 * (a second operation of the same document ran the first), and uses graphql-jit's variable parser.
 */
import {
  astFromValue,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  typeFromAST,
  valueFromASTUntyped,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type GraphQLInputType,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

/** Fields of an operation, its fragments spread, above which it is not compiled: a page selects under 100. */
export const MAX_COMPILED_FIELDS = 200;

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
      const found = getOperationAST(args.document, args.operationName);
      const operation =
        found?.operation === 'query' && fieldsWithin(found.selectionSet, fragmentsOf(args.document), MAX_COMPILED_FIELDS) >= 0 ? found : undefined;
      const result = operation && compileQuery(args.schema, args.document, args.operationName ?? undefined);
      compiled = operation && result && isCompiledQuery(result) ? { operation, query: result.query } : 'not compiled';
      byOperation.set(key, compiled);
    }
    return compiled;
  }

  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args: ExecutionArgs) => {
        const compiled = compiledFor(args);
        // Also anything but a query, and documents graphql-jit refuses (the executor then reports what is wrong).
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

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * How many of `budget` fields are left once `selectionSet`'s are counted with every fragment spread where
 * it is used; negative once over (counting stops there, so a document spreading fragments exponentially
 * costs at most `budget` steps). Validation has ruled out fragment cycles.
 */
function fieldsWithin(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, budget: number): number {
  for (const selection of selectionSet.selections) {
    if (budget < 0) return budget;
    if (selection.kind === Kind.FIELD) {
      budget--;
      if (selection.selectionSet) budget = fieldsWithin(selection.selectionSet, fragments, budget);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      budget = fieldsWithin(selection.selectionSet, fragments, budget);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment) budget = fieldsWithin(fragment.selectionSet, fragments, budget);
    }
  }
  return budget;
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
