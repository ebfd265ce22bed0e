/**
 * The in-memory indexes are never older than the last committed import, even when an import commits
 * while a rebuild that started before it is still reading.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dataVersion } from '../db/queries/data-versions.js';
import { VersionedSnapshot } from '../src/versioned-snapshot.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const bump = () =>
  database.handle.db.execute(sql`insert into data_versions (name, version) values ('papers', 1)
    on conflict (name) do update set version = data_versions.version + 1`);

// PGlite runs one statement at a time, so an import cannot commit while a rebuild's snapshot is open:
// the race only exists on a PostgreSQL server.
const onServer = inject('testDatabaseUrl') != null;

describe('versioned snapshot', () => {
  it.skipIf(!onServer)('builds again when an import commits during a rebuild that started before it', async () => {
    const db = database.handle.db;
    await bump();
    let builds = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Each build records the version its snapshot saw; the first one waits until the import below.
    const snapshot = new VersionedSnapshot(db, 'papers', async (tx) => {
      builds += 1;
      const seen = await dataVersion(tx, 'papers');
      if (builds === 1) await gate;
      return { seen, byteSize: 0 };
    });
    const first = snapshot.current();
    while (builds === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await bump(); // the import commits while the first build is still reading its older snapshot
    const second = snapshot.current();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.seen).toBe(1);
    expect(b.seen).toBe(2);
    expect(builds).toBe(2);
    expect((await snapshot.current()).seen).toBe(2);
    expect(builds).toBe(2);
  });
});
