/** Per-request loaders behind the metrics fields that the in-memory paper facts do not answer: topic subtrees. */
import DataLoader from 'dataloader';
import type { Database } from '../../db/client.js';
import { topicSubtreeIds } from '../../db/queries/entities.js';

export function createMetricsLoaders(db: Database) {
  return {
    /** Each topic's subtree ids (itself included). */
    topicSubtree: new DataLoader<number, number[]>(async (ids) => {
      const subtrees = await topicSubtreeIds(db, ids);
      return ids.map((id) => subtrees.get(id) ?? [id]);
    }),
  };
}
