/** What every resolver of one request sees: the database, that request's loaders, the in-memory indexes, an id for logs. */
import type { Database } from '../db/client.js';
import type { CoauthorGraph } from './graph/coauthor-graph.js';
import type { CoauthorIndex } from './graph/coauthor-index.js';
import type { PaperFacts } from './metrics/paper-facts.js';
import type { PaperFactsIndex } from './metrics/paper-facts-index.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import type { RequestScope } from './isolation/index.js';

/** An index as one request sees it: checked for freshness once, then the same data for the whole request. */
export interface RequestView<T> {
  current(): Promise<T>;
}

export interface Context {
  /** The request's database handle (made on first use; its statements stop with the request). */
  db: () => Database;
  loaders: Loaders;
  /** The coauthor graph (shared by all requests; its freshness is checked once per request). */
  coauthors: RequestView<CoauthorGraph>;
  /** Paper columns in memory for counting and grouping (shared; freshness checked once per request). */
  paperFacts: RequestView<PaperFacts>;
  /** The request's id (see request-id.ts): in its log lines, its masked errors and its `x-request-id` header. */
  requestId: string;
  /** When this request's work stops (client gone, time budget spent) and how its heavy work is admitted. */
  scope: RequestScope;
}

function oncePerRequest<T>(index: { current(): Promise<T> }): RequestView<T> {
  let value: Promise<T> | undefined;
  return { current: () => (value ??= index.current()) };
}

/**
 * `db` makes the request's database handle; it is made when the request first sends a statement (many
 * requests send none: `{ __typename }`, answers from the in-memory indexes).
 */
export function createContext(
  db: () => Database,
  indexes: { coauthors: CoauthorIndex; paperFacts: PaperFactsIndex },
  requestId: string,
): Omit<Context, 'scope'> {
  let handle: Database | undefined;
  const requestDb = () => (handle ??= db());
  return {
    db: requestDb,
    loaders: createLoaders(requestDb),
    coauthors: oncePerRequest(indexes.coauthors),
    paperFacts: oncePerRequest(indexes.paperFacts),
    requestId,
  };
}
