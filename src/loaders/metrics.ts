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
  ownerMetrics,
  papersByYearOfOwners,
  papersOfAuthorsWithCounts,
  topAuthorsOfOwners,
  topicsOfOwners,
  type CitationBasis,
  type OwnerKind,
  type OwnerMetricsRow,
  type Owners,
  type TopAuthorsBy,
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
  // Topics own their whole subtree: resolved in one small statement before the statement over papers.
  const owners = async (kind: OwnerKind, ids: readonly number[]): Promise<Owners> =>
    kind === 'venue' ? { kind, ids } : { kind, subtrees: await topicSubtreeIds(db, ids) };
  return {
    papersOfAuthorWithCounts: loaderOfLists((ids: readonly number[]) => papersOfAuthorsWithCounts(db, ids), (r) => Number(r.author_id)),
    citationsByYearOfAuthor: loaderOfLists((ids: readonly number[]) => citationsByYearOfAuthors(db, ids), (r) => Number(r.owner_id)),
    ownerMetrics: loaderFamily(
      ({ kind, basis }: { kind: OwnerKind; basis: CitationBasis }) =>
        new DataLoader<number, OwnerMetricsRow>(async (ids) => {
          const rows = new Map((await ownerMetrics(db, await owners(kind, ids), basis)).map((r) => [Number(r.owner_id), r]));
          return ids.map((id) => rows.get(id)!);
        }),
    ),
    papersByYearOfOwner: loaderFamily(({ kind }: { kind: OwnerKind }) =>
      loaderOfLists(async (ids: readonly number[]) => papersByYearOfOwners(db, await owners(kind, ids)), (r) => Number(r.owner_id)),
    ),
    topAuthorsOfOwner: loaderFamily(
      ({ kind, by, first, basis }: { kind: OwnerKind; by: TopAuthorsBy; first: number; basis: CitationBasis }) =>
        loaderOfLists(async (ids: readonly number[]) => topAuthorsOfOwners(db, await owners(kind, ids), by, first, basis), (r) => Number(r.owner_id)),
    ),
    topicsOfOwner: loaderFamily(({ kind, basis }: { kind: 'author' | 'venue'; basis: CitationBasis }) =>
      loaderOfLists((ids: readonly number[]) => topicsOfOwners(db, kind, ids, basis), (r) => Number(r.owner_id)),
    ),
  };
}
