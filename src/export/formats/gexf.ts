/**
 * GEXF 1.2 (Gephi's format; https://gexf.net), written by graphology-gexf from a graphology graph. 1.2
 * rather than 1.3 because NetworkX's `read_gexf` reads 1.1 and 1.2 only. Attribute types are inferred by
 * the writer from the values (a count is `integer`), null values are left out, and the network's own
 * scalars go into the `<meta>` description, the one place GEXF has for them.
 */
import { MultiDirectedGraph, MultiUndirectedGraph } from 'graphology';
import { write } from 'graphology-gexf';
import type { AttributeValue, FlatNetwork } from '../flat-network.js';
import { xmlCharacters } from '../xml-text.js';

/** Strings only as XML can hold them (graphology-gexf escapes markup but not control characters). */
function xmlSafe(values: Record<string, AttributeValue>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined) out[name] = typeof value === 'string' ? xmlCharacters(value) : value;
  }
  return out;
}

/** "center: QXV0aG9yOjE=; truncated: false": the graph scalars as one line a person reads in Gephi. */
export function graphDescription(network: FlatNetwork): string {
  const parts = network.graphAttributes.map((spec) => `${spec.name}: ${network.graph[spec.name] ?? ''}`);
  return xmlCharacters(`${network.name} (${parts.join('; ')})`);
}

export function writeGexf(network: FlatNetwork): string {
  // Multi: a citation graph may hold a citation and a similarity edge between the same two papers.
  const graph = network.directed ? new MultiDirectedGraph() : new MultiUndirectedGraph();
  graph.setAttribute('creator', 'scholargraph');
  graph.setAttribute('description', graphDescription(network));
  for (const node of network.nodes) {
    graph.addNode(xmlCharacters(node.id), { label: xmlCharacters(node.label), attributes: xmlSafe(node.attributes) });
  }
  network.edges.forEach((edge, i) => {
    graph.addEdgeWithKey(String(i), xmlCharacters(edge.source), xmlCharacters(edge.target), { weight: edge.weight, attributes: xmlSafe(edge.attributes) });
  });
  return write(graph, {
    version: '1.2',
    // Only GEXF's own meta elements (creator, description), so the file validates against the 1.2 schema.
    pedantic: true,
    formatNode: (_key, a) => ({ label: a.label, attributes: a.attributes }),
    formatEdge: (_key, a) => ({ weight: a.weight, attributes: a.attributes }),
  });
}
