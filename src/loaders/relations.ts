/** Per-request loaders of short, unpaged lists hanging off an entity (a paper's topics, a topic's children…). */
import DataLoader from 'dataloader';
import type { Database } from '../../db/client.js';
import {
  childTopics,
  rootTopics,
  topicLinksOfPapers,
  topicSubtreeIds,
  venueCountsOfAuthors,
} from '../../db/queries/entities.js';
import { collaborationStats } from '../../db/queries/network.js';
import { loaderByKey, loaderOfLists } from './by-key.js';

/** How each loader is made for a request's database handle (see createLoaders). */
export const relationLoaders = {
  topicLinksOfPaper: (db: Database) => loaderOfLists((ids: readonly number[]) => topicLinksOfPapers(db, ids), (l) => l.paperId),
  childTopics: (db: Database) => loaderOfLists((ids: readonly number[]) => childTopics(db, ids), (t) => t.parentId!),
  venueCountsOfAuthor: (db: Database) => loaderOfLists((ids: readonly number[]) => venueCountsOfAuthors(db, ids), (r) => r.authorId),
  // Keyed by a constant so the root list is fetched once per request however often it is asked for.
  rootTopics: (db: Database) =>
    new DataLoader<'roots', Awaited<ReturnType<typeof rootTopics>>>(async (keys) => {
      const roots = await rootTopics(db);
      return keys.map(() => roots);
    }),
  /** Each topic's subtree ids (itself included). */
  topicSubtree: (db: Database) =>
    new DataLoader<number, number[]>(async (ids) => {
      const subtrees = await topicSubtreeIds(db, ids);
      return ids.map((id) => subtrees.get(id) ?? [id]);
    }),
  collaborationStats: (db: Database) => loaderByKey((ids: readonly number[]) => collaborationStats(db, ids), (r) => Number(r.author_id)),
};
