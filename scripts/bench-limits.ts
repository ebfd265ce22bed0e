/**
 * npm run bench:limits -- [--rounds 20] [--requests 50] [--warmup 200]
 *
 * What the request limits (src/limits/: body size, tokens, aliases, directives, depth, nesting, NUL
 * check) cost a normal request. Two servers on the same database, one with the limits and one without
 * (`limits: false`; the cost model is part of the schema and runs in both), each behind node:http on
 * 127.0.0.1. The author-profile query GraphiQL opens with is sent one request at a time, in rounds that
 * alternate which server goes first, so drift in the machine's speed affects both alike.
 * The database: a fresh one on BENCH_DATABASE_URL / DATABASE_URL / the local PostgreSQL, with the demo
 * profile loaded. Writes bench/results/limits.json and prints a table.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { openDatabase } from '../db/client.js';
import { loadDemoData } from '../src/demo-data.js';
import { authorProfileQuery } from '../src/example-queries.js';
import { createServer } from '../src/server.js';
import { benchServerUrl, formatMs, machine, summarize, writeResult } from './bench-support.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    requests: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '200' },
  },
});
const rounds = Number(values.rounds);
const requests = Number(values.requests);
const warmup = Number(values.warmup);

const name = 'scholargraph_bench_limits';
const admin = postgres(benchServerUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${name} with (force)`);
await admin.unsafe(`create database ${name}`);
const handle = await openDatabase({ url: Object.assign(new URL(benchServerUrl), { pathname: `/${name}` }).toString() });
await handle.migrate();
await loadDemoData(handle.db, { profileYear: 2026, dataset: 'profile' });

async function listen(limits: false | undefined): Promise<{ url: string; http: HttpServer }> {
  const http = createHttpServer(createServer({ db: handle.db, limits }));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`, http };
}

const variants = { on: await listen(undefined), off: await listen(false) };
type Variant = keyof typeof variants;

/** The page measured, and a query that touches no table: what the limits add, without the database's time. */
const queries = { authorProfile: authorProfileQuery, typename: '{ __typename }' };

async function once(url: string, body: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const result = (await response.json()) as { errors?: unknown };
  const ms = performance.now() - started;
  if (response.status !== 200 || result.errors) throw new Error(`unexpected answer: ${JSON.stringify(result).slice(0, 300)}`);
  return ms;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const report: Record<string, unknown> = {};
for (const [queryName, query] of Object.entries(queries)) {
  const body = JSON.stringify({ query });
  for (const variant of Object.values(variants)) for (let i = 0; i < warmup; i++) await once(variant.url, body);
  const samples: Record<Variant, number[]> = { on: [], off: [] };
  const pairRatios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Requests alternate between the servers (which goes first flips each round): neighbours in time
    // make a pair, so a slow moment of the machine weighs on both sides of it.
    const order: Variant[] = round % 2 === 0 ? ['on', 'off'] : ['off', 'on'];
    for (let i = 0; i < requests; i++) {
      const pair = {} as Record<Variant, number>;
      for (const key of order) pair[key] = await once(variants[key].url, body);
      samples.on.push(pair.on);
      samples.off.push(pair.off);
      pairRatios.push(pair.on / pair.off - 1);
    }
  }
  const rows = (['off', 'on'] as const).map((key) => ({ limits: key, ...summarize(samples[key]), mean: mean(samples[key]) }));
  const [off, on] = rows as [(typeof rows)[0], (typeof rows)[0]];
  const overhead = { p50: on.p50 / off.p50 - 1, mean: on.mean / off.mean - 1, medianOfPairRatios: median(pairRatios) };
  console.log(`\n${queryName}: ${rounds} rounds × ${requests} requests per server, alternating, one at a time over HTTP`);
  console.log('| limits | n | mean ms | p50 ms | p99 ms | max ms |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.limits} | ${r.n} | ${formatMs(r.mean)} | ${formatMs(r.p50)} | ${formatMs(r.p99)} | ${formatMs(r.max)} |`);
  console.log(`overhead: p50 ${pct(overhead.p50)}, mean ${pct(overhead.mean)}, median of paired ratios ${pct(overhead.medianOfPairRatios)}`);
  report[queryName] = { results: rows, overhead };
}

writeResult('limits.json', {
  queries: { authorProfile: 'authorProfileQuery (src/example-queries.ts)', typename: '{ __typename }' },
  transport: 'HTTP/1.1 keep-alive to node:http on 127.0.0.1, one request at a time, alternating between the two servers',
  database: 'PostgreSQL, demo profile',
  rounds,
  requestsPerRound: requests,
  warmup,
  machine: machine(),
  ...report,
  date: new Date().toISOString(),
});

for (const variant of Object.values(variants)) {
  variant.http.closeAllConnections();
  variant.http.close();
}
await handle.close();
await admin.unsafe(`drop database if exists ${name} with (force)`);
await admin.end();
