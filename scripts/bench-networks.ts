/**
 * npm run bench:networks -- --authors 1000000 [--queries 20] [--fresh] [--no-export]
 *
 * On the synthetic scholarly graph of the given size (generated once through scripts/generate.ts and
 * reused, see scripts/bench-support.ts), measures through the GraphQL API, with the whole flat answer
 * (nodes with their figures, edges, whole-network figures) serialised:
 * - collaborationGraph of 5,000 authors by IDs: a random set (sparse) and a coauthor snowball (a dense
 *   group: breadth-first over shared papers from a random author until 5,000);
 * - collaborationGraph of the snowball without the community fields (Louvain is then not run), and with
 *   each author's name (the author rows fetched);
 * - collaborationTrend of the 5,000-author snowball;
 * - citationGraph of 5,000 papers by IDs (a citation snowball) with citations only and with all three kinds.
 * Each case runs `--queries` times on a new set (after one warm-up); p50/p99 and the mean answer size are
 * printed as a table. Before them (unless `--no-export`), every paper through the NDJSON export beside PostgreSQL's
 * COPY of the same rows (scripts/bench-paper-export.ts): papers/s, bytes and the server's extra memory.
 * Everything is written to bench/results/networks-<authors>.json.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client.js';
import { queryRows } from '../db/queries/raw.js';
import { encodeGlobalID } from '../schema/global-id.js';
import { PaperFacts } from '../src/metrics/paper-facts.js';
import { PaperFactsIndex } from '../src/metrics/paper-facts-index.js';
import { createServer } from '../src/server.js';
import { seededRandom } from '../src/synthetic/random.js';
import { ensureSyntheticDatabase, formatMs, machine, summarize, writeResult, type Summary } from './bench-support.js';
import { measurePaperExport, printExportTable, type ExportRow } from './bench-paper-export.js';

const { values } = parseArgs({
  options: {
    authors: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '20' },
    size: { type: 'string', default: '5000' },
    fresh: { type: 'boolean', default: false },
    export: { type: 'boolean', default: true },
  },
  allowNegative: true,
});
const authors = Number(values.authors);
const queries = Number(values.queries);
const setSize = Number(values.size);

/** Breadth-first from a random start over `linked`, until `size` distinct items (restarting when a component runs out). */
function snowball(count: number, size: number, random: () => number, linked: (x: number) => Iterable<number>, startable: (x: number) => boolean = () => true): number[] {
  const seen = new Set<number>();
  const queue: number[] = [];
  while (seen.size < Math.min(size, count)) {
    if (queue.length === 0) {
      const start = Math.floor(random() * count);
      if (seen.has(start) || !startable(start)) continue;
      seen.add(start);
      queue.push(start);
    }
    const x = queue.shift()!;
    for (const y of linked(x)) {
      if (seen.size >= size) break;
      if (!seen.has(y)) (seen.add(y), queue.push(y));
    }
  }
  return [...seen];
}

async function main() {
  const url = await ensureSyntheticDatabase(authors, values.fresh);
  const handle = await openDatabase({ url, maxConnections: 4 });
  await handle.migrate();
  const db = handle.db;
  const [counts] = await queryRows<{ papers: number; authors: number; citations: number }>(
    db,
    sql`select (select count(*) from papers)::int as papers, (select count(*) from authors)::int as authors, (select count(*) from citations)::int as citations`,
  );
  const paperFacts = new PaperFactsIndex(db);
  const facts = await paperFacts.current();
  const yoga = createServer({ db, graphiql: false, paperFacts });
  const ask = async (query: string, variables: Record<string, unknown>) => {
    const started = performance.now();
    const response = await yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    const body = JSON.parse(text) as { errors?: unknown[]; data?: any };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
    return { ms, data: body.data, bytes: text.length };
  };

  // The export first, while this process holds only what a server that answers network queries holds
  // (the paper facts): the sets and the references map built below for the cases would enlarge the heap,
  // and V8 lets garbage grow with the heap before collecting it, which the extra RSS would then show.
  let paperExport: ExportRow[] | undefined;
  if (values.export) {
    console.log(`\nevery paper (${counts!.papers.toLocaleString('en-US')}) through GET /export/papers.ndjson, beside COPY of the same rows:\n`);
    paperExport = await measurePaperExport(yoga, counts!.papers, url);
    printExportTable(paperExport);
  }

  const random = seededRandom(authors + 17);
  const authorCount = facts.papersOfAuthor.offsets.length - 1;
  // Authors with papers, by id (author ids of the generator are dense from 1).
  const withPapers = (id: number) => PaperFacts.slice(facts.papersOfAuthor, id).length > 0;
  const randomAuthors = () => {
    const set = new Set<number>();
    while (set.size < setSize) {
      const id = 1 + Math.floor(random() * (authorCount - 1));
      if (withPapers(id)) set.add(id);
    }
    return [...set];
  };
  const coauthorsOf = function* (id: number) {
    for (const p of PaperFacts.slice(facts.papersOfAuthor, id)) yield* PaperFacts.slice(facts.authorsOfPaper, p);
  };
  const authorSnowball = () => snowball(authorCount, setSize, random, coauthorsOf, withPapers);
  const references = new Map<number, number[]>();
  const paperSnowball = () =>
    snowball(facts.paperCount, setSize, random, function* (p) {
      yield* PaperFacts.slice(facts.citersOfPaper, p);
      yield* references.get(p) ?? [];
    }).map((p) => facts.paperIds[p]!);
  // References by paper (the citer lists turned round), for the citation snowball to walk both ways.
  for (let p = 0; p < facts.paperCount; p++) {
    for (const c of PaperFacts.slice(facts.citersOfPaper, p)) {
      const list = references.get(c);
      if (list) list.push(p);
      else references.set(c, [p]);
    }
  }

  const graphQuery = (author: string, communities = true) => `query($ids: [ID!]) { collaborationGraph(authorIds: $ids) {
    nodes { authorId paperCount degree weightedDegree component ${communities ? 'community' : ''} ${author} }
    edges { source target paperCount firstYear lastYear }
    figures { nodeCount edgeCount density componentCount largestComponentSize isolatedShare meanPapersPerEdge ${communities ? 'communityCount modularity' : ''} } } }`;
  const trendQuery = `query($ids: [ID!]) { collaborationTrend(authorIds: $ids) { years { year paperCount meanTeamSize medianTeamSize repeatCollaboratorShare newCollaborators newTiesInside } } }`;
  const citationQuery = `query($ids: [ID!], $kinds: [CitationEdgeKind!]) { citationGraph(paperIds: $ids, kinds: $kinds) {
    nodes { paperId year inDegree outDegree component community } edges { source target kind weight }
    figures { nodeCount edgeCount citationCount coCitationCount couplingCount density componentCount largestComponentSize communityCount modularity } } }`;

  const asAuthors = (ids: number[]) => ids.map((id) => encodeGlobalID('Author', id));
  const asPapers = (ids: number[]) => ids.map((id) => encodeGlobalID('Paper', id));
  const cases: { name: string; set: () => string[]; query: string; extra?: Record<string, unknown>; size: (d: any) => { nodes: number; edges: number } }[] = [
    { name: 'collaborationGraph, random authors', set: () => asAuthors(randomAuthors()), query: graphQuery(''), size: (d) => ({ nodes: d.collaborationGraph.figures.nodeCount, edges: d.collaborationGraph.figures.edgeCount }) },
    { name: 'collaborationGraph, coauthor snowball', set: () => asAuthors(authorSnowball()), query: graphQuery(''), size: (d) => ({ nodes: d.collaborationGraph.figures.nodeCount, edges: d.collaborationGraph.figures.edgeCount }) },
    { name: 'collaborationGraph, coauthor snowball, no community fields', set: () => asAuthors(authorSnowball()), query: graphQuery('', false), size: (d) => ({ nodes: d.collaborationGraph.figures.nodeCount, edges: d.collaborationGraph.figures.edgeCount }) },
    { name: 'collaborationGraph, snowball + author names', set: () => asAuthors(authorSnowball()), query: graphQuery('author { name }'), size: (d) => ({ nodes: d.collaborationGraph.figures.nodeCount, edges: d.collaborationGraph.figures.edgeCount }) },
    { name: 'collaborationTrend, coauthor snowball', set: () => asAuthors(authorSnowball()), query: trendQuery, size: (d) => ({ nodes: setSize, edges: d.collaborationTrend.years.length }) },
    { name: 'citationGraph CITES, citation snowball', set: () => asPapers(paperSnowball()), query: citationQuery, extra: { kinds: ['CITES'] }, size: (d) => ({ nodes: d.citationGraph.figures.nodeCount, edges: d.citationGraph.figures.edgeCount }) },
    {
      name: 'citationGraph all kinds, citation snowball',
      set: () => asPapers(paperSnowball()),
      query: citationQuery,
      extra: { kinds: ['CITES', 'CO_CITATION', 'COUPLING'] },
      size: (d) => ({ nodes: d.citationGraph.figures.nodeCount, edges: d.citationGraph.figures.edgeCount }),
    },
  ];
  const results: Record<string, Summary & { meanNodes: number; meanEdges: number; meanKiB: number }> = {};
  for (const c of cases) {
    const sets = Array.from({ length: queries + 1 }, c.set);
    await ask(c.query, { ids: sets[0], ...c.extra }); // warm-up
    const ms: number[] = [];
    let nodes = 0;
    let edges = 0;
    let bytes = 0;
    for (const ids of sets.slice(1)) {
      const answer = await ask(c.query, { ids, ...c.extra });
      ms.push(answer.ms);
      const size = c.size(answer.data);
      nodes += size.nodes;
      edges += size.edges;
      bytes += answer.bytes;
    }
    results[c.name] = { ...summarize(ms), meanNodes: nodes / queries, meanEdges: edges / queries, meanKiB: bytes / queries / 1024 };
    console.log(`${c.name}: p50 ${formatMs(results[c.name]!.p50)} ms`);
  }

  console.log(`\n${counts!.authors.toLocaleString('en-US')} authors, ${counts!.papers.toLocaleString('en-US')} papers, ${counts!.citations.toLocaleString('en-US')} citations; sets of ${setSize}\n`);
  console.log('| query | n | p50 ms | p99 ms | mean nodes | mean edges (years for a trend) | mean answer KiB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, r] of Object.entries(results)) {
    console.log(`| ${name} | ${r.n} | ${formatMs(r.p50)} | ${formatMs(r.p99)} | ${Math.round(r.meanNodes)} | ${Math.round(r.meanEdges)} | ${Math.round(r.meanKiB)} |`);
  }
  writeResult(`networks-${authors}.json`, { authors, setSize, queries, counts, machine: machine(), results, paperExport, at: new Date().toISOString() });
  await handle.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
