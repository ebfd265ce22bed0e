/**
 * What each export holds: its query-string filter, its keyset batches and how a row reads as a record. The
 * records use the GraphQL schema's field names and global IDs, so a line of `papers.ndjson` reads like a
 * `Paper` fetched through the API with the same fields.
 */
import {
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

/** Fetches the next batch after the previous one's last row (none: the first batch); empty when done. */
export type BatchSource = (db: Database, size: number) => Promise<ExportRecord[]>;

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

/** A batch source keyed by the last row's key. */
function keyset<Row, Key>(
  first: Key,
  fetch: (db: Database, after: Key, size: number) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
  record: (row: Row) => ExportRecord,
): BatchSource {
  let after = first;
  return async (db, size) => {
    const rows = await fetch(db, after, size);
    if (rows.length > 0) after = keyOf(rows[rows.length - 1]!);
    return rows.map(record);
  };
}

export const EXPORT_KINDS: Record<'papers' | 'authors' | 'authorships', ExportKind> = {
  papers: {
    columns: ['id', 'title', 'abstract', 'publishedAt', 'year', 'venueId', 'doi', 'arxivId', 'aclId', 'codeUrl', 'hasCode',
      'authorListComplete', 'citationCount', 'reportedCitationCount', 'citedByCount', 'updatedAt'],
    open: (params) => {
      const filter = paperFilterOf(params);
      return keyset(0, (db, after, size) => paperExportBatch(db, filter, after, size), (r) => Number(r.id), paperRecord);
    },
  },
  authors: {
    columns: ['id', 'name', 'affiliation', 'orcid', 'paperCount', 'updatedAt'],
    open: (params) => {
      const filter = authorFilterOf(params);
      return keyset(0, (db, after, size) => authorExportBatch(db, filter, after, size), (r) => Number(r.id), authorRecord);
    },
  },
  authorships: {
    columns: ['paperId', 'authorId', 'position', 'affiliation'],
    open: (params) => {
      const filter = paperFilterOf(params);
      return keyset(
        [0, 0] as readonly [number, number],
        (db, after, size) => authorshipExportBatch(db, filter, after, size),
        (r) => [Number(r.paper_id), Number(r.author_id)] as const,
        authorshipRecord,
      );
    },
  },
};
