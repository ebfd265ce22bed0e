import type { Database } from '../../db/client.js';
import { createEntityLoaders } from './entities.js';
import { createPageLoaders } from './pages.js';
import { createRelationLoaders } from './relations.js';

/** Every loader of one request. Built fresh per request: nothing is cached across requests. */
export function createLoaders(db: Database) {
  return { ...createEntityLoaders(db), ...createRelationLoaders(db), pages: createPageLoaders(db) };
}

export type Loaders = ReturnType<typeof createLoaders>;
