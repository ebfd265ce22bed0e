/**
 * Loaders for paged relations. One loader exists per (relation, ordering, page request) in a request, so
 * fifty authors asking for `papers(first: 10)` share one loader and one SQL statement; a different page
 * size or cursor gets a loader of its own.
 */
import DataLoader from 'dataloader';
import type { Database } from '../../db/client.js';
import { countPerParent, fetchPages, parentKeyOf, type Page, type PagedRelation, type PageQuery } from '../../db/queries/paging.js';

/** A next level to fetch with a page (see ChildPages), and the name its own connection resolves it under. */
export interface ChildPageRequest {
  name: string;
  relation: PagedRelation;
  query: PageQuery;
}

export interface PageLoaders {
  page(name: string, relation: PagedRelation, query: PageQuery, child?: ChildPageRequest): DataLoader<number[], Page, string>;
  count(name: string, relation: PagedRelation): DataLoader<number[], number, string>;
}

export function createPageLoaders(db: Database): PageLoaders {
  const pages = new Map<string, DataLoader<number[], Page, string>>();
  const counts = new Map<string, DataLoader<number[], number, string>>();
  const loaders: PageLoaders = {
    page(name, relation, query, child) {
      const key = `${name}|${JSON.stringify(query)}${child ? `|${child.name}|${JSON.stringify(child.query)}` : ''}`;
      let loader = pages.get(key);
      if (!loader) {
        loader = new DataLoader(
          async (parents) => {
            const found = await fetchPages(db, relation, parents, query, child);
            if (child) {
              // The next level's connections will ask their own loader: it already has their pages.
              const childLoader = loaders.page(child.name, child.relation, child.query);
              for (const page of found.values()) {
                for (const row of page.rows) childLoader.prime([row.nodeId], { rows: row.children ?? [] });
              }
            }
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
  return loaders;
}
