/**
 * npm run bench:graph -- --authors 100000 [--queries 200] [--baseline-queries 10] [--fresh]
 *
 * Loads a synthetic scholarly graph of the given size into PostgreSQL (once: later runs reuse the
 * database, `--fresh` regenerates it through `scripts/generate.ts`), builds the in-memory coauthor graph,
 * and measures in one run: p50/p99 of `collaborationPath` between random reachable pairs and of
 * `coauthorNetwork` at depth 2, through the GraphQL API, beside the same answers from a recursive SQL CTE
 * (what one would write without the index); the graph's memory and build time. Writes
 * bench/results/graph-<authors>.json and prints a table.
 * PostgreSQL: BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase } from '../db/client.js';
import { queryRows } from '../db/queries/raw.js';
import { encodeGlobalID } from '../schema/global-id.js';
import { collaborationPath } from '../src/graph/collaboration-path.js';
import { CoauthorIndex } from '../src/graph/coauthor-index.js';
import { createServer } from '../src/server.js';
import { seededRandom } from '../src/synthetic/random.js';

const { values } = parseArgs({
  options: {
    authors: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
    'baseline-queries': { type: 'string', default: '10' },
    'baseline-timeout': { type: 'string', default: '20000' },
    fresh: { type: 'boolean', default: false },
  },
});
const authors = Number(values.authors);
const queries = Number(values.queries);
const baselineQueries = Number(values['baseline-queries']);
const baselineTimeout = Number(values['baseline-timeout']);
const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `scholargraph_bench_graph_${authors}`;
const url = Object.assign(new URL(baseUrl), { pathname: `/${name}` }).toString();

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
};

async function ensureData(): Promise<void> {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (values.fresh || !exists) {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    console.log(`generating ${authors.toLocaleString('en-US')} authors into ${name}…`);
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate.ts', '--authors', String(authors)], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: 'inherit',
    });
  }
  await admin.end();
}

async function main() {
  await ensureData();
  const handle = await openDatabase({ url, maxConnections: 4 });
  await handle.migrate();
  const counts = (await queryRows<{ papers: number; authors: number; authorships: number }>(
    handle.db,
    sql`select (select count(*) from papers)::int as papers, (select count(*) from authors)::int as authors,
        (select count(*) from authorships)::int as authorships`,
  ))[0]!;

  global.gc?.();
  const heapBefore = process.memoryUsage();
  const index = new CoauthorIndex(handle.db);
  const graph = await index.current();
  const build = index.lastBuild!;
  // The first search allocates its scratch arrays (12 bytes per author): count them as graph memory.
  collaborationPath(graph, 0, Math.min(1, graph.authorCount - 1), { maxLength: 1, maxVisited: 10 });
  global.gc?.();
  const heapAfter = process.memoryUsage();
  const graphBytes = build.bytes + graph.authorCount * 12;

  // Random reachable pairs (within 8 hops), the same for every run of one size.
  const random = seededRandom(authors);
  const pairs: [number, number, number][] = [];
  for (let tries = 0; pairs.length < queries && tries < queries * 50; tries++) {
    const a = Math.floor(random() * graph.authorCount);
    const b = Math.floor(random() * graph.authorCount);
    const found = collaborationPath(graph, a, b, { maxLength: 8, maxVisited: 5_000_000 });
    if (a !== b && found.found) pairs.push([graph.authorIds[a]!, graph.authorIds[b]!, found.distance]);
  }
  const centers = Array.from({ length: queries }, () => graph.authorIds[Math.floor(random() * graph.authorCount)]!);

  const yoga = createServer({ db: handle.db, coauthors: index, graphiql: false });
  const ask = async (query: string, variables: Record<string, unknown>) => {
    const started = performance.now();
    const response = await yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return performance.now() - started;
  };
  const pathQuery = `query($a: ID!, $b: ID!) { collaborationPath(from: $a, to: $b, maxLength: 8) { distance hops { from { name } to { name } paper { title } } } }`;
  const networkQuery = `query($id: ID!) { coauthorNetwork(authorId: $id, depth: 2, limit: 200) { truncated nodes { id distance } edges { source target paperCount } } }`;
  for (const [a, b] of pairs.slice(0, 10)) await ask(pathQuery, { a: encodeGlobalID('Author', a), b: encodeGlobalID('Author', b) }); // warm-up
  const pathMs: number[] = [];
  for (const [a, b] of pairs) pathMs.push(await ask(pathQuery, { a: encodeGlobalID('Author', a), b: encodeGlobalID('Author', b) }));
  const networkMs: number[] = [];
  for (const c of centers) networkMs.push(await ask(networkQuery, { id: encodeGlobalID('Author', c) }));

  // Baseline: the same questions as recursive CTEs over authorships, with a time limit per statement.
  const raw = postgres(url, { max: 1, onnotice: () => {}, connection: { statement_timeout: baselineTimeout } });
  const timed = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    try {
      await run();
      return { ms: performance.now() - started, timedOut: false };
    } catch {
      return { ms: baselineTimeout, timedOut: true };
    }
  };
  // One recursive walk, over authorships or over the pair table, then the question asked of it.
  const steps = {
    authorships: `select o.author_id, r.depth + 1 from reach r
      join authorships me on me.author_id = r.author_id join authorships o on o.paper_id = me.paper_id`,
    pairs: 'select t.b, r.depth + 1 from reach r join bench_coauthor_pairs t on t.a = r.author_id',
  };
  const reach = (step: keyof typeof steps, maxDepth: number, question: string) =>
    `with recursive reach(author_id, depth) as (select $1::int, 0 union ${steps[step]} where r.depth < ${maxDepth}) ${question}`;
  const timeEach = async <T>(items: T[], run: (item: T) => Promise<unknown>) => {
    const results: { ms: number; timedOut: boolean }[] = [];
    for (const item of items) results.push(await timed(() => run(item)));
    return results;
  };
  const distance = 'select min(depth) from reach where author_id = $2';
  const ctePath = await timeEach(pairs.slice(0, baselineQueries), ([a, b]) => raw.unsafe(reach('authorships', 8, distance), [a, b]));
  const cteNetwork = await timeEach(centers.slice(0, baselineQueries), (c) =>
    raw.unsafe(reach('authorships', 2, 'select author_id, min(depth) from reach group by author_id'), [c]),
  );
  // The other design: a maintained coauthor-pair table (both directions, indexed), searched the same way.
  // Built once per database, without the per-query time limit (it is setup, not a measured query).
  const setup = postgres(url, { max: 1, onnotice: () => {} });
  await setup.unsafe(`create table if not exists bench_coauthor_pairs as
      select x.author_id as a, y.author_id as b, count(*)::int as papers
      from authorships x join authorships y on y.paper_id = x.paper_id and y.author_id <> x.author_id
      group by 1, 2`);
  await setup.unsafe('create index if not exists bench_coauthor_pairs_a on bench_coauthor_pairs (a, b)');
  await setup.unsafe('analyze bench_coauthor_pairs');
  await setup.end();
  const pairTablePath = await timeEach(pairs.slice(0, baselineQueries), ([a, b]) => raw.unsafe(reach('pairs', 8, distance), [a, b]));
  await raw.end();

  const path = summary(pathMs);
  const network = summary(networkMs);
  const ctePathSummary = summary(ctePath.map((r) => r.ms));
  const cteNetworkSummary = summary(cteNetwork.map((r) => r.ms));
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    data: { ...counts, graphAuthors: graph.authorCount, ties: graph.tieCount },
    index: {
      buildMs: build.milliseconds,
      graphMiB: graphBytes / 2 ** 20,
      processHeapAndBuffersDeltaMiB: (heapAfter.heapUsed + heapAfter.arrayBuffers - heapBefore.heapUsed - heapBefore.arrayBuffers) / 2 ** 20,
    },
    collaborationPath: {
      api: path,
      meanDistance: pairs.reduce((n, p) => n + p[2], 0) / Math.max(1, pairs.length),
      cte: { ...ctePathSummary, timedOut: ctePath.filter((r) => r.timedOut).length },
      pairTableCte: { ...summary(pairTablePath.map((r) => r.ms)), timedOut: pairTablePath.filter((r) => r.timedOut).length },
    },
    coauthorNetworkDepth2: { api: network, cte: { ...cteNetworkSummary, timedOut: cteNetwork.filter((r) => r.timedOut).length } },
    speedupAtP50: { collaborationPath: ctePathSummary.p50 / path.p50, coauthorNetwork: cteNetworkSummary.p50 / network.p50 },
  };
  const f = (n: number) => n.toFixed(n < 10 ? 2 : 0);
  console.log(`\nCoauthor graph of ${counts.authors.toLocaleString('en-US')} authors, ${counts.papers.toLocaleString('en-US')} papers, ${graph.tieCount.toLocaleString('en-US')} ties`);
  console.log(`index: built in ${f(build.milliseconds / 1000)} s, ${f(graphBytes / 2 ** 20)} MiB\n`);
  console.log('| query | method | n | p50 ms | p99 ms |');
  console.log('|---|---|---:|---:|---:|');
  console.log(`| collaborationPath (mean ${f(report.collaborationPath.meanDistance)} hops) | API on the graph index | ${path.n} | ${f(path.p50)} | ${f(path.p99)} |`);
  console.log(`| collaborationPath | recursive CTE${report.collaborationPath.cte.timedOut ? ` (${report.collaborationPath.cte.timedOut} hit the ${baselineTimeout / 1000} s limit)` : ''} | ${ctePathSummary.n} | ${f(ctePathSummary.p50)} | ${f(ctePathSummary.p99)} |`);
  const pt = report.collaborationPath.pairTableCte;
  console.log(`| collaborationPath | recursive CTE over a coauthor-pair table${pt.timedOut ? ` (${pt.timedOut} hit the limit)` : ''} | ${pt.n} | ${f(pt.p50)} | ${f(pt.p99)} |`);
  console.log(`| coauthorNetwork depth 2 | API on the graph index | ${network.n} | ${f(network.p50)} | ${f(network.p99)} |`);
  console.log(`| coauthorNetwork depth 2 | recursive CTE (nodes only)${report.coauthorNetworkDepth2.cte.timedOut ? ` (${report.coauthorNetworkDepth2.cte.timedOut} hit the limit)` : ''} | ${cteNetworkSummary.n} | ${f(cteNetworkSummary.p50)} | ${f(cteNetworkSummary.p99)} |`);
  console.log(`\nspeed-up at p50: path ${f(report.speedupAtP50.collaborationPath)}×, network ${f(report.speedupAtP50.coauthorNetwork)}× (timed-out CTEs count at the limit, so these are lower bounds)`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/graph-${authors}.json`, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote bench/results/graph-${authors}.json`);
  await handle.close();
}

await main();
