/** Version counters of data kept in memory by servers (see `data_versions` in db/tables.ts). */
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { queryRows } from './raw.js';

/** `coauthors`: moved when authorships changed. `papers`: moved when anything paper figures read changed. */
export type DataVersionName = 'coauthors' | 'papers';

export async function dataVersion(db: Database, name: DataVersionName): Promise<number> {
  const [row] = await queryRows<{ version: number }>(db, sql`select version from data_versions where name = ${name}`);
  return Number(row?.version ?? 0);
}
