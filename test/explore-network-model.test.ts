/**
 * The explorer's data mapping, as plain functions: a `coauthorNetwork` answer becomes the graph the page
 * draws (sizes by papers, widths by shared papers, colours by distance or main topic, the truncation flag,
 * the page's year filter, an empty network), and the URL state round-trips.
 */
import { describe, expect, it } from 'vitest';
import {
  buildNetworkModel,
  DISTANCE_COLORS,
  edgeSize,
  nodeSize,
  OTHER_COLOR,
  TOPIC_COLORS,
  type CoauthorNetwork,
} from '../src/explore/client/network-model.js';
import { DEFAULT_STATE, formatState, nextLimit, parseState } from '../src/explore/client/url-state.js';

const node = (authorId: string, distance: number, paperCount: number): CoauthorNetwork['nodes'][number] => ({
  authorId,
  distance,
  author: { name: `Author ${authorId}`, paperCount },
});
const edge = (source: string, target: string, paperCount: number, firstYear: number | null = 2020, lastYear: number | null = 2020) => ({
  source,
  target,
  paperCount,
  firstYear,
  lastYear,
});

/** Center C with coauthors A (3 shared papers, 2010–2012) and B (1, 2021), and D behind A (2 papers, 2015). */
const network: CoauthorNetwork = {
  truncated: false,
  center: { id: 'C', name: 'Center Person' },
  nodes: [node('C', 0, 40), node('A', 1, 9), node('B', 1, 1), node('D', 2, 4)],
  edges: [edge('C', 'A', 3, 2010, 2012), edge('B', 'C', 1, 2021, 2021), edge('A', 'D', 2, 2015, 2015)],
};
const all = { from: null, to: null };
/** Main topics as the page fetches them apart (ExploreMainTopics): D has none. */
const mainTopics = new Map([
  ['C', 'NLP'],
  ['A', 'NLP'],
  ['B', 'Vision'],
  ['D', null],
]);

describe('coauthorNetwork answer → graph model', () => {
  it('has one node per answered author and one edge per tie, with sizes by papers and widths by shared papers', () => {
    const model = buildNetworkModel(network, { colorBy: 'distance', years: all });
    expect(model.graph.order).toBe(4);
    expect(model.graph.size).toBe(3);
    expect(model.centerId).toBe('C');
    expect(model.centerName).toBe('Center Person');
    expect(model.truncated).toBe(false);
    expect(model.answeredNodeCount).toBe(4);
    expect(model.hiddenByYears).toBe(0);
    const size = (id: string) => model.graph.getNodeAttribute(id, 'size');
    expect(size('C')).toBe(nodeSize(40));
    expect(size('C')).toBeGreaterThan(size('A'));
    expect(size('A')).toBeGreaterThan(size('D'));
    expect(size('D')).toBeGreaterThan(size('B'));
    const width = (a: string, b: string) => model.graph.getEdgeAttributes(model.graph.edge(a, b)!).size;
    expect(width('A', 'C')).toBe(edgeSize(3));
    expect(width('C', 'A')).toBeGreaterThan(width('A', 'D'));
    expect(width('A', 'D')).toBeGreaterThan(width('B', 'C'));
    expect(model.graph.getNodeAttributes('A')).toMatchObject({ label: 'Author A', paperCount: 9, sharedWithCenter: 3, distance: 1 });
    expect(model.graph.getNodeAttribute('D', 'sharedWithCenter')).toBe(0);
  });

  it('colours by distance from the center', () => {
    const { graph } = buildNetworkModel(network, { colorBy: 'distance', years: all });
    expect(['C', 'A', 'B', 'D'].map((id) => graph.getNodeAttribute(id, 'color'))).toEqual([
      DISTANCE_COLORS[0],
      DISTANCE_COLORS[1],
      DISTANCE_COLORS[1],
      DISTANCE_COLORS[2],
    ]);
  });

  it('colours by main topic, most frequent topic first, grey without one, with a legend', () => {
    const model = buildNetworkModel(network, { colorBy: 'topic', years: all, mainTopics });
    const color = (id: string) => model.graph.getNodeAttribute(id, 'color');
    expect(color('C')).toBe(TOPIC_COLORS[0]);
    expect(color('A')).toBe(TOPIC_COLORS[0]);
    expect(color('B')).toBe(TOPIC_COLORS[1]);
    expect(color('D')).toBe(OTHER_COLOR);
    expect(model.topicLegend).toEqual([
      { topic: 'NLP', color: TOPIC_COLORS[0] },
      { topic: 'Vision', color: TOPIC_COLORS[1] },
    ]);
    expect(model.graph.getNodeAttribute('B', 'topic')).toBe('Vision');
    // Before the topics arrive, every author is grey.
    const before = buildNetworkModel(network, { colorBy: 'topic', years: all });
    expect(before.graph.nodes().map((id) => before.graph.getNodeAttribute(id, 'color'))).toEqual([OTHER_COLOR, OTHER_COLOR, OTHER_COLOR, OTHER_COLOR]);
  });

  it('places distances on rings around the center before any layout', () => {
    const { graph } = buildNetworkModel(network, { colorBy: 'distance', years: all });
    const radius = (id: string) => Math.hypot(graph.getNodeAttribute(id, 'x'), graph.getNodeAttribute(id, 'y'));
    expect(radius('C')).toBe(0);
    expect(radius('A')).toBeCloseTo(100);
    expect(radius('D')).toBeCloseTo(200);
  });

  it('keeps the truncation flag of the answer', () => {
    expect(buildNetworkModel({ ...network, truncated: true }, { colorBy: 'distance', years: all }).truncated).toBe(true);
  });

  it('maps an empty network (an author without coauthors) to the center alone', () => {
    const alone: CoauthorNetwork = { truncated: false, center: { id: 'C', name: 'Lonely' }, nodes: [node('C', 0, 2)], edges: [] };
    const model = buildNetworkModel(alone, { colorBy: 'topic', years: all });
    expect(model.graph.order).toBe(1);
    expect(model.graph.size).toBe(0);
    expect(model.topicLegend).toEqual([]);
  });

  it('filters ties by years and drops the authors they no longer connect to the center', () => {
    // 2014–2016: C–A (2010–2012) is out, so A and D, reached only through it, go too; B (2021) is out as well.
    const none = buildNetworkModel(network, { colorBy: 'distance', years: { from: 2014, to: 2016 } });
    expect(none.graph.nodes()).toEqual(['C']);
    expect(none.hiddenByYears).toBe(3);
    // From 2011: C–A (overlaps), A–D, B–C stay.
    expect(buildNetworkModel(network, { colorBy: 'distance', years: { from: 2011, to: null } }).graph.order).toBe(4);
    // Until 2015: B (2021) goes.
    const until = buildNetworkModel(network, { colorBy: 'distance', years: { from: null, to: 2015 } });
    expect(until.graph.nodes().sort()).toEqual(['A', 'C', 'D']);
    expect(until.answeredNodeCount).toBe(4);
    // A tie without years is kept only when no years are chosen.
    const yearless: CoauthorNetwork = { ...network, edges: [edge('C', 'A', 1, null, null)], nodes: network.nodes.slice(0, 2) };
    expect(buildNetworkModel(yearless, { colorBy: 'distance', years: all }).graph.order).toBe(2);
    expect(buildNetworkModel(yearless, { colorBy: 'distance', years: { from: 1900, to: null } }).graph.order).toBe(1);
  });
});

describe('URL state', () => {
  it('round-trips every field and leaves defaults out', () => {
    const state = { author: 'QXV0aG9yOjE=', depth: 2 as const, minPapers: 3, limit: 500, yearFrom: 2015, yearTo: 2020, colorBy: 'topic' as const, to: 'QXV0aG9yOjI=' };
    expect(parseState(formatState(state))).toEqual(state);
    expect(formatState(DEFAULT_STATE)).toBe('');
    expect(formatState({ ...DEFAULT_STATE, author: 'x' })).toBe('?author=x');
  });

  it('falls back to defaults for values out of range or malformed', () => {
    expect(parseState('?depth=7&limit=99999&minPapers=-1&from=abc&color=red')).toEqual(DEFAULT_STATE);
  });

  it('offers the next limit up to the API maximum', () => {
    expect(nextLimit(200)).toBe(500);
    expect(nextLimit(1000)).toBe(2000);
    expect(nextLimit(2000)).toBeNull();
  });
});
