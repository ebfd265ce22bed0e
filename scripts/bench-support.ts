/**
 * What the benchmark scripts share: the synthetic database of a given size (generated once, reused by
 * later runs), percentiles, the machine description and the result file.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import postgres from 'postgres';

/** The server the benchmarks use: BENCH_DATABASE_URL, else DATABASE_URL, else the local PostgreSQL. */
export const benchServerUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One database per size, shared by every benchmark of that size. */
export function syntheticDatabaseUrl(authors: number): { name: string; url: string } {
  const name = `scholargraph_bench_graph_${authors}`;
  return { name, url: Object.assign(new URL(benchServerUrl), { pathname: `/${name}` }).toString() };
}

/**
 * Make sure the synthetic graph of `authors` authors is in its database: generated through the importer
 * (scripts/generate.ts) when the database is missing or `fresh` is asked for, reused otherwise.
 */
export async function ensureSyntheticDatabase(authors: number, fresh: boolean): Promise<string> {
  const { name, url } = syntheticDatabaseUrl(authors);
  const admin = postgres(benchServerUrl, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (fresh || !exists) {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`create database ${name}`);
      console.log(`generating ${authors.toLocaleString('en-US')} authors into ${name}…`);
      // The writer keeps every reference until the end of the import (~0.75 KiB each, 10 per author).
      const heapMiB = Math.max(4096, Math.ceil((authors * 10 * 0.75 * 1.3) / 1024 / 1024) * 1024 + 1024);
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate.ts', '--authors', String(authors)], {
        env: { ...process.env, DATABASE_URL: url, NODE_OPTIONS: `--max-old-space-size=${heapMiB}` },
        stdio: 'inherit',
      });
    }
  } finally {
    await admin.end();
  }
  return url;
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export function summarize(ms: number[]): Summary {
  const sorted = [...ms].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
}

export function machine() {
  return { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

/** Milliseconds with sensible precision for a table. */
export const formatMs = (n: number) => n.toFixed(n < 10 ? 2 : 0);

export function writeResult(file: string, report: unknown): void {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/${file}`, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote bench/results/${file}`);
}

/**
 * Heap plus array buffers, in MiB, once garbage is collected. Node frees the memory of dropped array
 * buffers some time after the collection that finds them, so this collects, waits and collects again;
 * right after one collection the figure still counts buffers already dropped. Needs --expose-gc.
 */
export async function settledMemoryMiB(): Promise<number> {
  for (let i = 0; i < 2; i++) {
    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
  global.gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
}
