/**
 * The one shape every export format is written from: nodes keyed by a string id with a label and scalar
 * attributes, edges `source`/`target` with a numeric weight and scalar attributes, and a few scalars about
 * the whole network. Flat on purpose: GraphML readers (NetworkX's among them) refuse nested values, CSV has
 * only cells, and VOSviewer only numbers.
 */

/** The types a cell can have, named as GraphML names them (`int` fits every count here). */
export type AttributeType = 'int' | 'double' | 'string' | 'boolean';

export type AttributeValue = number | string | boolean | null;

export interface AttributeSpec {
  /** The column, GraphML key or GEXF attribute name: a plain identifier. */
  name: string;
  type: AttributeType;
  /** What the value means, written into the README and the file formats that carry descriptions. */
  description: string;
  /**
   * How VOSviewer shows it: `weight` (a non-negative size, e.g. papers), `score` (a number to colour by),
   * or left out of the VOSviewer file (strings and booleans always are).
   */
  vosviewer?: 'weight' | 'score';
}

export interface FlatNode {
  id: string;
  label: string;
  attributes: Record<string, AttributeValue>;
  /** VOSviewer's cluster (1–1000) when the network has a natural grouping; other formats carry it as an attribute. */
  cluster?: number;
}

export interface FlatEdge {
  source: string;
  target: string;
  weight: number;
  attributes: Record<string, AttributeValue>;
}

export interface FlatNetwork {
  /** The GraphQL field it came from: names the file and the graph. */
  name: string;
  directed: boolean;
  /** The network's own scalars (a network's `truncated`, a path's `distance`): GEXF and GraphML carry them. */
  graphAttributes: AttributeSpec[];
  nodeAttributes: AttributeSpec[];
  edgeAttributes: AttributeSpec[];
  /** The weight's type and meaning (an int for counts). */
  weight: Omit<AttributeSpec, 'name' | 'vosviewer'>;
  graph: Record<string, AttributeValue>;
  nodes: FlatNode[];
  edges: FlatEdge[];
}

/** Names every format uses for its own columns: an attribute may not take them. */
export const RESERVED_ATTRIBUTE_NAMES = new Set(['id', 'label', 'source', 'target', 'weight', 'cluster']);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Refuse, at registration, attribute lists a format could not write unambiguously. */
export function checkAttributeSpecs(where: string, specs: readonly AttributeSpec[]): void {
  const seen = new Set<string>();
  for (const spec of specs) {
    if (!IDENTIFIER.test(spec.name)) throw new Error(`${where}: attribute name "${spec.name}" is not a plain identifier`);
    if (RESERVED_ATTRIBUTE_NAMES.has(spec.name)) throw new Error(`${where}: attribute name "${spec.name}" is reserved`);
    if (seen.has(spec.name)) throw new Error(`${where}: attribute "${spec.name}" is declared twice`);
    if (spec.vosviewer && spec.type !== 'int' && spec.type !== 'double') throw new Error(`${where}: VOSviewer takes only numbers ("${spec.name}")`);
    seen.add(spec.name);
  }
}
