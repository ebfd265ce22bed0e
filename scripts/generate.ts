/**
 * npm run generate -- --authors N [--seed S] [--papers-per-author K] [--batch-size B] [--references-per-paper R]
 *
 * Writes a synthetic scholarly graph (src/synthetic/scholarly-graph.ts) into DATABASE_URL, or the PGlite
 * directory PGLITE_DIR, for benchmarks of coauthor-network queries (N = 10000, 100000, 1000000; any N
 * works). It goes through the importer's writer in one import transaction, like any other source: the
 * same upserts, identities (DOIs `10.5555/sg.<seed>.<n>`, authors `SA<n>`) and derived counts, so a
 * re-run with the same arguments changes nothing, and an interrupted run leaves nothing behind.
 * Progress goes to stderr every 5 s; the summary to stdout, its last line as JSON for benchmark scripts.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { openDatabase, type Database } from '../db/client.js';
import { ConfigError, readConfig } from '../src/config.js';
import type { PaperRecord } from '../src/import/records.js';
import type { ImportSummary } from '../src/import/summary.js';
import { withImportTransaction } from '../src/import/writer.js';
import { syntheticScholarlyGraph, type ScholarlyGraphOptions } from '../src/synthetic/scholarly-graph.js';

export interface GenerateOptions extends ScholarlyGraphOptions {
  /** Papers per writer chunk (default 5,000, as for imports). */
  batchSize?: number;
  /** Called often (every few hundred papers, and when a chunk is written); cheap to ignore. */
  onProgress?: (progress: GenerateProgress) => void;
}

export interface GenerateProgress {
  phase: 'writing' | 'finishing';
  generated: number;
  written: number;
}

/** What was generated (the generator's own counts) and what the writer did with it. */
export interface GenerateResult {
  papers: number;
  authors: number;
  authorships: number;
  references: number;
  summary: ImportSummary;
  /** Seconds generating and writing chunks, then resolving citations and refreshing derived counts. */
  writeSeconds: number;
  finishSeconds: number;
}

/**
 * Generate and write the graph in one import transaction. Chunks are pipelined as in run-import: while the
 * writer's statements for one chunk are in flight, the next chunk is generated. The generator is
 * synchronous, so it yields to the event loop every few hundred papers to let the writer's next statement
 * go out as soon as the previous one returns.
 */
export async function writeScholarlyGraph(db: Database, options: GenerateOptions): Promise<GenerateResult> {
  const batchSize = options.batchSize ?? 5000;
  const counts = { papers: 0, authorships: 0, references: 0, written: 0 };
  const started = performance.now();
  let writeSeconds = 0;
  const summary = await withImportTransaction(db, {}, async (writer) => {
    let chunk: PaperRecord[] = [];
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      await writing;
      if (chunk.length === 0) return;
      const records = chunk;
      chunk = [];
      writing = writer.write(records).then(() => {
        counts.written += records.length;
        options.onProgress?.({ phase: 'writing', generated: counts.papers, written: counts.written });
      });
      // A failure surfaces at the next flush; this keeps Node from reporting it unhandled meanwhile.
      writing.catch(() => {});
    };
    for (const paper of syntheticScholarlyGraph(options)) {
      chunk.push(paper);
      counts.papers += 1;
      counts.authorships += paper.authorships.length;
      counts.references += paper.references?.length ?? 0;
      if (counts.papers % 250 === 0) {
        options.onProgress?.({ phase: 'writing', generated: counts.papers, written: counts.written });
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (chunk.length >= batchSize) await flush();
    }
    await flush();
    await writing;
    writeSeconds = (performance.now() - started) / 1000;
    options.onProgress?.({ phase: 'finishing', generated: counts.papers, written: counts.written });
  });
  const { papers, authorships, references } = counts;
  // Every author is on at least one paper by construction (and the tests check it), so authors = N.
  return { papers, authors: options.authors, authorships, references, summary, writeSeconds, finishSeconds: (performance.now() - started) / 1000 - writeSeconds };
}

const USAGE = 'usage: tsx scripts/generate.ts --authors N [--seed S] [--papers-per-author K] [--batch-size B] [--references-per-paper R]';

/** A numeric flag, or an error message naming it. */
function numberFlag(raw: string | undefined, name: string, fallback: number | undefined, check: (v: number) => boolean, rule: string): number {
  if (raw === undefined) {
    if (fallback === undefined) throw new ConfigError(`--${name} is required`);
    return fallback;
  }
  const value = Number(raw);
  if (raw.trim() === '' || !check(value)) throw new ConfigError(`--${name} must be ${rule}; got "${raw}"`);
  return value;
}

async function main(argv: string[]): Promise<number> {
  let options: GenerateOptions;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        authors: { type: 'string' },
        seed: { type: 'string' },
        'papers-per-author': { type: 'string' },
        'batch-size': { type: 'string' },
        'references-per-paper': { type: 'string' },
      },
    });
    const positiveInt = (v: number) => Number.isInteger(v) && v > 0;
    options = {
      authors: numberFlag(values.authors, 'authors', undefined, positiveInt, 'a positive whole number'),
      seed: numberFlag(values.seed, 'seed', 1, (v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32, 'a whole number from 0 to 2^32-1'),
      papersPerAuthor: numberFlag(values['papers-per-author'], 'papers-per-author', 2, (v) => v > 0 && v <= 100, 'a number above 0, at most 100'),
      batchSize: numberFlag(values['batch-size'], 'batch-size', 5000, positiveInt, 'a positive whole number'),
      referencesPerPaper: numberFlag(values['references-per-paper'], 'references-per-paper', 5, (v) => v >= 0 && v <= 50, 'a number from 0 to 50'),
    };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  if (!config.databaseUrl && !config.pgliteDir) {
    console.error('PGLITE_DIR=memory:// keeps the database in memory: it would be filled and thrown away. Name a directory or set DATABASE_URL.');
    return 2;
  }

  const handle = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
  try {
    await handle.migrate();
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    console.error(`generating ${fmt(options.authors)} authors (seed ${options.seed}, ~${fmt(options.authors * options.papersPerAuthor!)} papers) into ${handle.description}`);
    // The writer holds every reference of the import until it resolves them at the end: measured peak
    // ~0.75 KiB each (100k and 200k authors). Warn before a long run rather than fail at its very end.
    const needMiB = 200 + (options.authors * options.papersPerAuthor! * options.referencesPerPaper! * 0.75) / 1024;
    const limitMiB = getHeapStatistics().heap_size_limit / 2 ** 20;
    if (needMiB > 0.9 * limitMiB) {
      console.error(`warning: citations need ~${fmt(needMiB)} MiB of heap at the end, the limit is ${fmt(limitMiB)} MiB; ` +
        `set NODE_OPTIONS=--max-old-space-size=${Math.ceil((needMiB * 1.3) / 1024) * 1024} or lower --references-per-paper`);
    }
    const started = Date.now();
    let last: GenerateProgress = { phase: 'writing', generated: 0, written: 0 };
    // A timer rather than a check in the loop, so the long final phase (citations, counts) is not silent.
    const timer = setInterval(() => {
      const seconds = (Date.now() - started) / 1000;
      const state = last.phase === 'finishing' ? 'resolving citations and refreshing counts' : `${fmt(last.generated)} generated`;
      console.error(`${fmt(last.written)} papers written, ${fmt(last.written / seconds)}/s; ${state} (${seconds.toFixed(0)} s)`);
    }, 5000);
    timer.unref();
    const result = await writeScholarlyGraph(handle.db, { ...options, onProgress: (p) => void (last = p) }).finally(() => clearInterval(timer));
    const s = result.summary;
    const seconds = (Date.now() - started) / 1000;
    const report = {
      database: handle.description,
      seed: options.seed,
      papersPerAuthor: options.papersPerAuthor,
      referencesPerPaper: options.referencesPerPaper,
      papers: result.papers,
      authors: result.authors,
      authorships: result.authorships,
      citations: s.citations.inserted + s.citations.unchanged,
      unresolvedReferences: s.unresolvedReferences,
      inserted: { papers: s.papers.inserted, authors: s.authors.inserted, authorships: s.authorships.inserted, citations: s.citations.inserted },
      seconds: Number(seconds.toFixed(2)),
      writeSeconds: Number(result.writeSeconds.toFixed(2)),
      finishSeconds: Number(result.finishSeconds.toFixed(2)),
      papersPerSecond: Math.round(result.papers / seconds),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    console.log(
      `${fmt(report.papers)} papers, ${fmt(report.authors)} authors, ${fmt(report.authorships)} authorships, ` +
        `${fmt(report.citations)} citations in ${seconds.toFixed(1)} s (${fmt(report.papersPerSecond)} papers/s; ` +
        `written in ${report.writeSeconds} s, citations and counts in ${report.finishSeconds} s; newly inserted: ` +
        `${fmt(report.inserted.papers)} papers, ${fmt(report.inserted.authors)} authors)`,
    );
    console.log(JSON.stringify(report));
    return 0;
  } finally {
    await handle.close();
  }
}

// Run only as a command: the tests import writeScholarlyGraph from here without starting one.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    // The transaction has rolled back: nothing of this run is in the database.
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    console.error(`generate failed (no part of the graph was written)${cause || `: ${error instanceof Error ? error.message : String(error)}`}`);
    process.exitCode = 1;
  }
}
