/**
 * The side panel of the selected author: affiliation, figures computed from the graph beside those a
 * source reported, topic profile, strongest collaborators (each a button that recenters on them: the
 * keyboard path through the network) and most cited papers.
 */
import type { ExploreAuthorQuery } from './generated/operations.js';
import { element, plural } from './dom.js';

export type AuthorDetails = NonNullable<ExploreAuthorQuery['author']>;

export interface PanelActions {
  recenter(id: string): void;
  pathTo(author: { id: string; name: string }): void;
}

function figures(author: AuthorDetails): HTMLElement {
  const reported = author.reportedMetrics;
  const row = (label: string, computed: number, reportedValue: number | null | undefined) =>
    element('tr', {}, element('th', { scope: 'row' }, label), element('td', {}, computed.toLocaleString('en-US')), element('td', {}, reportedValue?.toLocaleString('en-US') ?? '–'));
  return element(
    'table',
    { class: 'figures' },
    element('caption', {}, reported ? `Computed here, and as reported by ${reported.source}` : 'Computed from this database'),
    element('thead', {}, element('tr', {}, element('td', {}), element('th', { scope: 'col' }, 'computed'), element('th', { scope: 'col' }, 'reported'))),
    element(
      'tbody',
      {},
      row('Papers', author.metrics.paperCount, reported?.paperCount),
      row('Citations', author.metrics.citationCount, reported?.citationCount),
      row('h-index', author.metrics.hIndex, reported?.hIndex),
    ),
  );
}

function topicProfile(author: AuthorDetails): HTMLElement {
  if (author.topics.length === 0) return element('p', { class: 'muted' }, 'No topics recorded for these papers.');
  return element(
    'ul',
    { class: 'topics' },
    ...author.topics.map((share) => {
      const percent = Math.round(share.share * 100);
      const bar = element('span', { class: 'bar', 'aria-hidden': 'true' });
      // A custom property, not an inline style attribute: the page's CSP forbids those.
      bar.style.setProperty('--share', `${percent}%`);
      return element('li', {}, element('span', { class: 'topic-name' }, share.topic.name), bar, element('span', { class: 'topic-share' }, `${percent}% · ${plural(share.paperCount, 'paper')}`));
    }),
  );
}

function collaborators(author: AuthorDetails, actions: PanelActions): HTMLElement {
  const edges = author.coauthors.edges;
  if (edges.length === 0) return element('p', { class: 'muted' }, 'No coauthors in this database.');
  return element(
    'ol',
    { class: 'collaborators', 'aria-label': `Strongest collaborators of ${author.name}` },
    ...edges.map((edge) => {
      const years = edge.firstYear && edge.lastYear ? (edge.firstYear === edge.lastYear ? ` (${edge.firstYear})` : ` (${edge.firstYear}–${edge.lastYear})`) : '';
      const recenter = element('button', { type: 'button', class: 'link', 'data-author-id': edge.node.id }, edge.node.name);
      recenter.setAttribute('aria-label', `Recenter on ${edge.node.name}`);
      recenter.addEventListener('click', () => actions.recenter(edge.node.id));
      const path = element('button', { type: 'button', class: 'small', 'aria-label': `Path from the center to ${edge.node.name}` }, 'path');
      path.addEventListener('click', () => actions.pathTo(edge.node));
      return element('li', {}, recenter, element('span', { class: 'muted' }, ` ${plural(edge.paperCount, 'shared paper')}${years} `), path);
    }),
  );
}

function mostCited(author: AuthorDetails): HTMLElement {
  const papers = author.metrics.mostCited;
  if (papers.length === 0) return element('p', { class: 'muted' }, 'No papers.');
  return element(
    'ol',
    { class: 'papers' },
    ...papers.map((paper) => element('li', {}, element('span', {}, paper.title), element('span', { class: 'muted' }, ` ${paper.year ?? 'n.d.'} · ${plural(paper.citationCount, 'citation')}`))),
  );
}

/** Fill the panel's body with the author's details. */
export function renderAuthorPanel(body: HTMLElement, author: AuthorDetails, actions: PanelActions): void {
  const years = author.metrics.firstYear && author.metrics.lastYear ? `Papers from ${author.metrics.firstYear} to ${author.metrics.lastYear}` : null;
  body.replaceChildren(
    element('p', { class: 'affiliation' }, author.affiliation ?? 'Affiliation not known'),
    element('p', { class: 'muted' }, years ?? 'No dated papers'),
    figures(author),
    element('h3', {}, 'Topics'),
    topicProfile(author),
    element('h3', {}, `Strongest collaborators (${author.coauthors.totalCount.toLocaleString('en-US')} in all)`),
    collaborators(author, actions),
    element('h3', {}, 'Most cited papers'),
    mostCited(author),
  );
}
