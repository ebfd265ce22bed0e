/**
 * Worker thread entry: parses a list of files in order and hands their items to the importing thread in
 * batches, one batch per request, so it parses at most a couple of batches ahead of the writer.
 * Protocol in parse-off-thread.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FORMATS } from './formats/index.js';
import type { ParsedItem } from './formats/types.js';
import type { ParseJob, ParseWorkerMessage } from './parse-off-thread.js';
import { fileSource } from './source.js';

const BATCH_ITEMS = 2000;

/** Every file's items in order, each file closed by a `null`. */
async function* itemsOfAllFiles(job: ParseJob): AsyncGenerator<ParsedItem | null> {
  for (const { format, path } of job.files) {
    yield* FORMATS[format]!.parse(fileSource(path), job.options);
    yield null;
  }
}

const items = itemsOfAllFiles(workerData as ParseJob);
let file = 0;
let sending = Promise.resolve();

async function sendBatch(): Promise<void> {
  const batch: ParsedItem[] = [];
  while (batch.length < BATCH_ITEMS) {
    const next = await items.next();
    if (next.done) {
      post({ file, items: batch, fileDone: true });
      return;
    }
    if (next.value === null) {
      post({ file, items: batch, fileDone: true });
      file += 1;
      return;
    }
    batch.push(next.value);
  }
  post({ file, items: batch, fileDone: false });
}

function post(message: ParseWorkerMessage): void {
  parentPort!.postMessage(message);
}

parentPort!.on('message', () => {
  sending = sending.then(sendBatch).catch((error: unknown) => {
    post({ file, error: error instanceof Error ? error.message : String(error) });
  });
});
