/**
 * Loaders for paged relations. One loader exists per (relation, ordering, page request) in a request, so
 * fifty authors asking for `papers(first: 10)` share one loader and one SQL statement; a different page
 * size or cursor gets a loader of its own.
 */
import DataLoader from 'dataloader';
import type { Database } from '../../db/client.js';
import { countPerParent, fetchPages, parentKeyOf, type Page, type PagedRelation, type PageQuery } from '../../db/queries/paging.js';

export interface PageLoaders {
  page(name: string, relation: PagedRelation, query: PageQuery): DataLoader<number[], Page, string>;
  count(name: string, relation: PagedRelation): DataLoader<number[], number, string>;
}

export function createPageLoaders(db: Database): PageLoaders {
  const pages = new Map<string, DataLoader<number[], Page, string>>();
  const counts = new Map<string, DataLoader<number[], number, string>>();
  return {
    page(name, relation, query) {
      const key = `${name}|${JSON.stringify(query)}`;
      let loader = pages.get(key);
      if (!loader) {
        loader = new DataLoader(
          async (parents) => {
            const found = await fetchPages(db, relation, parents, query);
            const empty: Page = query.withCount ? { rows: [], total: 0 } : { rows: [] };
            return parents.map((p) => found.get(parentKeyOf(p)) ?? empty);
          },
          { cacheKeyFn: parentKeyOf },
        );
        pages.set(key, loader);
      }
      return loader;
    },
    count(name, relation) {
      let loader = counts.get(name);
      if (!loader) {
        loader = new DataLoader(
          async (parents) => {
            const found = await countPerParent(db, relation, parents);
            return parents.map((p) => found.get(parentKeyOf(p)) ?? 0);
          },
          { cacheKeyFn: parentKeyOf },
        );
        counts.set(name, loader);
      }
      return loader;
    },
  };
}
