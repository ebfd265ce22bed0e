/**
 * The PostgreSQL driver's known faults, as the server meets them: a statement that fails after sending
 * some rows must not leave empty slots in the next statement's result on that connection
 * (db/sparse-results.ts), and a connection killed while it opens must not end the process (see the
 * faults test in operations-process.test.ts).
 */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { venuesByIds } from '../db/queries/entities.js';
import { queryRows } from '../db/queries/raw.js';
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
