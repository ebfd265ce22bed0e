/** What one import did, entity by entity: nothing a user gave goes uncounted. */
export interface EntityCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows the import removed because the new record no longer lists them (an author dropped from a paper). */
  removed: number;
}

export interface ImportSummary {
  papers: EntityCounts;
  authors: EntityCounts;
  venues: EntityCounts;
  topics: EntityCounts;
  authorships: EntityCounts;
  paperTopics: EntityCounts;
  citations: EntityCounts;
  /** References to papers that are not in the database: counted, never invented. */
  unresolvedReferences: number;
  /** Citations of a paper by itself: counted, not stored (a paper does not cite itself in the graph). */
  selfCitations: number;
  /** Records the importer skipped (with `--skip-invalid`), each reported with its line and reason. */
  skippedRecords: number;
  /** Records that repeat an earlier record of the same paper in one import: merged into it, later fields win. */
  duplicateRecords: number;
}

export function emptyCounts(): EntityCounts {
  return { inserted: 0, updated: 0, unchanged: 0, removed: 0 };
}

export function emptySummary(): ImportSummary {
  return {
    papers: emptyCounts(),
    authors: emptyCounts(),
    venues: emptyCounts(),
    topics: emptyCounts(),
    authorships: emptyCounts(),
    paperTopics: emptyCounts(),
    citations: emptyCounts(),
    unresolvedReferences: 0,
    selfCitations: 0,
    skippedRecords: 0,
    duplicateRecords: 0,
  };
}
