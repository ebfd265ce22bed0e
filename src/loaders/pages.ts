/**
 * Loaders for paged relations. One loader exists per (relation, ordering, page request) in a request, so
 * fifty authors asking for `papers(first: 10)` share one loader and one SQL statement; a different page
 * size or cursor gets a loader of its own.
 */
import DataLoader from 'dataloader';
import type { Database } from '../../db/client.js';
import {
  countPerParent,
  fetchPages,
  parentKeyOf,
  type Page,
  type PagedRelation,
  type PageQuery,
  type PageRow,
} from '../../db/queries/paging.js';

/**
 * A next level to fetch with a page (see ChildPages), the name its own connection resolves it under, and
 * the levels below it.
 */
export interface ChildPageRequest {
  name: string;
  /** pageLoaderKey(name, query): under which its connection finds the page in hand. */
  key: string;
  relation: PagedRelation;
  query: PageQuery;
  children?: ChildPageRequest[];
}

export interface PageLoaders {
  /**
   * The loader of one connection's pages. Which next levels its statement brings (`children`) does not
   * change the pages, so it is not part of the loader's identity: the first caller's choice is used.
   */
  page(name: string, relation: PagedRelation, query: PageQuery, children?: ChildPageRequest[]): DataLoader<number[], Page, string>;
  /**
   * A page this request already has (fetched, or brought by the level above), without waiting: a
   * connection whose page is in hand resolves at once, and its fields with it.
   */
  loaded(key: string, parent: readonly number[]): Page | undefined;
  count(name: string, relation: PagedRelation): DataLoader<number[], number, string>;
}

/**
 * What identifies one connection's pages in a request (`loaded`): its name and query. Callers that resolve
 * many sibling connections compute it once (see paged-connection.ts).
 */
export function pageLoaderKey(name: string, query: PageQuery): string {
  return `${name}|${JSON.stringify(query)}`;
}

export function createPageLoaders(db: Database): PageLoaders {
  const pages = new Map<string, DataLoader<number[], Page, string>>();
  const inHand = new Map<string, Map<string, Page>>();
  const keep = (key: string, parent: string, page: Page) => {
    let byParent = inHand.get(key);
    if (!byParent) inHand.set(key, (byParent = new Map()));
    if (!byParent.has(parent)) byParent.set(parent, page);
  };
  const counts = new Map<string, DataLoader<number[], number, string>>();
  // The next levels' connections find their pages in hand (`loaded`) before asking any loader.
  const keepChildPages = (rows: readonly PageRow[], children: readonly ChildPageRequest[]) => {
    for (const row of rows) {
      row.childPages?.forEach((page, i) => {
        const child = children[i]!;
        keep(child.key, parentKeyOf([row.nodeId]), page);
        keepChildPages(page.rows, child.children ?? []);
      });
    }
  };
  const loaders: PageLoaders = {
    page(name, relation, query, children = []) {
      const key = pageLoaderKey(name, query);
      let loader = pages.get(key);
      if (!loader) {
        loader = new DataLoader(
          async (parents) => {
            const found = await fetchPages(db, relation, parents, query, children);
            for (const page of found.values()) keepChildPages(page.rows, children);
            const empty: Page = query.withCount ? { rows: [], total: 0 } : { rows: [] };
            return parents.map((p) => {
              const parent = parentKeyOf(p);
              const page = found.get(parent) ?? empty;
              keep(key, parent, page);
              return page;
            });
          },
          { cacheKeyFn: parentKeyOf },
        );
        pages.set(key, loader);
      }
      return loader;
    },
    loaded(key, parent) {
      return inHand.get(key)?.get(parentKeyOf(parent));
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
