/** What every resolver of one request sees: the database, that request's loaders and its id for logs. */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/client.js';
import { createLoaders, type Loaders } from './loaders/index.js';

export interface Context {
  db: Database;
  loaders: Loaders;
  requestId: string;
}

export function createContext(db: Database, requestId: string = randomUUID()): Context {
  return { db, loaders: createLoaders(db), requestId };
}
