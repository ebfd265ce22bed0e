/**
 * Is the database there, and is its schema the one this code expects? A `select 1` with a deadline, and
 * the latest migration drizzle recorded against the latest one committed in db/migrations. Used at start
 * (fail fast with one clear line) and by /ready.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrationsFolder, type Database } from '../db/client.js';
import { queryRows } from '../db/queries/raw.js';

export class DatabaseUnreachableError extends Error {}

/**
 * `work`, or a rejection once `ms` have passed. The statement itself is left to the driver, whose
 * connect timeout ends it soon after: the caller only needs an answer in bounded time.
 */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${(ms / 1000).toFixed(1)} s`)), ms);
  });
  work.catch(() => {}); // settled after the deadline: nobody waits for it any more
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export async function pingDatabase(db: Database, timeoutMs: number): Promise<void> {
  await withDeadline(queryRows(db, sql`select 1 as ok`), timeoutMs);
}

/**
 * Why the database did not answer, in a few words: the driver's message and code, never the URL. Drizzle
 * wraps driver errors in one that repeats the statement; the cause is what says what went wrong.
 */
export function failureReason(error: unknown): string {
  let inner = error;
  while (inner instanceof Error && inner.cause instanceof Error && inner.message.startsWith('Failed query')) inner = inner.cause;
  if (!(inner instanceof Error)) return String(inner);
  const code = (inner as { code?: unknown }).code;
  return typeof code === 'string' && !inner.message.includes(code) ? `${inner.message} (${code})` : inner.message;
}

/** At start: throws DatabaseUnreachableError with one line naming the database when it does not answer in time. */
export async function checkDatabaseAtStart(db: Database, description: string, timeoutMs: number): Promise<void> {
  try {
    await pingDatabase(db, timeoutMs);
  } catch (error) {
    throw new DatabaseUnreachableError(`cannot use the database ${description}: ${failureReason(error)} (DATABASE_CONNECT_TIMEOUT_MS=${timeoutMs})`);
  }
}

let committed: number | undefined;

/** `when` of the last migration in db/migrations/meta/_journal.json: drizzle records it as `created_at` once applied. */
export function latestCommittedMigration(): number {
  if (committed === undefined) {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
    committed = Math.max(0, ...journal.entries.map((entry) => entry.when));
  }
  return committed;
}

/** Null when the migrations table is up to date, else what is missing. */
export async function pendingMigrations(db: Database): Promise<string | null> {
  let applied: number;
  try {
    const [row] = await queryRows<{ latest: string | number | null }>(db, sql`select max(created_at) as latest from drizzle.__drizzle_migrations`);
    applied = Number(row?.latest ?? 0);
  } catch (error) {
    if ((error as { code?: unknown }).code === '42P01') return 'no migrations applied (drizzle.__drizzle_migrations is missing)';
    throw error;
  }
  const expected = latestCommittedMigration();
  return applied >= expected ? null : `the latest migration applied is older than the latest committed one (${applied} < ${expected})`;
}
