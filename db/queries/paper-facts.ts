/**
 * What the in-memory paper facts index is built from: per slice of paper ids, the columns paper groups
 * and figures read, packed into one byte string per statement (see coauthor-ties.ts for why packed).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { queryPacked } from './raw.js';

/** Bytes per packed paper: int32 id, int16 year (0 unknown), int32 venue (0 none), int32 citation count, int32 cited-by count, int8 has code. */
export const PACKED_PAPER_BYTES = 19;

export function packedPapersInRange(db: Database, from: number, to: number): Promise<Uint8Array> {
  return queryPacked(
    db,
    sql`select string_agg(int4send(id) || int2send(coalesce(year, 0)::int2) || int4send(coalesce(venue_id, 0))
          || int4send(citation_count) || int4send(cited_by_count) || (case when has_code then '\\x01' else '\\x00' end)::bytea,
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
