/** SQL behind the coauthor-network fields that the in-memory graph does not answer on its own. */
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import type { PagedRelation } from './paging.js';
import { intArray, queryRows } from './raw.js';

/** For each pair of coauthors, the newest paper they wrote together: one statement for a whole path. */
export async function sharedPaperOfPairs(db: Database, pairs: [number, number][]): Promise<(number | null)[]> {
  if (pairs.length === 0) return [];
  const rows = await queryRows<{ i: number; paper_id: number | null }>(
    db,
    // OFFSET 0 keeps the shared papers a subquery of their own: found from the first author's index
    // entries, then sorted. Flattened, the planner may walk all papers newest first looking for one.
    sql`select x.i, (
          select s.id from (
            select p.id, p.sort_date from authorships a
            join authorships b on b.paper_id = a.paper_id and b.author_id = x.b
            join papers p on p.id = a.paper_id
            where a.author_id = x.a offset 0
          ) s order by s.sort_date desc, s.id desc limit 1
        ) as paper_id
        from unnest(${intArray(pairs.map((p) => p[0]))}, ${intArray(pairs.map((p) => p[1]))})
          with ordinality as x(a, b, i)`,
  );
  const byIndex = new Map(rows.map((r) => [Number(r.i), r.paper_id == null ? null : Number(r.paper_id)]));
  return pairs.map((_, i) => byIndex.get(i + 1) ?? null);
}

/** Authors who wrote with both authors of the parent pair, most shared papers (with either) first. */
export function commonCoauthorsOf(): PagedRelation {
  const sharedWith = (author: unknown) => sql`(
      select o.author_id, count(*)::int as n
      from authorships me join authorships o on o.paper_id = me.paper_id and o.author_id <> me.author_id
      where me.author_id = ${author} group by o.author_id)`;
  return {
    shape: 'commonCoauthorsOf',
    keyTypes: ['int'],
    extras: ['papers_with_author', 'papers_with_other'],
    parentArity: 2,
    // Aliases unlike the paging wrapper's `x`, which names the parents.
    select: ([a, b]) => sql`select wa.author_id as node_id, wa.n + wb.n as k0,
        wa.n as papers_with_author, wb.n as papers_with_other
      from ${sharedWith(a)} wa join ${sharedWith(b)} wb on wb.author_id = wa.author_id
      where wa.author_id <> ${b} and wb.author_id <> ${a}`,
  };
}

export interface CollaborationStatsRow {
  author_id: number;
  coauthor_count: number;
  repeat_coauthor_count: number;
  paper_count: number;
  median_team_size: number | null;
  max_team_size: number | null;
}

/** Coauthor and team-size figures of many authors in one statement. */
export async function collaborationStats(db: Database, authorIds: readonly number[]): Promise<CollaborationStatsRow[]> {
  return queryRows<CollaborationStatsRow>(
    db,
    sql`with mine as (
          select author_id, paper_id from authorships where author_id = any(${intArray(authorIds)})
        ), teams as (
          select m.author_id, count(*)::int as size
          from mine m join authorships s on s.paper_id = m.paper_id group by m.author_id, m.paper_id
        ), ties as (
          select m.author_id, o.author_id as other, count(*)::int as n
          from mine m join authorships o on o.paper_id = m.paper_id and o.author_id <> m.author_id
          group by m.author_id, o.author_id
        )
        select x.id as author_id,
          (select count(*)::int from ties t where t.author_id = x.id) as coauthor_count,
          (select count(*)::int from ties t where t.author_id = x.id and t.n >= 2) as repeat_coauthor_count,
          (select count(*)::int from teams t where t.author_id = x.id) as paper_count,
          (select percentile_cont(0.5) within group (order by t.size) from teams t where t.author_id = x.id) as median_team_size,
          (select max(t.size) from teams t where t.author_id = x.id) as max_team_size
        from unnest(${intArray(authorIds)}) as x(id)`,
  );
}
