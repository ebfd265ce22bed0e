/**
 * The format writers on a network made to be hard to write: markup, quotes, commas, line breaks, tabs,
 * characters XML cannot hold, non-BMP characters, nulls, booleans and fractions. Each file is read back
 * with its format's parser and compared with what went in.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import { checkAttributeSpecs, type FlatNetwork } from '../src/export/flat-network.js';
import { writeCsv } from '../src/export/formats/csv.js';
import { writeGexf } from '../src/export/formats/gexf.js';
import { writeGraphml } from '../src/export/formats/graphml.js';
import { writeVosviewer } from '../src/export/formats/vosviewer.js';
import { xmlCharacters, xmlEscape } from '../src/export/xml-text.js';

const hostile = ['a & b <c> "d" \'e\'', 'comma, and "quotes"', 'two\nlines\r\nand\ttab', 'bell\u0007 and nul-free \u001f', 'Zoë 🧪 Ünïcødé', ' padded ', '=1+2'];

function network(directed: boolean): FlatNetwork {
  const ids = hostile.map((h, i) => `${h}#${i}`);
  return {
    name: 'testNetwork',
    directed,
    graphAttributes: [
      { name: 'note', type: 'string', description: 'A <note> & "more"' },
      { name: 'complete', type: 'boolean', description: 'Flag.' },
    ],
    nodeAttributes: [
      { name: 'count', type: 'int', description: 'A count.', vosviewer: 'weight' },
      { name: 'ratio', type: 'double', description: 'A fraction.', vosviewer: 'score' },
      { name: 'text', type: 'string', description: 'Text or nothing.' },
      { name: 'flag', type: 'boolean', description: 'Yes or no.' },
    ],
    edgeAttributes: [
      { name: 'year', type: 'int', description: 'A year or nothing.' },
      { name: 'title', type: 'string', description: 'A title.' },
    ],
    weight: { type: 'double', description: 'Strength.' },
    graph: { note: hostile[0]!, complete: false },
    nodes: ids.map((id, i) => ({
      id,
      label: hostile[(i + 1) % hostile.length]!,
      cluster: i === 0 ? 1001 : i + 1,
      attributes: { count: i * 3, ratio: i + 0.25, text: i % 2 ? hostile[i]! : null, flag: i % 3 === 0 },
    })),
    edges: ids.slice(1).map((id, i) => ({
      source: ids[i]!,
      target: id,
      weight: i + 0.5,
      attributes: { year: i % 2 ? null : 2000 + i, title: hostile[i]! },
    })),
  };
}

/** What an XML file can say: the same text, with the characters XML 1.0 cannot hold as U+FFFD. */
const inXml = (value: unknown) => (typeof value === 'string' ? xmlCharacters(value) : value);
const present = (cells: Record<string, unknown>) => Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== null));

function expectSameGraph(graph: MultiGraph, net: FlatNetwork) {
  expect(graph.order).toBe(net.nodes.length);
  for (const node of net.nodes) {
    const id = inXml(node.id) as string;
    expect(graph.getNodeAttributes(id)).toEqual({ label: inXml(node.label), ...present(Object.fromEntries(Object.entries(node.attributes).map(([k, v]) => [k, inXml(v)]))) });
  }
  const edges = graph.mapEdges((_e, attributes, source, target) => ({ source, target, ...attributes }));
  expect(edges).toEqual(
    net.edges.map((e) => ({
      source: inXml(e.source),
      target: inXml(e.target),
      weight: e.weight,
      ...present(Object.fromEntries(Object.entries(e.attributes).map(([k, v]) => [k, inXml(v)]))),
    })),
  );
}

describe('export writers', () => {
  for (const directed of [false, true]) {
    it(`GraphML (${directed ? 'directed' : 'undirected'}) reads back with typed values, escaped text and the graph's scalars`, () => {
      const net = network(directed);
      const text = writeGraphml(net);
      const graph = parseGraphml(MultiGraph, text);
      expect(graph.type).toBe(directed ? 'directed' : 'undirected');
      expectSameGraph(graph, net);
      expect(graph.getAttributes()).toEqual({ id: 'testNetwork', note: hostile[0], complete: false });
      // One typed key per attribute, none for values never written.
      expect(text).toContain('<key id="n_ratio" for="node" attr.name="ratio" attr.type="double">');
      expect(text).toContain('<key id="e_weight" for="edge" attr.name="weight" attr.type="double">');
      expect(text).toContain('<key id="g_complete" for="graph" attr.name="complete" attr.type="boolean">');
      expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    });

    it(`GEXF (${directed ? 'directed' : 'undirected'}) reads back with the same nodes, edges, weights and attributes`, () => {
      const net = network(directed);
      const text = writeGexf(net);
      const graph = parseGexf(MultiGraph, text);
      expect(graph.type).toBe(directed ? 'directed' : 'undirected');
      expectSameGraph(graph, net);
      expect(text).toContain('<attribute id="ratio" title="ratio" type="double"/>');
      expect(text).toContain('<creator>scholargraph</creator>');
      expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    });
  }

  it('CSV tables follow RFC 4180 and read back cell for cell (nulls empty, booleans as words)', () => {
    const net = network(false);
    const nodes = writeCsv(net, 'nodes');
    const edges = writeCsv(net, 'edges');
    const nodeRows = parseCsv(nodes, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(nodeRows).toEqual(
      net.nodes.map((n) => ({
        id: n.id,
        label: n.label,
        count: String(n.attributes.count),
        ratio: String(n.attributes.ratio),
        text: n.attributes.text ?? '',
        flag: n.attributes.flag ? 'true' : 'false',
      })),
    );
    const edgeRows = parseCsv(edges, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(edgeRows).toEqual(
      net.edges.map((e) => ({ source: e.source, target: e.target, weight: String(e.weight), year: e.attributes.year === null ? '' : String(e.attributes.year), title: e.attributes.title })),
    );
    // Quoted only where needed, quotes doubled.
    expect(nodes.split('\r\n')[0]).toBe('id,label,count,ratio,text,flag');
    expect(edges).toContain('"comma, and ""quotes""#1"');
  });

  it('VOSviewer items carry numbers only, clusters only within 1–1000, links with strengths', () => {
    const net = network(true);
    const file = JSON.parse(writeVosviewer(net));
    expect(Object.keys(file)).toEqual(['network']);
    expect(file.network.items).toEqual(
      net.nodes.map((n, i) => ({
        id: n.id,
        label: n.label,
        ...(i === 0 ? {} : { cluster: i + 1 }),
        weights: { count: n.attributes.count },
        scores: { ratio: n.attributes.ratio },
      })),
    );
    expect(file.network.links).toEqual(net.edges.map((e) => ({ source_id: e.source, target_id: e.target, strength: e.weight })));
  });

  it('XML text: markup escaped, line breaks kept as references, impossible characters replaced', () => {
    expect(xmlEscape(`<a href="x">&'\n\t\r`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#10;&#9;&#13;');
    expect(xmlCharacters('a\u0000b\u0008c\u000Bd\uFFFEe\uD800f🧪\uDC00')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf🧪\uFFFD');
    expect(xmlCharacters('tab\tnewline\ncr\r')).toBe('tab\tnewline\ncr\r');
  });

  it('refuses attribute declarations a format could not write', () => {
    const spec = { type: 'int', description: 'x' } as const;
    expect(() => checkAttributeSpecs('t', [{ name: 'weight', ...spec }])).toThrow(/reserved/);
    expect(() => checkAttributeSpecs('t', [{ name: 'a b', ...spec }])).toThrow(/identifier/);
    expect(() => checkAttributeSpecs('t', [{ name: 'a', ...spec }, { name: 'a', ...spec }])).toThrow(/twice/);
    expect(() => checkAttributeSpecs('t', [{ name: 'a', type: 'string', description: 'x', vosviewer: 'weight' }])).toThrow(/numbers/);
  });
});
