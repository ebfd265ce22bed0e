/** The venue list, optionally narrowed by name. */
import { sql } from 'drizzle-orm';
import { containsEveryToken } from './name-search.js';
import type { PagedRelation } from './paging.js';

export type VenueOrderField = 'NAME' | 'PAPER_COUNT';

export function matchingVenues(field: VenueOrderField, tokens: string[]): PagedRelation {
  const key =
    field === 'NAME' ? { expr: sql`v.name_key`, type: 'text' as const } : { expr: sql`v.paper_count`, type: 'int' as const };
  return {
    shape: `matchingVenues:${field}:${JSON.stringify(tokens)}`,
    keyTypes: [key.type],
    parentArity: 0,
    select: () => sql`select v.id as node_id, ${key.expr} as k0 from venues v
      where ${containsEveryToken(sql`v.name_key`, tokens)}`,
  };
}
