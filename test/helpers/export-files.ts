/**
 * Network exports read back: download every format of one network (GET /export/<format>) and turn each
 * file into the same plain shape, so a test compares them with each other and with the GraphQL answer.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { expect } from 'vitest';

export type Cells = Record<string, unknown>;
/** A network as plain maps, whatever file it came from: nodes by id, edges by kind and their two ends. */
export interface Canonical {
  nodes: Map<string, Cells>;
  edges: Map<string, Cells>;
}

interface Fetches {
  fetch(input: string, init?: RequestInit): Response | Promise<Response>;
}

/** The URL of an export: lists and input objects as JSON, the way a client writes them; the rest as text. */
export const exportUrl = (format: string, params: Record<string, unknown>) =>
  `/export/${format}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString()}`;

export async function downloadExport(server: Fetches, path: string) {
  const response = await server.fetch(`http://test${path}`);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** An edge's key: its kind (citation graphs tell kinds apart) and its ends, in order only when directed. */
export const edgeKey = (source: string, target: string, directed: boolean, kind?: unknown) =>
  `${kind ?? ''} ${directed || source < target ? `${source} ${target}` : `${target} ${source}`}`;

/** Nulls are absent in XML files and empty in CSV: compare without them. */
export const withoutNulls = (cells: Cells) => Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== null && v !== undefined && v !== ''));

export const canonicalWithoutNulls = (c: Canonical): Canonical => ({
  nodes: new Map([...c.nodes].map(([k, v]) => [k, withoutNulls(v)])),
  edges: new Map([...c.edges].map(([k, v]) => [k, withoutNulls(v)])),
});

export function fromGraphology(graph: MultiGraph): Canonical {
  const nodes = new Map<string, Cells>();
  graph.forEachNode((id, attributes) => nodes.set(id, { ...attributes }));
  const edges = new Map<string, Cells>();
  graph.forEachEdge((_key, attributes, source, target) => {
    const key = edgeKey(source, target, graph.type === 'directed', attributes.kind);
    expect(edges.has(key), `edge ${key} written twice`).toBe(false);
    edges.set(key, { ...attributes });
  });
  return { nodes, edges };
}

/** CSV cells are text: typed back by the columns' meaning (the header row names them). */
export function fromCsv(nodesText: string, edgesText: string, directed: boolean, isNumber: (column: string) => boolean): Canonical {
  const typed = (row: Record<string, string>) => withoutNulls(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v !== '' && isNumber(k) ? Number(v) : v])));
  const nodes = new Map<string, Cells>();
  for (const { id, ...rest } of parseCsv(nodesText, { columns: true }) as Record<string, string>[]) nodes.set(id!, typed(rest));
  const edges = new Map<string, Cells>();
  for (const { source, target, ...rest } of parseCsv(edgesText, { columns: true }) as Record<string, string>[]) {
    edges.set(edgeKey(source!, target!, directed, rest.kind), typed(rest));
  }
  return { nodes, edges };
}

/** Download a network in every format, check the declared direction, and read each file back. */
export async function everyFormat(server: Fetches, params: Record<string, unknown>, directed: boolean, isNumber: (column: string) => boolean) {
  const files: Record<string, string> = {};
  for (const [name, path] of Object.entries({
    gexf: exportUrl('gexf', params),
    graphml: exportUrl('graphml', params),
    vosviewer: exportUrl('vosviewer', params),
    nodes: exportUrl('csv', { ...params, table: 'nodes' }),
    edges: exportUrl('csv', { ...params, table: 'edges' }),
  })) {
    const file = await downloadExport(server, path);
    expect(file.status, `${path}: ${file.text.slice(0, 300)}`).toBe(200);
    files[name] = file.text;
  }
  const gexf = parseGexf(MultiGraph, files.gexf!);
  const graphml = parseGraphml(MultiGraph, files.graphml!);
  // The parsers make an edgeless graph 'mixed': the files' own declarations say it then.
  for (const graph of [gexf, graphml]) if (graph.size) expect(graph.type).toBe(directed ? 'directed' : 'undirected');
  expect(files.gexf).toContain(`defaultedgetype="${directed ? 'directed' : 'undirected'}"`);
  expect(files.graphml).toContain(`edgedefault="${directed ? 'directed' : 'undirected'}"`);
  return {
    gexf: fromGraphology(gexf),
    gexfGraph: gexf,
    graphml: fromGraphology(graphml),
    graphmlGraph: graphml,
    csv: fromCsv(files.nodes!, files.edges!, directed, isNumber),
    csvText: { nodes: files.nodes!, edges: files.edges! },
    vosviewer: JSON.parse(files.vosviewer!) as { network: { items: any[]; links: any[] } },
  };
}
