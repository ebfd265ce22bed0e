/**
 * The one writer every importer goes through. A batch is written in a single transaction: either all of
 * it lands, with its derived counts refreshed, or the database is exactly as before.
 */
import type { Database } from '../../db/client.js';
import type { ImportBatch, PaperIdentity } from './records.js';
import { refreshAuthorPaperCounts, refreshCitedByCounts, refreshVenueAndTopicCounts } from './refresh-derived.js';
import { emptySummary, type ImportSummary } from './summary.js';
import { authorKey, upsertAuthors, upsertTopics, upsertVenues, venueKey } from './write-entities.js';
import { addCitations, replaceAuthorships, replacePaperTopics, upsertPapers } from './write-papers.js';

export interface WriteOptions {
  /** Run every statement, then roll back: the summary says what would change. */
  dryRun?: boolean;
}

class DryRunRollback extends Error {}

export async function writeBatch(db: Database, batch: ImportBatch, options: WriteOptions = {}): Promise<ImportSummary> {
  const summary = emptySummary();
  try {
    await db.transaction(async (tx) => {
      await writeInTransaction(tx as unknown as Database, batch, summary);
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return summary;
}

async function writeInTransaction(tx: Database, batch: ImportBatch, summary: ImportSummary): Promise<void> {
  const topicIds = await upsertTopics(
    tx,
    batch.papers.flatMap((p) => p.topics.map((t) => t.topic)),
    summary.topics,
  );
  const venueIds = await upsertVenues(
    tx,
    batch.papers.flatMap((p) => (p.venue ? [p.venue] : [])),
    summary.venues,
  );
  const authorIds = await upsertAuthors(
    tx,
    [...batch.papers.flatMap((p) => p.authorships.map((a) => a.author)), ...batch.authors],
    summary.authors,
  );
  const paperIds = await upsertPapers(
    tx,
    batch.papers,
    (p) => (p.venue ? (venueIds.get(venueKey(p.venue)) ?? null) : null),
    summary.papers,
  );

  const touchedAuthors = await replaceAuthorships(
    tx,
    paperIds,
    batch.papers.flatMap((paper, i) =>
      paper.authorships.map((a) => ({
        paperId: paperIds[i]!,
        authorId: authorIds.get(authorKey(a.author))!,
        position: a.position,
        affiliation: a.affiliation ?? null,
      })),
    ),
    summary.authorships,
  );
  await replacePaperTopics(
    tx,
    paperIds,
    batch.papers.flatMap((paper, i) => {
      // One link per topic; a topic listed twice is primary if either listing says so.
      const links = new Map<number, boolean>();
      for (const { topic, primary } of paper.topics) {
        const id = topicIds.get(topic.code)!;
        links.set(id, (links.get(id) ?? false) || primary);
      }
      return [...links].map(([topicId, isPrimary]) => ({ paperId: paperIds[i]!, topicId, isPrimary }));
    }),
    summary.paperTopics,
  );
  const edges: { citingId: number; cited: PaperIdentity }[] = batch.papers.flatMap((paper, i) =>
    (paper.references ?? []).map((cited) => ({ citingId: paperIds[i]!, cited })),
  );
  const { citedIds, unresolved } = await addCitations(tx, edges, summary.citations);
  summary.unresolvedReferences += unresolved;

  await refreshAuthorPaperCounts(tx, touchedAuthors);
  await refreshCitedByCounts(tx, citedIds);
  await refreshVenueAndTopicCounts(tx);
}
