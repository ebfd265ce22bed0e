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
  if (hasNetworkx) await loadDemoData(s.database.handle.db, { profileYear: 2026, dataset: 'profile' });
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
});
