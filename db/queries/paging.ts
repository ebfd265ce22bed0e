/**
 * Keyset pages of a relation for many parents in one statement. For each parent, a LATERAL subquery walks
 * the parent's rows in sort order from the cursor and stops after `limit + 1` rows, so an author with ten
 * thousand papers costs a 21-row index scan, and fifty authors cost one statement, not fifty.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client.js';
import { intArray, queryRows } from './raw.js';

export type SortType = 'date' | 'int' | 'text' | 'real';

/**
 * A relation to page through. `select(parent)` returns a SELECT yielding `node_id` (int), the sort keys
 * `k0..kN` (never null) and the `extras` columns, restricted to the given parent (an empty parent list
 * means a root list with no parent).
 */
export interface PagedRelation {
  select(parent: SQL[]): SQL;
  keyTypes: SortType[];
  extras?: string[];
  /** Number of ids that identify a parent (1, or 2 for a pair of coauthors). */
  parentArity?: 0 | 1 | 2;
}

export interface PageQuery {
  descending: boolean;
  backward: boolean;
  limit: number;
  /** Sort key values then the node id, as text. */
  cursorValues?: string[];
}

export interface PageRow {
  parentKey: string;
  nodeId: number;
  /** Sort key values then the node id, as text: the cursor of this row. */
  keys: string[];
  extras: Record<string, unknown>;
}

export function parentKeyOf(parent: readonly number[]): string {
  return parent.join(':');
}

function cursorCondition(relation: PagedRelation, query: PageQuery, operator: string): SQL {
  if (!query.cursorValues) return sql`true`;
  const types = [...relation.keyTypes, 'int' as const];
  if (query.cursorValues.length !== types.length) throw new RangeError('cursor does not match the ordering');
  const columns = types.map((_, i) => (i < relation.keyTypes.length ? sql.raw(`src.k${i}`) : sql.raw('src.node_id')));
  const values = query.cursorValues.map((v, i) => sql`${v}::${sql.raw(types[i] === 'real' ? 'real' : types[i]!)}`);
  return sql`(${sql.join(columns, sql`, `)}) ${sql.raw(operator)} (${sql.join(values, sql`, `)})`;
}

function pagedSubquery(relation: PagedRelation, query: PageQuery, parent: SQL[]): SQL {
  // Reading backwards walks the order reversed from the cursor; the caller flips the rows back.
  const descending = query.descending !== query.backward;
  const dir = sql.raw(descending ? 'desc' : 'asc');
  const order = [...relation.keyTypes.map((_, i) => sql.raw(`src.k${i}`)), sql.raw('src.node_id')].map(
    (col) => sql`${col} ${dir}`,
  );
  return sql`select * from (${relation.select(parent)}) src
    where ${cursorCondition(relation, query, descending ? '<' : '>')}
    order by ${sql.join(order, sql`, `)}
    limit ${query.limit + 1}`;
}

function outputColumns(relation: PagedRelation): SQL {
  const keys = relation.keyTypes.map((_, i) => sql.raw(`s.k${i}::text as k${i}`));
  const extras = (relation.extras ?? []).map((name) => sql.raw(`s.${name} as "${name}"`));
  return sql.join([sql.raw('s.node_id'), ...keys, ...extras], sql`, `);
}

function parentSource(arity: number, parents: readonly (readonly number[])[]): { from: SQL; refs: SQL[]; select: SQL } {
  const names = Array.from({ length: arity }, (_, i) => `p${i}`);
  const arrays = names.map((_, i) => intArray(parents.map((p) => p[i]!)));
  return {
    from: sql`unnest(${sql.join(arrays, sql`, `)}) as x(${sql.raw(names.join(', '))})`,
    refs: names.map((n) => sql.raw(`x.${n}`)),
    select: sql.raw(names.map((n) => `x.${n}`).join(', ')),
  };
}

/** Fetch up to `limit + 1` rows per parent (the extra row tells whether another page exists). */
export async function fetchPages(
  db: Database,
  relation: PagedRelation,
  parents: readonly (readonly number[])[],
  query: PageQuery,
): Promise<PageRow[]> {
  const arity = relation.parentArity ?? 1;
  let rows: Record<string, unknown>[];
  if (arity === 0) {
    rows = await queryRows(db, sql`select ${outputColumns(relation)} from (${pagedSubquery(relation, query, [])}) s`);
  } else {
    const source = parentSource(arity, parents);
    rows = await queryRows(
      db,
      sql`select ${source.select}, ${outputColumns(relation)}
        from ${source.from}
        cross join lateral (${pagedSubquery(relation, query, source.refs)}) s`,
    );
  }
  return rows.map((row) => {
    const parent = Array.from({ length: arity }, (_, i) => Number(row[`p${i}`]));
    const keys = relation.keyTypes.map((_, i) => String(row[`k${i}`]));
    const extras: Record<string, unknown> = {};
    for (const name of relation.extras ?? []) extras[name] = row[name];
    return { parentKey: parentKeyOf(parent), nodeId: Number(row.node_id), keys: [...keys, String(row.node_id)], extras };
  });
}

/** Count each parent's rows in one statement. */
export async function countPerParent(
  db: Database,
  relation: PagedRelation,
  parents: readonly (readonly number[])[],
): Promise<Map<string, number>> {
  const arity = relation.parentArity ?? 1;
  const counts = new Map<string, number>();
  if (arity === 0) {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (${relation.select([])}) src`);
    counts.set('', Number(row?.n ?? 0));
    return counts;
  }
  const source = parentSource(arity, parents);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${source.select}, (select count(*)::int from (${relation.select(source.refs)}) src) as n from ${source.from}`,
  );
  for (const row of rows) {
    const parent = Array.from({ length: arity }, (_, i) => Number(row[`p${i}`]));
    counts.set(parentKeyOf(parent), Number(row.n));
  }
  return counts;
}
