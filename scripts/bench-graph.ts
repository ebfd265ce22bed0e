/**
 * npm run bench:graph -- --authors 100000 [--queries 200] [--baseline-queries 10] [--fresh]
 *
 * Loads a synthetic scholarly graph of the given size into PostgreSQL (once: later runs reuse the
 * database, `--fresh` regenerates it through `scripts/generate.ts`), builds the in-memory coauthor graph,
 * and measures in one run: p50/p99 of `collaborationPath` between random reachable pairs and of
 * `coauthorNetwork` at depth 2, through the GraphQL API, beside the same answers from a recursive SQL CTE
 * (what one would write without the index); the graph's memory and build time. Writes
 * bench/results/graph-<authors>.json and prints a table.
 * PostgreSQL: see scripts/bench-support.ts.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase } from '../db/client.js';
import { queryRows } from '../db/queries/raw.js';
import { encodeGlobalID } from '../schema/global-id.js';
import { collaborationPath } from '../src/graph/collaboration-path.js';
import { CoauthorIndex } from '../src/graph/coauthor-index.js';
import { egoNetwork } from '../src/graph/ego-network.js';
import { createServer } from '../src/server.js';
import { seededRandom } from '../src/synthetic/random.js';
import { ensureSyntheticDatabase, formatMs, machine, settledMemoryMiB, summarize, writeResult } from './bench-support.js';
import { egoNetworkSql, egoNodeIdsSql, pairTableSetupSql, pathDistanceSql } from './graph-baselines.js';

const { values } = parseArgs({
  options: {
    authors: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
    'baseline-queries': { type: 'string', default: '10' },
    'baseline-timeout': { type: 'string', default: '20000' },
    builds: { type: 'string', default: '3' },
    fresh: { type: 'boolean', default: false },
  },
});
const authors = Number(values.authors);
const queries = Number(values.queries);
const baselineQueries = Number(values['baseline-queries']);
const baselineTimeout = Number(values['baseline-timeout']);
const builds = Math.max(1, Number(values.builds));

async function main() {
  const url = await ensureSyntheticDatabase(authors, values.fresh);
  const handle = await openDatabase({ url, maxConnections: 4 });
  await handle.migrate();
  const counts = (await queryRows<{ papers: number; authors: number; authorships: number }>(
    handle.db,
    sql`select (select count(*) from papers)::int as papers, (select count(*) from authors)::int as authors,
        (select count(*) from authorships)::int as authorships`,
  ))[0]!;

  const memoryBefore = await settledMemoryMiB();
  const index = new CoauthorIndex(handle.db);
  let graph = await index.current();
  const buildMs = [index.lastBuild!.milliseconds];
  // The first search allocates its scratch arrays (12 bytes per author): count them as graph memory.
  collaborationPath(graph, 0, Math.min(1, graph.authorCount - 1), { maxLength: 1, maxVisited: 10 });
  const memoryAfter = await settledMemoryMiB();
  const graphBytes = index.lastBuild!.bytes + graph.authorCount * 12;
  // Refreshes as after an import: the version moves (as an import's commit moves it) and the next
  // request that needs the graph rebuilds it from the database.
  for (let i = 1; i < builds; i++) {
    await handle.db.execute(sql`update data_versions set version = version + 1 where name = 'coauthors'`);
    graph = await index.current();
    buildMs.push(index.lastBuild!.milliseconds);
  }
  const build = { ...summarize(buildMs), all: buildMs };

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
  const networkQuery = `query($id: ID!) { coauthorNetwork(authorId: $id, depth: 2, limit: 200) { truncated nodes { authorId distance } edges { source target paperCount } } }`;
  for (const [a, b] of pairs.slice(0, 10)) await ask(pathQuery, { a: encodeGlobalID('Author', a), b: encodeGlobalID('Author', b) }); // warm-up
  const pathMs: number[] = [];
  for (const [a, b] of pairs) pathMs.push(await ask(pathQuery, { a: encodeGlobalID('Author', a), b: encodeGlobalID('Author', b) }));
  const networkMs: number[] = [];
  for (const c of centers) networkMs.push(await ask(networkQuery, { id: encodeGlobalID('Author', c) }));

  // Baseline: the same questions as recursive CTEs over authorships, with a time limit per statement.
  const raw = postgres(url, { max: 1, onnotice: () => {}, connection: { statement_timeout: baselineTimeout } });
  const timeEach = async <T>(items: T[], run: (item: T) => Promise<unknown>) => {
    const results: { ms: number; timedOut: boolean }[] = [];
    for (const item of items) {
      const started = performance.now();
      try {
        await run(item);
        results.push({ ms: performance.now() - started, timedOut: false });
      } catch {
        results.push({ ms: baselineTimeout, timedOut: true });
      }
    }
    return results;
  };
  const ctePath = await timeEach(pairs.slice(0, baselineQueries), ([a, b]) => raw.unsafe(pathDistanceSql('authorships', 8), [a, b]));
  const cteNetworkIds = await timeEach(centers.slice(0, baselineQueries), (c) => raw.unsafe(egoNodeIdsSql(2), [c]));
  // The whole answer, checked against the graph's: same nodes, distances and edges, else the comparison is void.
  let mismatches = 0;
  const cteNetwork = await timeEach(centers.slice(0, baselineQueries), async (c) => {
    const [row] = await raw.unsafe(egoNetworkSql(2, 200), [c]);
    const mine = egoNetwork(graph, graph.indexOf(c), { depth: 2, minPapers: 1, limit: 200 });
    const nodes = (row!.nodes as { id: number; distance: number }[] | null) ?? [];
    const edges = (row!.edges as { source: number; target: number; paper_count: number }[] | null) ?? [];
    const same =
      row!.truncated === mine.truncated &&
      JSON.stringify(nodes.map((n) => [n.id, n.distance])) === JSON.stringify(mine.nodes.map((n) => [graph.authorIds[n.index], n.distance])) &&
      JSON.stringify(edges.map((e) => [e.source, e.target, Number(e.paper_count)])) ===
        JSON.stringify(mine.edges.map((e) => [graph.authorIds[e.a], graph.authorIds[e.b], e.paperCount]));
    if (!same) mismatches++;
  });
  if (mismatches) console.error(`warning: ${mismatches} CTE network answers differ from the graph's`);
  // The other design: a maintained coauthor-pair table (both directions, indexed), searched the same way.
  // Built once per database, without the per-query time limit (it is setup, not a measured query).
  const setup = postgres(url, { max: 1, onnotice: () => {} });
  for (const statement of pairTableSetupSql) await setup.unsafe(statement);
  await setup.end();
  const pairTablePath = await timeEach(pairs.slice(0, baselineQueries), ([a, b]) => raw.unsafe(pathDistanceSql('pairs', 8), [a, b]));
  await raw.end();

  const path = summarize(pathMs);
  const network = summarize(networkMs);
  const ctePathSummary = summarize(ctePath.map((r) => r.ms));
  const cteNetworkSummary = summarize(cteNetwork.map((r) => r.ms));
  const report = {
    date: new Date().toISOString(),
    machine: machine(),
    data: { ...counts, graphAuthors: graph.authorCount, ties: graph.tieCount },
    index: {
      buildMs: build,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      graphMiB: graphBytes / 2 ** 20,
      processHeapAndBuffersDeltaMiB: memoryAfter - memoryBefore,
    },
    collaborationPath: {
      api: path,
      meanDistance: pairs.reduce((n, p) => n + p[2], 0) / Math.max(1, pairs.length),
      cte: { ...ctePathSummary, timedOut: ctePath.filter((r) => r.timedOut).length },
      pairTableCte: { ...summarize(pairTablePath.map((r) => r.ms)), timedOut: pairTablePath.filter((r) => r.timedOut).length },
    },
    coauthorNetworkDepth2: {
      api: network,
      cte: { ...cteNetworkSummary, timedOut: cteNetwork.filter((r) => r.timedOut).length, answersDifferingFromTheGraph: mismatches },
      cteNodeIdsOnly: { ...summarize(cteNetworkIds.map((r) => r.ms)), timedOut: cteNetworkIds.filter((r) => r.timedOut).length },
    },
    speedupAtP50: { collaborationPath: ctePathSummary.p50 / path.p50, coauthorNetwork: cteNetworkSummary.p50 / network.p50 },
  };
  const f = formatMs;
  console.log(`\nCoauthor graph of ${counts.authors.toLocaleString('en-US')} authors, ${counts.papers.toLocaleString('en-US')} papers, ${graph.tieCount.toLocaleString('en-US')} ties`);
  console.log(`index: built ${build.n}× (first build, then refreshes after a version bump): p50 ${f(build.p50 / 1000)} s, max ${f(build.max / 1000)} s; ${f(graphBytes / 2 ** 20)} MiB of arrays, process heap + buffers grew ${f(report.index.processHeapAndBuffersDeltaMiB)} MiB\n`);
  console.log('| query | method | n | p50 ms | p99 ms |');
  console.log('|---|---|---:|---:|---:|');
  console.log(`| collaborationPath (mean ${f(report.collaborationPath.meanDistance)} hops) | API on the graph index | ${path.n} | ${f(path.p50)} | ${f(path.p99)} |`);
  console.log(`| collaborationPath | recursive CTE${report.collaborationPath.cte.timedOut ? ` (${report.collaborationPath.cte.timedOut} hit the ${baselineTimeout / 1000} s limit)` : ''} | ${ctePathSummary.n} | ${f(ctePathSummary.p50)} | ${f(ctePathSummary.p99)} |`);
  const pt = report.collaborationPath.pairTableCte;
  console.log(`| collaborationPath | recursive CTE over a coauthor-pair table${pt.timedOut ? ` (${pt.timedOut} hit the limit)` : ''} | ${pt.n} | ${f(pt.p50)} | ${f(pt.p99)} |`);
  console.log(`| coauthorNetwork depth 2 | API on the graph index | ${network.n} | ${f(network.p50)} | ${f(network.p99)} |`);
  const limitNote = (r: { timedOut: number }) => (r.timedOut ? ` (${r.timedOut} hit the limit)` : '');
  const nw = report.coauthorNetworkDepth2;
  console.log(`| coauthorNetwork depth 2 | recursive CTE, the same answer${limitNote(nw.cte)}${mismatches ? ` (${mismatches} DIFFERENT)` : ''} | ${nw.cte.n} | ${f(nw.cte.p50)} | ${f(nw.cte.p99)} |`);
  console.log(`| coauthorNetwork depth 2 | recursive CTE, node ids only${limitNote(nw.cteNodeIdsOnly)} | ${nw.cteNodeIdsOnly.n} | ${f(nw.cteNodeIdsOnly.p50)} | ${f(nw.cteNodeIdsOnly.p99)} |`);
  console.log(`\nspeed-up at p50: path ${f(report.speedupAtP50.collaborationPath)}×, network ${f(report.speedupAtP50.coauthorNetwork)}× (timed-out CTEs count at the limit, so these are lower bounds)`);
  writeResult(`graph-${authors}.json`, report);
  await handle.close();
}

await main();
