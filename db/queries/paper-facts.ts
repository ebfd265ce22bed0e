/**
 * What the in-memory paper facts index is built from: per slice of paper ids, the columns paper groups
 * and figures read, packed into one byte string per statement (see coauthor-ties.ts for why packed).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { queryPacked } from './raw.js';

/**
 * Bytes per packed paper: int32 id, int32 year (0 when none: the flags tell), int32 venue (0 none), int32
 * citation count, int32 cited-by count, one byte of flags (see `PAPER_HAS_CODE`, `PAPER_HAS_YEAR`).
 */
export const PACKED_PAPER_BYTES = 21;
export const PAPER_HAS_CODE = 1;
/** Set when the paper has a year: 0 is a year like any other, so no int32 value can stand for "none". */
export const PAPER_HAS_YEAR = 2;

export function packedPapersInRange(db: Database, from: number, to: number): Promise<Uint8Array> {
  return queryPacked(
    db,
    sql`select string_agg(int4send(id) || int4send(coalesce(year, 0)) || int4send(coalesce(venue_id, 0))
          || int4send(citation_count) || int4send(cited_by_count)
          || set_byte('\\x00'::bytea, 0, (case when has_code then ${sql.raw(String(PAPER_HAS_CODE))} else 0 end)
            + (case when year is null then 0 else ${sql.raw(String(PAPER_HAS_YEAR))} end)),
          ''::bytea order by id) as packed
        from papers where id between ${from} and ${to}`,
  );
}

export function packedTopicLinksInRange(db: Database, from: number, to: number): Promise<Uint8Array> {
  return queryPacked(
    db,
    sql`select string_agg(int4send(paper_id) || int4send(topic_id), ''::bytea) as packed
        from paper_topics where paper_id between ${from} and ${to}`,
  );
}

/** Citations of the papers of one slice of ids, packed as int32 (cited id, citing id). */
export function packedCitationsInRange(db: Database, from: number, to: number): Promise<Uint8Array> {
  return queryPacked(
    db,
    sql`select string_agg(int4send(cited_id) || int4send(citing_id), ''::bytea) as packed
        from citations where cited_id between ${from} and ${to}`,
  );
}
