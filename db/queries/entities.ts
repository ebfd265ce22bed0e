/** Rows by id (and by unique external id), one statement for any number of keys. */
import { asc, desc, isNull, sql, type Column, type SQL } from 'drizzle-orm';
import type { Database } from '../client.js';
import { authors, authorships, papers, paperTopics, topics, venues } from '../tables.js';
import { textList } from './bulk.js';
import { intArray, queryRows } from './raw.js';

/**
 * `column = any($1)`: one array parameter, so the statement's text is the same for any number of keys and
 * its prepared form is reused (Drizzle's `inArray` writes one parameter per key).
 */
function anyOf(column: Column, values: readonly (number | string)[]): SQL {
  if (values.every((v) => typeof v === 'number')) return sql`${column} = any(${intArray(values as number[])})`;
  return sql`${column} in ${textList(values as string[])}`;
}

/** Paper columns a resolver may read; the search vector stays in the database. */
const paperColumns = {
  id: papers.id,
  title: papers.title,
  abstract: papers.abstract,
  publishedAt: papers.publishedAt,
  year: papers.year,
  venueId: papers.venueId,
  doi: papers.doi,
  arxivId: papers.arxivId,
  openalexId: papers.openalexId,
  aclId: papers.aclId,
  codeUrl: papers.codeUrl,
  hasCode: papers.hasCode,
  authorListComplete: papers.authorListComplete,
  reportedCitationCount: papers.reportedCitationCount,
  citedByCount: papers.citedByCount,
  citationCount: papers.citationCount,
};
export type Author = typeof authors.$inferSelect;
export type Venue = typeof venues.$inferSelect;
export type Topic = typeof topics.$inferSelect;

export function papersByIds(db: Database, ids: readonly number[]) {
  return db.select(paperColumns).from(papers).where(anyOf(papers.id, ids));
}
export type Paper = Awaited<ReturnType<typeof papersByIds>>[number];

export function papersByExternalId(
  db: Database,
  field: 'doi' | 'arxivId',
  values: readonly string[],
): Promise<Paper[]> {
  return db.select(paperColumns).from(papers).where(anyOf(papers[field], values));
}

export function authorsByIds(db: Database, ids: readonly number[]): Promise<Author[]> {
  return db.select().from(authors).where(anyOf(authors.id, ids));
}

export function venuesByIds(db: Database, ids: readonly number[]): Promise<Venue[]> {
  return db.select().from(venues).where(anyOf(venues.id, ids));
}

export function topicsByIds(db: Database, ids: readonly number[]): Promise<Topic[]> {
  return db.select().from(topics).where(anyOf(topics.id, ids));
}

export function topicsByCodes(db: Database, codes: readonly string[]): Promise<Topic[]> {
  return db.select().from(topics).where(anyOf(topics.code, codes));
}

export function rootTopics(db: Database): Promise<Topic[]> {
  return db.select().from(topics).where(isNull(topics.parentId)).orderBy(asc(topics.name), asc(topics.id));
}

export function childTopics(db: Database, parentIds: readonly number[]): Promise<Topic[]> {
  return db
    .select()
    .from(topics)
    .where(anyOf(topics.parentId, parentIds))
    .orderBy(asc(topics.name), asc(topics.id));
}

/** Topic links of papers, primary first. */
export function topicLinksOfPapers(db: Database, paperIds: readonly number[]) {
  return db
    .select({ paperId: paperTopics.paperId, topicId: paperTopics.topicId, isPrimary: paperTopics.isPrimary })
    .from(paperTopics)
    .where(anyOf(paperTopics.paperId, paperIds))
    .orderBy(desc(paperTopics.isPrimary), asc(paperTopics.topicId));
}

/** How many of each author's papers appeared at each venue, most first. */
export function venueCountsOfAuthors(db: Database, authorIds: readonly number[]) {
  return db
    .select({ authorId: authorships.authorId, venueId: papers.venueId, paperCount: sql<number>`count(*)::int` })
    .from(authorships)
    .innerJoin(papers, sql`${papers.id} = ${authorships.paperId}`)
    .where(sql`${anyOf(authorships.authorId, authorIds)} and ${papers.venueId} is not null`)
    .groupBy(authorships.authorId, papers.venueId)
    .orderBy(desc(sql`count(*)`), asc(papers.venueId)) as Promise<{ authorId: number; venueId: number; paperCount: number }[]>;
}

/**
 * The ids of each topic's subtree (itself and every topic below it), one statement for many topics.
 * Statements over papers take these as an array, which the planner can estimate, unlike a recursive
 * subquery inside them.
 */
export async function topicSubtreeIds(db: Database, topicIds: readonly number[]): Promise<Map<number, number[]>> {
  const rows = await queryRows<{ id: number; ids: number[] }>(
    db,
    sql`select x.id, array(${topicSubtree(sql`x.id`)}) as ids from unnest(${intArray(topicIds)}) as x(id)`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.ids.map(Number)]));
}

/** The ids of a topic and every topic below it. */
export function topicSubtree(root: ReturnType<typeof sql>) {
  return sql`with recursive sub(id) as (
      select ${root}::int
      union
      select t.id from topics t join sub on t.parent_id = sub.id
    ) select id from sub`;
}
