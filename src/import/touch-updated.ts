/**
 * What moves `updated_at`, and to what time. A paper's time moves when the import writer inserts it or
 * changes its own columns (write-papers.ts), its author list or topics (replaceLinks), the papers it cites
 * (insertCitations) or its cited-by count (refreshCitedByCounts); an author's when it is inserted or its
 * own columns or paper count change. An import that changes nothing moves nothing.
 *
 * Every write of one import carries one time, `IMPORT_TIME`, taken after the import holds the import lock
 * (`beginImport`): imports run one at a time, each stamped later than the one before it committed, so a
 * client that pulled everything up to some `updatedAt` never misses a row stamped earlier that commits
 * later. (Stamping with `now()`, the transaction's start, would let an import that waited for another one
 * commit rows older than those already pulled.)
 */
import { sql } from 'drizzle-orm';
import { intArray } from '../../db/queries/raw.js';
import { chunked } from './chunks.js';
import type { Executor } from './write-entities.js';

/** The current import's time (set by beginImport, for this transaction only). */
export const IMPORT_TIME = sql`current_setting('scholargraph.import_time')::timestamptz`;

/** Wait for any other import to commit, then fix this import's time. First statement of every import. */
export async function beginImport(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('scholargraph.import'))`);
  await tx.execute(sql`select set_config('scholargraph.import_time', clock_timestamp()::text, true)`);
}

/** Stamp these papers as changed by the current import; rows it already stamped are not rewritten. */
export async function touchPapers(tx: Executor, paperIds: readonly number[]): Promise<void> {
  for (const chunk of chunked([...paperIds], 50000)) {
    await tx.execute(sql`update papers set updated_at = ${IMPORT_TIME} where id = any(${intArray(chunk)}) and updated_at <> ${IMPORT_TIME}`);
  }
}
