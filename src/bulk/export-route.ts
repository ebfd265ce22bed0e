/**
 * GET /export/papers.ndjson, /export/authors.ndjson, /export/authorships.ndjson (and `.csv`): whole tables,
 * or the papers a filter picks, streamed from the database in keyset batches (record-stream.ts). Served
 * by a yoga plugin answering in `onRequest`, as /explore and /ready are, so request ids, logging and
 * response compression treat it like any other request. Only these six paths are matched here; any other
 * path under /export is left to the rest of the server.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../../db/client.js';
import { RETRY_AFTER_SECONDS } from '../isolation/errors.js';
import { DEFAULT_MAX_CONCURRENT_EXPORTS } from './export-defaults.js';
import { EXPORT_KINDS } from './export-kinds.js';
import { recordStream, type ExportFormat, type RecordStreamOptions } from './record-stream.js';

export const EXPORT_ROUTE = /^\/export\/(papers|authors|authorships)\.(ndjson|csv)$/;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

export interface BulkExportOptions {
  db: Database;
  /** The handle a request's statements go through (cancelled when it stops); default: `db` itself. */
  databaseFor?: (db: Database, signal: AbortSignal) => Database;
  batchSize?: number;
  /**
   * Exports streaming at once (default DEFAULT_MAX_CONCURRENT_EXPORTS). Each holds a database connection
   * for a statement at a time for as long as its client reads, outside the heavy-work gate of GraphQL
   * requests; beyond this many, a new one is refused with SERVER_BUSY (503, `retry-after`).
   */
  maxConcurrent?: number;
  /** Where a failure after the response started is reported (the client only sees the body cut short). */
  onStreamError?: RecordStreamOptions['onError'];
}

/** An error as GraphQL-over-HTTP clients read one: `{"errors": [{message, extensions: {code, argument}}]}`. */
function jsonError(status: number, message: string, extensions: Record<string, unknown>, extraHeaders: Record<string, string> = {}) {
  return {
    status,
    body: JSON.stringify({ errors: [{ message, extensions }] }),
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extraHeaders },
  };
}

export function useBulkExport(options: BulkExportOptions): Plugin {
  const maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT_EXPORTS;
  let streaming = 0;
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      const match = EXPORT_ROUTE.exec(url.pathname);
      if (!match) return;
      const kind = EXPORT_KINDS[match[1] as keyof typeof EXPORT_KINDS];
      const format = match[2] as ExportFormat;
      const reply = (r: ReturnType<typeof jsonError>) => endResponse(new fetchAPI.Response(r.body, r));
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return reply(jsonError(405, `${url.pathname} answers GET only.`, { code: 'METHOD_NOT_ALLOWED' }, { allow: 'GET, HEAD' }));
      }
      let source;
      try {
        source = kind.open(url.searchParams);
      } catch (error) {
        if (error instanceof GraphQLError) return reply(jsonError(400, error.message, error.extensions));
        throw error;
      }
      const headers = {
        'content-type': CONTENT_TYPES[format],
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-disposition': `inline; filename="${match[1]}.${format}"`,
      };
      if (request.method === 'HEAD') return endResponse(new fetchAPI.Response(null, { status: 200, headers }));
      if (streaming >= maxConcurrent) {
        return reply(
          jsonError(503, `${streaming} exports are streaming already, the most this server runs at once; retry later.`, {
            code: 'SERVER_BUSY',
            retryAfterSeconds: RETRY_AFTER_SECONDS,
          }, { 'retry-after': String(RETRY_AFTER_SECONDS) }),
        );
      }
      streaming++;
      const body = recordStream(fetchAPI.ReadableStream as typeof ReadableStream, {
        source,
        columns: kind.columns,
        format,
        database: (signal) => options.databaseFor?.(options.db, signal) ?? options.db,
        signal: request.signal,
        batchSize: options.batchSize,
        onError: options.onStreamError,
        onEnd: () => void streaming--,
      });
      return endResponse(new fetchAPI.Response(body, { status: 200, headers }));
    },
  };
}
