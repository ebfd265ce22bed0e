/**
 * The rows of the bulk exports, one keyset batch per statement: the next `size` rows after the last key
 * seen, in key order (papers and authors by id, authorships by paper then author), within a window of ids
 * (`upTo`), so a statement reads a bounded stretch of the primary key even when the filter matches almost
 * nothing there. Each batch walks the primary key from where the last one stopped, so memory holds one
 * batch whatever the export's size, the
 * same statements run on postgres.js and PGlite, and no transaction or cursor stays open between batches
 * (on PGlite, whose one connection serves every request, that would stall the whole server).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client.js';
import { updatedAtText } from '../updated-at.js';
import { paperFilterConditions, updatedSinceCondition, type PaperFilter } from './paper-pages.js';
import { queryRows } from './raw.js';

export interface PaperExportRow {
  id: number;
  title: string;
  abstract: string | null;
  published_at: string | null;
  year: number | null;
  venue_id: number | null;
  doi: string | null;
  arxiv_id: string | null;
  acl_id: string | null;
  code_url: string | null;
  has_code: boolean;
  author_list_complete: boolean;
  citation_count: number;
  reported_citation_count: number | null;
  cited_by_count: number;
  updated_at: string;
}

export interface AuthorExportRow {
  id: number;
  display_name: string;
  affiliation: string | null;
  orcid: string | null;
  paper_count: number;
  updated_at: string;
}

export interface AuthorshipExportRow {
  paper_id: number;
  author_id: number;
  position: number | null;
  affiliation: string | null;
}

function where(conditions: SQL[]): SQL {
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
}

/** The highest id of a table (0 when empty): where an export that starts now ends. */
export async function highestId(db: Database, table: 'papers' | 'authors'): Promise<number> {
  const [row] = await queryRows<{ id: number }>(db, sql`select coalesce(max(id), 0) as id from ${sql.identifier(table)}`);
  return Number(row?.id ?? 0);
}

/** Papers matching the filter with an id above `afterId` and at most `upTo`, by id. */
export function paperExportBatch(db: Database, filter: PaperFilter, afterId: number, upTo: number, size: number): Promise<PaperExportRow[]> {
  return queryRows<PaperExportRow>(
    db,
    sql`select p.id, p.title, p.abstract, p.published_at::text as published_at, p.year, p.venue_id, p.doi, p.arxiv_id,
          p.acl_id, p.code_url, p.has_code, p.author_list_complete, p.citation_count, p.reported_citation_count,
          p.cited_by_count, ${updatedAtText(sql`p.updated_at`)} as updated_at
        from papers p
        where p.id > ${afterId} and p.id <= ${upTo} and ${where(paperFilterConditions(filter))}
        order by p.id
        limit ${size}`,
  );
}

export interface AuthorExportFilter {
  updatedSince?: string;
}

/** Authors (changed since an instant, if given) with an id above `afterId` and at most `upTo`, by id. */
export function authorExportBatch(db: Database, filter: AuthorExportFilter, afterId: number, upTo: number, size: number): Promise<AuthorExportRow[]> {
  const since = filter.updatedSince != null ? [updatedSinceCondition(sql`a.updated_at`, filter.updatedSince)] : [];
  return queryRows<AuthorExportRow>(
    db,
    sql`select a.id, a.display_name, a.affiliation, a.orcid, a.paper_count, ${updatedAtText(sql`a.updated_at`)} as updated_at
        from authors a
        where a.id > ${afterId} and a.id <= ${upTo} and ${where(since)}
        order by a.id
        limit ${size}`,
  );
}

/**
 * The authorships of the papers matching the filter, after the link `(afterPaper, afterAuthor)` and with
 * a paper id at most `upTo`, by paper then author: the primary key's order, so each batch is one index range.
 */
export function authorshipExportBatch(
  db: Database,
  filter: PaperFilter,
  after: readonly [number, number],
  upTo: number,
  size: number,
): Promise<AuthorshipExportRow[]> {
  const conditions = paperFilterConditions(filter);
  const papers = conditions.length === 0 ? sql`` : sql` and exists (select 1 from papers p where p.id = s.paper_id and ${where(conditions)})`;
  return queryRows<AuthorshipExportRow>(
    db,
    sql`select s.paper_id, s.author_id, s.position, s.affiliation
        from authorships s
        where (s.paper_id, s.author_id) > (${after[0]}::int, ${after[1]}::int) and s.paper_id <= ${upTo}${papers}
        order by s.paper_id, s.author_id
        limit ${size}`,
  );
}
