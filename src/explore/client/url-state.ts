/**
 * What the page shows, as it is written in the URL (`/explore?author=<id>&depth=2&to=<id>…`), so a view
 * can be shared and the back button returns to the previous one. Pure: parsing never throws, values out
 * of range fall back to the defaults.
 */
import type { ColorBy } from './network-model.js';

export interface ExploreState {
  /** Global ID of the author at the center; null until one is chosen (the page then opens on a default). */
  author: string | null;
  depth: 1 | 2;
  minPapers: number;
  /** Most authors asked for (the API allows 1 to 2000). */
  limit: number;
  yearFrom: number | null;
  yearTo: number | null;
  colorBy: ColorBy;
  /** The second author of a collaboration path, if one is picked. */
  to: string | null;
}

export const DEFAULT_STATE: ExploreState = {
  author: null,
  depth: 1,
  minPapers: 1,
  limit: 200,
  yearFrom: null,
  yearTo: null,
  colorBy: 'distance',
  to: null,
};

/** Limits offered when the server truncates a network: the API's default up to its maximum. */
export const LIMIT_STEPS = [200, 500, 1000, 2000] as const;
export const MAX_LIMIT = 2000;

function integer(value: string | null, min: number, max: number): number | null {
  if (value === null || !/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

export function parseState(search: string): ExploreState {
  const params = new URLSearchParams(search);
  const depth = params.get('depth') === '2' ? 2 : 1;
  return {
    author: params.get('author') || null,
    depth,
    minPapers: integer(params.get('minPapers'), 1, 1000) ?? DEFAULT_STATE.minPapers,
    limit: integer(params.get('limit'), 1, MAX_LIMIT) ?? DEFAULT_STATE.limit,
    yearFrom: integer(params.get('from'), 1000, 9999),
    yearTo: integer(params.get('until'), 1000, 9999),
    colorBy: params.get('color') === 'topic' ? 'topic' : 'distance',
    to: params.get('to') || null,
  };
}

/** The query string for a state; values at their default are left out so URLs stay short. */
export function formatState(state: ExploreState): string {
  const params = new URLSearchParams();
  if (state.author) params.set('author', state.author);
  if (state.depth !== DEFAULT_STATE.depth) params.set('depth', String(state.depth));
  if (state.minPapers !== DEFAULT_STATE.minPapers) params.set('minPapers', String(state.minPapers));
  if (state.limit !== DEFAULT_STATE.limit) params.set('limit', String(state.limit));
  if (state.yearFrom !== null) params.set('from', String(state.yearFrom));
  if (state.yearTo !== null) params.set('until', String(state.yearTo));
  if (state.colorBy !== DEFAULT_STATE.colorBy) params.set('color', state.colorBy);
  if (state.to) params.set('to', state.to);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The next limit to offer after `limit` when the network was truncated; null at the API's maximum. */
export function nextLimit(limit: number): number | null {
  return LIMIT_STEPS.find((step) => step > limit) ?? null;
}
