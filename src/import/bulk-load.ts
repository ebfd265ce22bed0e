/**
 * A load that nobody else reads while it runs (the demo data, before the server listens) checks its foreign
 * keys and builds its secondary indexes once, over the whole table, at the end, the way pg_restore does,
 * instead of row by row: on embedded PGlite the per-row foreign-key triggers and the upkeep of the search,
 * sort and reverse-link indexes cost more than the inserts themselves. Everything is dropped and recreated
 * inside the import's transaction: re-adding a foreign key validates every row, so a load that broke one
 * fails and rolls back, and a failed load leaves every constraint and index as it was. DROP takes its
 * table's exclusive lock until commit, which is why this is only for a database nobody is using.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/queries/raw.js';
import type { Executor } from './write-entities.js';

/**
 * Indexes the writer itself searches by stay: unique ones (conflict targets and paper/author ids, which
 * foreign keys also reference), primary keys, and the title-key indexes papers without ids are matched by.
 */
const WRITER_LOOKUP_INDEXES = ['papers_title_key_idx', 'papers_title_key_without_ids_idx'];

interface Deferred {
  table: string;
  name: string;
  definition: string;
}

/** Drop the public tables' foreign keys and secondary indexes; the returned function restores them. */
export async function deferForeignKeysAndIndexes(tx: Executor): Promise<() => Promise<void>> {
  const foreignKeys = await queryRows<Deferred>(
    tx,
    sql`select t.relname as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
        from pg_constraint c
        join pg_class t on t.oid = c.conrelid
        join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = 'public' and c.contype = 'f'
        order by t.relname, c.conname`,
  );
  const indexes = await queryRows<Deferred>(
    tx,
    sql`select t.relname as table, c.relname as name, pg_get_indexdef(i.indexrelid) as definition
        from pg_index i
        join pg_class c on c.oid = i.indexrelid
        join pg_class t on t.oid = i.indrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and not i.indisunique and not i.indisprimary
          and c.relname <> all(${`{${WRITER_LOOKUP_INDEXES.join(',')}}`}::text[])
        order by c.relname`,
  );
  for (const fk of foreignKeys) {
    await tx.execute(sql`alter table ${sql.identifier(fk.table)} drop constraint ${sql.identifier(fk.name)}`);
  }
  for (const index of indexes) await tx.execute(sql`drop index ${sql.identifier(index.name)}`);
  return async () => {
    for (const index of indexes) await tx.execute(sql.raw(index.definition));
    for (const fk of foreignKeys) {
      await tx.execute(
        sql`alter table ${sql.identifier(fk.table)} add constraint ${sql.identifier(fk.name)} ${sql.raw(fk.definition)}`,
      );
    }
  };
}
