/**
 * npm run bench:metrics -- --authors 1000000 [--queries 200] [--runs 10] [--fresh]
 *
 * Citation metrics and paper groups on the synthetic scholarly graph of the given size (the database
 * `npm run bench:graph` uses; generated once through the importer). Measures through the GraphQL API, in
 * one run: p50/p99 of `Author.metrics` for random authors (every figure, with citations by year and the most
 * cited papers); `paperGroups` by each dimension over the largest topics (answered from the in-memory
 * paper facts); `Topic.metrics` and `Venue.metrics`; the paper facts' build time and memory. Baselines in
 * the same run: the author figures' inputs as SQL statements, and the same
 * topic groups as one SQL statement (what the API runs for a full-text filter, and what it would run for
 * every filter without the facts index).
 * Writes bench/results/metrics-<authors>.json and prints a table.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/client.js';
import { citationsByYearOfAuthors, ownerMetrics, papersOfAuthorsWithCounts, topAuthorsOfOwners } from '../db/queries/metrics.js';
import { topicSubtreeIds } from '../db/queries/entities.js';
import { paperGroups, type PaperGroupBy } from '../db/queries/paper-groups.js';
import { queryRows } from '../db/queries/raw.js';
import { encodeGlobalID } from '../schema/global-id.js';
import { PaperFactsIndex } from '../src/metrics/paper-facts-index.js';
import { createServer } from '../src/server.js';
import { seededRandom } from '../src/synthetic/random.js';
import { ensureSyntheticDatabase, formatMs, machine, settledMemoryMiB, summarize, writeResult, type Summary } from './bench-support.js';

const { values } = parseArgs({
  options: {
    authors: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '200' },
    runs: { type: 'string', default: '10' },
    fresh: { type: 'boolean', default: false },
  },
});
const authors = Number(values.authors);
const queries = Number(values.queries);
const runs = Number(values.runs);

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function timeAll<T>(items: T[], run: (item: T) => Promise<unknown>): Promise<Summary> {
  const ms: number[] = [];
  for (const item of items) ms.push(await timed(() => run(item)));
  return summarize(ms);
}

async function main() {
  const url = await ensureSyntheticDatabase(authors, values.fresh);
  const handle = await openDatabase({ url, maxConnections: 4 });
  await handle.migrate();
  const db: Database = handle.db;
  const memoryBefore = await settledMemoryMiB();
  const paperFacts = new PaperFactsIndex(db);
  await paperFacts.current();
  const memoryAfter = await settledMemoryMiB();
  const factsBuild = paperFacts.lastBuild!;
  const yoga = createServer({ db, graphiql: false, paperFacts });
  const ask = async (query: string, variables: Record<string, unknown>) => {
    const response = await yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: unknown[]; data?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  const [counts] = await queryRows<{ papers: number; authors: number; citations: number; min: number; max: number }>(
    db,
    sql`select (select count(*) from papers)::int as papers, (select count(*) from authors)::int as authors,
          (select count(*) from citations)::int as citations, (select min(id) from authors) as min, (select max(id) from authors) as max`,
  );
  const random = seededRandom(authors + 5);
  const authorIds = Array.from({ length: queries }, () => Number(counts!.min) + Math.floor(random() * (Number(counts!.max) - Number(counts!.min) + 1)));
  // The largest topics below the root, and the largest venues: the heavy cases.
  const topics = await queryRows<{ id: number; code: string; papers: number }>(
    db,
    sql`select t.id, t.code, t.paper_count as papers from topics t where t.parent_id is not null order by t.paper_count desc, t.id limit 5`,
  );
  const venues = await queryRows<{ id: number; papers: number }>(db, sql`select id, paper_count as papers from venues order by paper_count desc, id limit 5`);

  const authorQuery = `query($id: ID!) { author(id: $id) { metrics { paperCount citationCount hIndex i10Index firstYear lastYear
    papersByYear { year count } citationsByYear { year count } mostCited(first: 5) { title citationCount } } } }`;
  for (const id of authorIds.slice(0, 10)) await ask(authorQuery, { id: encodeGlobalID('Author', id) }); // warm-up
  // Two passes over the same random authors: the first reads their rows from disk (a million authors'
  // citations are not all in the cache), the second from memory, as a page visited again would.
  const authorApiCold = await timeAll(authorIds, (id) => ask(authorQuery, { id: encodeGlobalID('Author', id) }));
  const authorApi = await timeAll(authorIds, (id) => ask(authorQuery, { id: encodeGlobalID('Author', id) }));
  const authorSql = await timeAll(authorIds, (id) => Promise.all([papersOfAuthorsWithCounts(db, [id]), citationsByYearOfAuthors(db, [id])]));

  const groupQuery = `query($t: ID!, $by: PaperGroupBy!) { paperGroups(by: $by, filter: { topicId: $t }, first: 20) { key label count citationCount } }`;
  const dimensions: PaperGroupBy[] = ['YEAR', 'VENUE', 'TOPIC', 'AUTHOR', 'HAS_CODE'];
  const topicRuns = Array.from({ length: runs }, (_, i) => topics[i % topics.length]!);
  const subtrees = await topicSubtreeIds(db, topics.map((t) => Number(t.id)));
  const groups: Record<string, { api: Summary; sql: Summary }> = {};
  for (const by of dimensions) {
    await ask(groupQuery, { t: encodeGlobalID('Topic', topics[0]!.id), by }); // warm-up
    groups[by] = {
      api: await timeAll(topicRuns, (t) => ask(groupQuery, { t: encodeGlobalID('Topic', t.id), by })),
      sql: await timeAll(topicRuns, (t) =>
        paperGroups(db, {
          filter: { topicId: Number(t.id), topicIds: subtrees.get(Number(t.id)) },
          by,
          first: 20,
          order: { field: 'COUNT', descending: true },
          basis: 'REPORTED_ELSE_GRAPH',
        }),
      ),
    };
  }

  const topicQuery = `query($t: ID!) { node(id: $t) { ... on Topic { metrics { paperCount citationCount hIndex i10Index papersByYear { year count } } } } }`;
  const topAuthorsQuery = `query($t: ID!) { node(id: $t) { ... on Topic { metrics { topAuthors(first: 10) { paperCount author { name } } } } } }`;
  const venueQuery = `query($v: ID!) { node(id: $v) { ... on Venue { metrics { paperCount citationCount hIndex i10Index papersByYear { year count } } topics(first: 5) { share } } } }`;
  const topicMetrics = await timeAll(topicRuns, (t) => ask(topicQuery, { t: encodeGlobalID('Topic', t.id) }));
  const topicTopAuthors = await timeAll(topicRuns, (t) => ask(topAuthorsQuery, { t: encodeGlobalID('Topic', t.id) }));
  const topicSql = await timeAll(topicRuns, (t) => ownerMetrics(db, { kind: 'topic', subtrees: new Map([[Number(t.id), subtrees.get(Number(t.id))!]]) }, 'REPORTED_ELSE_GRAPH'));
  const topAuthorsSql = await timeAll(topicRuns, (t) =>
    topAuthorsOfOwners(db, { kind: 'topic', subtrees: new Map([[Number(t.id), subtrees.get(Number(t.id))!]]) }, 'PAPERS', 10, 'REPORTED_ELSE_GRAPH'),
  );
  const venueRuns = Array.from({ length: runs }, (_, i) => venues[i % venues.length]!);
  const venueMetrics = await timeAll(venueRuns, (v) => ask(venueQuery, { v: encodeGlobalID('Venue', v.id) }));

  const report = {
    date: new Date().toISOString(),
    machine: machine(),
    data: { papers: counts!.papers, authors: counts!.authors, citations: counts!.citations },
    topicsMeasured: topics.map((t) => ({ code: t.code, papers: Number(t.papers) })),
    venuesMeasured: venues.map((v) => ({ id: v.id, papers: Number(v.papers) })),
    paperFacts: {
      buildMs: factsBuild.milliseconds,
      arraysMiB: factsBuild.bytes / 2 ** 20,
      processHeapAndBuffersDeltaMiB: memoryAfter - memoryBefore,
    },
    authorMetrics: { apiFirstPass: authorApiCold, api: authorApi, sql: authorSql },
    paperGroupsOverTopic: groups,
    topicMetrics: { figures: topicMetrics, topAuthors: topicTopAuthors, figuresSql: topicSql, topAuthorsSql },
    venueMetrics,
  };

  const f = formatMs;
  const row = (what: string, how: string, s: Summary) => console.log(`| ${what} | ${how} | ${s.n} | ${f(s.p50)} | ${f(s.p99)} |`);
  const topicSizes = topics.map((t) => Number(t.papers).toLocaleString('en-US')).join(', ');
  console.log(`\nMetrics on ${Number(counts!.papers).toLocaleString('en-US')} papers, ${Number(counts!.authors).toLocaleString('en-US')} authors, ${Number(counts!.citations).toLocaleString('en-US')} citations`);
  console.log(`topics measured: ${topicSizes} papers`);
  console.log(`paper facts: built in ${f(factsBuild.milliseconds / 1000)} s, ${f(factsBuild.bytes / 2 ** 20)} MiB of arrays; the process grew ${f(memoryAfter - memoryBefore)} MiB\n`);
  console.log('| query | method | n | p50 ms | p99 ms |');
  console.log('|---|---|---:|---:|---:|');
  row('Author.metrics (all figures, random authors)', 'API, first pass (rows read from disk)', authorApiCold);
  row('Author.metrics (all figures, random authors)', 'API, second pass over the same authors', authorApi);
  row('Author.metrics', 'SQL: papers with counts, citations by year (two statements)', authorSql);
  for (const by of dimensions) {
    row(`paperGroups(by: ${by}) over a topic`, 'API (in-memory paper facts)', groups[by]!.api);
    row(`paperGroups(by: ${by}) over a topic`, 'one SQL statement (the same groups)', groups[by]!.sql);
  }
  row('Topic.metrics (figures, papers per year)', 'API (in-memory paper facts)', topicMetrics);
  row('Topic.metrics (figures)', 'one SQL statement', topicSql);
  row('Topic.metrics.topAuthors(first: 10)', 'API (in-memory paper facts)', topicTopAuthors);
  row('Topic.metrics.topAuthors(first: 10)', 'one SQL statement', topAuthorsSql);
  row('Venue.metrics and topics', 'API (in-memory paper facts)', venueMetrics);
  writeResult(`metrics-${authors}.json`, report);
  await handle.close();
}

await main();
