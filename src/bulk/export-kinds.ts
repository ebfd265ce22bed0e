/**
 * What each export holds: its query-string filter, its keyset batches and how a row reads as a record. The
 * records use the GraphQL schema's field names and global IDs, so a line of `papers.ndjson` reads like a
 * `Paper` fetched through the API with the same fields.
 */
import {
  highestId,
  authorExportBatch,
  authorshipExportBatch,
  paperExportBatch,
  type AuthorExportRow,
  type AuthorshipExportRow,
  type PaperExportRow,
} from '../../db/queries/export-batches.js';
import type { Database } from '../../db/client.js';
import { encodeGlobalID } from '../../schema/global-id.js';
import { authorFilterOf, paperFilterOf } from './export-params.js';

export type ExportRecord = Record<string, string | number | boolean | null>;

/** The next records after the previous call's (at most `size`; maybe none while the export goes on), and whether it ended. */
export type BatchSource = (db: Database, size: number) => Promise<{ records: ExportRecord[]; done: boolean }>;

export interface ExportKind {
  /** The record's fields in CSV column order (test/bulk-export.test.ts checks them against the NDJSON keys). */
  columns: readonly string[];
  /** Checks the query string (throws BAD_USER_INPUT) and returns the export's batches. */
  open(params: URLSearchParams): BatchSource;
}

const globalId = (type: string, id: number | null) => (id == null ? null : encodeGlobalID(type, id));

export function paperRecord(row: PaperExportRow): ExportRecord {
  return {
    id: globalId('Paper', Number(row.id)),
    title: row.title,
    abstract: row.abstract,
    publishedAt: row.published_at,
    year: row.year,
    venueId: globalId('Venue', row.venue_id),
    doi: row.doi,
    arxivId: row.arxiv_id,
    aclId: row.acl_id,
    codeUrl: row.code_url,
    hasCode: row.has_code,
    authorListComplete: row.author_list_complete,
    citationCount: row.citation_count,
    reportedCitationCount: row.reported_citation_count,
    citedByCount: row.cited_by_count,
    updatedAt: row.updated_at,
  };
}

export function authorRecord(row: AuthorExportRow): ExportRecord {
  return {
    id: globalId('Author', Number(row.id)),
    name: row.display_name,
    affiliation: row.affiliation,
    orcid: row.orcid,
    paperCount: row.paper_count,
    updatedAt: row.updated_at,
  };
}

export function authorshipRecord(row: AuthorshipExportRow): ExportRecord {
  return {
    paperId: globalId('Paper', row.paper_id),
    authorId: globalId('Author', row.author_id),
    position: row.position,
    affiliation: row.affiliation,
  };
}

/** Ids a statement may walk past without finding a row: bounds a statement when the filter matches little. */
export const ID_WINDOW = 100_000;

/**
 * A batch source keyed by the last row's key, whose leading part is an id. The export ends at the highest id
 * when it started (rows inserted later are for the next pull); each statement reads ids up to a window past
 * the last key, and a window that gives fewer than `size` rows is used up, so the next one starts after it.
 */
function keyset<Row, Key>(options: {
  first: Key;
  leading: (key: Key) => number;
  /** The key just past every row whose leading id is `id`. */
  pastId: (id: number) => Key;
  highest: (db: Database) => Promise<number>;
  fetch: (db: Database, after: Key, upTo: number, size: number) => Promise<Row[]>;
  keyOf: (row: Row) => Key;
  record: (row: Row) => ExportRecord;
}): BatchSource {
  let after = options.first;
  let end: number | undefined;
  return async (db, size) => {
    end ??= await options.highest(db);
    if (options.leading(after) >= end) return { records: [], done: true };
    const upTo = Math.min(end, options.leading(after) + ID_WINDOW);
    const rows = await options.fetch(db, after, upTo, size);
    after = rows.length === size ? options.keyOf(rows[rows.length - 1]!) : options.pastId(upTo);
    return { records: rows.map(options.record), done: rows.length < size && upTo >= end };
  };
}

const byId = { first: 0, leading: (id: number) => id, pastId: (id: number) => id, keyOf: (r: { id: number }) => Number(r.id) };

export const EXPORT_KINDS: Record<'papers' | 'authors' | 'authorships', ExportKind> = {
  papers: {
    columns: ['id', 'title', 'abstract', 'publishedAt', 'year', 'venueId', 'doi', 'arxivId', 'aclId', 'codeUrl', 'hasCode',
      'authorListComplete', 'citationCount', 'reportedCitationCount', 'citedByCount', 'updatedAt'],
    open: (params) => {
      const filter = paperFilterOf(params);
      return keyset({
        ...byId,
        highest: (db) => highestId(db, 'papers'),
        fetch: (db, after, upTo, size) => paperExportBatch(db, filter, after, upTo, size),
        record: paperRecord,
      });
    },
  },
  authors: {
    columns: ['id', 'name', 'affiliation', 'orcid', 'paperCount', 'updatedAt'],
    open: (params) => {
      const filter = authorFilterOf(params);
      return keyset({
        ...byId,
        highest: (db) => highestId(db, 'authors'),
        fetch: (db, after, upTo, size) => authorExportBatch(db, filter, after, upTo, size),
        record: authorRecord,
      });
    },
  },
  authorships: {
    columns: ['paperId', 'authorId', 'position', 'affiliation'],
    open: (params) => {
      const filter = paperFilterOf(params);
      return keyset<AuthorshipExportRow, readonly [number, number]>({
        first: [0, 0],
        leading: ([paperId]) => paperId,
        pastId: (paperId) => [paperId, 2147483647],
        highest: (db) => highestId(db, 'papers'),
        fetch: (db, after, upTo, size) => authorshipExportBatch(db, filter, after, upTo, size),
        keyOf: (r) => [Number(r.paper_id), Number(r.author_id)] as const,
        record: authorshipRecord,
      });
    },
  },
};
