/**
 * The PostgreSQL driver's known faults, as the server meets them: a statement that fails after sending
 * some rows must not leave empty slots in the next statement's result on that connection
 * (db/sparse-results.ts), a cancel request meant for another request's statement must not fail the
 * statement it reaches instead, a statement queued behind another on its connection whose request stops
 * must not hand its rows to the statement after it (db/statement-cancellation.ts), and a connection killed while it opens must
 * not end the process (see the faults test in operations-process.test.ts).
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { venuesByIds } from '../db/queries/entities.js';
import { queryRows } from '../db/queries/raw.js';
import { databaseFor } from '../db/statement-cancellation.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

describe.skipIf(inject('testDatabaseUrl') === null)('postgres.js results after a statement failed mid-result', () => {
  let database: TestDatabase | undefined;
  let handle: DatabaseHandle | undefined;
  afterAll(async () => {
    await handle?.close();
    await database?.close();
  });

  // Rows 1..49 reach the client before row 50 divides by zero.
  const failsAfterRows = sql`select case when g < 50 then g else 1 / (g - 50) end as v from generate_series(1, 100) g`;

  it('gives the next statements on the same connection their rows and nothing else', async () => {
    database = await createTestDatabase();
    // One connection: every statement follows the failed one on it.
    handle = await openDatabase({ url: database.url!, maxConnections: 1 });
    await expect(queryRows(handle.db, failsAfterRows)).rejects.toMatchObject({ cause: { message: 'division by zero' } });
    const rows = await queryRows<{ x: number }>(handle.db, sql`select x from generate_series(1, 3) x`);
    expect(rows).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);

    // Drizzle's query builders read rows through the same client.
    await expect(queryRows(handle.db, failsAfterRows)).rejects.toMatchObject({ cause: { message: 'division by zero' } });
    const venues = await venuesByIds(handle.db, [-1]);
    expect(venues).toEqual([]);
  });
});

describe.skipIf(inject('testDatabaseUrl') === null)('a cancel request that reaches the wrong statement', () => {
  let database: TestDatabase | undefined;
  let handle: DatabaseHandle | undefined;
  let admin: postgres.Sql | undefined;
  afterAll(async () => {
    await admin?.end();
    await handle?.close();
    await database?.close();
  });

  const slow = (marker: string) => sql`select pg_sleep(0.3), ${marker}::text as marker`;

  /** The backend running the statement marked `marker`, once it runs. */
  async function backendRunning(marker: string): Promise<number> {
    for (let i = 0; i < 100; i++) {
      const [row] = await admin!`select pid from pg_stat_activity
        where state = 'active' and query like '%pg_sleep(0.3)%' and pid <> pg_backend_pid()`;
      if (row) return row.pid as number;
      await new Promise((done) => setTimeout(done, 10));
    }
    throw new Error(`the statement ${marker} never ran`);
  }

  /** Cancel the statement marked `marker` once it runs, as a late cancel meant for another would. */
  async function cancelWhenRunning(marker: string): Promise<void> {
    const pid = await backendRunning(marker);
    await admin!`select pg_cancel_backend(${pid})`;
  }

  it("runs a request's statement again when its request did not stop", async () => {
    database = await createTestDatabase();
    handle = await openDatabase({ url: database.url!, maxConnections: 1 });
    admin = postgres(database.url!, { max: 1, onnotice: () => {} });
    const request = new AbortController();
    const running = queryRows<{ marker: string }>(databaseFor(handle.db, request.signal), slow('a'));
    await cancelWhenRunning('a');
    await expect(running).resolves.toEqual([{ pg_sleep: '', marker: 'a' }]);
  });

  it('leaves a statement queued behind another on its connection to finish, and the next ones get their own rows', async () => {
    // One connection: two statements are sent behind `c` (postgres.js pipelines), and the first one's request
    // stops while `c` runs.
    const stopped = new AbortController();
    const first = queryRows<{ marker: string }>(databaseFor(handle!.db, new AbortController().signal), slow('c'));
    const queued = queryRows<{ marker: string }>(databaseFor(handle!.db, stopped.signal), sql`select 'queued'::text as marker, 1 as one`);
    queued.catch(() => {});
    // Another request's statement, sent behind both.
    const after = queryRows<{ marker: string }>(databaseFor(handle!.db, new AbortController().signal), sql`select 'after'::text as marker`);
    await backendRunning('c');
    stopped.abort(new Error('client gone'));
    await expect(first).resolves.toEqual([{ pg_sleep: '', marker: 'c' }]);
    await expect(after).resolves.toEqual([{ marker: 'after' }]);
    await queued.catch(() => {});
    for (const marker of ['d', 'e', 'f']) {
      const rows = await queryRows<{ marker: string; n: number }>(handle!.db, sql`select ${marker}::text as marker, 7 as n`);
      expect(rows).toEqual([{ marker, n: 7 }]);
    }
  });

  it('lets the statement of a request that stopped fail, as cancelled', async () => {
    const request = new AbortController();
    const running = queryRows(databaseFor(handle!.db, request.signal), slow('b'));
    await backendRunning('b');
    request.abort(new Error('client gone'));
    await expect(running).rejects.toMatchObject({ cause: { code: '57014' } });
  });
});
