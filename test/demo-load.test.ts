/**
 * The demo load checks foreign keys and builds secondary indexes once at the end (src/import/bulk-load.ts):
 * afterwards the database has exactly the constraints and indexes its migrations define, and a load that
 * fails leaves them, and the tables, as they were.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/queries/raw.js';
import { loadDemoData } from '../src/demo-data.js';
import { withImportTransaction } from '../src/import/writer.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

/** Every index and constraint of the public tables, by name, with its definition. */
async function catalog(db: Database): Promise<string[]> {
  const rows = await queryRows<{ entry: string }>(
    db,
    sql`select 'index ' || indexname || ': ' || indexdef as entry from pg_indexes where schemaname = 'public'
        union all
        select 'constraint ' || c.conname || ' on ' || t.relname || ': ' || pg_get_constraintdef(c.oid)
        from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = 'public'
        order by 1`,
  );
  return rows.map((r) => r.entry);
}

async function count(db: Database, table: 'papers' | 'authorships' | 'citations'): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return Number(row!.n);
}

let database: TestDatabase;
let migrated: string[];
beforeAll(async () => {
  database = await createTestDatabase();
  migrated = await catalog(database.handle.db);
});
afterAll(() => database.close());

describe('a load nobody else reads', () => {
  it('rolls back entirely when it fails, leaving every index and foreign key in place', async () => {
    const db = database.handle.db;
    const failure = withImportTransaction(db, { exclusive: true }, async (writer) => {
      await writer.write([
        {
          identity: { doi: '10.1/rolled-back' },
          title: 'A paper that never lands',
          year: 2020,
          authorships: [{ author: { identity: { sourceKey: 'test:ada lovelace' }, displayName: 'Ada Lovelace' }, position: 1 }],
          topics: [],
          hasCode: false,
          authorListComplete: true,
        },
      ]);
      throw new Error('the input broke off');
    });
    await expect(failure).rejects.toThrow('the input broke off');
    expect(await count(db, 'papers')).toBe(0);
    expect(await catalog(db)).toEqual(migrated);
  });

  it('ends with the migrations’ indexes and foreign keys, and every row written', async () => {
    const db = database.handle.db;
    const summary = await loadDemoData(db, { profileYear: 2026, dataset: 'profile' });
    expect(summary.papers.inserted).toBeGreaterThan(10);
    expect(await catalog(db)).toEqual(migrated);
    expect(await count(db, 'authorships')).toBe(summary.authorships.inserted);
  });
});
