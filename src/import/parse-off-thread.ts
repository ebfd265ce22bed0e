/**
 * Parse files on a worker thread while this thread writes. Embedded PGlite runs its queries on the
 * importing thread, so without this a load parses and writes by turns on one core; with it the demo load
 * parses on the second core. Items arrive in file order, in the same shape a parser yields them.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParsedItem, ParseOptions } from './formats/types.js';

export interface ParseJob {
  files: { format: string; path: string }[];
  options: ParseOptions;
}

export type ParseWorkerMessage =
  | { file: number; items: ParsedItem[]; fileDone: boolean }
  | { file: number; error: string };

/** Batches asked for ahead of the one being written: enough to keep the worker busy, little memory. */
const BATCHES_AHEAD = 2;

export interface OffThreadParse {
  /** The items of file `index` of the job; files must be read in order, each to its end. */
  items(index: number): AsyncIterable<ParsedItem>;
  close(): Promise<void>;
}

/**
 * The worker module beside this one: `.js` when compiled; `.ts` when running from source, where the worker
 * first registers tsx itself (Node 20 does not carry a parent's `--import` loader hooks into a worker).
 */
function startWorker(job: ParseJob): Worker {
  const extension = extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./parse-worker${extension}`, import.meta.url);
  if (extension !== '.ts') return new Worker(entry, { workerData: job });
  // Resolved here when the runtime can (a test runner may not offer import.meta.resolve; then from the cwd).
  const tsx = import.meta.resolve?.('tsx/esm/api') ?? 'tsx/esm/api';
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry.href)}))`;
  return new Worker(code, { eval: true, workerData: job });
}

export function parseOffThread(job: ParseJob): OffThreadParse {
  const worker = startWorker(job);
  const arrived: ParseWorkerMessage[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  worker.on('message', (message: ParseWorkerMessage) => {
    arrived.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    failure = error;
    wake?.();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the parsing thread stopped (exit code ${code})`);
    wake?.();
  });
  const next = async (): Promise<ParseWorkerMessage> => {
    while (arrived.length === 0) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    return arrived.shift()!;
  };
  for (let i = 0; i < BATCHES_AHEAD; i += 1) worker.postMessage('more');

  let current = 0;
  return {
    async *items(index: number) {
      if (index !== current) throw new Error(`files are parsed in order: asked for ${index}, next is ${current}`);
      for (;;) {
        const message = await next();
        worker.postMessage('more');
        if ('error' in message) throw new Error(`${job.files[message.file]?.path ?? 'input'}: ${message.error}`);
        yield* message.items;
        if (message.fileDone) break;
      }
      current += 1;
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
