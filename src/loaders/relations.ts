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

export function createRelationLoaders(db: Database) {
  return {
    topicLinksOfPaper: loaderOfLists((ids: readonly number[]) => topicLinksOfPapers(db, ids), (l) => l.paperId),
    childTopics: loaderOfLists((ids: readonly number[]) => childTopics(db, ids), (t) => t.parentId!),
    venueCountsOfAuthor: loaderOfLists((ids: readonly number[]) => venueCountsOfAuthors(db, ids), (r) => r.authorId),
    // Keyed by a constant so the root list is fetched once per request however often it is asked for.
    rootTopics: new DataLoader<'roots', Awaited<ReturnType<typeof rootTopics>>>(async (keys) => {
      const roots = await rootTopics(db);
      return keys.map(() => roots);
    }),
    /** Each topic's subtree ids (itself included). */
    topicSubtree: new DataLoader<number, number[]>(async (ids) => {
      const subtrees = await topicSubtreeIds(db, ids);
      return ids.map((id) => subtrees.get(id) ?? [id]);
    }),
    collaborationStats: loaderByKey((ids: readonly number[]) => collaborationStats(db, ids), (r) => Number(r.author_id)),
  };
}
