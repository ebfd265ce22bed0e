/**
 * Per-request loaders behind the metrics fields that the in-memory paper facts do not answer: topic
 * subtrees, and citations by the citing paper's year (the facts hold no citation edges).
 */
import DataLoader from 'dataloader';
import type { Database } from '../../db/client.js';
import { topicSubtreeIds } from '../../db/queries/entities.js';
import { citationsByYearOfAuthors } from '../../db/queries/metrics.js';
import { loaderOfLists } from './by-key.js';

export function createMetricsLoaders(db: Database) {
  return {
    /** Each topic's subtree ids (itself included). */
    topicSubtree: new DataLoader<number, number[]>(async (ids) => {
      const subtrees = await topicSubtreeIds(db, ids);
      return ids.map((id) => subtrees.get(id) ?? [id]);
    }),
    citationsByYearOfAuthor: loaderOfLists((ids: readonly number[]) => citationsByYearOfAuthors(db, ids), (r) => Number(r.owner_id)),
  };
}
