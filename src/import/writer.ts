/**
 * The one writer every importer goes through. An import is a single transaction: records are written
 * chunk by chunk as they are parsed, citations once every paper of the input is in, and the derived counts
 * last; either all of it lands, or the database is exactly as before.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import type { AuthorRecord, ImportBatch, PaperIdentity, PaperRecord } from './records.js';
import {
  bumpVersion,
  refreshAuthorPaperCounts,
  refreshCitedByCounts,
  refreshVenueAndTopicCounts,
} from './refresh-derived.js';
import { deferForeignKeysAndIndexes } from './bulk-load.js';
import { beginImport } from './touch-updated.js';
import { emptySummary, type ImportSummary } from './summary.js';
import { authorKey, upsertAuthors, upsertTopics, upsertVenues, venueKey } from './write-entities.js';
import {
  AUTHORSHIP_LINKS,
  insertCitations,
  lookupPaper,
  paperKeys,
  replaceLinks,
  resolvePaperIds,
  TOPIC_LINKS,
  upsertPapers,
  type LinkRow,
} from './write-papers.js';

export interface WriteOptions {
  /** Run every statement, then roll back: the summary says what would change. */
  dryRun?: boolean;
  /**
   * Nothing else reads the database until this import commits (the demo data, loaded before the server
   * listens): foreign keys are checked and secondary indexes built once at the end (see bulk-load.ts).
   */
  exclusive?: boolean;
}

/** Merge records of one paper met twice in a chunk: the later record's fields win, ids and references add up. */
function mergeDuplicates(records: PaperRecord[]): { papers: PaperRecord[]; duplicates: number } {
  const groupOfKey = new Map<string, number>();
  const papers: PaperRecord[] = [];
  let duplicates = 0;
  for (const record of records) {
    const keys = paperKeys(record.identity, record.title, record.year);
    const group = keys.map((k) => groupOfKey.get(k)).find((g) => g !== undefined);
    if (group === undefined) {
      for (const k of keys) groupOfKey.set(k, papers.length);
      papers.push(record);
      continue;
    }
    duplicates += 1;
    const earlier = papers[group]!;
    const merged: PaperRecord = {
      ...earlier,
      ...record,
      identity: { ...earlier.identity, ...record.identity },
      references: [...(earlier.references ?? []), ...(record.references ?? [])],
    };
    papers[group] = merged;
    for (const k of paperKeys(merged.identity, merged.title, merged.year)) groupOfKey.set(k, group);
  }
  return { papers, duplicates };
}

/** Writes one import inside a transaction it is handed. */
export class ImportWriter {
  readonly summary: ImportSummary = emptySummary();
  private readonly touchedAuthors = new Set<number>();
  /** References not yet found in the database: they may name a paper later in the same input. */
  private references: { citingId: number; cited: PaperIdentity }[] = [];
  private readonly citedIds = new Set<number>();
  private readonly edges: { citing: PaperIdentity; cited: PaperIdentity }[] = [];

  constructor(private readonly tx: Database) {}

  /** Write a chunk of papers (and authors with data of their own). */
  async write(records: PaperRecord[], authorRecords: AuthorRecord[] = []): Promise<void> {
    const { papers, duplicates } = mergeDuplicates(records);
    this.summary.duplicateRecords += duplicates;
    const topicIds = await upsertTopics(
      this.tx,
      papers.flatMap((p) => p.topics.map((t) => t.topic)),
      this.summary.topics,
    );
    const venueIds = await upsertVenues(
      this.tx,
      papers.flatMap((p) => (p.venue ? [p.venue] : [])),
      this.summary.venues,
    );
    const authorIds = await upsertAuthors(
      this.tx,
      [...papers.flatMap((p) => p.authorships.map((a) => a.author)), ...authorRecords],
      this.summary.authors,
    );
    for (const id of authorIds.values()) this.touchedAuthors.add(id);
    if (papers.length === 0) return;
    const { ids: paperIds, inserted: newPaperIds } = await upsertPapers(
      this.tx,
      papers,
      (p) => (p.venue ? (venueIds.get(venueKey(p.venue)) ?? null) : null),
      this.summary.papers,
    );

    const authorships: LinkRow[] = [];
    const topicLinks: LinkRow[] = [];
    papers.forEach((paper, i) => {
      const paperId = paperIds[i]!;
      for (const a of paper.authorships) {
        authorships.push({
          paper_id: paperId,
          other_id: authorIds.get(authorKey(a.author))!,
          position: a.position,
          affiliation: a.affiliation ?? null,
        });
      }
      // One link per topic; a topic listed twice is primary if either listing says so.
      const primary = new Map<number, boolean>();
      for (const { topic, primary: isPrimary } of paper.topics) {
        const id = topicIds.get(topic.code)!;
        primary.set(id, (primary.get(id) ?? false) || isPrimary);
      }
      for (const [topicId, isPrimary] of primary) topicLinks.push({ paper_id: paperId, other_id: topicId, is_primary: isPrimary });
    });
    const touched = await replaceLinks(this.tx, AUTHORSHIP_LINKS, paperIds, newPaperIds, authorships, this.summary.authorships);
    for (const id of touched) this.touchedAuthors.add(id);
    await replaceLinks(this.tx, TOPIC_LINKS, paperIds, newPaperIds, topicLinks, this.summary.paperTopics);
    // References to papers already written are stored now; only the rest wait for the end of the input,
    // so memory holds forward references, not every reference of a large file.
    const references = papers.flatMap((paper, i) => (paper.references ?? []).map((cited) => ({ citingId: paperIds[i]!, cited })));
    this.references.push(...(await this.storeResolvable(references)));
  }

  /** Insert the citations whose cited paper is in the database; return the references still unresolved. */
  private async storeResolvable(references: { citingId: number; cited: PaperIdentity }[]) {
    if (references.length === 0) return [];
    const ids = await resolvePaperIds(this.tx, references.map((r) => r.cited));
    const rows: { citing_id: number; cited_id: number }[] = [];
    const pending: typeof references = [];
    for (const r of references) {
      const citedId = lookupPaper(ids, r.cited);
      if (citedId === undefined) pending.push(r);
      else if (citedId === r.citingId) this.summary.selfCitations += 1;
      else rows.push({ citing_id: r.citingId, cited_id: citedId });
    }
    for (const id of await insertCitations(this.tx, rows, this.summary.citations)) this.citedIds.add(id);
    return pending;
  }

  /** A citation given on its own (an edge list): resolved when the import finishes (both ends may come later). */
  addCitation(citing: PaperIdentity, cited: PaperIdentity): void {
    this.edges.push({ citing, cited });
  }

  /** Resolve and add citations, then bring every derived count up to date. */
  async finish(): Promise<ImportSummary> {
    // Forward references: those whose paper came later in the input resolve now; the rest never will.
    const unresolved = await this.storeResolvable(this.references);
    this.summary.unresolvedReferences += unresolved.length;
    this.references = [];
    const ids = await resolvePaperIds(this.tx, this.edges.flatMap((e) => [e.citing, e.cited]));
    const rows: { citing_id: number; cited_id: number }[] = [];
    const resolve = (citingId: number | undefined, cited: PaperIdentity) => {
      const citedId = lookupPaper(ids, cited);
      if (citingId === undefined || citedId === undefined) this.summary.unresolvedReferences += 1;
      else if (citingId === citedId) this.summary.selfCitations += 1;
      else rows.push({ citing_id: citingId, cited_id: citedId });
    };
    for (const e of this.edges) {
      // An edge from a paper to itself is a self-citation whether or not the paper is in the database.
      const citingKeys = paperKeys(e.citing);
      if (paperKeys(e.cited).some((k) => citingKeys.includes(k))) this.summary.selfCitations += 1;
      else resolve(lookupPaper(ids, e.citing), e.cited);
    }
    for (const id of await insertCitations(this.tx, rows, this.summary.citations)) this.citedIds.add(id);

    const a = this.summary.authorships;
    if (a.inserted + a.updated + a.removed > 0) await bumpVersion(this.tx, 'coauthors');
    // The paper facts hold papers' columns, topic links, authorships and citations: a change to an
    // author's or venue's own row (a name) leaves them as they are, and needs no rebuild.
    const s = this.summary;
    const moved = [s.papers, s.authorships, s.paperTopics, s.citations];
    if (moved.some((c) => c.inserted + c.updated + c.removed > 0)) await bumpVersion(this.tx, 'papers');
    await refreshAuthorPaperCounts(this.tx, [...this.touchedAuthors]);
    await refreshCitedByCounts(this.tx, [...this.citedIds]);
    await refreshVenueAndTopicCounts(this.tx);
    return this.summary;
  }
}

const VACUUM_AFTER_ROWS = 50_000;

type StatsTable = 'papers' | 'authors' | 'venues' | 'topics' | 'authorships' | 'paper_topics' | 'citations';

/** The tables an import changed, derived counts included (authors' paper counts, papers' cited-by counts…). */
function changedTables(summary: ImportSummary): StatsTable[] {
  const moved = (c: { inserted: number; updated: number; removed: number }) => c.inserted + c.updated + c.removed > 0;
  const s = summary;
  const changed: [StatsTable, boolean][] = [
    ['papers', moved(s.papers) || moved(s.citations)],
    ['authors', moved(s.authors) || moved(s.authorships)],
    ['venues', moved(s.venues) || moved(s.papers)],
    ['topics', moved(s.topics) || moved(s.paperTopics)],
    ['authorships', moved(s.authorships)],
    ['paper_topics', moved(s.paperTopics)],
    ['citations', moved(s.citations)],
  ];
  return changed.filter(([, yes]) => yes).map(([table]) => table);
}

/**
 * Leave the planner's statistics fresh for every table the import changed: until autovacuum comes round
 * (if it runs at all) they are stale, and a plan made for an empty citations table scans every paper.
 * After a large load, VACUUM (ANALYZE) too: the visibility map is empty until a vacuum, so index-only scans
 * (the slices the in-memory indexes are built from) still visit every row. After the commit: VACUUM cannot
 * run inside a transaction.
 */
async function refreshStatistics(db: Database, summary: ImportSummary): Promise<void> {
  const tables = changedTables(summary);
  if (tables.length === 0) return;
  const list = sql.join(tables.map((t) => sql.identifier(t)), sql`, `);
  if (summary.papers.inserted + summary.authorships.inserted >= VACUUM_AFTER_ROWS) {
    await db.execute(sql`vacuum (analyze) ${list}`);
  } else {
    await db.execute(sql`analyze ${list}`);
  }
}

class DryRunRollback extends Error {}

/** Run `work` with a writer in one transaction; with `dryRun`, roll it back and still return the summary. */
export async function withImportTransaction(
  db: Database,
  options: WriteOptions,
  work: (writer: ImportWriter) => Promise<void>,
): Promise<ImportSummary> {
  let summary: ImportSummary | undefined;
  try {
    await db.transaction(async (tx) => {
      await beginImport(tx as unknown as Database);
      const writer = new ImportWriter(tx as unknown as Database);
      const restore = options.exclusive ? await deferForeignKeysAndIndexes(tx as unknown as Database) : undefined;
      await work(writer);
      summary = await writer.finish();
      await restore?.();
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
    return summary!;
  }
  await refreshStatistics(db, summary!);
  return summary!;
}

/** Write a whole batch held in memory (the demo data, tests). */
export function writeBatch(db: Database, batch: ImportBatch, options: WriteOptions = {}): Promise<ImportSummary> {
  return withImportTransaction(db, options, (writer) => writer.write(batch.papers, batch.authors));
}
