/**
 * The canvas: sigma.js draws the graph model with WebGL (pan and zoom are sigma's own), a ForceAtlas2
 * layout refines the start positions in short slices between frames, nodes can be dragged, hovering shows
 * a card with the author's counts, and a collaboration path is highlighted through sigma's reducers.
 */
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import { EdgeLineProgram } from 'sigma/rendering';
import type { EdgeAttributes, NetworkGraph, NetworkModel, NodeAttributes } from './network-model.js';

// The package is CommonJS: Vite hands its module.exports (the layout function, with `assign` and
// `inferSettings`) as the default export, where TypeScript's NodeNext typing sees the module object.
const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;

export interface PathHighlight {
  /** Author ids along the chain, from one end to the other. */
  authors: { id: string; name: string }[];
}

/** Colours of a highlighted path and of everything else while one is shown. */
const PATH_EDGE_COLOR = '#e6550d';
const FADED_NODE_COLOR = '#e3e5ea';
const FADED_EDGE_COLOR = '#eef0f3';

/** Layout work per frame, so panning stays smooth while it runs. */
const LAYOUT_SLICE_MS = 12;
/**
 * Above this many ties, ties are drawn as one-pixel lines, hidden while the camera moves, and the layout
 * is shown once, when finished: software rendering takes seconds to fill tens of thousands of wide ties.
 */
const LARGE_NETWORK_TIES = 3000;
/** A one-pixel tie cannot show its width: its shade does, darker with more shared papers (1, 2, 3–4, 5+). */
const THIN_EDGE_COLORS = ['#d3d7de', '#a9b1bf', '#7e889b', '#4f596c'] as const;
const thinEdgeColor = (papers: number) => THIN_EDGE_COLORS[papers >= 5 ? 3 : papers >= 3 ? 2 : papers === 2 ? 1 : 0]!;

export class GraphView {
  readonly sigma: Sigma<NodeAttributes, EdgeAttributes>;
  private graph: NetworkGraph;
  private pathNodes = new Set<string>();
  private pathEdges = new Set<string>();
  /** Nodes and edges a path added to the network (authors outside it); removed with the path. */
  private pathAdditions: { nodes: string[]; edges: string[] } = { nodes: [], edges: [] };
  private dragged: string | null = null;
  private stopLayout: () => void = () => {};
  /** Set by the page's tests and benchmark: layout state and timings land on the container's data attributes. */
  private layoutRunning = false;
  /** Whether the network drawn is large enough for one-pixel ties. */
  private thinEdges = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly card: HTMLElement,
    private readonly onNodeClick: (id: string) => void,
    initial: NetworkGraph,
  ) {
    this.graph = initial;
    this.sigma = new Sigma<NodeAttributes, EdgeAttributes>(initial, container, {
      labelFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      labelSize: 13,
      labelWeight: '500',
      labelColor: { color: '#1d2330' },
      // Labels of small nodes appear as one zooms in; the grid keeps them from piling up.
      labelRenderedSizeThreshold: 7,
      labelDensity: 0.5,
      labelGridCellSize: 90,
      zIndex: true,
      minCameraRatio: 0.05,
      maxCameraRatio: 20,
      // One-pixel lines for large networks (see THIN_EDGE_COLORS); rectangles of any width otherwise.
      edgeProgramClasses: { thin: EdgeLineProgram },
      nodeReducer: (node, data) => this.reduceNode(node, data),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data),
    });
    this.listen();
  }

  private reduceNode(node: string, data: NodeAttributes): Partial<NodeAttributes> & { forceLabel?: boolean; zIndex?: number; highlighted?: boolean } {
    const isCenter = data.distance === 0;
    if (this.pathNodes.size === 0) return { ...data, forceLabel: isCenter, zIndex: isCenter ? 2 : 0 };
    if (this.pathNodes.has(node)) return { ...data, forceLabel: true, highlighted: true, zIndex: 3, size: Math.max(data.size, 8) };
    return { ...data, color: FADED_NODE_COLOR, label: '', zIndex: 0 };
  }

  private reduceEdge(edge: string, data: EdgeAttributes): Partial<EdgeAttributes> & { zIndex?: number; type?: string } {
    if (this.thinEdges && !this.pathEdges.has(edge)) data = { ...data, color: thinEdgeColor(data.paperCount), type: 'thin' } as EdgeAttributes;
    if (this.pathNodes.size === 0) return data;
    if (this.pathEdges.has(edge)) return { ...data, color: PATH_EDGE_COLOR, size: Math.max(data.size, 4), zIndex: 2 };
    return { ...data, color: FADED_EDGE_COLOR, zIndex: 0 };
  }

  /** Frames sigma has drawn (the benchmark counts them while panning). */
  renderCount = 0;

  private listen(): void {
    this.sigma.on('afterRender', () => void this.renderCount++);
    this.sigma.on('clickNode', ({ node }) => {
      if (node !== this.dragged) this.onNodeClick(node);
    });
    this.sigma.on('enterNode', ({ node }) => this.showCard(node));
    this.sigma.on('leaveNode', () => (this.card.hidden = true));
    // Dragging a node (sigma's documented recipe): take the node on mouse down, move it with the mouse,
    // and keep the camera still meanwhile.
    let moved = false;
    this.sigma.on('downNode', ({ node }) => {
      this.dragged = node;
      moved = false;
      this.stopLayout();
    });
    this.sigma.getMouseCaptor().on('mousemovebody', (event) => {
      if (!this.dragged) return;
      moved = true;
      const position = this.sigma.viewportToGraph(event);
      this.graph.mergeNodeAttributes(this.dragged, { x: position.x, y: position.y });
      event.preventSigmaDefault();
      event.original.preventDefault();
      event.original.stopPropagation();
    });
    this.sigma.getMouseCaptor().on('mouseup', () => {
      // A drag is not a click: the clickNode that follows a move is ignored.
      if (!moved) this.dragged = null;
      else setTimeout(() => (this.dragged = null), 0);
    });
  }

  private showCard(node: string): void {
    const data = this.graph.getNodeAttributes(node);
    const lines = [
      `${data.paperCount} paper${data.paperCount === 1 ? '' : 's'}`,
      data.distance === 0 ? 'center' : `${data.distance} hop${data.distance === 1 ? '' : 's'} away`,
    ];
    if (data.sharedWithCenter > 0) lines.push(`${data.sharedWithCenter} shared paper${data.sharedWithCenter === 1 ? '' : 's'} with the center`);
    if (data.topic) lines.push(`main topic: ${data.topic}`);
    const title = document.createElement('strong');
    title.textContent = data.label;
    const detail = document.createElement('span');
    detail.textContent = lines.join(' · ');
    this.card.replaceChildren(title, detail);
    const position = this.sigma.graphToViewport(data);
    // The card sits in the container's parent, beside sigma's canvases.
    this.card.style.left = `${Math.round(this.container.offsetLeft + position.x + 12)}px`;
    this.card.style.top = `${Math.round(this.container.offsetTop + position.y + 12)}px`;
    this.card.hidden = false;
  }

  /**
   * Draw a new model; resolves with the milliseconds from `since` (when its response arrived) to the first
   * frame sigma rendered of it.
   */
  show(model: NetworkModel, since: number): Promise<number> {
    this.stopLayout();
    this.card.hidden = true;
    this.pathNodes.clear();
    this.pathEdges.clear();
    this.graph = model.graph;
    // The frame counts as drawn two animation frames after sigma's render: sigma's WebGL calls return
    // before the (software) GPU has drawn them, and Chromium holds back animation frames while the GPU is
    // behind, so the second one comes once that frame has gone to the screen.
    const firstFrame = new Promise<number>((resolve) =>
      this.sigma.once('afterRender', () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - since)))),
    );
    // Tens of thousands of ties take most of a frame to draw on software rendering: while the camera
    // moves, a large network shows its nodes only, without labels (sigma's own settings).
    this.thinEdges = model.graph.size > LARGE_NETWORK_TIES;
    this.sigma.setSetting('hideEdgesOnMove', model.graph.size > LARGE_NETWORK_TIES);
    this.sigma.setSetting('hideLabelsOnMove', model.graph.size > LARGE_NETWORK_TIES);
    this.sigma.setGraph(model.graph);
    this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    this.sigma.refresh();
    void firstFrame.then(() => this.runLayout());
    return firstFrame;
  }

  /**
   * ForceAtlas2 in slices of a few milliseconds between frames, for a fixed number of iterations (fewer on
   * large graphs, whose ring start is already readable), so the page never freezes while it settles.
   */
  private runLayout(): void {
    const graph = this.graph;
    if (graph.order < 3) return this.setLayoutDone();
    const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 300, adjustSizes: false };
    let remaining = graph.order > 1000 ? 60 : graph.order > 300 ? 120 : 250;
    // A small network settles on screen, step by step. A large one is laid out on a copy and shown once:
    // every step shown would redraw all its ties, a second or more each on software rendering.
    const large = graph.size > LARGE_NETWORK_TIES;
    const target = large ? graph.copy() : graph;
    let frame = 0;
    this.layoutRunning = true;
    this.container.dataset.layout = 'running';
    const step = () => {
      const started = performance.now();
      while (remaining > 0 && performance.now() - started < LAYOUT_SLICE_MS) {
        forceAtlas2.assign(target, { iterations: 1, settings, getEdgeWeight: 'paperCount' });
        remaining--;
      }
      if (remaining > 0) {
        frame = requestAnimationFrame(step);
        return;
      }
      if (large) graph.updateEachNodeAttributes((node, attributes) => ({ ...attributes, x: target.getNodeAttribute(node, 'x'), y: target.getNodeAttribute(node, 'y') }));
      this.setLayoutDone();
    };
    frame = requestAnimationFrame(step);
    this.stopLayout = () => {
      cancelAnimationFrame(frame);
      if (this.layoutRunning) this.setLayoutDone();
    };
  }

  private setLayoutDone(): void {
    this.layoutRunning = false;
    this.stopLayout = () => {};
    this.container.dataset.layout = 'done';
  }

  /** Highlight a chain of coauthors; authors of the chain outside the drawn network are added beside it. */
  highlightPath(path: PathHighlight | null): void {
    this.pathNodes.clear();
    this.pathEdges.clear();
    for (const edge of this.pathAdditions.edges) if (this.graph.hasEdge(edge)) this.graph.dropEdge(edge);
    for (const node of this.pathAdditions.nodes) if (this.graph.hasNode(node)) this.graph.dropNode(node);
    this.pathAdditions = { nodes: [], edges: [] };
    if (path) {
      path.authors.forEach((author, i) => {
        if (!this.graph.hasNode(author.id)) {
          this.addOutsider(author, path.authors[i - 1]?.id);
          this.pathAdditions.nodes.push(author.id);
        }
        this.pathNodes.add(author.id);
        const previous = path.authors[i - 1];
        if (!previous) return;
        let edge = this.graph.edge(previous.id, author.id);
        if (edge === undefined) {
          edge = this.graph.addEdge(previous.id, author.id, { size: 4, color: PATH_EDGE_COLOR, paperCount: 1, firstYear: null, lastYear: null });
          this.pathAdditions.edges.push(edge);
        }
        this.pathEdges.add(edge);
      });
    }
    this.sigma.refresh();
  }

  /**
   * An author of a path who is not in the network, grey, placed just beyond the author before them on the
   * path (away from the center), so the chain reads outwards without rescaling the whole picture.
   */
  private addOutsider(author: { id: string; name: string }, previousId: string | undefined): void {
    let radius = 1;
    this.graph.forEachNode((_, attributes) => (radius = Math.max(radius, Math.hypot(attributes.x, attributes.y))));
    const from = previousId && this.graph.hasNode(previousId) ? this.graph.getNodeAttributes(previousId) : { x: radius, y: 0 };
    const angle = Math.atan2(from.y, from.x) + 0.25;
    this.graph.addNode(author.id, {
      label: author.name,
      x: from.x + 0.25 * radius * Math.cos(angle),
      y: from.y + 0.25 * radius * Math.sin(angle),
      size: 6,
      color: '#7f7f7f',
      distance: Number.POSITIVE_INFINITY,
      paperCount: 0,
      topic: null,
      sharedWithCenter: 0,
    });
  }

  /** Where a node is on the screen, in CSS pixels from the container's top left (for tests and benchmarks). */
  viewportPosition(id: string): { x: number; y: number } | null {
    if (!this.graph.hasNode(id)) return null;
    const { x, y } = this.graph.getNodeAttributes(id);
    return this.sigma.graphToViewport({ x, y });
  }

  get highlightedNodes(): string[] {
    return [...this.pathNodes];
  }
}
