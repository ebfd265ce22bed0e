/**
 * GraphML (http://graphml.graphdrawing.org/), written here: graphology-graphml only parses. Every attribute
 * is declared once as a typed `<key>` (graph, node or edge), values are flat scalars, and a null value is
 * left out, as GraphML means it; NetworkX's `read_graphml`, yEd, Gephi and igraph read the result.
 */
import type { AttributeSpec, AttributeValue, FlatNetwork } from '../flat-network.js';
import { xmlEscape } from '../xml-text.js';

type Domain = 'graph' | 'node' | 'edge';

const keyId = (domain: Domain, name: string) => `${domain[0]}_${name}`;

function keyLine(domain: Domain, spec: Pick<AttributeSpec, 'name' | 'type' | 'description'>): string {
  return (
    `  <key id="${keyId(domain, spec.name)}" for="${domain}" attr.name="${spec.name}" attr.type="${spec.type}">` +
    `<desc>${xmlEscape(spec.description)}</desc></key>`
  );
}

function cell(value: AttributeValue): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return xmlEscape(String(value));
}

function dataLines(out: string[], indent: string, domain: Domain, specs: readonly AttributeSpec[], values: Record<string, AttributeValue>): void {
  for (const spec of specs) {
    const value = values[spec.name];
    if (value === null || value === undefined) continue;
    out.push(`${indent}<data key="${keyId(domain, spec.name)}">${cell(value)}</data>`);
  }
}

export function writeGraphml(network: FlatNetwork): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const spec of network.graphAttributes) out.push(keyLine('graph', spec));
  out.push(keyLine('node', { name: 'label', type: 'string', description: 'What to call the node.' }));
  for (const spec of network.nodeAttributes) out.push(keyLine('node', spec));
  out.push(keyLine('edge', { name: 'weight', ...network.weight }));
  for (const spec of network.edgeAttributes) out.push(keyLine('edge', spec));
  out.push(`  <graph id="${xmlEscape(network.name)}" edgedefault="${network.directed ? 'directed' : 'undirected'}">`);
  dataLines(out, '    ', 'graph', network.graphAttributes, network.graph);
  for (const node of network.nodes) {
    out.push(`    <node id="${xmlEscape(node.id)}">`);
    out.push(`      <data key="${keyId('node', 'label')}">${xmlEscape(node.label)}</data>`);
    dataLines(out, '      ', 'node', network.nodeAttributes, node.attributes);
    out.push('    </node>');
  }
  network.edges.forEach((edge, i) => {
    out.push(`    <edge id="e${i}" source="${xmlEscape(edge.source)}" target="${xmlEscape(edge.target)}">`);
    out.push(`      <data key="${keyId('edge', 'weight')}">${cell(edge.weight)}</data>`);
    dataLines(out, '      ', 'edge', network.edgeAttributes, edge.attributes);
    out.push('    </edge>');
  });
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
