/**
 * npm run bench:bulk -- [--papers 2000000] [--fresh] [--batch-size 2000] [--pglite]
 *
 * The NDJSON paper export (GET /export/papers.ndjson) over a large database, beside PostgreSQL's own
 * `COPY (the same rows) TO STDOUT` in the same run: papers/s, bytes, and the server's extra resident
 * memory while it streams (sampled every 50 ms, over the RSS before the export), plain, gzip and br.
 *
 * The database (`scholargraph_bench_bulk_<N>` on BENCH_DATABASE_URL / DATABASE_URL / local PostgreSQL) is
 * made once: migrated, then filled set-based in SQL with N papers of realistic width (title, ~300-character
 * abstract, date, DOI, arXiv id, counts). The importer would take most of an hour for two million papers
 * on this machine and is measured by bench:import; here only the export's rows matter.
 * The server runs in this process and is read by `curl` (a separate process writing to /dev/null), so the
 * RSS sampled is the server's alone. With --pglite the papers go into an embedded in-memory PGlite instead
 * (the default database), whose memory is this process's too; there is no COPY baseline then.
 */
import { spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { createServer } from '../src/server.js';
import { createLogger } from '../src/logger.js';
import { benchServerUrl, machine, writeResult } from './bench-support.js';

const { values } = parseArgs({
  options: {
    papers: { type: 'string', default: '2000000' },
    fresh: { type: 'boolean', default: false },
    'batch-size': { type: 'string', default: '2000' },
    pglite: { type: 'boolean', default: false },
  },
});
const paperCount = Number(values.papers);
const batchSize = Number(values['batch-size']);
const name = `scholargraph_bench_bulk_${paperCount}`;
const url = Object.assign(new URL(benchServerUrl), { pathname: `/${name}` }).toString();

const FILL_CHUNK = 250_000;

/** Insert `count` papers, set-based in chunks, through `execute`; deterministic rows from the id. */
async function fillPapers(execute: (statement: string) => Promise<unknown>, count: number): Promise<void> {
  const started = performance.now();
  for (let from = 1; from <= count; from += FILL_CHUNK) {
    const to = Math.min(count, from + FILL_CHUNK - 1);
    // Deterministic rows from the id: words cycle, years 1990..2025, a third with code.
    await execute(`
      insert into papers (title, title_key, abstract, published_at, year, doi, arxiv_id, code_url, has_code, reported_citation_count)
      select t, lower(t), a, make_date(1990 + i % 36, 1 + i % 12, 1 + i % 28), 1990 + i % 36,
        '10.5555/bulk.' || i, case when i % 2 = 0 then lpad((i % 10000)::text, 4, '0') || '.' || lpad(i::text, 7, '0') end,
        case when i % 3 = 0 then 'https://example.org/code/' || i end, i % 3 = 0, case when i % 4 = 0 then i % 997 end
      from generate_series(${from}, ${to}) i,
        lateral (select (array['Graph','Neural','Citation','Sparse','Robust','Latent'])[1 + i % 6] || ' ' ||
          (array['retrieval','parsing','networks','embeddings','models','search'])[1 + (i / 6) % 6] || ' for study ' || i as t) tt,
        lateral (select 'We study ' || lower(tt.t) || ' with a method that scales to large corpora and report results on ' ||
          (i % 50) || ' benchmarks, showing consistent gains over strong baselines while keeping the cost of training and inference low enough for everyday use.' as a) aa`);
    console.error(`filled ${to.toLocaleString('en-US')} papers (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await execute('vacuum analyze papers');
}

/** The PostgreSQL bench database, made and filled unless it already holds the papers. */
async function ensureDatabase(): Promise<void> {
  const admin = postgres(benchServerUrl, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists && !values.fresh) {
      const db = postgres(url, { max: 1, onnotice: () => {} });
      const [{ n }] = (await db`select count(*)::int as n from papers`) as unknown as [{ n: number }];
      await db.end();
      if (n === paperCount) return;
    }
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ url });
  await handle.migrate();
  await handle.close();
  const db = postgres(url, { max: 1, onnotice: () => {} });
  await fillPapers((statement) => db.unsafe(statement), paperCount);
  await db.end();
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

/** Peak RSS over `baseline` while `work` runs, sampled every 50 ms. */
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
async function copyBaseline(): Promise<{ bytes: number; seconds: number }> {
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

let handle: DatabaseHandle;
if (values.pglite) {
  handle = await openDatabase({});
  await handle.migrate();
  await fillPapers((statement) => handle.db.execute(sql.raw(statement)), paperCount);
} else {
  await ensureDatabase();
  handle = await openDatabase({ url, maxConnections: 4 });
}
const yoga = createServer({ db: handle.db, explore: false, bulkExport: { batchSize }, logger: createLogger({ level: 'warn' }) });
const http = createHttpServer(yoga);
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const target = `http://127.0.0.1:${(http.address() as AddressInfo).port}/export/papers.ndjson`;
// Warm-up: the first statements plan and the code paths compile.
await curl(`${target}?yearFrom=2025`, []);

const rows: { method: string; seconds: number; papersPerSecond: number; MiB: number; extraRssMiB: number | null }[] = [];
if (!values.pglite) {
  const copy = await copyBaseline();
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
http.closeAllConnections();
await new Promise<void>((resolve) => http.close(() => resolve()));
await handle.close();

console.log(`\n${paperCount.toLocaleString('en-US')} papers on ${handle.description}, batches of ${batchSize}\n`);
console.log('| method | seconds | papers/s | MiB sent | server extra RSS (MiB) |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.method} | ${r.seconds.toFixed(1)} | ${Math.round(r.papersPerSecond).toLocaleString('en-US')} | ${r.MiB.toFixed(0)} | ${r.extraRssMiB === null ? '–' : r.extraRssMiB.toFixed(0)} |`,
  );
}
writeResult(values.pglite ? 'bulk-pglite.json' : 'bulk.json', { papers: paperCount, database: values.pglite ? 'pglite' : 'postgres', batchSize, machine: machine(), rows });
