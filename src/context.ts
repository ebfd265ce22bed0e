/** What every resolver of one request sees: the database, that request's loaders, the in-memory indexes, an id for logs. */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/client.js';
import type { CoauthorGraph } from './graph/coauthor-graph.js';
import type { CoauthorIndex } from './graph/coauthor-index.js';
import type { PaperFacts } from './metrics/paper-facts.js';
import type { PaperFactsIndex } from './metrics/paper-facts-index.js';
import { createLoaders, type Loaders } from './loaders/index.js';

/** An index as one request sees it: checked for freshness once, then the same data for the whole request. */
export interface RequestView<T> {
  current(): Promise<T>;
}

export interface Context {
  db: Database;
  loaders: Loaders;
  /** The coauthor graph (shared by all requests; its freshness is checked once per request). */
  coauthors: RequestView<CoauthorGraph>;
  /** Paper columns in memory for counting and grouping (shared; freshness checked once per request). */
  paperFacts: RequestView<PaperFacts>;
  requestId: string;
}

function oncePerRequest<T>(index: { current(): Promise<T> }): RequestView<T> {
  let value: Promise<T> | undefined;
  return { current: () => (value ??= index.current()) };
}

export function createContext(
  db: Database,
  indexes: { coauthors: CoauthorIndex; paperFacts: PaperFactsIndex },
  requestId: string = randomUUID(),
): Context {
  return {
    db,
    loaders: createLoaders(db),
    coauthors: oncePerRequest(indexes.coauthors),
    paperFacts: oncePerRequest(indexes.paperFacts),
    requestId,
  };
}
