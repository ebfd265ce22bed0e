/**
 * The demo dataset `npm start` loads into an empty database: the seed researcher's profile page, through
 * the same parser and writer as any import.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { papers } from '../db/tables.js';
import { parseProfile } from './import/profile.js';
import type { ImportSummary } from './import/summary.js';
import { writeBatch } from './import/writer.js';

/** `../shared/data` beside the repository. */
export const sharedDataDir = fileURLToPath(new URL('../../shared/data/', import.meta.url));
export const seedProfilePath = `${sharedDataDir}seed-profile.txt`;

export async function databaseIsEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(papers);
  return (row?.n ?? 0) === 0;
}

export async function loadDemoData(db: Database, options: { profileYear: number }): Promise<ImportSummary> {
  const text = await readFile(seedProfilePath, 'utf8');
  const batch = parseProfile(text, { fileName: seedProfilePath, currentYear: options.profileYear });
  return writeBatch(db, batch);
}
