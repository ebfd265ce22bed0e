/**
 * npm run bench:export [-- --authors 10000 --limit 2000 --runs 7]
 *
 * What a file export costs beside the GraphQL answer it is made from: the synthetic graph of `authors`
 * authors (generated once into PostgreSQL, as bench:graph does), the most productive author's depth-2
 * coauthor network at `limit`, fetched in-process (`yoga.fetch`, no sockets) as the export's own GraphQL
 * document and as each format, in turns (the order rotating each round). Prints a table and writes
 * bench/results/export.json.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.js';
import { coauthorNetworkExport } from '../src/export/networks/coauthor-network.js';
import { CoauthorIndex } from '../src/graph/coauthor-index.js';
import { createLogger } from '../src/logger.js';
import { createServer } from '../src/server.js';
import { ensureSyntheticDatabase, formatMs, machine, summarize, writeResult } from './bench-support.js';

const { values } = parseArgs({
  options: {
    authors: { type: 'string', default: '10000' },
    limit: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '7' },
    fresh: { type: 'boolean', default: false },
  },
});
const authors = Number(values.authors);
const limit = Number(values.limit);
const runs = Number(values.runs);

const url = await ensureSyntheticDatabase(authors, values.fresh);
const handle = await openDatabase({ url, maxConnections: 4 });
await handle.migrate();
const coauthors = new CoauthorIndex(handle.db);
await coauthors.current();
const yoga = createServer({ db: handle.db, coauthors, explore: false, logger: createLogger({ level: 'warn' }) });

const graphql = async (query: string, variables: Record<string, unknown>) => {
  const response = await yoga.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, text: await response.text() };
};

// The most productive author whose depth-2 network reaches the limit.
const candidates = JSON.parse((await graphql('{ authors(orderBy: { field: PAPER_COUNT, direction: DESC }, first: 30) { nodes { id } } }', {})).text).data.authors.nodes as { id: string }[];
let subject: { id: string; nodes: number; edges: number } | undefined;
for (const { id } of candidates) {
  const network = JSON.parse((await graphql('query($a: ID!, $l: Int!) { coauthorNetwork(authorId: $a, depth: 2, limit: $l) { nodes { authorId } edges { source } } }', { a: id, l: limit })).text).data.coauthorNetwork;
  if (!subject || network.nodes.length > subject.nodes) subject = { id, nodes: network.nodes.length, edges: network.edges.length };
  if (network.nodes.length >= limit) break;
}
if (!subject) throw new Error('the database holds no authors');
console.log(`subject: depth 2, ${subject.nodes} authors, ${subject.edges} ties`);

const variables = { authorId: subject.id, depth: 2, limit };
const params = new URLSearchParams({ network: 'coauthorNetwork', authorId: subject.id, depth: '2', limit: String(limit) });
const cases: { name: string; fetch: () => Promise<{ status: number; text: string }> }[] = [
  { name: 'GraphQL (the export document)', fetch: () => graphql(coauthorNetworkExport.document, variables) },
  ...['gexf', 'graphml', 'vosviewer', 'csv&table=nodes', 'csv&table=edges'].map((format) => ({
    name: format.replace('&table=', ' '),
    fetch: async () => {
      const [path, extra] = format.split('&');
      const response = await yoga.fetch(`http://bench/export/${path}?${params.toString()}${extra ? `&${extra}` : ''}`);
      return { status: response.status, text: await response.text() };
    },
  })),
];

const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
const bytes = new Map<string, number>();
for (const c of cases) await c.fetch(); // warm-up
for (let round = 0; round < runs; round++) {
  for (let i = 0; i < cases.length; i++) {
    const c = cases[(i + round) % cases.length]!;
    const started = performance.now();
    const { status, text } = await c.fetch();
    times.get(c.name)!.push(performance.now() - started);
    if (status !== 200) throw new Error(`${c.name}: HTTP ${status}: ${text.slice(0, 300)}`);
    bytes.set(c.name, Buffer.byteLength(text));
  }
}

const baseline = summarize(times.get(cases[0]!.name)!).p50;
const rows = cases.map((c) => {
  const s = summarize(times.get(c.name)!);
  return { answer: c.name, bytes: bytes.get(c.name)!, p50Ms: s.p50, maxMs: s.max, vsGraphql: s.p50 / baseline };
});
console.log(`\n| answer | bytes | p50 ms | max ms | p50 / GraphQL |\n|---|---:|---:|---:|---:|`);
for (const r of rows) console.log(`| ${r.answer} | ${r.bytes.toLocaleString('en-US')} | ${formatMs(r.p50Ms)} | ${formatMs(r.maxMs)} | ${r.vsGraphql.toFixed(2)} |`);
writeResult('export.json', { machine: machine(), authors, limit, runs, subject, rows });
await handle.close();
