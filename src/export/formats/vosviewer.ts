/**
 * VOSviewer's JSON map format (https://app.vosviewer.com/docs/file-types/json-file-type/):
 * `{ network: { items: [{ id, label, cluster?, weights, scores }], links: [{ source_id, target_id, strength }] } }`.
 * Weights are the non-negative numbers VOSviewer sizes items by, scores the numbers it colours them by
 * (each network's registration says which attribute is which); strings and booleans have no place in it.
 * VOSviewer draws links without direction.
 */
import type { AttributeSpec, FlatNetwork } from '../flat-network.js';

interface VosItem {
  id: string;
  label: string;
  cluster?: number;
  weights: Record<string, number>;
  scores: Record<string, number>;
}

function numbers(specs: readonly AttributeSpec[], values: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const spec of specs) {
    const value = values[spec.name];
    if (typeof value === 'number' && Number.isFinite(value)) out[spec.name] = value;
  }
  return out;
}

export function writeVosviewer(network: FlatNetwork): string {
  const weights = network.nodeAttributes.filter((s) => s.vosviewer === 'weight');
  const scores = network.nodeAttributes.filter((s) => s.vosviewer === 'score');
  const items = network.nodes.map((node): VosItem => {
    const item: VosItem = { id: node.id, label: node.label, weights: numbers(weights, node.attributes), scores: numbers(scores, node.attributes) };
    // VOSviewer's clusters are 1 to 1000; outside that it refuses the file.
    if (node.cluster !== undefined && Number.isInteger(node.cluster) && node.cluster >= 1 && node.cluster <= 1000) item.cluster = node.cluster;
    return item;
  });
  const links = network.edges.map((e) => ({ source_id: e.source, target_id: e.target, strength: e.weight }));
  return JSON.stringify({ network: { items, links } });
}
