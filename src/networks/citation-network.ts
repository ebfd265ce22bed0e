/**
 * The citation network among a set of papers, from the in-memory paper facts: direct citations inside
 * the set (citing → cited), and on request the two classic similarity weights between papers of the set:
 * co-citation (how many papers, anywhere, cite both) and bibliographic coupling (how many references both
 * share). Both are counted through buckets (for each citing paper, the set's papers it cites; for each
 * cited paper, the set's papers citing it), so the work is the set's citations plus the pairs produced.
 */
import { csrFrom, PaperFacts, type Csr } from '../metrics/paper-facts.js';
import type { WeightedEdge } from './graph-figures.js';

export type CitationEdgeKind = 'CITES' | 'CO_CITATION' | 'COUPLING';

export interface CitationNetwork {
  /** Direct citations between nodes: `a` cites `b`. */
  cites: { a: number; b: number }[];
  /** Undirected similarity edges (a < b) with at least `minWeight`; empty unless asked for. */
  coCitation: WeightedEdge[];
  coupling: WeightedEdge[];
  inDegree: Int32Array;
  outDegree: Int32Array;
}

/** By paper index, the indices of the papers it cites: the citer lists turned round, built once per facts. */
const referenceLists = new WeakMap<PaperFacts, Csr>();

export function referencesOf(facts: PaperFacts): Csr {
  let refs = referenceLists.get(facts);
  if (!refs) {
    const { offsets, items } = facts.citersOfPaper;
    const cited = new Int32Array(items.length);
    for (let p = 0; p + 1 < offsets.length; p++) cited.fill(p, offsets[p]!, offsets[p + 1]!);
    refs = csrFrom(items, cited, facts.paperCount);
    referenceLists.set(facts, refs);
  }
  return refs;
}

/** Pairs of nodes sharing a bucket, counted over all buckets; kept with at least `minWeight`. */
function pairWeights(buckets: Map<number, number[]>, nodeCount: number, minWeight: number): WeightedEdge[] {
  const weights = new Map<number, number>();
  for (const nodes of buckets.values()) {
    if (nodes.length < 2) continue;
    nodes.sort((x, y) => x - y);
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const key = nodes[i]! * nodeCount + nodes[j]!;
        weights.set(key, (weights.get(key) ?? 0) + 1);
      }
    }
  }
  const edges: WeightedEdge[] = [];
  for (const key of [...weights.keys()].sort((x, y) => x - y)) {
    const weight = weights.get(key)!;
    if (weight >= minWeight) edges.push({ a: Math.floor(key / nodeCount), b: key % nodeCount, weight });
  }
  return edges;
}

/** `papers` are the nodes as dense paper indices (distinct), in node order. */
export function citationNetwork(
  facts: PaperFacts,
  papers: readonly number[],
  options: { kinds: ReadonlySet<CitationEdgeKind>; minWeight: number },
): CitationNetwork {
  const n = papers.length;
  const nodeOf = new Map<number, number>();
  papers.forEach((p, i) => nodeOf.set(p, i));
  const inDegree = new Int32Array(n);
  const outDegree = new Int32Array(n);
  const cites: { a: number; b: number }[] = [];
  const citersInSet: Map<number, number[]> = new Map();
  for (let i = 0; i < n; i++) {
    for (const citer of PaperFacts.slice(facts.citersOfPaper, papers[i]!)) {
      const j = nodeOf.get(citer);
      if (j !== undefined) {
        cites.push({ a: j, b: i });
        outDegree[j]! += 1;
        inDegree[i]! += 1;
      }
      if (options.kinds.has('CO_CITATION')) {
        const bucket = citersInSet.get(citer);
        if (bucket) bucket.push(i);
        else citersInSet.set(citer, [i]);
      }
    }
  }
  cites.sort((x, y) => x.a - y.a || x.b - y.b);
  const coCitation = options.kinds.has('CO_CITATION') ? pairWeights(citersInSet, n, options.minWeight) : [];
  let coupling: WeightedEdge[] = [];
  if (options.kinds.has('COUPLING')) {
    const refs = referencesOf(facts);
    const citedBySet = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      for (const cited of PaperFacts.slice(refs, papers[i]!)) {
        const bucket = citedBySet.get(cited);
        if (bucket) bucket.push(i);
        else citedBySet.set(cited, [i]);
      }
    }
    coupling = pairWeights(citedBySet, n, options.minWeight);
  }
  return { cites: options.kinds.has('CITES') ? cites : [], coCitation, coupling, inDegree, outDegree };
}
