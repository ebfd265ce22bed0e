/**
 * The GraphQL answer of `coauthorNetwork` turned into the graph the page draws: a graphology graph whose
 * node and edge attributes are what sigma reads (size, color, label, position). Pure, so it is unit-tested
 * without a browser (test/explore-network-model.test.ts).
 *
 * The API has no year filter on `coauthorNetwork`, so the page filters by years here, from what each tie
 * carries (`firstYear`, `lastYear`): a tie is kept when its span of shared papers overlaps the chosen
 * years, and an author is kept when kept ties still connect them to the center.
 */
import { UndirectedGraph } from 'graphology';
import type { ExploreNetworkQuery } from './generated/operations.js';

export type CoauthorNetwork = ExploreNetworkQuery['coauthorNetwork'];
export type ColorBy = 'distance' | 'topic';

export interface NodeAttributes {
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  distance: number;
  paperCount: number;
  /** The author's main topic (most papers), null when none of their papers has one. */
  topic: string | null;
  /** Papers shared with the center; 0 for the center and for authors not tied to it directly. */
  sharedWithCenter: number;
}

export interface EdgeAttributes {
  size: number;
  color: string;
  paperCount: number;
  firstYear: number | null;
  lastYear: number | null;
}

export type NetworkGraph = UndirectedGraph<NodeAttributes, EdgeAttributes>;

export interface YearRange {
  from: number | null;
  to: number | null;
}

export interface NetworkModel {
  graph: NetworkGraph;
  centerId: string;
  centerName: string;
  /** The server kept only the strongest ties nearest the center (the answer's `truncated`). */
  truncated: boolean;
  /** Authors in the server's answer, before the page's year filter. */
  answeredNodeCount: number;
  /** Authors the year filter hid. */
  hiddenByYears: number;
  /** Colour of each main topic when colouring by topic, most frequent first. */
  topicLegend: { topic: string; color: string }[];
}

/** Colours of the center and of each distance (1, 2, 3 hops); readable on white and apart for most eyes. */
export const DISTANCE_COLORS = ['#d62728', '#1f77b4', '#2ca02c', '#ff7f0e'] as const;
/** Colours of the most frequent main topics; further topics and authors without one are grey. */
export const TOPIC_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22'] as const;
export const OTHER_COLOR = '#9a9a9a';
export const EDGE_COLOR = '#c4c9d4';

/** Node radius in pixels: grows with the square root of the paper count, so area tracks papers. */
export function nodeSize(paperCount: number): number {
  return Math.min(28, 3 + 2.2 * Math.sqrt(Math.max(0, paperCount)));
}

/** Edge width in pixels: one shared paper is a hairline, many are thick, without dwarfing the nodes. */
export function edgeSize(sharedPapers: number): number {
  return Math.min(8, 0.6 + 1.4 * Math.log2(Math.max(1, sharedPapers)));
}

export function distanceColor(distance: number): string {
  return DISTANCE_COLORS[Math.min(distance, DISTANCE_COLORS.length - 1)]!;
}

/** A tie counts in `years` when its shared papers span overlaps them; ties without years count only with no filter. */
export function tieInYears(edge: { firstYear: number | null; lastYear: number | null }, years: YearRange): boolean {
  if (years.from === null && years.to === null) return true;
  if (edge.firstYear === null || edge.lastYear === null) return false;
  return (years.from === null || edge.lastYear >= years.from) && (years.to === null || edge.firstYear <= years.to);
}

/** Ids of the nodes still connected to the center through the given edges (breadth-first). */
function reachableFromCenter(centerId: string, edges: readonly { source: string; target: string }[]): Set<string> {
  const neighbours = new Map<string, string[]>();
  for (const { source, target } of edges) {
    neighbours.set(source, [...(neighbours.get(source) ?? []), target]);
    neighbours.set(target, [...(neighbours.get(target) ?? []), source]);
  }
  const seen = new Set([centerId]);
  const queue = [centerId];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const other of neighbours.get(next) ?? []) {
      if (!seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    }
  }
  return seen;
}

/**
 * Start positions: rings around the center, one per distance, so the first frame is already an ego
 * network; the force layout then only refines it.
 */
function ringPositions(nodes: readonly { authorId: string; distance: number }[]): Map<string, { x: number; y: number }> {
  const byDistance = new Map<number, string[]>();
  for (const { authorId, distance } of nodes) byDistance.set(distance, [...(byDistance.get(distance) ?? []), authorId]);
  const positions = new Map<string, { x: number; y: number }>();
  for (const [distance, ids] of byDistance) {
    const radius = distance * 100;
    ids.forEach((id, i) => {
      // Offset each ring a little so spokes of consecutive rings do not line up.
      const angle = (2 * Math.PI * i) / ids.length + distance * 0.37;
      positions.set(id, { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    });
  }
  return positions;
}

function topicColors(mainTopics: (string | null)[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const topic of mainTopics) if (topic !== null) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return new Map(ranked.slice(0, TOPIC_COLORS.length).map(([topic], i) => [topic, TOPIC_COLORS[i]!]));
}

export interface ModelOptions {
  colorBy: ColorBy;
  years: YearRange;
  /** Each author's main topic (null: none), by author id; authors missing from it count as without one. */
  mainTopics?: ReadonlyMap<string, string | null>;
}

export function buildNetworkModel(network: CoauthorNetwork, options: ModelOptions): NetworkModel {
  const centerId = network.center.id;
  const edges = network.edges.filter((edge) => tieInYears(edge, options.years));
  const kept = reachableFromCenter(centerId, edges);
  const nodes = network.nodes.filter((node) => kept.has(node.authorId));
  const mainTopic = (node: CoauthorNetwork['nodes'][number]) => options.mainTopics?.get(node.authorId) ?? null;
  const colorsOfTopics = topicColors(nodes.map(mainTopic));
  const positions = ringPositions(nodes);
  const sharedWithCenter = new Map<string, number>();
  for (const edge of edges) {
    if (edge.source === centerId) sharedWithCenter.set(edge.target, edge.paperCount);
    if (edge.target === centerId) sharedWithCenter.set(edge.source, edge.paperCount);
  }

  const graph: NetworkGraph = new UndirectedGraph({ allowSelfLoops: false });
  for (const node of nodes) {
    const topic = mainTopic(node);
    graph.addNode(node.authorId, {
      label: node.author.name,
      ...positions.get(node.authorId)!,
      size: nodeSize(node.author.paperCount),
      color: options.colorBy === 'distance' ? distanceColor(node.distance) : ((topic && colorsOfTopics.get(topic)) ?? OTHER_COLOR),
      distance: node.distance,
      paperCount: node.author.paperCount,
      topic,
      sharedWithCenter: sharedWithCenter.get(node.authorId) ?? 0,
    });
  }
  for (const edge of edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target) || graph.hasEdge(edge.source, edge.target)) continue;
    graph.addEdge(edge.source, edge.target, {
      size: edgeSize(edge.paperCount),
      color: EDGE_COLOR,
      paperCount: edge.paperCount,
      firstYear: edge.firstYear,
      lastYear: edge.lastYear,
    });
  }
  return {
    graph,
    centerId,
    centerName: network.center.name,
    truncated: network.truncated,
    answeredNodeCount: network.nodes.length,
    hiddenByYears: network.nodes.length - nodes.length,
    topicLegend: options.colorBy === 'topic' ? [...colorsOfTopics].map(([topic, color]) => ({ topic, color })) : [],
  };
}
