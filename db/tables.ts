/**
 * The scholarly graph as tables. Every column a resolver filters or sorts on has an index; counts that a
 * list sorts by (paper counts, citation counts) are maintained columns refreshed by the import writer, so
 * ordering by them never needs a per-row subquery.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { updatedAtKeys } from './updated-at.js';

/** Postgres full-text vector; Drizzle has no built-in column type for it. */
const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

export const venueKind = pgEnum('venue_kind', ['conference', 'journal', 'preprint_server', 'workshop', 'other']);

/** Figures a source reported about an author, kept apart from what the graph computes. */
export interface ReportedAuthorMetrics {
  source: string;
  hIndex?: number;
  paperCount?: number;
  citationCount?: number;
  /** Percent, 0..100, as the source shows it. */
  novelty?: number;
  aiScore?: number;
  /** Topic code of the field the source files the author under (e.g. `cs.CL`). */
  primaryTopicCode?: string;
}

export const venues = pgTable(
  'venues',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** Lower-cased, accent-free name: the identity an importer matches on. */
    nameKey: text('name_key').notNull(),
    shortName: text('short_name'),
    kind: venueKind('kind').notNull().default('other'),
    paperCount: integer('paper_count').notNull().default(0),
  },
  (t) => [uniqueIndex('venues_name_key_uq').on(t.nameKey), index('venues_paper_count_idx').on(t.paperCount, t.id)],
);

export const topics = pgTable(
  'topics',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => topics.id, { onDelete: 'set null' }),
    paperCount: integer('paper_count').notNull().default(0),
  },
  (t) => [
    uniqueIndex('topics_code_uq').on(t.code),
    index('topics_parent_idx').on(t.parentId),
    check('topics_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

export const authors = pgTable(
  'authors',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    displayName: text('display_name').notNull(),
    /** Lower-cased, accent-free, whitespace-folded name used for search and fallback identity. */
    normalizedName: text('normalized_name').notNull(),
    orcid: text('orcid'),
    openalexId: text('openalex_id'),
    dblpId: text('dblp_id'),
    /**
     * Identity for authors a source gives no id for: `<source>:<normalized name>`. Two people of the same
     * name in one source collapse into one author; that is the documented limit of name-only sources.
     */
    sourceKey: text('source_key'),
    affiliation: text('affiliation'),
    reportedMetrics: jsonb('reported_metrics').$type<ReportedAuthorMetrics>(),
    paperCount: integer('paper_count').notNull().default(0),
    /** When the import writer last inserted or changed the row (its paper count included). */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('authors_orcid_uq').on(t.orcid),
    uniqueIndex('authors_openalex_uq').on(t.openalexId),
    uniqueIndex('authors_dblp_uq').on(t.dblpId),
    uniqueIndex('authors_source_key_uq').on(t.sourceKey),
    index('authors_normalized_name_idx').on(t.normalizedName, t.id),
    index('authors_paper_count_idx').on(t.paperCount, t.id),
    // The exact keys UPDATED_AT orders and pages by (see updated-at.ts), and `updatedSince` ranges.
    index('authors_updated_at_idx').on(...updatedAtKeys(sql`${t.updatedAt}`), t.id),
  ],
);

export const papers = pgTable(
  'papers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    /** Lower-cased, accent- and punctuation-free title: fallback identity with the year. */
    titleKey: text('title_key').notNull(),
    abstract: text('abstract'),
    publishedAt: date('published_at', { mode: 'string' }),
    year: integer('year'),
    /**
     * Non-null sort key for "newest first": the publication date, else 1 January of the year, else the
     * earliest date. Cursors can page past papers with no date because this is never null.
     */
    sortDate: date('sort_date', { mode: 'string' })
      .notNull()
      .generatedAlwaysAs(
        (): SQL => sql`coalesce(${papers.publishedAt}, make_date(${papers.year}, 1, 1), '0001-01-01'::date)`,
      ),
    venueId: integer('venue_id').references(() => venues.id, { onDelete: 'set null' }),
    doi: text('doi'),
    arxivId: text('arxiv_id'),
    openalexId: text('openalex_id'),
    aclId: text('acl_id'),
    codeUrl: text('code_url'),
    /** The source says code is available even when it gives no link. */
    hasCode: boolean('has_code').notNull().default(false),
    /** False when the source hid some authors (an "et al." list). */
    authorListComplete: boolean('author_list_complete').notNull().default(true),
    reportedCitationCount: integer('reported_citation_count'),
    /** Citations from papers in this database; maintained by the writer. */
    citedByCount: integer('cited_by_count').notNull().default(0),
    /** What `citationCount` shows and sorts by: the source's figure when it has one, else the graph's. */
    citationCount: integer('citation_count')
      .notNull()
      .generatedAlwaysAs((): SQL => sql`coalesce(${papers.reportedCitationCount}, ${papers.citedByCount})`),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`setweight(to_tsvector('english', ${papers.title}), 'A') || setweight(to_tsvector('english', coalesce(${papers.abstract}, '')), 'B')`,
      ),
    /**
     * When the import writer last inserted or changed the paper: its own columns, its authorships or topic
     * links, or its cited-by count (see src/import/touch-updated.ts).
     */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('papers_doi_uq').on(t.doi),
    uniqueIndex('papers_arxiv_uq').on(t.arxivId),
    uniqueIndex('papers_openalex_uq').on(t.openalexId),
    uniqueIndex('papers_acl_uq').on(t.aclId),
    index('papers_title_key_idx').on(t.titleKey, t.year),
    // Papers known by no id at all: the only ones a record with ids may match by title (see the importer).
    index('papers_title_key_without_ids_idx')
      .on(t.titleKey)
      .where(sql`${t.doi} is null and ${t.arxivId} is null and ${t.openalexId} is null and ${t.aclId} is null`),
    index('papers_sort_date_idx').on(t.sortDate, t.id),
    index('papers_citation_count_idx').on(t.citationCount, t.id),
    index('papers_venue_idx').on(t.venueId, t.sortDate, t.id),
    index('papers_year_idx').on(t.year),
    index('papers_search_idx').using('gin', t.searchVector),
    // The exact keys UPDATED_AT orders and pages by (see updated-at.ts), and `updatedSince` ranges.
    index('papers_updated_at_idx').on(...updatedAtKeys(sql`${t.updatedAt}`), t.id),
  ],
);

export const authorships = pgTable(
  'authorships',
  {
    paperId: integer('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => authors.id, { onDelete: 'cascade' }),
    /** 1-based author order; null when the source hid this author behind "et al.". */
    position: integer('position'),
    affiliation: text('affiliation'),
  },
  (t) => [
    primaryKey({ columns: [t.paperId, t.authorId] }),
    uniqueIndex('authorships_paper_position_uq').on(t.paperId, t.position),
    index('authorships_author_idx').on(t.authorId, t.paperId),
    check('authorships_position_positive', sql`${t.position} is null or ${t.position} >= 1`),
  ],
);

export const paperTopics = pgTable(
  'paper_topics',
  {
    paperId: integer('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    isPrimary: boolean('is_primary').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.paperId, t.topicId] }), index('paper_topics_topic_idx').on(t.topicId, t.paperId)],
);

export const citations = pgTable(
  'citations',
  {
    citingId: integer('citing_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    citedId: integer('cited_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.citingId, t.citedId] }),
    index('citations_cited_idx').on(t.citedId, t.citingId),
    check('citations_no_self', sql`${t.citingId} <> ${t.citedId}`),
  ],
);

export type AuthorRow = typeof authors.$inferSelect;
export type PaperRow = typeof papers.$inferSelect;
export type VenueRow = typeof venues.$inferSelect;
export type TopicRow = typeof topics.$inferSelect;

/**
 * Version counters of derived data kept outside the database (the in-memory coauthor graph and paper facts):
 * every import that changes authorships bumps `coauthors`, and one that changes what the paper facts read
 * bumps `papers`, in its own transaction, so a server sees the change as soon as the import commits and
 * rebuilds before answering from stale data. The graph follows both rows (it holds papers' years too; see
 * db/queries/data-versions.ts).
 */
export const dataVersions = pgTable('data_versions', {
  name: text('name').primaryKey(),
  version: integer('version').notNull().default(0),
});
