/** Rows by id (and by unique external id), one statement for any number of keys. */
import { asc, desc, isNull, sql, type Column, type SQL } from 'drizzle-orm';
import type { Database } from '../client.js';
import { authors, authorships, papers, paperTopics, topics, venues } from '../tables.js';
import { textList } from './bulk.js';
import { intArray, jsonValue, queryRows } from './raw.js';
import { updatedAtText } from '../updated-at.js';

/**
 * `column = any($1)`: one array parameter, so the statement's text is the same for any number of keys and
 * its prepared form is reused (Drizzle's `inArray` writes one parameter per key).
 */
function anyOf(column: Column, values: readonly (number | string)[]): SQL {
  if (values.every((v) => typeof v === 'number')) return sql`${column} = any(${intArray(values as number[])})`;
  return sql`${column} in ${textList(values as string[])}`;
}

/**
 * Entities travel from PostgreSQL as one JSON object per row, built by these expressions, whether a row is
 * looked up by id or arrives with a page (paging.ts; a page may ask for the core keys only, see NodeShape).
 * Keys are the fields resolvers read; dates stay `YYYY-MM-DD` text, as Drizzle's date columns give them.
 */
export function venueJson(v: string): SQL {
  const a = sql.raw(v);
  return sql`json_build_object('id', ${a}.id, 'name', ${a}.name, 'nameKey', ${a}.name_key, 'shortName', ${a}.short_name,
    'kind', ${a}.kind, 'paperCount', ${a}.paper_count)`;
}

/**
 * How much of an entity a page's JSON carries: every field (`full`, what the entity loaders hold), or only
 * those most pages show (`core`: a paper's id, title, dates and its venue's id and name; an author's id and name; `brief`:
 * the same without the paper's venue, as lists of citing papers show them; `coreAndAbstract`: core with the
 * abstract, as a paper's own page shows it), when the page's selection asks
 * for nothing else (schema/node-shape.ts). A partial node is only ever handed to the connection that asked
 * for it, never to an entity loader.
 */
export type NodeShape = 'full' | PartialShape;
export type PartialShape = 'core' | 'brief' | 'coreAndAbstract';

/** A paper with its venue (or null): a page of papers seldom goes without venue names. */
export function paperJson(p: string, shape: NodeShape = 'full'): SQL {
  const a = sql.raw(p);
  if (shape === 'brief') {
    return sql`json_build_object('id', ${a}.id, 'title', ${a}.title, 'publishedAt', ${a}.published_at, 'year', ${a}.year)`;
  }
  if (shape === 'core' || shape === 'coreAndAbstract') {
    const abstract = shape === 'coreAndAbstract' ? sql`'abstract', ${a}.abstract, ` : sql``;
    return sql`json_build_object('id', ${a}.id, 'title', ${a}.title, ${abstract}'publishedAt', ${a}.published_at, 'year', ${a}.year,
      'venueId', ${a}.venue_id, 'venue', (select json_build_object('id', pv.id, 'name', pv.name) from venues pv where pv.id = ${a}.venue_id))`;
  }
  return sql`json_build_object('id', ${a}.id, 'title', ${a}.title, 'abstract', ${a}.abstract,
    'publishedAt', ${a}.published_at, 'year', ${a}.year, 'venueId', ${a}.venue_id, 'doi', ${a}.doi,
    'arxivId', ${a}.arxiv_id, 'openalexId', ${a}.openalex_id, 'aclId', ${a}.acl_id, 'codeUrl', ${a}.code_url,
    'hasCode', ${a}.has_code, 'authorListComplete', ${a}.author_list_complete,
    'reportedCitationCount', ${a}.reported_citation_count, 'citedByCount', ${a}.cited_by_count,
    'citationCount', ${a}.citation_count, 'updatedAt', ${updatedAtText(sql`${a}.updated_at`)},
    'venue', ${venueOf(a)})`;
}

function venueOf(paper: SQL): SQL {
  return sql`(select ${venueJson('pv')} from venues pv where pv.id = ${paper}.venue_id)`;
}

export function authorJson(au: string, shape: NodeShape = 'full'): SQL {
  const a = sql.raw(au);
  // An author's brief is their core: the name is what every list shows.
  if (shape !== 'full') return sql`json_build_object('id', ${a}.id, 'displayName', ${a}.display_name)`;
  return sql`json_build_object('id', ${a}.id, 'displayName', ${a}.display_name, 'normalizedName', ${a}.normalized_name,
    'orcid', ${a}.orcid, 'openalexId', ${a}.openalex_id, 'dblpId', ${a}.dblp_id, 'sourceKey', ${a}.source_key,
    'affiliation', ${a}.affiliation, 'reportedMetrics', ${a}.reported_metrics, 'paperCount', ${a}.paper_count,
    'updatedAt', ${updatedAtText(sql`${a}.updated_at`)})`;
}

/** `updatedAt` travels as exact RFC 3339 text (see db/updated-at.ts), never as a millisecond Date. */
export type Author = Omit<typeof authors.$inferSelect, 'updatedAt'> & { updatedAt: string };
export type Venue = typeof venues.$inferSelect;
export type Topic = typeof topics.$inferSelect;
export interface Paper {
  id: number;
  title: string;
  abstract: string | null;
  publishedAt: string | null;
  year: number | null;
  venueId: number | null;
  doi: string | null;
  arxivId: string | null;
  openalexId: string | null;
  aclId: string | null;
  codeUrl: string | null;
  hasCode: boolean;
  authorListComplete: boolean;
  reportedCitationCount: number | null;
  citedByCount: number;
  citationCount: number;
  /** Exact RFC 3339 text in UTC, microseconds included (see db/updated-at.ts). */
  updatedAt: string;
  /** Fetched with the paper, so resolvers need no venue lookup. */
  venue: Venue | null;
}

/** Rows of one JSON column `node`. */
async function nodes<T>(db: Database, query: SQL): Promise<T[]> {
  const rows = await queryRows<{ node: unknown }>(db, query);
  return rows.map((r) => jsonValue<T>(r.node));
}

export function papersByIds(db: Database, ids: readonly number[]): Promise<Paper[]> {
  return nodes(db, sql`select ${paperJson('p')} as node from papers p where p.id = any(${intArray(ids)})`);
}

export function papersByExternalId(db: Database, field: 'doi' | 'arxivId', values: readonly string[]): Promise<Paper[]> {
  const column = sql.raw(field === 'doi' ? 'doi' : 'arxiv_id');
  return nodes(db, sql`select ${paperJson('p')} as node from papers p where p.${column} in ${textList(values)}`);
}

export function authorsByIds(db: Database, ids: readonly number[]): Promise<Author[]> {
  return nodes(db, sql`select ${authorJson('a')} as node from authors a where a.id = any(${intArray(ids)})`);
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
  const rows = await queryRows<{ id: number; ids: unknown }>(
    db,
    sql`select x.id, array_to_json(array(${topicSubtree(sql`x.id`)})) as ids from unnest(${intArray(topicIds)}) as x(id)`,
  );
  return new Map(rows.map((r) => [Number(r.id), jsonValue<number[]>(r.ids).map(Number)]));
}

/** The ids of a topic and every topic below it. */
export function topicSubtree(root: ReturnType<typeof sql>) {
  return sql`with recursive sub(id) as (
      select ${root}::int
      union
      select t.id from topics t join sub on t.parent_id = sub.id
    ) select id from sub`;
}
