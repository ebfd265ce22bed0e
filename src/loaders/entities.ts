/** Per-request loaders of single entities, by internal id and by the external ids clients look up. */
import type { Database } from '../../db/client.js';
import {
  authorsByIds,
  papersByExternalId,
  papersByIds,
  topicsByCodes,
  topicsByIds,
  venuesByIds,
} from '../../db/queries/entities.js';
import { loaderByKey } from './by-key.js';

/** How each loader is made for a request's database handle (see createLoaders). */
export const entityLoaders = {
  author: (db: Database) => loaderByKey((ids: readonly number[]) => authorsByIds(db, ids), (a) => a.id),
  paper: (db: Database) => loaderByKey((ids: readonly number[]) => papersByIds(db, ids), (p) => p.id),
  paperByDoi: (db: Database) => loaderByKey((dois: readonly string[]) => papersByExternalId(db, 'doi', dois), (p) => p.doi!),
  paperByArxivId: (db: Database) => loaderByKey((ids: readonly string[]) => papersByExternalId(db, 'arxivId', ids), (p) => p.arxivId!),
  venue: (db: Database) => loaderByKey((ids: readonly number[]) => venuesByIds(db, ids), (v) => v.id),
  topic: (db: Database) => loaderByKey((ids: readonly number[]) => topicsByIds(db, ids), (t) => t.id),
  topicByCode: (db: Database) => loaderByKey((codes: readonly string[]) => topicsByCodes(db, codes), (t) => t.code),
};
