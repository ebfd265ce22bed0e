/**
 * Run the import command as a user does (a separate process) against a database the test can inspect:
 * a fresh database on the run's PostgreSQL server, or a PGlite directory (opened by the test only while
 * no command runs, since PGlite allows one process at a time).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { queryRows } from '../../db/queries/raw.js';

export const repo = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliDatabase {
  /** Environment that points the command at this database. */
  env: Record<string, string>;
  /** Row counts of the graph's tables. */
  counts(): Promise<Record<string, number>>;
  /** Run a read-only query and return its rows. */
  rows<T extends Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]>;
  close(): Promise<void>;
}

const TABLES = ['papers', 'authors', 'venues', 'topics', 'authorships', 'paper_topics', 'citations'];

export async function createCliDatabase(): Promise<CliDatabase> {
  const adminUrl = inject('testDatabaseUrl');
  let open: () => Promise<DatabaseHandle>;
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (adminUrl) {
    const name = `scholargraph_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString() };
    open = () => openDatabase({ url: url.toString(), maxConnections: 1 });
    cleanup = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'scholargraph-cli-'));
    env = { PGLITE_DIR: dir };
    open = () => openDatabase({ pgliteDir: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  // Migrate once so counts work before the first import.
  const first = await open();
  await first.migrate();
  await first.close();
  const withDb = async <T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> => {
    const handle = await open();
    try {
      return await work(handle);
    } finally {
      await handle.close();
    }
  };
  return {
    env,
    counts: () =>
      withDb(async (h) => {
        const out: Record<string, number> = {};
        for (const table of TABLES) {
          const [row] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from ${sql.raw(table)}`);
          out[table] = Number(row?.n);
        }
        return out;
      }),
    rows: (query) => withDb((h) => queryRows(h.db, query)),
    close: cleanup,
  };
}

/** Start the import command; the caller may kill it. */
export function startImport(args: string[], env: Record<string, string>, stdin?: Buffer): { child: ChildProcess; result: Promise<CliRun> } {
  const { DATABASE_URL: _a, PGLITE_DIR: _b, ...inherited } = process.env;
  // Node itself with tsx's loader, not the tsx wrapper: a signal must reach the process doing the import.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], {
    cwd: repo,
    env: { ...inherited, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  if (stdin) child.stdin!.end(stdin);
  else child.stdin!.end();
  const result = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, result };
}

export function runImport(args: string[], env: Record<string, string>, stdin?: Buffer): Promise<CliRun> {
  return startImport(args, env, stdin).result;
}
