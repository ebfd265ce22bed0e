/**
 * The collaboration explorer: the URL says what to show (url-state.ts); this module loads it through the
 * public GraphQL API (api.ts), draws it (graph-view.ts), fills the side panel (side-panel.ts) and keeps
 * the controls, the URL and the browser history in step.
 */
import './styles.css';
import { authorDetails, coauthorNetwork, collaborationPath, mainTopics, startAuthor } from './api.js';
import { byId, element, plural } from './dom.js';
import type { ExploreNetworkQuery } from './generated/operations.js';
import { GraphView } from './graph-view.js';
import { describeFailure, noPathMessage } from './messages.js';
import { buildNetworkModel, DISTANCE_COLORS, type NetworkModel } from './network-model.js';
import { syncControls, wireControls } from './controls.js';
import { renderAuthorPanel } from './side-panel.js';
import { formatState, nextLimit, parseState, type ExploreState } from './url-state.js';
import { UndirectedGraph } from 'graphology';

/** The seed researcher of the demo data (data/demo/seed-profile.txt): the network the page opens on. */
const SEED_RESEARCHER = 'Zhepei Wei';

const graphBox = byId('graph');
const status = byId('status');
const panelTitle = byId('panel-title');
const panelBody = byId('panel-body');
const pathPanel = byId('path-panel');
const pathBody = byId('path-body');
const authorInput = byId<HTMLInputElement>('author-search');
const pathInput = byId<HTMLInputElement>('path-search');

let state: ExploreState = parseState(location.search);
/** The last network answer and the arguments it answered, so colour and year changes need no request. */
let loaded: { key: string; network: ExploreNetworkQuery['coauthorNetwork'] } | null = null;
let model: NetworkModel | null = null;
/** What the drawn model was built from: the network's arguments, colours and years. */
let drawnKey: string | null = null;
/** Each load gets a number; an answer that arrives after a newer load started is dropped. */
let generation = 0;
/** Networks drawn so far, on the container (`data-draws`): tests wait for it to move after an action. */
let draws = 0;

// A click on the author already at the center changes nothing (and adds no history entry).
const view = new GraphView(graphBox, byId('hover-card'), (id) => id !== state.author && navigate({ author: id }, 'push'), new UndirectedGraph());

function navigate(patch: Partial<ExploreState>, mode: 'push' | 'replace'): void {
  state = { ...state, ...patch };
  const url = `${location.pathname}${formatState(state)}`;
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
  void show();
}

function setStatus(text: string, kind: 'info' | 'error' = 'info', retry = false): void {
  status.className = kind;
  status.replaceChildren(text);
  if (retry) {
    const button = element('button', { type: 'button' }, 'Try again');
    button.addEventListener('click', () => void show(true));
    status.append(button);
  }
}

function renderLegend(current: NetworkModel): void {
  const entries =
    state.colorBy === 'topic'
      ? [...current.topicLegend, { topic: 'other or none', color: '#9a9a9a' }].map(({ topic, color }) => [topic, color] as const)
      : (['center', '1 hop', '2 hops', '3 hops'] as const).slice(0, state.depth + 1).map((label, i) => [label, DISTANCE_COLORS[i]!] as const);
  byId('legend').replaceChildren(
    ...entries.map(([label, color]) => {
      const swatch = element('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.setProperty('--swatch', color);
      return element('li', {}, swatch, label);
    }),
  );
}

function describeNetwork(current: NetworkModel): void {
  const drawn = current.graph.order;
  const parts = [`${current.centerName}: ${plural(drawn, 'author')}, ${plural(current.graph.size, 'tie')}`];
  if (current.hiddenByYears > 0) parts.push(`${plural(current.hiddenByYears, 'author')} hidden by the years filter`);
  if (drawn === 1) parts.push(`no coauthors${state.minPapers > 1 ? ` with at least ${state.minPapers} shared papers` : ''}${current.hiddenByYears ? ' in these years' : ''}`);
  setStatus(`${parts.join(' · ')}.`);
  const truncatedBox = byId('truncated');
  truncatedBox.hidden = !current.truncated;
  if (current.truncated) {
    const next = nextLimit(state.limit);
    byId('truncated-text').textContent = `The network is larger than ${state.limit.toLocaleString('en-US')} authors: the strongest ties nearest the center are shown.`;
    const raise = byId<HTMLButtonElement>('raise-limit');
    raise.hidden = next === null;
    if (next !== null) raise.textContent = `Show up to ${next.toLocaleString('en-US')}`;
  }
  graphBox.setAttribute('aria-label', `Coauthor network of ${current.centerName}: ${plural(drawn, 'author')}`);
}

/** Load what the state asks for that is not on screen yet. `force` reloads everything (after an error). */
async function show(force = false): Promise<void> {
  const mine = ++generation;
  syncControls(state);
  if (!state.author) {
    try {
      const start = await startAuthor(SEED_RESEARCHER);
      const id = start.seed.nodes[0]?.id ?? start.mostPapers.nodes[0]?.id;
      if (mine !== generation) return;
      if (!id) return setStatus('This database holds no authors yet: import some papers first.');
      state = { ...state, author: id };
      history.replaceState(null, '', `${location.pathname}${formatState(state)}`);
    } catch (error) {
      if (mine === generation) fail(describeFailure(error, 'the start page'));
      return;
    }
  }
  const author = state.author!;
  const key = JSON.stringify([author, state.depth, state.limit, state.minPapers]);
  const panel = loadPanel(author, mine, force);
  if (force || loaded?.key !== key) {
    graphBox.dataset.state = 'loading';
    graphBox.setAttribute('aria-busy', 'true');
    setStatus('Loading the coauthor network…');
    try {
      const data = await coauthorNetwork({ authorId: author, depth: state.depth, limit: state.limit, minPapers: state.minPapers });
      if (mine !== generation) return;
      loaded = { key, network: data.coauthorNetwork };
    } catch (error) {
      if (mine !== generation) return;
      loaded = null;
      return fail(describeFailure(error, 'the network'));
    }
  }
  // Picking a path or going back to the same view redraws nothing: the layout the person sees stays.
  const drawKey = JSON.stringify([key, state.colorBy, state.yearFrom, state.yearTo]);
  if (!force && drawnKey === drawKey && model) {
    await panel;
    if (mine === generation) await showPath(mine);
    return;
  }
  if (state.colorBy === 'topic' && !(await loadMainTopics(mine))) return;
  const arrived = performance.now();
  model = buildNetworkModel(loaded!.network, { colorBy: state.colorBy, years: { from: state.yearFrom, to: state.yearTo }, mainTopics: knownTopics });
  drawnKey = drawKey;
  const firstFrameMs = await view.show(model, arrived);
  if (mine !== generation) return;
  graphBox.dataset.firstFrameMs = firstFrameMs.toFixed(1);
  // When the answer arrived, in ms since the page's navigation started (the benchmark reports it).
  graphBox.dataset.responseAtMs = arrived.toFixed(0);
  graphBox.dataset.nodeCount = String(model.graph.order);
  graphBox.dataset.center = model.centerId;
  graphBox.dataset.state = model.graph.order > 1 ? 'ready' : 'empty';
  graphBox.dataset.draws = String(++draws);
  graphBox.removeAttribute('aria-busy');
  renderLegend(model);
  describeNetwork(model);
  await panel;
  if (mine === generation) await showPath(mine);
}

/** Main topics fetched so far, by author id: colouring by topic asks only for authors not in it. */
const knownTopics = new Map<string, string | null>();

/** Fetch the main topics of the loaded network's authors not known yet; false when a newer load took over. */
async function loadMainTopics(mine: number): Promise<boolean> {
  const missing = loaded!.network.nodes.map((node) => node.authorId).filter((id) => !knownTopics.has(id));
  if (missing.length === 0) return true;
  setStatus(`Loading the main topics of ${plural(missing.length, 'author')}…`);
  try {
    for (const [id, topic] of await mainTopics(missing)) knownTopics.set(id, topic);
  } catch (error) {
    // Without topics the network is still worth showing: its authors are grey, and the status says why.
    if (mine === generation) setStatus(describeFailure(error, 'the main topics'), 'error');
  }
  return mine === generation;
}

/** Say why no network is shown, and clear the canvas (the panel says what it found on its own). */
function fail(message: string): void {
  drawnKey = null;
  graphBox.dataset.state = 'error';
  graphBox.removeAttribute('aria-busy');
  graphBox.dataset.nodeCount = '0';
  graphBox.dataset.draws = String(++draws);
  const nothing = buildNetworkModel({ truncated: false, center: { id: '', name: '' }, nodes: [], edges: [] }, { colorBy: state.colorBy, years: { from: null, to: null } });
  void view.show(nothing, performance.now());
  byId('truncated').hidden = true;
  setStatus(message, 'error', true);
}

let panelAuthor: string | null = null;
async function loadPanel(author: string, mine: number, force: boolean): Promise<void> {
  if (!force && panelAuthor === author) return;
  panelAuthor = null;
  panelTitle.textContent = 'Loading…';
  panelBody.replaceChildren();
  try {
    const data = await authorDetails(author);
    if (mine !== generation) return;
    if (!data.author) {
      panelTitle.textContent = 'Unknown author';
      panelBody.replaceChildren(element('p', {}, 'No author has this id. Search for an author by name above.'));
      return;
    }
    panelAuthor = author;
    panelTitle.textContent = data.author.name;
    authorInput.value = data.author.name;
    renderAuthorPanel(panelBody, data.author, {
      recenter: (id) => navigate({ author: id }, 'push'),
      pathTo: (other) => {
        pathInput.value = other.name;
        navigate({ to: other.id }, 'push');
      },
    });
  } catch (error) {
    if (mine !== generation) return;
    panelTitle.textContent = 'Author';
    panelBody.replaceChildren(element('p', {}, describeFailure(error, 'the author')));
  }
}

async function showPath(mine: number): Promise<void> {
  const from = state.author;
  const to = state.to;
  graphBox.dataset.pathLength = '0';
  if (!from || !to) {
    pathPanel.hidden = true;
    view.highlightPath(null);
    return;
  }
  pathPanel.hidden = false;
  pathBody.replaceChildren(element('p', {}, 'Looking for the shortest collaboration path…'));
  try {
    const { collaborationPath: path } = await collaborationPath(from, to);
    if (mine !== generation) return;
    if (path.distance === null || path.hops.length === 0) {
      view.highlightPath(null);
      const names = await namesOf(from, to);
      pathBody.replaceChildren(element('p', { class: 'no-path' }, path.distance === 0 ? 'That is the author at the center.' : noPathMessage(names[0], names[1], path.reason)));
      return;
    }
    const authors = [path.hops[0]!.from, ...path.hops.map((hop) => hop.to)];
    pathInput.value = authors.at(-1)!.name;
    view.highlightPath({ authors });
    graphBox.dataset.pathLength = String(authors.length);
    pathBody.replaceChildren(
      element('p', {}, `${authors[0]!.name} to ${authors.at(-1)!.name}: ${plural(path.hops.length, 'hop')}.`),
      element(
        'ol',
        { class: 'hops', 'aria-label': 'Hops of the path' },
        ...path.hops.map((hop) => element('li', {}, `${hop.from.name} → ${hop.to.name}`, element('br'), element('span', { class: 'muted' }, `${hop.paper.title} (${hop.paper.year ?? 'n.d.'})`))),
      ),
    );
  } catch (error) {
    if (mine !== generation) return;
    view.highlightPath(null);
    pathBody.replaceChildren(element('p', {}, describeFailure(error, 'the path')));
  }
}

/** Names of the two ends of a path that was not found, from what the page already holds. */
async function namesOf(from: string, to: string): Promise<[string, string]> {
  const known = (id: string) => (model?.graph.hasNode(id) ? model.graph.getNodeAttribute(id, 'label') : null);
  const fromName = known(from) ?? panelTitle.textContent ?? 'this author';
  const toName = known(to) ?? ((await authorDetails(to).catch(() => null))?.author?.name ?? 'the other author');
  return [fromName, toName];
}

/** For the browser tests and the benchmark: where a node is drawn, what is highlighted, frames drawn, the renderer. */
declare global {
  interface Window {
    scholargraphExplorer: {
      nodePosition(id: string): { x: number; y: number } | null;
      nodes(): string[];
      highlighted(): string[];
      renderCount(): number;
      sigma: unknown;
    };
  }
}
window.scholargraphExplorer = {
  nodePosition: (id) => view.viewportPosition(id),
  nodes: () => model?.graph.nodes() ?? [],
  highlighted: () => view.highlightedNodes,
  renderCount: () => view.renderCount,
  sigma: view.sigma,
};

wireControls({
  navigate,
  limit: () => state.limit,
  onHistory: () => {
    state = parseState(location.search);
    void show();
  },
});
void show();
