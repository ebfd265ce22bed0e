/** What every resolver of one request sees: the database, that request's loaders, the coauthor graph, an id for logs. */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/client.js';
import type { CoauthorIndex } from './graph/coauthor-index.js';
import type { PaperFactsIndex } from './metrics/paper-facts-index.js';
import { createLoaders, type Loaders } from './loaders/index.js';

export interface Context {
  db: Database;
  loaders: Loaders;
  /** The coauthor graph, shared by all requests of the server (it checks its own freshness). */
  coauthors: CoauthorIndex;
  /** Paper columns in memory for counting and grouping, shared by all requests (it checks its own freshness). */
  paperFacts: PaperFactsIndex;
  requestId: string;
}

export function createContext(
  db: Database,
  indexes: { coauthors: CoauthorIndex; paperFacts: PaperFactsIndex },
  requestId: string = randomUUID(),
): Context {
  return { db, loaders: createLoaders(db), ...indexes, requestId };
}
