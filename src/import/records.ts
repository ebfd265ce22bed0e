/**
 * The normalized shape every importer produces and the one writer consumes. Parsers know their format;
 * the writer knows the tables; this file is the contract between them.
 */
import type { ReportedAuthorMetrics } from '../../db/tables.js';

export type VenueKind = 'conference' | 'journal' | 'preprint_server' | 'workshop' | 'other';

/** How to recognise an author again on a later import: ids first, then the name within one source. */
export interface AuthorIdentity {
  orcid?: string;
  openalexId?: string;
  dblpId?: string;
  /** Fallback for sources without author ids: `<source>:<normalized name>`. */
  sourceKey?: string;
}

export interface AuthorRecord {
  identity: AuthorIdentity;
  displayName: string;
  /** Current affiliation, when the source says it. */
  affiliation?: string;
  reportedMetrics?: ReportedAuthorMetrics;
}

export interface TopicRecord {
  code: string;
  name: string;
  /** The parent topic, written before this one. */
  parent?: TopicRecord;
}

export interface VenueRecord {
  name: string;
  shortName?: string;
  kind: VenueKind;
}

export interface AuthorshipRecord {
  author: AuthorRecord;
  /** 1-based order; null when the source hid this author behind "et al.". */
  position: number | null;
  /** Affiliation at the time of the paper. */
  affiliation?: string;
}

export interface PaperIdentity {
  doi?: string;
  arxivId?: string;
  openalexId?: string;
  aclId?: string;
}

export interface PaperRecord {
  identity: PaperIdentity;
  title: string;
  abstract?: string;
  /** ISO date `YYYY-MM-DD`. */
  publishedAt?: string;
  year?: number;
  venue?: VenueRecord;
  codeUrl?: string;
  hasCode: boolean;
  authorListComplete: boolean;
  reportedCitationCount?: number;
  authorships: AuthorshipRecord[];
  /** The first topic with `primary` set is the paper's primary topic. */
  topics: { topic: TopicRecord; primary: boolean }[];
  /** Cited papers, by identity; those not in the database are counted as unresolved, never invented. */
  references?: PaperIdentity[];
}

/** Everything one source file contributes. */
export interface ImportBatch {
  /** Short name of the source (`profile`, `openalex`, …): scopes name-only author identities. */
  source: string;
  papers: PaperRecord[];
  /** Authors that carry data of their own (a profile's owner with reported metrics). */
  authors: AuthorRecord[];
}
