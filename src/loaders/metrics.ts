/**
 * Per-request loaders of citation figures and topic breakdowns. Figures that depend on an argument (the
 * citation basis, how many top authors) get one loader per argument value, made on first use, so fifty
 * venues asking for the same thing share one statement.
 */
import DataLoader from 'dataloader';
import type { Database } from '../../db/client.js';
import { topicSubtreeIds } from '../../db/queries/entities.js';
import {
  citationsByYearOfAuthors,
  papersOfAuthorsWithCounts,
  topicsOfOwners,
  type CitationBasis,
} from '../../db/queries/metrics.js';
import { loaderOfLists } from './by-key.js';

/** One loader per distinct key, made on first use within the request. */
function loaderFamily<P, L>(make: (params: P) => L): (params: P) => L {
  const made = new Map<string, L>();
  return (params) => {
    const key = JSON.stringify(params);
    let loader = made.get(key);
    if (!loader) made.set(key, (loader = make(params)));
    return loader;
  };
}

export function createMetricsLoaders(db: Database) {
  return {
    /** Each topic's subtree ids (itself included). */
    topicSubtree: new DataLoader<number, number[]>(async (ids) => {
      const subtrees = await topicSubtreeIds(db, ids);
      return ids.map((id) => subtrees.get(id) ?? [id]);
    }),
    papersOfAuthorWithCounts: loaderOfLists((ids: readonly number[]) => papersOfAuthorsWithCounts(db, ids), (r) => Number(r.author_id)),
    citationsByYearOfAuthor: loaderOfLists((ids: readonly number[]) => citationsByYearOfAuthors(db, ids), (r) => Number(r.owner_id)),
    topicsOfOwner: loaderFamily(({ kind, basis }: { kind: 'author' | 'venue'; basis: CitationBasis }) =>
      loaderOfLists((ids: readonly number[]) => topicsOfOwners(db, kind, ids, basis), (r) => Number(r.owner_id)),
    ),
  };
}
