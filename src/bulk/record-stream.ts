/**
 * An export's records as a byte stream, one keyset batch at a time, pulled by the consumer: the next batch
 * is queried only when the HTTP layer has taken the previous one (the socket drained), so a slow client
 * holds at most a batch or two in memory, never the export. When the client goes away the stream is
 * cancelled: no further batch is queried, and a batch in flight is cancelled on PostgreSQL (its handle
 * follows `signal`, see db/statement-cancellation.ts).
 */
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/client.js';
import type { BatchSource, ExportRecord } from './export-kinds.js';

export type ExportFormat = 'ndjson' | 'csv';

/** Rows per statement: big enough that a statement's round trip is small beside its rows, small enough to hold. */
export const DEFAULT_BATCH_SIZE = 2000;

/** Text of a batch of records: one JSON object per line, or CSV rows (with the header before the first batch). */
export function formatBatch(format: ExportFormat, records: ExportRecord[], columns: readonly string[], first: boolean): string {
  if (format === 'ndjson') {
    let text = '';
    for (const record of records) text += `${JSON.stringify(record)}\n`;
    return text;
  }
  return stringify(records, {
    columns: [...columns],
    header: first,
    // Spelled out: csv-stringify's defaults write true as "1" and false as "".
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
}

export interface RecordStreamOptions {
  source: BatchSource;
  columns: readonly string[];
  format: ExportFormat;
  /** The database handle whose statements stop when `signal` aborts. */
  database: (signal: AbortSignal) => Database;
  /** The request's signal: aborts when the client goes away. */
  signal: AbortSignal;
  batchSize?: number;
  /** Called once if a batch fails after the response started (the client sees the body cut short). */
  onError?: (error: unknown) => void;
  /** Called once when the stream ends, however it ends: finished, failed, aborted or cancelled. */
  onEnd?: () => void;
}

export function recordStream(
  ReadableStreamImpl: typeof ReadableStream,
  options: RecordStreamOptions,
): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  // Each batch gets a handle of its own, tied to `signal` only while it runs: a handle registers an abort
  // listener per statement and keeps it, so one handle for a whole export would hold every batch's query
  // (and its rows) until the export ended.
  const nextBatch = async (): Promise<{ records: ExportRecord[]; done: boolean }> => {
    const batch = new AbortController();
    const forward = () => batch.abort(signal.reason);
    signal.addEventListener('abort', forward, { once: true });
    try {
      return await options.source(options.database(batch.signal), size);
    } finally {
      signal.removeEventListener('abort', forward);
    }
  };
  const encoder = new TextEncoder();
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let first = true;
  let ended = false;
  const endOnce = () => {
    if (ended) return;
    ended = true;
    options.onEnd?.();
  };
  return new ReadableStreamImpl<Uint8Array>({
    start(controller) {
      // A request that stops (the client went away) ends the body at once, even while no read is pending.
      const end = () => {
        endOnce();
        try {
          controller.error(options.signal.reason ?? new Error('request aborted'));
        } catch {
          // already closed
        }
      };
      if (options.signal.aborted) end();
      else options.signal.addEventListener('abort', end, { once: true });
    },
    async pull(controller) {
      if (signal.aborted) return;
      let records: ExportRecord[] = [];
      let done = false;
      try {
        // Windows the filter finds nothing in give nothing to send: go on to the next one.
        while (records.length === 0 && !done && !signal.aborted) ({ records, done } = await nextBatch());
      } catch (error) {
        if (signal.aborted) return; // the client left; the cancelled statement's error is expected
        options.onError?.(error);
        endOnce();
        controller.error(error);
        return;
      }
      if (signal.aborted) return;
      const text = formatBatch(options.format, records, options.columns, first);
      first = false;
      if (text.length > 0) controller.enqueue(encoder.encode(text));
      if (done) {
        endOnce();
        controller.close();
      }
    },
    cancel() {
      endOnce();
      stop.abort();
    },
  });
}
