/**
 * `createServer(config)`: the yoga instance, built from a config object with no side effects, so tests
 * call `yoga.fetch` on a server of their own and the process entry point only listens.
 */
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createYoga, maskError as defaultMaskError, type YogaServerInstance } from 'graphql-yoga';
import type { Database } from '../db/client.js';
import { databaseFor } from '../db/statement-cancellation.js';
import { schema } from '../schema/index.js';
import { createContext, type Context } from './context.js';
import { graphiqlOptions, renderOfflineGraphiQL } from './graphiql.js';
import { CoauthorIndex } from './graph/coauthor-index.js';
import { PaperFactsIndex } from './metrics/paper-facts-index.js';
import { requestLimitPlugins, resolveLimits, type RequestLimits } from './limits/index.js';
import { createIsolation, type IsolationOptions } from './isolation/index.js';
import { corsFor, useCsrfPrevention } from './browser-security.js';
import { reportUnexpectedOnce, useErrorRequestIds, withRequestId, type ErrorReport } from './error-log.js';
import { createLogger, yogaLogger, type Logger } from './logger.js';
import { defaultExploreAssetsDir } from './explore/assets-location.js';
import { useExplorePage, type ExplorePageOptions } from './explore/explore-page.js';
import { useNetworkExport } from './export/export-plugin.js';
import { useCostCheck } from '../schema/cost-check.js';
import { useMetrics } from './observability/metrics.js';
import { DEFAULT_READY_TIMEOUT_MS, useReadiness } from './readiness.js';
import { requestIdOf, useRequestId } from './request-id.js';
import { useBulkExport } from './bulk/export-route.js';
import { useResponseCompression } from './response-compression.js';
import { useCompiledExecution } from './compiled-execution.js';

export interface ServerConfig {
  db: Database;
  /** Serve GraphiQL on GET /graphql (default true). */
  graphiql?: boolean;
  /** The coauthor graph to serve from (default: one built from `db` on first use). */
  coauthors?: CoauthorIndex;
  /** The paper facts to group papers from (default: built from `db` on first use). */
  paperFacts?: PaperFactsIndex;
  /** Where unexpected errors are reported, once each, with the request id (default: `logger`). */
  logError?: ErrorReport;
  /** Where yoga's and the server's log lines go (default: JSON lines on stdout at level info). */
  logger?: Logger;
  /** Origins whose pages may call this server (CORS); `*` for any. Default: none, same-origin only. */
  corsOrigins?: readonly string[];
  /** How long each database check of GET /ready may take (default 2000 ms). */
  readyTimeoutMs?: number;
  /** Also export Node's process metrics on /metrics (the process entry point sets it; tests run many servers). */
  processMetrics?: boolean;
  /** Request size and shape limits (defaults: DEFAULT_LIMITS in src/limits/); false only to measure their cost. */
  limits?: Partial<RequestLimits> | false;
  /** Time budget per request and admission of heavy work (defaults: DEFAULT_ISOLATION). */
  isolation?: Partial<IsolationOptions>;
  /** The collaboration explorer at /explore: where its built page is (default: see src/explore/assets-location.ts); false for none. */
  explore?: ExplorePageOptions | false;
  /** The bulk exports under /export: rows per statement (DEFAULT_BATCH_SIZE, src/bulk/record-stream.ts) and exports streaming at once (DEFAULT_MAX_CONCURRENT_EXPORTS, src/bulk/export-defaults.ts). */
  bulkExport?: { batchSize?: number; maxConcurrent?: number };
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

export function createServer(config: ServerConfig): Server {
  const logger = config.logger ?? createLogger();
  const logError: ErrorReport = config.logError ?? ((requestId, error) => logger.error({ requestId, err: error }, 'unexpected error'));
  const indexes = {
    coauthors: config.coauthors ?? new CoauthorIndex(config.db),
    paperFacts: config.paperFacts ?? new PaperFactsIndex(config.db),
  };
  const isolation = createIsolation(config.isolation);
  const limits = config.limits === false ? undefined : resolveLimits(config.limits);
  const yoga: Server = createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    context: ({ request }) => {
      const scope = isolation.scopeFor(request.signal);
      // The request's statements stop with it (db/statement-cancellation.ts).
      return { ...createContext(() => databaseFor(config.db, scope.signal), indexes, requestIdOf(request)), scope };
    },
    maskedErrors: { maskError: withRequestId(maskError) },
    // Yoga hands the errors it masks to its logger: that is where each unexpected error is logged, once.
    logging: yogaLogger(logger, reportUnexpectedOnce(logError)),
    cors: corsFor(config.corsOrigins ?? []),
    // The body limit of src/limits/ replaces yoga's own (which reports no sizes and ignores GET).
    ...(limits ? { maxRequestBodySize: false as const } : {}),
    landingPage: false,
    // Served from this server, not a CDN: see graphiql.ts.
    graphiql: config.graphiql === false ? false : graphiqlOptions,
    renderGraphiQL: renderOfflineGraphiQL,
    plugins: [
      useRequestId(logger),
      useErrorRequestIds<Context>(),
      useCsrfPrevention(),
      useReadiness({ db: config.db, ...indexes, timeoutMs: config.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS }),
      ...(config.explore === false ? [] : [useExplorePage(config.explore ?? { assetsDir: defaultExploreAssetsDir })]),
      // Exact paths under /export first (papers.ndjson…); the network exports answer the rest of /export.
      useBulkExport({
        db: config.db,
        databaseFor,
        batchSize: config.bulkExport?.batchSize,
        maxConcurrent: config.bulkExport?.maxConcurrent,
        onStreamError: (error) => logger.error({ err: error }, 'bulk export stopped by an error'),
      }),
      // /export runs its GraphQL document through this very server, so it meets every check below.
      useNetworkExport({
        schema,
        server: () => yoga,
        graphqlEndpoint: '/graphql',
        logError,
        maxBodyBytes: limits ? limits.maxBodyBytes : Number.POSITIVE_INFINITY,
      }),
      useMetrics({ db: config.db, ...indexes, processMetrics: config.processMetrics }),
      // The estimated cost is refused before the request waits for heavy-work room or runs.
      useCostCheck(),
      // Operations run as functions compiled once per document.
      useCompiledExecution(),
      isolation.plugin<Context>(),
      ...(limits ? requestLimitPlugins(limits) : []),
      // Last, so it sees each response as the other plugins leave it.
      useResponseCompression(),
    ],
  });
  return yoga;
}
