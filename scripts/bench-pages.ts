/**
 * npm run bench:pages -- [--duration 5] [--warmup 2] [--rounds 3] [--connections 16,4]
 *                        [--pages author,paper,list,typename] [--fresh] [--no-pglite]
 *                        [--statement-requests 200] [--pglite-requests 100]
 *
 * Throughput of the pages a frontend shows, on this server and on PostGraphile 4 (bench/peer/) over the
 * same PostgreSQL database, side by side:
 *
 * 1. The database `scholargraph_bench_pages` on BENCH_DATABASE_URL / DATABASE_URL / the local PostgreSQL:
 *    created, migrated and loaded with the full demo data by the project's own loader when empty (kept for
 *    later runs; `--fresh` rebuilds it), then VACUUM ANALYZE.
 * 2. Three servers as child processes on free ports, each a plain `node` process (so its pid is the
 *    server's), NODE_ENV=production: this server as operators run it, compiled (`npm run build` into
 *    .data/bench-pages-build, rebuilt every run) and started as `node …/src/main.js`; PostGraphile
 *    (bench/peer/postgraphile-server.cjs, installed with `npm ci` when bench/peer/node_modules is missing)
 *    with as many pooled connections as this server's pool (read from its /metrics); and graphql-yoga with
 *    a bare Query type (scripts/bare-yoga.ts, from the same build), the floor for `{ __typename }`.
 * 3. The pages (scripts/bench-pages-queries.ts): an author profile with the 20 newest papers, a paper page
 *    with its authors and the first 20 citing and cited papers, 50 papers of a year by title, and
 *    `{ __typename }`; for each, rows picked from the data (50 authors with at least 20 papers, 50 papers
 *    that cite and are cited, 10 years with at least 50 papers) that the requests rotate through.
 * 4. Before timing: for every row used, both servers' answers, mapped to one plain structure, must be
 *    equal, in the same order; otherwise the run stops and prints the differences.
 * 5. SQL statements per request: a second instance of each server runs behind a counting TCP proxy to
 *    PostgreSQL (scripts/pg-statement-proxy.ts) for `--statement-requests` sequential requests per page;
 *    the timed servers talk to PostgreSQL directly.
 * 6. Timed rounds with autocannon (pipelining 1) at each `--connections` count: per page a warm-up per
 *    server (at least `--warmup` s, longer while its CPU per request still falls; see warmUp), then
 *    `--rounds` rounds of `--duration` s per server, alternating servers, the first server flipping each
 *    round, so a slow moment of the machine falls on both. Per round: req/s,
 *    latency percentiles (every response's time, not a histogram's), the server's CPU time (utime + stime
 *    of its process from /proc) and the CPU time of the PostgreSQL backends serving the bench database,
 *    each per request. A non-200 answer, a GraphQL error or a socket error fails the run.
 * 7. Embedded PGlite (this server only; `--no-pglite` skips it): the server started on a PGlite data
 *    directory (.data/bench-pages-pglite, loaded with the demo data on its first start, kept after),
 *    `--pglite-requests` sequential requests per page, latency percentiles.
 *
 * Prints one table per connection count and writes bench/results/pages.json (machine, settings, every
 * round, medians, statement counts, PGlite latencies).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { createServer as createNetServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { openDatabase } from '../db/client.js';
import { databaseIsEmpty, loadDemoData } from '../src/demo-data.js';
import { benchServerUrl, machine, writeResult } from './bench-support.js';
import {
  differences,
  normalizeOurs,
  normalizePeer,
  ourQueries,
  PAGE_NAMES,
  PAGE_TITLES,
  peerQueries,
  requestBodies,
  type PageKey,
  type PageName,
} from './bench-pages-queries.js';
import { startStatementProxy } from './pg-statement-proxy.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const peerDir = join(root, 'bench', 'peer');

const { values } = parseArgs({
  allowNegative: true,
  options: {
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16,4' },
    pages: { type: 'string', default: PAGE_NAMES.join(',') },
    fresh: { type: 'boolean', default: false },
    pglite: { type: 'boolean', default: true },
    'statement-requests': { type: 'string', default: '200' },
    'pglite-requests': { type: 'string', default: '100' },
  },
});

function positive(name: string, raw: string, integer = true): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new Error(`--${name} must be a positive ${integer ? 'whole ' : ''}number; got "${raw}"`);
  return n;
}
const settings = {
  durationSeconds: positive('duration', values.duration, false),
  warmupSeconds: positive('warmup', values.warmup, false),
  rounds: positive('rounds', values.rounds),
  connections: values.connections.split(',').map((c) => positive('connections', c.trim())),
  pages: values.pages.split(',').map((p) => p.trim()) as PageName[],
  pipelining: 1,
  statementRequests: positive('statement-requests', values['statement-requests']),
  pglite: values.pglite,
  pgliteRequests: positive('pglite-requests', values['pglite-requests']),
  fresh: values.fresh,
};
for (const page of settings.pages) {
  if (!PAGE_NAMES.includes(page)) throw new Error(`--pages takes ${PAGE_NAMES.join(', ')}; got "${page}"`);
}

/* ------------------------------------------------------------------------------------------------ */
/* The database                                                                                      */

const databaseName = 'scholargraph_bench_pages';
const databaseUrl = Object.assign(new URL(benchServerUrl), { pathname: `/${databaseName}` }).toString();
const PROFILE_YEAR = 2026;

async function prepareDatabase(): Promise<Record<string, unknown>> {
  const admin = postgres(benchServerUrl, { max: 1, onnotice: () => {} });
  try {
    if (settings.fresh) await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
    const [exists] = await admin`select 1 from pg_database where datname = ${databaseName}`;
    if (!exists) await admin.unsafe(`create database ${databaseName}`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ url: databaseUrl });
  let loadSeconds: number | undefined;
  try {
    await handle.migrate();
    if (await databaseIsEmpty(handle.db)) {
      console.log(`loading the full demo data into ${databaseName}…`);
      const started = performance.now();
      await loadDemoData(handle.db, { profileYear: PROFILE_YEAR, dataset: 'full' });
      loadSeconds = (performance.now() - started) / 1000;
      console.log(`loaded in ${loadSeconds.toFixed(1)} s`);
    } else {
      console.log(`reusing the demo data in ${databaseName} (--fresh rebuilds it)`);
    }
  } finally {
    await handle.close();
  }
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe('vacuum analyze');
    const [rows] = await sql`select (select count(*) from papers)::int as papers, (select count(*) from authors)::int as authors,
      (select count(*) from authorships)::int as authorships, (select count(*) from citations)::int as citations,
      (select count(*) from venues)::int as venues`;
    const [info] = await sql`select version() as version, datcollate as collation from pg_database where datname = current_database()`;
    return { name: databaseName, loadedThisRun: loadSeconds !== undefined, loadSeconds, rows, postgres: info!.version, collation: info!.collation };
  } finally {
    await sql.end();
  }
}

/** The rows the pages are about, picked deterministically (by md5 of the id) so every run uses the same. */
async function pickKeys(): Promise<Record<PageName, PageKey[]>> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const authors = await sql<{ id: number }[]>`select id from authors where paper_count >= 20 order by md5(id::text) limit 50`;
    const papers = await sql<{ id: number }[]>`select p.id from papers p
      where exists (select 1 from citations c where c.cited_id = p.id) and exists (select 1 from citations c where c.citing_id = p.id)
      order by md5(p.id::text) limit 50`;
    const years = await sql<{ year: number }[]>`select year from papers where year is not null
      group by year having count(*) >= 50 order by md5(year::text) limit 10`;
    if (authors.length < 50 || papers.length < 50 || years.length < 10) {
      throw new Error(`the database holds too few rows for the pages (${authors.length} authors, ${papers.length} papers, ${years.length} years)`);
    }
    return { author: authors.map((r) => r.id), paper: papers.map((r) => r.id), list: years.map((r) => r.year), typename: [null] };
  } finally {
    await sql.end();
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Child servers                                                                                     */

interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  url: string;
  output: string[];
}

const children = new Set<Child>();

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/**
 * The V8 flags `npm run start:prod` gives node (the young generation's size), read from package.json so the
 * benchmark runs the server as operators do; every server of the run gets the same, PostGraphile included.
 */
const serverNodeFlags: string[] = (() => {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = scripts['start:prod']!.split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((word) => word.startsWith('--max-'));
})();

async function startChild(name: string, args: string[], env: Record<string, string>, readyWithinMs: number): Promise<Child> {
  const port = await freePort();
  const proc = spawn(process.execPath, [...serverNodeFlags, ...args], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child: Child = { name, process: proc, pid: proc.pid!, url: `http://127.0.0.1:${port}/graphql`, output: [] };
  children.add(child);
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) child.output.push(line);
    if (child.output.length > 200) child.output.splice(0, child.output.length - 200);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let exited: string | undefined;
  proc.on('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
    children.delete(child);
  });
  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${name} ${exited} before answering:\n${child.output.slice(-30).join('\n')}`);
    try {
      const answer = await post(child.url, JSON.stringify({ query: '{ __typename }' }));
      if (answer.status === 200) return child;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stopChild(child);
  throw new Error(`${name} did not answer within ${readyWithinMs / 1000} s:\n${child.output.slice(-30).join('\n')}`);
}

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.process.once('exit', () => done()));
  child.process.kill('SIGTERM');
  const killed = setTimeout(() => child.process.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(killed);
}

// Servers must not outlive the benchmark, however it ends.
process.on('exit', () => {
  for (const child of children) child.process.kill('SIGTERM');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers`);
    void Promise.all([...children].map(stopChild)).finally(() => process.exit(130));
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function ourServerEnv(url: string): Record<string, string> {
  return { DATABASE_URL: url, DEMO_DATA: 'none', MIGRATE_ON_START: 'false', LOG_LEVEL: 'warn' };
}

/** The compiled server (see buildServer): what `npm run start:prod` runs, without tsx's transform at run time. */
const buildDir = join(root, '.data', 'bench-pages-build');
const builtServer = join(buildDir, 'src', 'main.js');

function buildServer(): void {
  console.log(`building the server into ${relative(root, buildDir)}…`);
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--out-dir', buildDir], { cwd: root, stdio: 'inherit' });
}

const startOurs = (url: string, name = 'scholargraph') => startChild(name, [builtServer], ourServerEnv(url), 120_000);

const startPeer = (url: string, poolSize: number, name = 'postgraphile') =>
  startChild(name, [join(peerDir, 'postgraphile-server.cjs')], { DATABASE_URL: url, POOL_SIZE: String(poolSize) }, 120_000);

const startBare = () => startChild('bare yoga', [join(buildDir, 'scripts', 'bare-yoga.js')], {}, 60_000);

/** This server's pool size, as its /metrics reports it, so PostGraphile gets as many connections. */
async function poolSizeOf(child: Child): Promise<number> {
  const text = await get(child.url.replace(/\/graphql$/, '/metrics'));
  const match = /^scholargraph_db_pool_max_connections (\d+)$/m.exec(text);
  if (!match) throw new Error('scholargraph_db_pool_max_connections is missing from /metrics');
  return Number(match[1]);
}

function ensurePeerInstalled(): void {
  if (existsSync(join(peerDir, 'node_modules', 'postgraphile'))) return;
  console.log('installing PostGraphile in bench/peer (npm ci)…');
  execFileSync('npm', ['ci', '--prefix', peerDir, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

/* ------------------------------------------------------------------------------------------------ */
/* HTTP, one request at a time                                                                       */

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function send(method: 'GET' | 'POST', url: string, body?: string): Promise<{ status: number; text: string; ms: number }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const req = request(url, { method, agent, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), ms: performance.now() - started }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}
const post = (url: string, body: string) => send('POST', url, body);
const get = async (url: string) => (await send('GET', url)).text;

/** One GraphQL request that must succeed: HTTP 200, no errors, data present. */
async function graphql(child: Child, body: string): Promise<{ data: unknown; ms: number }> {
  const answer = await post(child.url, body);
  let parsed: { data?: unknown; errors?: unknown };
  try {
    parsed = JSON.parse(answer.text) as typeof parsed;
  } catch {
    throw new Error(`${child.name} answered ${answer.status} with no JSON: ${answer.text.slice(0, 300)}`);
  }
  if (answer.status !== 200 || parsed.errors || !parsed.data) {
    throw new Error(`${child.name} answered ${answer.status}: ${answer.text.slice(0, 600)}\nrequest: ${body.slice(0, 300)}`);
  }
  return { data: parsed.data, ms: answer.ms };
}

/* ------------------------------------------------------------------------------------------------ */
/* Same data on both servers                                                                         */

/** What each page must hold for every key, so a wrongly picked row cannot make a page trivially cheap. */
function checkFullPage(page: PageName, answer: Record<string, unknown> | null, key: PageKey): string | undefined {
  if (page === 'typename') return answer && (answer as { __typename?: string }).__typename === 'Query' ? undefined : 'no __typename';
  if (!answer) return `no row for ${key}`;
  const a = answer as { papers?: unknown[]; citedBy?: { totalCount: number }; references?: { totalCount: number } };
  if (page === 'author' && a.papers?.length !== 20) return `author ${key} has ${a.papers?.length} papers on the page, not 20`;
  if (page === 'list' && a.papers?.length !== 50) return `year ${key} has ${a.papers?.length} papers on the page, not 50`;
  if (page === 'paper' && !(a.citedBy!.totalCount > 0 && a.references!.totalCount > 0)) return `paper ${key} lacks citations or references`;
  return undefined;
}

async function verify(ours: Child, peer: Child, bare: Child | undefined, keys: Record<PageName, PageKey[]>) {
  const reference = new Map<string, unknown>();
  const problems: string[] = [];
  const checked: Record<string, number> = {};
  for (const page of settings.pages) {
    checked[page] = 0;
    for (const key of keys[page]) {
      const bodies = requestBodies(page, key);
      const left = normalizeOurs(page, (await graphql(ours, bodies.ours)).data);
      const right = normalizePeer(page, (await graphql(peer, bodies.peer)).data);
      reference.set(`${page}:${key}`, left);
      const incomplete = checkFullPage(page, left, key);
      if (incomplete) problems.push(`${page} ${key}: ${incomplete}`);
      const diff = differences(left, right);
      if (diff.length > 0) problems.push(`${page} ${key}: scholargraph ≠ postgraphile\n    ${diff.join('\n    ')}`);
      if (page === 'typename' && bare) {
        const floor = (await graphql(bare, bodies.ours)).data;
        const bareDiff = differences(left, floor);
        if (bareDiff.length > 0) problems.push(`typename: scholargraph ≠ bare yoga\n    ${bareDiff.join('\n    ')}`);
      }
      checked[page]++;
    }
  }
  if (problems.length > 0) {
    console.error(`\nThe servers do not return the same data (${problems.length} ${problems.length === 1 ? 'page' : 'pages'}):`);
    for (const p of problems.slice(0, 20)) console.error(`  ${p}`);
    throw new Error('verification failed: nothing was timed');
  }
  return { reference, checked };
}

/* ------------------------------------------------------------------------------------------------ */
/* Statements per request                                                                            */

interface StatementCount {
  requests: number;
  /** Q + E per request: statements run. */
  statements: number;
  /** P per request: statements parsed (prepared); 0 when a driver reuses named prepared statements. */
  parses: number;
  simpleQueries: number;
  executes: number;
  newConnections: number;
}

async function countStatements(keys: Record<PageName, PageKey[]>, poolSize: number) {
  const target = new URL(databaseUrl);
  const out: Record<string, Record<string, StatementCount>> = {};
  for (const side of ['ours', 'peer'] as const) {
    const proxy = await startStatementProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = Object.assign(new URL(databaseUrl), { hostname: '127.0.0.1', port: String(proxy.port) }).toString();
    const child = side === 'ours' ? await startOurs(proxied, 'scholargraph (counted)') : await startPeer(proxied, poolSize, 'postgraphile (counted)');
    try {
      for (const page of settings.pages) {
        const bodies = keys[page].map((key) => requestBodies(page, key)[side]);
        for (const body of bodies) await graphql(child, body);
        await sleep(100);
        proxy.reset();
        const n = settings.statementRequests;
        for (let i = 0; i < n; i++) await graphql(child, bodies[i % bodies.length]!);
        await sleep(100);
        const t = proxy.counts.byType;
        const q = t.Q ?? 0;
        const e = t.E ?? 0;
        (out[page] ??= {})[side] = {
          requests: n,
          statements: (q + e) / n,
          parses: (t.P ?? 0) / n,
          simpleQueries: q / n,
          executes: e / n,
          newConnections: proxy.counts.connections,
        };
      }
      if (proxy.counts.unparsed > 0) throw new Error(`${child.name}: ${proxy.counts.unparsed} connections could not be parsed (TLS?)`);
    } finally {
      await stopChild(child);
      await proxy.close();
    }
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------ */
/* CPU time from /proc                                                                               */

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process (all its threads), in clock ticks. */
function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5); the slice starts at field 3.
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** CPU ticks of every PostgreSQL backend connected to the bench database, by pid. */
function backendTicks(): Map<number, number> {
  const out = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.startsWith('postgres:') && cmdline.includes(` ${databaseName} `)) out.set(Number(pid), processTicks(Number(pid)));
    } catch {
      // gone
    }
  }
  return out;
}

function backendTicksSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, ticks] of backendTicks()) total += ticks - (before.get(pid) ?? 0);
  return total;
}

/* ------------------------------------------------------------------------------------------------ */
/* Timed rounds                                                                                      */

interface AutocannonRequest {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
  onResponse?: (status: number, body: string) => void;
}
interface AutocannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  resets: number;
  mismatches: number;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  method: string;
  headers: Record<string, string>;
  connections: number;
  pipelining: number;
  duration: number;
  requests: AutocannonRequest[];
}) => AutocannonInstance;

interface Round {
  server: string;
  page: PageName;
  connections: number;
  round: number;
  seconds: number;
  requests: number;
  reqPerSec: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  bytesPerResponse: number;
  serverCpuMsPerRequest: number;
  databaseCpuMsPerRequest: number;
  loadGeneratorCpuMsPerRequest: number;
  failures: { errors: number; timeouts: number; non2xx: number; graphqlErrors: number; resets: number };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

async function load(child: Child, bodies: string[], connections: number, seconds: number): Promise<Omit<Round, 'server' | 'page' | 'round'>> {
  let next = 0;
  let graphqlErrors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  let bytes = 0;
  const cpuBefore = processTicks(child.pid);
  const backendsBefore = backendTicks();
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const instance = autocannon({
    url: child.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    pipelining: settings.pipelining,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        // Each request takes the next row: all connections together walk the rows in turn.
        setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length]! }),
        onResponse: (status, body) => {
          if (status === 200 && !body.includes('"errors":')) return;
          graphqlErrors++;
          firstError ??= `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  instance.on('response', (_client, _status, responseBytes, ms) => {
    latencies.push(ms);
    bytes += responseBytes;
  });
  const result = await instance;
  const elapsed = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(clientBefore);
  const serverTicks = processTicks(child.pid) - cpuBefore;
  const dbTicks = backendTicksSince(backendsBefore);
  const n = latencies.length;
  latencies.sort((a, b) => a - b);
  const failures = { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, graphqlErrors, resets: result.resets };
  if (failures.errors || failures.timeouts || failures.non2xx || failures.graphqlErrors || n === 0) {
    throw new Error(`${child.name}: failed requests ${JSON.stringify(failures)}${firstError ? `; first: ${firstError}` : ''}\n${child.output.slice(-10).join('\n')}`);
  }
  const tickMs = 1000 / clockTicks;
  return {
    connections,
    seconds: elapsed,
    requests: n,
    reqPerSec: n / elapsed,
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies[n - 1]!,
      mean: latencies.reduce((a, b) => a + b, 0) / n,
    },
    bytesPerResponse: bytes / n,
    serverCpuMsPerRequest: (serverTicks * tickMs) / n,
    databaseCpuMsPerRequest: (dbTicks * tickMs) / n,
    loadGeneratorCpuMsPerRequest: (clientCpu.user + clientCpu.system) / 1000 / n,
    failures,
  };
}

/**
 * Load a server until its CPU time per request stops falling: `--warmup` seconds, then one second at a
 * time until two seconds in a row cost no less than 95% of the lowest CPU per request seen so far (at
 * most 15 more seconds). A yoga server fresh from start needs thousands of requests before V8 has
 * optimised its hot paths (its CPU per request falls severalfold), and a fixed short warm-up would time
 * part of that. CPU per request rather than req/s: on a shared machine req/s also moves with everything
 * else running.
 */
async function warmUp(child: Child, bodies: string[], connections: number): Promise<number> {
  let seconds = settings.warmupSeconds;
  let lowest = (await load(child, bodies, connections, settings.warmupSeconds)).serverCpuMsPerRequest;
  let withoutProgress = 0;
  for (let extra = 0; extra < 15 && withoutProgress < 2; extra++) {
    const current = (await load(child, bodies, connections, 1)).serverCpuMsPerRequest;
    seconds += 1;
    if (current < lowest * 0.95) withoutProgress = 0;
    else withoutProgress++;
    lowest = Math.min(lowest, current);
  }
  return seconds;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function medianOf(rounds: Round[]) {
  return {
    rounds: rounds.length,
    reqPerSec: median(rounds.map((r) => r.reqPerSec)),
    p50: median(rounds.map((r) => r.latencyMs.p50)),
    p95: median(rounds.map((r) => r.latencyMs.p95)),
    p99: median(rounds.map((r) => r.latencyMs.p99)),
    serverCpuMsPerRequest: median(rounds.map((r) => r.serverCpuMsPerRequest)),
    databaseCpuMsPerRequest: median(rounds.map((r) => r.databaseCpuMsPerRequest)),
    bytesPerResponse: median(rounds.map((r) => r.bytesPerResponse)),
  };
}

/* ------------------------------------------------------------------------------------------------ */
/* Embedded PGlite                                                                                   */

const pgliteDir = join(root, '.data', 'bench-pages-pglite');

async function measurePglite(keys: Record<PageName, PageKey[]>, reference: Map<string, unknown>) {
  if (settings.fresh) rmSync(pgliteDir, { recursive: true, force: true });
  const firstStart = !existsSync(pgliteDir);
  console.log(`\nPGlite: starting the server on ${pgliteDir}${firstStart ? ' (loading the demo data: first start only)' : ''}…`);
  const started = performance.now();
  const child = await startChild(
    'scholargraph (PGlite)',
    [builtServer],
    { DATABASE_URL: '', PGLITE_DIR: pgliteDir, DEMO_DATA: 'full', PROFILE_YEAR: String(PROFILE_YEAR), LOG_LEVEL: 'warn' },
    15 * 60_000,
  );
  const startSeconds = (performance.now() - started) / 1000;
  const pages: Record<string, unknown> = {};
  try {
    for (const page of settings.pages) {
      const bodies = keys[page].map((key) => requestBodies(page, key).ours);
      // One pass over the rows (warming up), checking the answers equal those from PostgreSQL.
      let sameAsPostgres = 0;
      const differing: string[] = [];
      for (let i = 0; i < bodies.length; i++) {
        const answer = normalizeOurs(page, (await graphql(child, bodies[i]!)).data);
        const key = keys[page][i];
        const incomplete = checkFullPage(page, answer, key!);
        if (incomplete) throw new Error(`PGlite: ${incomplete}`);
        if (differences(answer, reference.get(`${page}:${key}`)).length === 0) sameAsPostgres++;
        else differing.push(String(key));
      }
      const ms: number[] = [];
      for (let i = 0; i < settings.pgliteRequests; i++) ms.push((await graphql(child, bodies[i % bodies.length]!)).ms);
      ms.sort((a, b) => a - b);
      pages[page] = {
        requests: ms.length,
        p50: percentile(ms, 50),
        p95: percentile(ms, 95),
        p99: percentile(ms, 99),
        max: ms.at(-1),
        under50ms: ms.filter((m) => m < 50).length,
        rowsChecked: bodies.length,
        sameAsPostgres,
        differingKeys: differing,
      };
    }
  } finally {
    await stopChild(child);
  }
  return { dataDir: pgliteDir, loadedThisRun: firstStart, startSeconds, pages };
}

/* ------------------------------------------------------------------------------------------------ */
/* Tables                                                                                            */

const fmt = (n: number | undefined, digits = 1) => (n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits));
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const rate = (n: number) => Math.round(n).toLocaleString('en-US');

function versions() {
  const read = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  return {
    graphqlYoga: read(join(root, 'node_modules', 'graphql-yoga', 'package.json')),
    graphql: read(join(root, 'node_modules', 'graphql', 'package.json')),
    postgraphile: read(join(peerDir, 'node_modules', 'postgraphile', 'package.json')),
    peerGraphql: read(join(peerDir, 'node_modules', 'graphql', 'package.json')),
    pgOrderByRelated: read(join(peerDir, 'node_modules', '@graphile-contrib', 'pg-order-by-related', 'package.json')),
    pg: read(join(peerDir, 'node_modules', 'pg', 'package.json')),
  };
}

/* ------------------------------------------------------------------------------------------------ */

async function main() {
  const database = await prepareDatabase();
  ensurePeerInstalled();
  buildServer();
  const keys = await pickKeys();

  console.log('starting the servers…');
  const ours = await startOurs(databaseUrl);
  const poolSize = await poolSizeOf(ours);
  const peer = await startPeer(databaseUrl, poolSize);
  const bare = settings.pages.includes('typename') ? await startBare() : undefined;

  console.log('checking that both servers return the same data for every row used…');
  const { reference, checked } = await verify(ours, peer, bare, keys);
  console.log(`  same data, same order: ${Object.entries(checked).map(([p, n]) => `${p} ${n}`).join(', ')} rows`);

  console.log(`counting SQL statements (${settings.statementRequests} sequential requests per page, behind a counting proxy)…`);
  const statements = await countStatements(keys, poolSize);

  const rounds: Round[] = [];
  const warmups: { server: string; page: PageName; connections: number; seconds: number }[] = [];
  const medians: Record<string, Record<string, Record<string, ReturnType<typeof medianOf>>>> = {};
  for (const connections of settings.connections) {
    for (const page of settings.pages) {
      const servers: { side: string; child: Child; bodies: string[] }[] = [
        { side: 'ours', child: ours, bodies: keys[page].map((k) => requestBodies(page, k).ours) },
        { side: 'peer', child: peer, bodies: keys[page].map((k) => requestBodies(page, k).peer) },
      ];
      if (page === 'typename' && bare) servers.push({ side: 'bare', child: bare, bodies: servers[0]!.bodies });
      process.stdout.write(`${PAGE_TITLES[page]} at ${connections} connections: warm-up`);
      for (const s of servers) {
        const seconds = await warmUp(s.child, s.bodies, connections);
        warmups.push({ server: s.side, page, connections, seconds });
        process.stdout.write(` ${s.side} ${seconds.toFixed(0)} s`);
      }
      process.stdout.write(', rounds');
      for (let round = 0; round < settings.rounds; round++) {
        // Which server goes first flips each round, so drift in the machine's speed weighs on all alike.
        const order = round % 2 === 0 ? servers : [...servers].reverse();
        for (const s of order) {
          const result = await load(s.child, s.bodies, connections, settings.durationSeconds);
          rounds.push({ server: s.side, page, round, ...result });
        }
        process.stdout.write(` ${round + 1}`);
      }
      process.stdout.write('\n');
      for (const s of servers) {
        ((medians[String(connections)] ??= {})[page] ??= {})[s.side] = medianOf(
          rounds.filter((r) => r.connections === connections && r.page === page && r.server === s.side),
        );
      }
    }
  }

  await Promise.all([ours, peer, ...(bare ? [bare] : [])].map(stopChild));

  const pglite = settings.pglite ? await measurePglite(keys, reference) : undefined;

  // Tables
  const v = versions();
  console.log(
    `\nscholargraph (graphql-yoga ${v.graphqlYoga}, graphql ${v.graphql}) vs PostGraphile ${v.postgraphile} (graphql ${v.peerGraphql}) ` +
      `on ${String(database.postgres).split(' on ')[0]}, demo data (${JSON.stringify(database.rows)}), ${machine().cpus} cores; ` +
      `every server runs as \`node ${serverNodeFlags.join(' ')}\``,
  );
  for (const connections of settings.connections) {
    console.log(`\n${connections} connections, pipelining 1: median of ${settings.rounds} rounds × ${settings.durationSeconds} s per server (PostgreSQL, ${poolSize} pooled connections each)`);
    console.log('| page | ours req/s | peer req/s | ours/peer | ours p50/p95/p99 ms | peer p50/p95/p99 ms | statements/req ours / peer (parses) | server CPU ms/req ours / peer | PostgreSQL CPU ms/req ours / peer | bare yoga req/s | ours/bare |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const page of settings.pages) {
      const m = medians[String(connections)]![page]!;
      const o = m.ours!;
      const p = m.peer!;
      const b = m.bare;
      const st = statements[page]!;
      console.log(
        `| ${PAGE_TITLES[page]} | ${rate(o.reqPerSec)} | ${rate(p.reqPerSec)} | ${fmt(o.reqPerSec / p.reqPerSec, 2)} | ` +
          `${ms(o.p50)} / ${ms(o.p95)} / ${ms(o.p99)} | ${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)} | ` +
          `${fmt(st.ours!.statements, 2)} / ${fmt(st.peer!.statements, 2)} (${fmt(st.ours!.parses, 2)} / ${fmt(st.peer!.parses, 2)}) | ` +
          `${fmt(o.serverCpuMsPerRequest, 2)} / ${fmt(p.serverCpuMsPerRequest, 2)} | ${fmt(o.databaseCpuMsPerRequest, 2)} / ${fmt(p.databaseCpuMsPerRequest, 2)} | ` +
          `${b ? rate(b.reqPerSec) : '–'} | ${b ? fmt(o.reqPerSec / b.reqPerSec, 2) : '–'} |`,
      );
    }
  }
  console.log('\nstatements/req: Q (simple query) + E (execute) messages per request; parses: P messages per request (0: prepared statements reused).');
  if (pglite) {
    console.log(`\nEmbedded PGlite, this server only: ${settings.pgliteRequests} sequential requests per page (server ready in ${pglite.startSeconds.toFixed(1)} s${pglite.loadedThisRun ? ', demo data loaded' : ''})`);
    console.log('| page | p50 ms | p95 ms | p99 ms | max ms | under 50 ms | same answers as on PostgreSQL |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const page of settings.pages) {
      const r = pglite.pages[page] as { requests: number; p50: number; p95: number; p99: number; max: number; under50ms: number; rowsChecked: number; sameAsPostgres: number };
      console.log(`| ${PAGE_TITLES[page]} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.under50ms}/${r.requests} | ${r.sameAsPostgres}/${r.rowsChecked} |`);
    }
  }

  writeResult('pages.json', {
    date: new Date().toISOString(),
    machine: { ...machine(), postgres: database.postgres, clockTicksPerSecond: clockTicks },
    settings: { ...settings, poolSize, nodeEnv: 'production' },
    database,
    servers: {
      ours: { command: `node ${[...serverNodeFlags, relative(root, builtServer)].join(' ')}`, env: ourServerEnv('…') },
      peer: { command: `node ${[...serverNodeFlags, 'bench/peer/postgraphile-server.cjs'].join(' ')}`, poolSize },
      bare: { command: `node ${[...serverNodeFlags, relative(root, join(buildDir, 'scripts', 'bare-yoga.js'))].join(' ')}` },
      versions: v,
    },
    queries: { ours: ourQueries, peer: peerQueries },
    keys,
    verification: { checked, result: 'same data and order on both servers for every row' },
    statements,
    medians,
    warmups,
    rounds,
    pglite,
  });
}

try {
  await main();
} catch (error) {
  console.error(`\nbench:pages failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await Promise.all([...children].map(stopChild));
  agent.destroy();
}
