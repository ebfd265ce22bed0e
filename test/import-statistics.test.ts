/**
 * An import leaves the planner's statistics fresh for every table it changed (derived counts included),
 * and analyses nothing when it changed nothing: a plan made on stale statistics can scan every paper.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/queries/raw.js';
import type { PaperRecord } from '../src/import/records.js';
import { writeBatch } from '../src/import/writer.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const TABLES = ['papers', 'authors', 'venues', 'topics', 'authorships', 'paper_topics', 'citations'];

/** How often each table has been analysed by an ANALYZE (autovacuum's are counted apart). */
async function analyseCounts(db: Database): Promise<Record<string, number>> {
  const rows = await queryRows<{ name: string; n: number }>(
    db,
    sql`select relname as name, analyze_count::int as n from pg_stat_user_tables
        where relname = any(${`{${TABLES.join(',')}}`}::text[])`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}

const paper = (doi: string, references: string[] = []): PaperRecord => ({
  identity: { doi },
  title: `A paper called ${doi}`,
  year: 2021,
  venue: { name: 'Statistics Workshop', kind: 'conference' },
  authorships: [{ author: { identity: { sourceKey: 'stats:ann' }, displayName: 'Ann Stats' }, position: 1 }],
  topics: [],
  hasCode: false,
  authorListComplete: true,
  references: references.map((cited) => ({ doi: cited })),
});

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('statistics after an import', () => {
  it('analyses every table the import changed, the tables of derived counts too', async () => {
    const db = database.handle.db;
    const before = await analyseCounts(db);
    await writeBatch(db, { source: 'stats', papers: [paper('10.1/a'), paper('10.1/b', ['10.1/a'])], authors: [] });
    const after = await analyseCounts(db);
    for (const table of ['papers', 'authors', 'venues', 'authorships', 'citations']) {
      expect(after[table], table).toBeGreaterThan(before[table] ?? 0);
    }
  });

  it('analyses nothing when the import changed nothing', async () => {
    const db = database.handle.db;
    const batch = { source: 'stats', papers: [paper('10.1/c')], authors: [] };
    await writeBatch(db, batch);
    const before = await analyseCounts(db);
    await writeBatch(db, batch);
    expect(await analyseCounts(db)).toEqual(before);
  });
});
