/**
 * The toolbar: each control shows the state from the URL, and a change navigates to the new state
 * (recentering and paths push a history entry; filters replace the current one).
 */
import { byId } from './dom.js';
import { attachAuthorSearch } from './search-box.js';
import { nextLimit, type ExploreState } from './url-state.js';

export interface ControlActions {
  navigate(patch: Partial<ExploreState>, mode: 'push' | 'replace'): void;
  /** The limit now asked for, to offer the next one. */
  limit(): number;
  /** The back or forward button moved through history. */
  onHistory(): void;
}

export function syncControls(state: ExploreState): void {
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="depth"]')) radio.checked = radio.value === String(state.depth);
  byId<HTMLSelectElement>('color-by').value = state.colorBy;
  byId<HTMLInputElement>('min-papers').value = String(state.minPapers);
  byId<HTMLInputElement>('year-from').value = state.yearFrom?.toString() ?? '';
  byId<HTMLInputElement>('year-to').value = state.yearTo?.toString() ?? '';
  byId('clear-path').hidden = state.to === null;
  if (state.to === null) byId<HTMLInputElement>('path-search').value = '';
}

/** A whole number typed in a field, or null when it holds none. */
function numberIn(id: string): number | null {
  const value = byId<HTMLInputElement>(id).value.trim();
  return /^\d+$/.test(value) ? Number(value) : null;
}

export function wireControls({ navigate, limit, onHistory }: ControlActions): void {
  attachAuthorSearch(byId<HTMLInputElement>('author-search'), byId<HTMLUListElement>('author-search-list'), (author) => navigate({ author: author.id }, 'push'));
  attachAuthorSearch(byId<HTMLInputElement>('path-search'), byId<HTMLUListElement>('path-search-list'), (author) => navigate({ to: author.id }, 'push'));
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="depth"]')) {
    radio.addEventListener('change', () => navigate({ depth: radio.value === '2' ? 2 : 1 }, 'replace'));
  }
  byId<HTMLSelectElement>('color-by').addEventListener('change', (event) => {
    navigate({ colorBy: (event.target as HTMLSelectElement).value === 'topic' ? 'topic' : 'distance' }, 'replace');
  });
  byId('min-papers').addEventListener('change', () => navigate({ minPapers: Math.max(1, numberIn('min-papers') ?? 1) }, 'replace'));
  byId('year-from').addEventListener('change', () => navigate({ yearFrom: numberIn('year-from') }, 'replace'));
  byId('year-to').addEventListener('change', () => navigate({ yearTo: numberIn('year-to') }, 'replace'));
  byId('raise-limit').addEventListener('click', () => {
    const next = nextLimit(limit());
    if (next !== null) navigate({ limit: next }, 'replace');
  });
  byId('clear-path').addEventListener('click', () => navigate({ to: null }, 'push'));
  // Enter in a number field would submit the form and reload the page.
  byId('author-search').closest('form')!.addEventListener('submit', (event) => event.preventDefault());
  window.addEventListener('popstate', onHistory);
}
