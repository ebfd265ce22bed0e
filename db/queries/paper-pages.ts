/**
 * Paged relations that end in papers: an author's papers, a venue's, a topic's, a paper's references and
 * citing papers, and the filtered root list. Every one sorts by the same keys, so one ordering type serves
 * them all.
 */
import { sql, type SQL } from 'drizzle-orm';
import { paperJson, topicSubtree, type NodeShape } from './entities.js';
import { intArray } from './raw.js';
import type { PagedRelation, SortType } from './paging.js';
import { updatedAtKeys } from '../updated-at.js';

export type PaperOrderField = 'PUBLISHED_AT' | 'CITATION_COUNT' | 'TITLE' | 'RELEVANCE' | 'UPDATED_AT';

export interface PaperFilter {
  search?: string;
  yearFrom?: number;
  yearTo?: number;
  venueId?: number;
  topicId?: number;
  /** The subtree of `topicId` when already resolved (see topicSubtreeIds): used instead of a recursive subquery. */
  topicIds?: readonly number[];
  authorId?: number;
  hasCode?: boolean;
  /** Inserted or changed strictly after this instant (RFC 3339 text, checked; see src/date-time.ts). */
  updatedSince?: string;
}

/**
 * `updated_at` strictly after an instant, over the exact keys its index holds (db/updated-at.ts). Strictly:
 * every row of one time was written by one import, whose rows become visible together at its commit, so a
 * client passing the latest `updatedAt` it has seen already holds all of that time's rows.
 */
export function updatedSinceCondition(column: SQL, since: string): SQL {
  const [minute, micro] = updatedAtKeys(column);
  const [sinceMinute, sinceMicro] = updatedAtKeys(sql`${since}::timestamptz`);
  return sql`(${minute}, ${micro}) > (${sinceMinute}, ${sinceMicro})`;
}

function searchQuery(search: string): SQL {
  return sql`websearch_to_tsquery('english', ${search})`;
}

/** The sort key expressions over the papers alias `p`; RELEVANCE needs the search text. */
function sortKeys(field: PaperOrderField, search: string | undefined): { expr: SQL; type: SortType }[] {
  if (field === 'UPDATED_AT') return updatedAtKeys(sql`p.updated_at`).map((expr) => ({ expr, type: 'int' as const }));
  return [sortKey(field, search)];
}

function sortKey(field: Exclude<PaperOrderField, 'UPDATED_AT'>, search: string | undefined): { expr: SQL; type: SortType } {
  switch (field) {
    case 'PUBLISHED_AT':
      return { expr: sql`p.sort_date`, type: 'date' };
    case 'CITATION_COUNT':
      return { expr: sql`p.citation_count`, type: 'int' };
    case 'TITLE':
      return { expr: sql`p.title`, type: 'text' };
    case 'RELEVANCE':
      if (!search) throw new RangeError('RELEVANCE ordering needs a search');
      return { expr: sql`ts_rank(p.search_vector, ${searchQuery(search)})`, type: 'real' };
  }
}

export function paperFilterConditions(filter: PaperFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.search) conditions.push(sql`p.search_vector @@ ${searchQuery(filter.search)}`);
  if (filter.yearFrom != null) conditions.push(sql`p.year >= ${filter.yearFrom}`);
  if (filter.yearTo != null) conditions.push(sql`p.year <= ${filter.yearTo}`);
  if (filter.venueId != null) conditions.push(sql`p.venue_id = ${filter.venueId}`);
  if (filter.hasCode != null) conditions.push(sql`p.has_code = ${filter.hasCode}`);
  if (filter.updatedSince != null) conditions.push(updatedSinceCondition(sql`p.updated_at`, filter.updatedSince));
  if (filter.authorId != null) {
    conditions.push(sql`exists (select 1 from authorships fa where fa.paper_id = p.id and fa.author_id = ${filter.authorId})`);
  }
  if (filter.topicIds != null) {
    conditions.push(sql`p.id in (select ft.paper_id from paper_topics ft where ft.topic_id = any(${intArray(filter.topicIds)}))`);
  } else if (filter.topicId != null) {
    conditions.push(
      sql`exists (select 1 from paper_topics ft where ft.paper_id = p.id and ft.topic_id in (${topicSubtree(sql`${filter.topicId}`)}))`,
    );
  }
  return conditions;
}

const PAPER_NODE = { table: 'papers', json: (shape: NodeShape) => paperJson('n', shape) };

function where(conditions: SQL[]): SQL {
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
}

interface PaperPageOptions {
  field: PaperOrderField;
  filter?: PaperFilter;
}

/** Build a paper relation from the part that links a parent to its papers (joined as `p`); `name` names that part. */
function paperRelation(
  name: string,
  options: PaperPageOptions,
  link: (parent: SQL[]) => { from: SQL; condition: SQL; extras?: SQL; countFrom?: SQL },
  extras: string[] = [],
  parentArity: 0 | 1 | 2 = 1,
): PagedRelation {
  const keys = sortKeys(options.field, options.filter?.search);
  const keyColumns = sql.join(keys.map((k, i) => sql`${k.expr} as ${sql.raw(`k${i}`)}`), sql`, `);
  const filterConditions = paperFilterConditions(options.filter ?? {});
  return {
    shape: `${name}:${options.field}:${JSON.stringify(options.filter ?? {})}`,
    keyTypes: keys.map((k) => k.type),
    extras,
    parentArity,
    node: PAPER_NODE,
    select: (parent) => {
      const l = link(parent);
      return sql`select p.id as node_id, ${keyColumns}${l.extras ? sql`, ${l.extras}` : sql``}
        from ${l.from} where ${where([l.condition, ...filterConditions])}`;
    },
    // Without filters on the papers, the link rows alone count them: each one names a paper (foreign key).
    ...(filterConditions.length === 0
      ? {
          countSelect: (parent: SQL[]) => {
            const l = link(parent);
            return sql`select 1 from ${l.countFrom ?? l.from} where ${l.condition}`;
          },
        }
      : {}),
  };
}

export function papersOfAuthor(options: PaperPageOptions): PagedRelation {
  return paperRelation(
    'papersOfAuthor',
    options,
    ([author]) => ({
      from: sql`authorships a join papers p on p.id = a.paper_id`,
      countFrom: sql`authorships a`,
      condition: sql`a.author_id = ${author}`,
      extras: sql`a.position, a.affiliation`,
    }),
    ['position', 'affiliation'],
  );
}

/** Papers two authors wrote together; the parent is the pair. */
export function papersOfAuthorPair(options: PaperPageOptions): PagedRelation {
  return paperRelation(
    'papersOfAuthorPair',
    options,
    ([a, b]) => ({
      from: sql`authorships a join authorships b on b.paper_id = a.paper_id join papers p on p.id = a.paper_id`,
      countFrom: sql`authorships a join authorships b on b.paper_id = a.paper_id`,
      condition: sql`a.author_id = ${a} and b.author_id = ${b}`,
    }),
    [],
    2,
  );
}

export function papersOfVenue(options: PaperPageOptions): PagedRelation {
  return paperRelation('papersOfVenue', options, ([venue]) => ({ from: sql`papers p`, condition: sql`p.venue_id = ${venue}` }));
}

/** A topic's papers include those of every topic below it. */
export function papersOfTopic(options: PaperPageOptions): PagedRelation {
  return paperRelation('papersOfTopic', options, ([topic]) => ({
    from: sql`papers p`,
    condition: sql`exists (select 1 from paper_topics pt where pt.paper_id = p.id and pt.topic_id in (${topicSubtree(topic!)}))`,
  }));
}

export function referencesOfPaper(options: PaperPageOptions): PagedRelation {
  return paperRelation('referencesOfPaper', options, ([paper]) => ({
    from: sql`citations c join papers p on p.id = c.cited_id`,
    countFrom: sql`citations c`,
    condition: sql`c.citing_id = ${paper}`,
  }));
}

export function citingPapersOf(options: PaperPageOptions): PagedRelation {
  return paperRelation('citingPapersOf', options, ([paper]) => ({
    from: sql`citations c join papers p on p.id = c.citing_id`,
    countFrom: sql`citations c`,
    condition: sql`c.cited_id = ${paper}`,
  }));
}

/** One paper by id, as a page of one row: lets a lookup bring pages below it (see ChildPages). */
export function paperById(): PagedRelation {
  return {
    shape: 'paperById',
    keyTypes: ['int'],
    node: PAPER_NODE,
    select: ([id]) => sql`select p.id as node_id, 0 as k0 from papers p where p.id = ${id}`,
  };
}

export function filteredPapers(options: PaperPageOptions): PagedRelation {
  return paperRelation('filteredPapers', options, () => ({ from: sql`papers p`, condition: sql`true` }), [], 0);
}
