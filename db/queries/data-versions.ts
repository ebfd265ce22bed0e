/** Version counters of data kept in memory by servers (see `data_versions` in db/tables.ts). */
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { queryRows } from './raw.js';

/** `coauthors`: moved when authorships changed. `papers`: moved when anything paper figures read changed. */
export type DataVersionName = 'coauthors' | 'papers';

/**
 * The rows a version is made of. The coauthor graph also holds papers' years, which an import can change
 * without touching an authorship (a record imported again with another year): that moves `papers` only.
 * Counters only grow, so their sum moves whenever one of them does.
 */
const ROWS: Record<DataVersionName, readonly DataVersionName[]> = {
  coauthors: ['coauthors', 'papers'],
  papers: ['papers'],
};

export async function dataVersion(db: Database, name: DataVersionName): Promise<number> {
  const rows = ROWS[name];
  const [row] = await queryRows<{ version: number | string | bigint | null }>(
    db,
    sql`select sum(version) as version from data_versions where name in (${sql.join(
      rows.map((r) => sql`${r}`),
      sql`, `,
    )})`,
  );
  return Number(row?.version ?? 0);
}
