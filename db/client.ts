/**
 * Open the database the server or a script talks to: postgres.js for a `postgres://` URL, embedded PGlite
 * (in memory, or in a directory) otherwise. Both are wrapped in the same Drizzle schema, so every query
 * in the code base runs unchanged on either.
 */
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { lockDataDirectory } from './pglite-lock.js';
import { preparingClient } from './prepared-statements.js';
import { cancellableClient, registerRequestHandles } from './statement-cancellation.js';
import * as tables from './tables.js';

export type Tables = typeof tables;
/** The Drizzle handle shared by both drivers; code below the server only ever sees this type. */
export type Database = PgDatabase<PgQueryResultHKT, Tables>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Human-readable description for logs, with no credentials. */
  description: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…` for a server; absent for embedded PGlite. */
  url?: string;
  /** PGlite data directory, locked for this process while open; absent keeps the embedded database in memory. */
  pgliteDir?: string;
  /** Called if another process takes the data directory's lock from this one (default: exit, see below). */
  onLockLost?: (error: Error) => void;
  /** Called with every SQL statement Drizzle sends (used to count statements per request). */
  onQuery?: (sql: string, params: unknown[]) => void;
  /** Per-statement time limit on PostgreSQL, so no request can run unbounded. */
  statementTimeoutMs?: number;
  /** Connection pool size for postgres.js. */
  maxConnections?: number;
  /** How long opening a PostgreSQL connection may take, until the server's first "ready" (postgres.js default: 30 s). */
  connectTimeoutMs?: number;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  const logger: Logger | undefined = options.onQuery
    ? { logQuery: (query, params) => options.onQuery?.(query, params) }
    : undefined;

  if (options.url) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      // postgres.js reads the catalog's array types on every new connection and drops that query's promise:
      // a connection killed at that moment (a failover, pg_terminate_backend) would end the process with an
      // unhandled rejection (porsager/postgres#1192). No statement here sends or reads a PostgreSQL array
      // through the driver (lists travel as one text or JSON parameter, come back as JSON), so it is off.
      fetch_types: false,
      ...(options.connectTimeoutMs ? { connect_timeout: options.connectTimeoutMs / 1000 } : {}),
      connection: {
        ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
        // Prepared statements keep one generic plan instead of planning again on every execution. Left to
        // choose ("auto"), PostgreSQL re-plans the page statements each time (their plan for an unknown list
        // of parent ids looks costlier than for the one id given), and planning a statement that brings a
        // page with the pages below it costs about as much as running it. Statements in transactions
        // (imports, migrations) are not prepared and keep custom plans.
        plan_cache_mode: 'force_generic_plan',
      },
    });
    // Statements are prepared once per connection (prepared-statements.ts); each request gets a handle whose
    // statements are cancelled when it stops (statement-cancellation.ts). A request's handle has no `schema`:
    // nothing uses Drizzle's relational queries, and building their configuration per request would cost.
    const prepared = preparingClient(client);
    const db = drizzlePostgres(prepared, { schema: tables, logger });
    registerRequestHandles(db as unknown as Database, (signal) =>
      drizzlePostgres(cancellableClient(prepared, signal), { logger }) as unknown as Database,
    );
    return {
      db: db as unknown as Database,
      kind: 'postgres',
      description: describeUrl(options.url),
      migrate: () => migratePostgres(db, { migrationsFolder }),
      close: () => client.end({ timeout: 5 }),
    };
  }

  const dataDir = options.pgliteDir;
  const unlock = dataDir ? await lockDataDirectory(dataDir, options.onLockLost ?? exitOnLockLost(dataDir)) : async () => {};
  let client: PGlite;
  try {
    client = dataDir ? new PGlite(dataDir) : new PGlite();
    await client.waitReady;
  } catch (error) {
    await unlock();
    throw error;
  }
  const db = drizzlePglite(client, { schema: tables, logger });
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    description: dataDir ? `PGlite in ${dataDir}` : 'PGlite in memory',
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close().finally(unlock),
  };
}

/** Losing the lock means another process may be writing the same files: stop before writing anything more. */
function exitOnLockLost(dataDir: string): (error: Error) => void {
  return (error) => {
    console.error(`lost the lock on the embedded database in ${dataDir} (${error.message}); stopping so two processes never write it at once`);
    process.exit(75);
  };
}

/** `postgres://user@host:port/db` without the password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL ${parsed.username ? `${parsed.username}@` : ''}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
