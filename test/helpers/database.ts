/**
 * An isolated, migrated database per test file: a fresh database on the run's PostgreSQL server (dropped
 * afterwards), or a fresh in-memory PGlite. Every SQL statement is recorded so tests can count them.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Every statement sent since the last `statements.length = 0`. */
  statements: string[];
  /** The database's URL on the test PostgreSQL server; absent on PGlite. */
  url?: string;
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const statements: string[] = [];
  const onQuery = (sql: string) => void statements.push(sql);
  const adminUrl = inject('testDatabaseUrl');
  if (!adminUrl) {
    const handle = await openDatabase({ onQuery });
    await handle.migrate();
    statements.length = 0;
    return { handle, statements, close: () => handle.close() };
  }

  const name = `scholargraph_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), onQuery, maxConnections: 4 });
  await handle.migrate();
  statements.length = 0;
  return {
    handle,
    statements,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
