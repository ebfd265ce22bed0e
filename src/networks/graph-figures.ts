/**
 * Structural figures of an undirected graph given as an edge list over nodes 0..n-1: degrees, connected
 * components (numbered largest first), density, isolated share, mean edge weight. Pure; used by the
 * collaboration and citation networks alike (a citation network's components are its weak ones).
 */

/** One undirected edge between node indices, with its weight (shared papers, co-citations…). */
export interface WeightedEdge {
  a: number;
  b: number;
  weight: number;
}

export interface GraphFigures {
  degree: Int32Array;
  weightedDegree: Float64Array;
  /** Component of each node: 0 is the largest, ties broken by the lowest node index they hold. */
  component: Int32Array;
  componentSizes: number[];
  /** Edges over possible pairs, n(n-1)/2; 0 below two nodes. */
  density: number;
  /** Share of nodes without any edge; 0 for an empty graph. */
  isolatedShare: number;
  /** Mean weight per edge; null without edges. */
  meanWeight: number | null;
}

/** Union-find root with path halving. */
function root(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]!]!;
    x = parent[x]!;
  }
  return x;
}

/** Connected components, numbered by size (largest first), then by their lowest node index. */
export function connectedComponents(nodeCount: number, edges: readonly { a: number; b: number }[]): { component: Int32Array; sizes: number[] } {
  const parent = Int32Array.from({ length: nodeCount }, (_, i) => i);
  for (const { a, b } of edges) {
    const ra = root(parent, a);
    const rb = root(parent, b);
    // The lower index becomes the root, so a component's root is its lowest node.
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const size = new Int32Array(nodeCount);
  const rootOf = new Int32Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) {
    rootOf[i] = root(parent, i);
    size[rootOf[i]!]! += 1;
  }
  const roots: number[] = [];
  for (let i = 0; i < nodeCount; i++) if (rootOf[i] === i) roots.push(i);
  roots.sort((x, y) => size[y]! - size[x]! || x - y);
  const numberOf = new Int32Array(nodeCount);
  roots.forEach((r, k) => (numberOf[r] = k));
  const component = rootOf.map((r) => numberOf[r]!);
  return { component, sizes: roots.map((r) => size[r]!) };
}

export function graphFigures(nodeCount: number, edges: readonly WeightedEdge[]): GraphFigures {
  const degree = new Int32Array(nodeCount);
  const weightedDegree = new Float64Array(nodeCount);
  let totalWeight = 0;
  for (const { a, b, weight } of edges) {
    degree[a]! += 1;
    degree[b]! += 1;
    weightedDegree[a]! += weight;
    weightedDegree[b]! += weight;
    totalWeight += weight;
  }
  const { component, sizes } = connectedComponents(nodeCount, edges);
  let isolated = 0;
  for (let i = 0; i < nodeCount; i++) if (degree[i] === 0) isolated += 1;
  const pairs = (nodeCount * (nodeCount - 1)) / 2;
  return {
    degree,
    weightedDegree,
    component,
    componentSizes: sizes,
    density: pairs > 0 ? edges.length / pairs : 0,
    isolatedShare: nodeCount > 0 ? isolated / nodeCount : 0,
    meanWeight: edges.length > 0 ? totalWeight / edges.length : null,
  };
}

/**
 * Edges between the same two nodes (a citation each way, a citation and a co-citation…) as one undirected
 * edge, weights summed: the simple graph community detection takes.
 */
export function mergeParallelEdges(edges: readonly WeightedEdge[]): WeightedEdge[] {
  const merged = new Map<string, WeightedEdge>();
  for (const e of edges) {
    const a = Math.min(e.a, e.b);
    const b = Math.max(e.a, e.b);
    const key = `${a}:${b}`;
    const edge = merged.get(key);
    if (edge) edge.weight += e.weight;
    else merged.set(key, { a, b, weight: e.weight });
  }
  return [...merged.values()];
}
