/**
 * The GEXF and GraphML exports read by NetworkX (`read_gexf`, `read_graphml`), the reader most analysis
 * scripts use: Debian's python3-networkx through /usr/bin/python3 (`.ci/run` installs it). Without it the
 * tests skip and say why.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/demo-data.js';
import { writeBatch } from '../src/import/writer.js';
import { aanSubset } from './helpers/aan-subset.js';
import { useTestServer } from './helpers/server.js';

const PYTHON = '/usr/bin/python3';
const hasNetworkx = spawnSync(PYTHON, ['-c', 'import networkx'], { stdio: 'ignore' }).status === 0;
const noNetworkx = `${PYTHON} cannot import networkx; install it with apt-get install -y python3-networkx`;

/** Reads each file given and prints what NetworkX made of it, as JSON. */
const READER = `
import json, sys
import networkx as nx
out = {}
for path in sys.argv[1:]:
    g = nx.read_gexf(path) if path.endswith('.gexf') else nx.read_graphml(path)
    out[path] = {
        'directed': g.is_directed(),
        'graph': {k: v for k, v in g.graph.items()},
        'nodes': {n: d for n, d in g.nodes(data=True)},
        'edges': [[u, v, d] for u, v, d in g.edges(data=True)],
    }
print(json.dumps(out))
`;

interface NxGraph {
  directed: boolean;
  graph: Record<string, unknown>;
  nodes: Record<string, Record<string, unknown>>;
  edges: [string, string, Record<string, unknown>][];
}

const server = useTestServer(async (s) => {
  if (!hasNetworkx) return;
  await loadDemoData(s.database.handle.db, { profileYear: 2026, dataset: 'profile' });
  // The profile's papers do not cite each other: a year of the AAN data for the citation graph.
  await writeBatch(s.database.handle.db, await aanSubset(2010, 2010));
});
const dir = mkdtempSync(join(tmpdir(), 'scholargraph-nx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Download both files of a network and read them with NetworkX. */
async function readWithNetworkx(params: Record<string, string>): Promise<{ gexf: NxGraph; graphml: NxGraph }> {
  const paths: Record<string, string> = {};
  for (const format of ['gexf', 'graphml']) {
    const response = await server().yoga.fetch(`http://test/export/${format}?${new URLSearchParams(params).toString()}`);
    expect(response.status).toBe(200);
    paths[format] = join(dir, `${params.network}.${format}`);
    writeFileSync(paths[format]!, Buffer.from(await response.arrayBuffer()));
  }
  const run = spawnSync(PYTHON, ['-c', READER, paths.gexf!, paths.graphml!], { encoding: 'utf8', timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  const read = JSON.parse(run.stdout) as Record<string, NxGraph>;
  return { gexf: read[paths.gexf!]!, graphml: read[paths.graphml!]! };
}

const pairKey = (a: string, b: string, directed: boolean) => (directed || a < b ? `${a} ${b}` : `${b} ${a}`);
/** NetworkX's GEXF reader adds the edge's and node's `id` and the GEXF `label`: compare the data only. */
const edgesOf = (g: NxGraph, keep: string[]) =>
  new Map(g.edges.map(([u, v, d]) => [pairKey(u, v, g.directed), Object.fromEntries(keep.filter((k) => d[k] !== undefined).map((k) => [k, d[k]]))]));
const nodesOf = (g: NxGraph, keep: string[]) =>
  new Map(Object.entries(g.nodes).map(([id, d]) => [id, Object.fromEntries(keep.filter((k) => d[k] !== undefined).map((k) => [k, d[k]]))]));
const present = (cells: Record<string, unknown>) => Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== null));

describe.skipIf(!hasNetworkx)(hasNetworkx ? 'exports read by NetworkX' : `exports read by NetworkX (skipped: ${noNetworkx})`, () => {
  it('coauthorNetwork: the same authors, ties, weights and typed attributes as the GraphQL answer', async () => {
    const seed = await server().query(`{ authors(search: "zhepei wei", first: 1) { nodes { id } } }`);
    const authorId = seed.data.authors.nodes[0].id as string;
    const r = await server().query(
      `query($a: ID!) { coauthorNetwork(authorId: $a, depth: 2) { truncated nodes { authorId distance author { name paperCount affiliation } } edges { source target paperCount firstYear lastYear } } }`,
      { a: authorId },
    );
    const answer = r.data.coauthorNetwork;
    const { gexf, graphml } = await readWithNetworkx({ network: 'coauthorNetwork', authorId, depth: '2' });
    const nodes = new Map(
      answer.nodes.map((n: any) => [n.authorId, present({ label: n.author.name, distance: n.distance, paperCount: n.author.paperCount, affiliation: n.author.affiliation })]),
    );
    const edges = new Map(answer.edges.map((e: any) => [pairKey(e.source, e.target, false), present({ weight: e.paperCount, firstYear: e.firstYear, lastYear: e.lastYear })]));
    for (const g of [gexf, graphml]) {
      expect(g.directed).toBe(false);
      expect(nodesOf(g, ['label', 'distance', 'paperCount', 'affiliation'])).toEqual(nodes);
      expect(edgesOf(g, ['weight', 'firstYear', 'lastYear'])).toEqual(edges);
      expect(g.edges).toHaveLength(answer.edges.length);
    }
    expect(graphml.graph).toMatchObject({ truncated: answer.truncated });
  });

  it('collaborationPath: a directed chain with its papers', async () => {
    const seed = await server().query(`{ authors(search: "zhepei wei", first: 1) { nodes { id coauthors(first: 2) { nodes { id } } } } }`);
    const [a, b] = seed.data.authors.nodes[0].coauthors.nodes.map((n: any) => n.id as string);
    const r = await server().query(`query($a: ID!, $b: ID!) { collaborationPath(from: $a, to: $b) { distance hops { from { id } to { id } paper { title year } } } }`, { a, b });
    const answer = r.data.collaborationPath;
    expect(answer.hops.length).toBeGreaterThan(0);
    const { gexf, graphml } = await readWithNetworkx({ network: 'collaborationPath', from: a!, to: b! });
    const edges = new Map(answer.hops.map((h: any, i: number) => [pairKey(h.from.id, h.to.id, true), present({ weight: 1, step: i + 1, paperTitle: h.paper.title, paperYear: h.paper.year })]));
    for (const g of [gexf, graphml]) {
      expect(g.directed).toBe(true);
      expect(Object.keys(g.nodes)).toHaveLength(answer.distance + 1);
      expect(edgesOf(g, ['weight', 'step', 'paperTitle', 'paperYear'])).toEqual(edges);
    }
    expect(graphml.graph).toMatchObject({ distance: answer.distance });
  });
  it('collaborationGraph: typed node figures, weights and the graph figures as typed graph data', async () => {
    const seed = await server().query(`{ authors(search: "zhepei wei", first: 1) { nodes { id coauthors(first: 30) { nodes { id } } } } }`);
    const author = seed.data.authors.nodes[0];
    const authorIds = [author.id as string, ...author.coauthors.nodes.map((n: any) => n.id as string)];
    const r = await server().query(
      `query($ids: [ID!]) { collaborationGraph(authorIds: $ids) {
        nodes { authorId author { name } paperCount degree weightedDegree component community }
        edges { source target paperCount firstYear lastYear }
        figures { nodeCount edgeCount density modularity communityCount }
      } }`,
      { ids: authorIds },
    );
    const answer = r.data.collaborationGraph;
    expect(answer.edges.length).toBeGreaterThan(authorIds.length - 1);
    const { gexf, graphml } = await readWithNetworkx({ network: 'collaborationGraph', authorIds: JSON.stringify(authorIds) });
    const keep = ['label', 'paperCount', 'degree', 'weightedDegree', 'component', 'community'];
    const nodes = new Map(answer.nodes.map((n: any) => [n.authorId, { label: n.author.name, ...Object.fromEntries(keep.slice(1).map((k) => [k, n[k]])) }]));
    const edges = new Map(answer.edges.map((e: any) => [pairKey(e.source, e.target, false), present({ weight: e.paperCount, firstYear: e.firstYear, lastYear: e.lastYear })]));
    for (const g of [gexf, graphml]) {
      expect(g.directed).toBe(false);
      expect(nodesOf(g, keep)).toEqual(nodes);
      expect(edgesOf(g, ['weight', 'firstYear', 'lastYear'])).toEqual(edges);
    }
    expect(graphml.graph).toMatchObject({ nodeCount: authorIds.length, edgeCount: answer.edges.length, density: answer.figures.density, modularity: answer.figures.modularity });
  });

  it('citationGraph: a directed multigraph, citing → cited, similarity edges told apart by kind', async () => {
    // The papers of a year of one AAN venue that cite or are cited within it.
    const venue = await server().query(`{ venues(search: "EMNLP", first: 1) { nodes { id } } }`);
    const all = await server().query(`query($v: ID!) { citationGraph(filter: { venueId: $v }) { nodes { paperId inDegree outDegree } } }`, {
      v: venue.data.venues.nodes[0].id,
    });
    const paperIds = all.data.citationGraph.nodes.filter((n: any) => n.inDegree + n.outDegree > 0).map((n: any) => n.paperId as string);
    const r = await server().query(
      `query($ids: [ID!]) { citationGraph(paperIds: $ids, kinds: [CITES, CO_CITATION, COUPLING]) {
        nodes { paperId paper { title } year inDegree outDegree }
        edges { source target kind weight }
        figures { citationCount }
      } }`,
      { ids: paperIds },
    );
    const answer = r.data.citationGraph;
    expect(answer.figures.citationCount).toBeGreaterThan(0);
    const { gexf, graphml } = await readWithNetworkx({ network: 'citationGraph', paperIds: JSON.stringify(paperIds), kinds: '["CITES","CO_CITATION","COUPLING"]' });
    const byKind = (g: NxGraph) => new Map(g.edges.map(([u, v, d]) => [`${d.kind} ${u} ${v}`, d.weight]));
    const edges = new Map(answer.edges.map((e: any) => [`${e.kind} ${e.source} ${e.target}`, e.weight]));
    const nodes = new Map(answer.nodes.map((n: any) => [n.paperId, present({ label: n.paper.title, year: n.year, inDegree: n.inDegree, outDegree: n.outDegree })]));
    for (const g of [gexf, graphml]) {
      expect(g.directed).toBe(true);
      expect(byKind(g)).toEqual(edges);
      expect(g.edges).toHaveLength(answer.edges.length);
      expect(nodesOf(g, ['label', 'year', 'inDegree', 'outDegree'])).toEqual(nodes);
    }
  });
});
