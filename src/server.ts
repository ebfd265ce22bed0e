/**
 * `createServer(config)`: the yoga instance, built from a config object with no side effects, so tests
 * call `yoga.fetch` on a server of their own and the process entry point only listens.
 */
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createYoga, maskError as defaultMaskError, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Database } from '../db/client.js';
import { schema } from '../schema/index.js';
import { createContext, type Context } from './context.js';
import { graphiqlOptions, renderOfflineGraphiQL } from './graphiql.js';
import { CoauthorIndex } from './graph/coauthor-index.js';
import { PaperFactsIndex } from './metrics/paper-facts-index.js';

export interface ServerConfig {
  db: Database;
  /** Serve GraphiQL on GET /graphql (default true). */
  graphiql?: boolean;
  /** The coauthor graph to serve from (default: one built from `db` on first use). */
  coauthors?: CoauthorIndex;
  /** The paper facts to group papers from (default: built from `db` on first use). */
  paperFacts?: PaperFactsIndex;
  /** Where unexpected errors are reported, with the request id (default console.error). */
  logError?: (requestId: string, error: unknown) => void;
}

export type Server = YogaServerInstance<Record<string, never>, Context>;

/**
 * Pothos rejects malformed ids and connection arguments with a validation error of its own; clients get
 * it as BAD_USER_INPUT. Every other unexpected error keeps yoga's masking.
 */
function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof PothosValidationError && error instanceof GraphQLError) {
    return new GraphQLError(original.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return defaultMaskError(error, message, isDev);
}

/** Log every error that is not a client error, with the request id, before it is masked. */
function useUnexpectedErrorLog(logError: (requestId: string, error: unknown) => void): Plugin<Context> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result }) => {
        if (!('errors' in result) || !result.errors) return;
        for (const error of result.errors) {
          const original = error.originalError;
          if (original && !(original instanceof GraphQLError)) logError(args.contextValue.requestId, original);
        }
      },
    }),
  };
}

export function createServer(config: ServerConfig): Server {
  const logError =
    config.logError ?? ((requestId, error) => console.error(`[request ${requestId}] unexpected error:`, error));
  const indexes = {
    coauthors: config.coauthors ?? new CoauthorIndex(config.db),
    paperFacts: config.paperFacts ?? new PaperFactsIndex(config.db),
  };
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    context: () => createContext(config.db, indexes),
    maskedErrors: { maskError },
    landingPage: false,
    // Served from this server, not a CDN: see graphiql.ts.
    graphiql: config.graphiql === false ? false : graphiqlOptions,
    renderGraphiQL: renderOfflineGraphiQL,
    plugins: [useUnexpectedErrorLog(logError)],
  });
}
