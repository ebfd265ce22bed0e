/**
 * The NDJSON paper export measured beside PostgreSQL's `COPY (the same rows) TO STDOUT`, in one run:
 * papers/s, bytes sent, and the server's extra resident memory while it streams (sampled every 50 ms over
 * the RSS before the export), plain, gzip and br. Shared by bench:bulk (a database of wide papers) and
 * bench:networks (the synthetic scholarly graph).
 *
 * The server must run in this process (its RSS is this process's) and is read by `curl`, a separate process
 * writing to /dev/null, so the reader's memory and CPU are not the server's.
 */
import { spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import type { YogaServerInstance } from 'graphql-yoga';

export interface ExportRow {
  method: string;
  seconds: number;
  papersPerSecond: number;
  MiB: number;
  /** Peak resident memory over the baseline while streaming; null for COPY, which is PostgreSQL's. */
  extraRssMiB: number | null;
}

/** curl the URL to /dev/null; returns bytes received (compressed as sent) and seconds. */
function curl(target: string, headers: string[]): Promise<{ bytes: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const args = ['-s', '-o', '/dev/null', '-w', '%{size_download} %{time_total} %{http_code}', ...headers.flatMap((h) => ['-H', h]), target];
    const child = spawn('curl', args);
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const [bytes, seconds, status] = out.trim().split(' ');
      if (code !== 0 || status !== '200') reject(new Error(`curl failed: ${code} ${out}`));
      else resolve({ bytes: Number(bytes), seconds: Number(seconds) });
    });
  });
}

/** Peak RSS over the RSS before `work` (after a GC when exposed), sampled every 50 ms. */
async function peakExtraRss<T>(work: () => Promise<T>): Promise<{ result: T; extraMiB: number }> {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    return { result, extraMiB: (peak - baseline) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** The same rows as the export, as PostgreSQL's COPY writes them, counted and dropped. */
async function copyBaseline(url: string): Promise<{ bytes: number; seconds: number }> {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  const started = performance.now();
  const stream = await db
    .unsafe(
      `copy (select p.id, p.title, p.abstract, p.published_at, p.year, p.venue_id, p.doi, p.arxiv_id, p.acl_id, p.code_url,
        p.has_code, p.author_list_complete, p.citation_count, p.reported_citation_count, p.cited_by_count,
        to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') from papers p order by p.id) to stdout`,
    )
    .readable();
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  const seconds = (performance.now() - started) / 1000;
  await db.end();
  return { bytes, seconds };
}

/**
 * Every paper through GET /export/papers.ndjson of `yoga` (served here over HTTP), plain, gzip and br,
 * after COPY of the same rows from `copyUrl` when given (a PostgreSQL database; none for PGlite).
 */
export async function measurePaperExport(yoga: YogaServerInstance<any, any>, paperCount: number, copyUrl?: string): Promise<ExportRow[]> {
  const http = createHttpServer(yoga);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${(http.address() as AddressInfo).port}/export/papers.ndjson`;
  try {
    // Warm-up: the first statements plan and the code paths compile.
    await curl(`${target}?yearFrom=2100`, []);
    const rows: ExportRow[] = [];
    if (copyUrl) {
      const copy = await copyBaseline(copyUrl);
      rows.push({ method: 'COPY (same rows) TO STDOUT', seconds: copy.seconds, papersPerSecond: paperCount / copy.seconds, MiB: copy.bytes / 2 ** 20, extraRssMiB: null });
    }
    for (const [method, headers] of [
      ['GET /export/papers.ndjson', []],
      ['… accept-encoding: gzip', ['accept-encoding: gzip']],
      ['… accept-encoding: br', ['accept-encoding: br']],
    ] as [string, string[]][]) {
      const { result, extraMiB } = await peakExtraRss(() => curl(target, headers));
      rows.push({ method, seconds: result.seconds, papersPerSecond: paperCount / result.seconds, MiB: result.bytes / 2 ** 20, extraRssMiB: extraMiB });
    }
    return rows;
  } finally {
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  }
}

/** The rows as a Markdown table. */
export function printExportTable(rows: readonly ExportRow[]): void {
  console.log('| method | seconds | papers/s | MiB sent | server extra RSS (MiB) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.method} | ${r.seconds.toFixed(1)} | ${Math.round(r.papersPerSecond).toLocaleString('en-US')} | ${r.MiB.toFixed(0)} | ${r.extraRssMiB === null ? '–' : r.extraRssMiB.toFixed(0)} |`,
    );
  }
}
