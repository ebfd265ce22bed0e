/**
 * Counts of papers grouped by one dimension over any paper filter (OpenAlex's `group_by`): papers per
 * year of an author, top venues of a topic, top authors of a field since a year. One statement.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client.js';
import { citationColumn, type CitationBasis } from './metrics.js';
import { paperFilterConditions, type PaperFilter } from './paper-pages.js';
import { queryRows } from './raw.js';

export type PaperGroupBy = 'YEAR' | 'TOPIC' | 'VENUE' | 'AUTHOR' | 'HAS_CODE';
export type PaperGroupOrderField = 'COUNT' | 'CITATION_COUNT' | 'KEY';

export interface PaperGroupRow {
  /** The year, the venue/topic/author id, or has_code; null for papers with no value (no year, no venue…). */
  key: number | boolean | null;
  count: number;
  citation_count: number;
}

export interface PaperGroupQuery {
  filter: PaperFilter;
  by: PaperGroupBy;
  first: number;
  order: { field: PaperGroupOrderField; descending: boolean };
  basis: CitationBasis;
}

/**
 * A paper with several topics (or authors) counts once in each of their groups, as in OpenAlex; papers
 * with none form the group with a null key, so every paper the filter matches is counted somewhere.
 */
function grouping(by: PaperGroupBy): { join: SQL; key: SQL } {
  switch (by) {
    case 'YEAR':
      return { join: sql``, key: sql`p.year` };
    case 'VENUE':
      return { join: sql``, key: sql`p.venue_id` };
    case 'HAS_CODE':
      return { join: sql``, key: sql`p.has_code` };
    case 'TOPIC':
      return { join: sql`left join paper_topics g on g.paper_id = p.id`, key: sql`g.topic_id` };
    case 'AUTHOR':
      return { join: sql`left join authorships g on g.paper_id = p.id`, key: sql`g.author_id` };
  }
}

export async function paperGroups(db: Database, query: PaperGroupQuery): Promise<PaperGroupRow[]> {
  const { join, key } = grouping(query.by);
  const conditions = paperFilterConditions(query.filter);
  const direction = sql.raw(query.order.descending ? 'desc' : 'asc');
  // The group without a value comes last whatever the order; the key breaks ties so the order is stable.
  const measure = query.order.field === 'KEY' ? sql`` : sql`g.${sql.raw(query.order.field === 'COUNT' ? 'count' : 'citation_count')} ${direction}, `;
  const keyDirection = query.order.field === 'KEY' ? direction : sql`asc`;
  const rows = await queryRows<PaperGroupRow>(
    db,
    sql`select * from (
          select ${key} as key, count(*)::int as count, coalesce(sum(${citationColumn(query.basis)}), 0)::bigint as citation_count
          from papers p ${join}
          where ${conditions.length ? sql.join(conditions, sql` and `) : sql`true`}
          group by 1
        ) g
        order by (g.key is null), ${measure}g.key ${keyDirection}
        limit ${query.first}`,
  );
  return rows.map((r) => ({ key: r.key, count: Number(r.count), citation_count: Number(r.citation_count) }));
}
