import type { Database } from '../../db/client.js';
import { entityLoaders } from './entities.js';
import { createPageLoaders } from './pages.js';
import { relationLoaders } from './relations.js';

const factories = { ...entityLoaders, ...relationLoaders, pages: createPageLoaders };
type Factories = typeof factories;

/** Every loader of one request. */
export type Loaders = { readonly [K in keyof Factories]: ReturnType<Factories[K]> };

/**
 * The loaders of one request, each made the first time the request uses it (a page uses two or three
 * of them; making all of them for every request showed in the profile of `{ __typename }`), and the
 * request's database handle with them. Nothing is cached across requests.
 */
export function createLoaders(db: () => Database): Loaders {
  return new RequestLoaders(db) as unknown as Loaders;
}

class RequestLoaders {
  readonly made: Partial<Record<keyof Factories, unknown>> = {};
  constructor(readonly db: () => Database) {}
}

// One getter per loader on the prototype, defined once: a request's object holds only what it made.
for (const name of Object.keys(factories) as (keyof Factories)[]) {
  Object.defineProperty(RequestLoaders.prototype, name, {
    get(this: RequestLoaders) {
      return (this.made[name] ??= factories[name](this.db()));
    },
  });
}
