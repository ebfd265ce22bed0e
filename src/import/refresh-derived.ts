/**
 * Counts that lists sort by are stored columns; after a write they are recomputed here, inside the same
 * transaction, so they are consistent when the import returns. Raw SQL: Drizzle's update builder cannot
 * express UPDATE … FROM (aggregate subquery).
 */
import { sql } from 'drizzle-orm';
import type { DataVersionName } from '../../db/queries/data-versions.js';
import { intArray } from '../../db/queries/raw.js';
import { chunked } from './chunks.js';
import { IMPORT_TIME } from './touch-updated.js';
import type { Executor } from './write-entities.js';

/** Grouped counts over the authorships index, then a second pass for authors left with no paper at all. */
export async function refreshAuthorPaperCounts(tx: Executor, authorIds: number[]): Promise<void> {
  for (const chunk of chunked(authorIds, 50000)) {
    await tx.execute(sql`
      update authors a set paper_count = c.n, updated_at = ${IMPORT_TIME}
      from (
        select author_id, count(*)::int as n from authorships
        where author_id = any(${intArray(chunk)}) group by author_id
      ) c
      where a.id = c.author_id and a.paper_count <> c.n`);
    await tx.execute(sql`
      update authors a set paper_count = 0, updated_at = ${IMPORT_TIME}
      where a.id = any(${intArray(chunk)}) and a.paper_count <> 0
        and not exists (select 1 from authorships s where s.author_id = a.id)`);
  }
}

/**
 * One grouped count over the citations index for all the papers, then an update of the rows whose count
 * moved. (Imports only add citations, so no paper's count falls to zero here.)
 */
export async function refreshCitedByCounts(tx: Executor, paperIds: number[]): Promise<void> {
  for (const chunk of chunked(paperIds, 50000)) {
    await tx.execute(sql`
      update papers p set cited_by_count = c.n, updated_at = ${IMPORT_TIME}
      from (
        select cited_id, count(*)::int as n from citations
        where cited_id = any(${intArray(chunk)}) group by cited_id
      ) c
      where p.id = c.cited_id and p.cited_by_count <> c.n`);
  }
}

/** Venues and topics are few: one grouped pass over each keeps every count right, whatever moved. */
export async function refreshVenueAndTopicCounts(tx: Executor): Promise<void> {
  await tx.execute(sql`
    update venues v set paper_count = coalesce(c.n, 0)
    from venues v2
    left join (select venue_id, count(*)::int as n from papers where venue_id is not null group by venue_id) c
      on c.venue_id = v2.id
    where v.id = v2.id and v.paper_count <> coalesce(c.n, 0)`);
  await tx.execute(sql`
    update topics t set paper_count = coalesce(c.n, 0)
    from topics t2
    left join (select topic_id, count(*)::int as n from paper_topics group by topic_id) c on c.topic_id = t2.id
    where t.id = t2.id and t.paper_count <> coalesce(c.n, 0)`);
}

/**
 * Tell servers holding derived data in memory that its source changed (see `data_versions`):
 * `coauthors` when authorships changed (the coauthor graph), `papers` when anything a paper figure or
 * group reads changed (the paper facts index).
 */
export async function bumpVersion(tx: Executor, name: DataVersionName): Promise<void> {
  await tx.execute(sql`
    insert into data_versions (name, version) values (${name}, 1)
    on conflict (name) do update set version = data_versions.version + 1`);
}
