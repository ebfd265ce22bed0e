/**
 * The network as two CSV tables (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or
 * line break, quotes doubled), one per request: `nodes` (`id,label,` then the node attributes) or `edges`
 * (`source,target,weight,` then the edge attributes), each with a header row. Empty cells are nulls;
 * booleans are `true`/`false`. Written by csv-stringify.
 */
import { stringify } from 'csv-stringify/sync';
import type { AttributeValue, FlatNetwork } from '../flat-network.js';

export const CSV_TABLES = ['nodes', 'edges'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

function write(columns: string[], rows: AttributeValue[][]): string {
  return stringify(rows, {
    header: true,
    columns,
    record_delimiter: 'windows',
    // csv-stringify writes true as "1" and false as "" by default.
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
}

export function writeCsv(network: FlatNetwork, table: CsvTable): string {
  if (table === 'nodes') {
    const names = network.nodeAttributes.map((s) => s.name);
    return write(['id', 'label', ...names], network.nodes.map((n) => [n.id, n.label, ...names.map((name) => n.attributes[name] ?? null)]));
  }
  const names = network.edgeAttributes.map((s) => s.name);
  return write(['source', 'target', 'weight', ...names], network.edges.map((e) => [e.source, e.target, e.weight, ...names.map((name) => e.attributes[name] ?? null)]));
}
