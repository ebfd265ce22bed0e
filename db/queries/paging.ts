/**
 * Keyset pages of a relation for many parents in one statement. For each parent, a LATERAL subquery walks
 * the parent's rows in sort order from the cursor and stops after `limit + 1` rows, so an author with ten
 * thousand papers costs a 21-row index scan, and fifty authors cost one statement, not fifty.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client.js';
import type { NodeShape, PartialShape } from './entities.js';
import { intArrayLiteral, jsonValue, queryRows } from './raw.js';
import { templateStatement } from './statement-templates.js';

export type SortType = 'date' | 'int' | 'text' | 'real';

/**
 * A relation to page through. `select(parent)` returns a SELECT yielding `node_id` (int), the sort keys
 * `k0..kN` (never null) and the `extras` columns, restricted to the given parent (an empty parent list
 * means a root list with no parent).
 */
export interface PagedRelation {
  /**
   * Names the SQL `select` builds, with every value it puts into it (filter values, search words): pages of
   * relations with equal shapes share one statement text (statement-templates.ts).
   */
  shape: string;
  select(parent: SQL[]): SQL;
  /**
   * The same rows for counting only, when that can skip work `select` does for the page (a join the
   * foreign keys make redundant, the sort keys); `select` is counted otherwise.
   */
  countSelect?(parent: SQL[]): SQL;
  keyTypes: SortType[];
  extras?: string[];
  /** Number of ids that identify a parent (1, or 2 for a pair of coauthors). */
  parentArity?: 0 | 1 | 2;
  /**
   * The node each row leads to, fetched with the page as one JSON column (entities.ts builds it over
   * `table` as `n`), after the page is cut, so only the rows returned pay for it.
   */
  node?: { table: string; json: (shape: NodeShape) => SQL };
}

export interface PageQuery {
  descending: boolean;
  backward: boolean;
  limit: number;
  /** Sort key values then the node id, as text. */
  cursorValues?: string[];
  /** Also count each parent's rows in the same statement (when the connection's totalCount is asked for). */
  withCount?: boolean;
  /** The nodes' JSON carries only their core fields (see NodeShape); every field when absent. */
  nodeShape?: PartialShape;
  /**
   * The rows are read only for their nodes (the connection's selection has no `edges` and no `pageInfo`):
   * exactly `limit` rows, without their sort keys and `extras`, and no row past the page to learn whether
   * another page follows, whose node and child pages would otherwise be built for nothing.
   */
  nodesOnly?: boolean;
}

export interface PageRow {
  parentKey: string;
  nodeId: number;
  /**
   * The result row itself: its `extras` columns by name, its sort keys `k0..kN` as text. Kept whole rather
   * than copied into objects of their own: a page of fifty papers with their authors has hundreds of rows,
   * and most requests never read their cursors.
   */
  extras: Record<string, unknown>;
  /** Number of sort keys (`k0..`) in `extras`, for the cursor (cursorValuesOf). */
  keyCount: number;
  /** The node, when the relation fetches it with the page. */
  node?: unknown;
  /** The first pages of the next levels under this row's node, when fetched with this page (in ChildPages order). */
  childPages?: Page[];
}

/** Sort key values then the node id, as text: the cursor of this row. */
export function cursorValuesOf(row: PageRow): string[] {
  const values: string[] = [];
  for (let i = 0; i < row.keyCount; i++) values.push(String(row.extras[`k${i}`]));
  values.push(String(row.nodeId));
  return values;
}

/** One parent's page, and its row count when it was asked for. */
export interface Page {
  rows: PageRow[];
  total?: number;
}

export function parentKeyOf(parent: readonly number[]): string {
  return parent.join(':');
}

/** `values` are the cursor's values (or placeholders for them) in sort key order, then the node id. */
function cursorCondition(relation: PagedRelation, values: readonly unknown[] | undefined, operator: string): SQL {
  if (!values) return sql`true`;
  const types = [...relation.keyTypes, 'int' as const];
  if (values.length !== types.length) throw new RangeError('cursor does not match the ordering');
  const columns = types.map((_, i) => (i < relation.keyTypes.length ? sql.raw(`src.k${i}`) : sql.raw('src.node_id')));
  const typed = values.map((v, i) => sql`${v}::${sql.raw(types[i] === 'real' ? 'real' : types[i]!)}`);
  return sql`(${sql.join(columns, sql`, `)}) ${sql.raw(operator)} (${sql.join(typed, sql`, `)})`;
}

function pagedSubquery(relation: PagedRelation, query: PageQuery, parent: SQL[], cursor: readonly unknown[] | undefined = query.cursorValues): SQL {
  // Reading backwards walks the order reversed from the cursor; the caller flips the rows back.
  const descending = query.descending !== query.backward;
  const dir = sql.raw(descending ? 'desc' : 'asc');
  const order = [...relation.keyTypes.map((_, i) => sql.raw(`src.k${i}`)), sql.raw('src.node_id')].map(
    (col) => sql`${col} ${dir}`,
  );
  return sql`select * from (${relation.select(parent)}) src
    where ${cursorCondition(relation, cursor, descending ? '<' : '>')}
    order by ${sql.join(order, sql`, `)}
    limit ${query.limit + (query.nodesOnly ? 0 : 1)}`;
}

function outputColumns(relation: PagedRelation, query: PageQuery, alias = 's'): SQL {
  const keys = query.nodesOnly ? [] : relation.keyTypes.map((_, i) => sql.raw(`${alias}.k${i}::text as k${i}`));
  const extras = query.nodesOnly ? [] : (relation.extras ?? []).map((name) => sql.raw(`${alias}.${name} as "${name}"`));
  // A scalar subquery rather than a join: a join could let the planner reorder the page's rows.
  const node = relation.node
    ? [sql`(select ${relation.node.json(query.nodeShape ?? 'full')} from ${sql.raw(relation.node.table)} n where n.id = ${sql.raw(alias)}.node_id) as node`]
    : [];
  return sql.join([sql.raw(`${alias}.node_id`), ...keys, ...extras, ...node], sql`, `);
}

/**
 * The next levels' pages inside this level's statement: for each row, the first page of each child
 * relation under the row's node (an author's papers, and each paper's authors under those), as one JSON
 * column per child, with the child's row count when its query asks for it.
 */
export interface ChildPages {
  relation: PagedRelation;
  query: PageQuery;
  children?: ChildPages[];
}

/** `{"rows": [...], "total": n}` for each child of the rows of the page aliased `alias`, as columns ch0, ch1…. */
function childColumns(children: readonly ChildPages[], alias: string, depth: number): SQL[] {
  const inner = `cs${depth}`;
  const parent = [sql.raw(`${alias}.node_id`)];
  return children.map((child, i) => {
    const count = child.query.withCount ? sql`, 'total', ${rowCount(child.relation, parent)}` : sql``;
    const columns = [outputColumns(child.relation, child.query, inner), ...childColumns(child.children ?? [], inner, depth + 1)];
    return sql`(select json_build_object('rows', coalesce(json_agg(c), '[]'::json)${count}) from (select ${sql.join(columns, sql`, `)}
      from (${pagedSubquery(child.relation, child.query, parent)}) ${sql.raw(inner)}) c) as ${sql.raw(`ch${i}`)}`;
  });
}

/** A page row from a result row (or an element of a child's rows) of `relation`, with its children's pages. */
function pageRow(relation: PagedRelation, parentKey: string, row: Record<string, unknown>, children: readonly ChildPages[]): PageRow {
  const nodeId = Number(row.node_id);
  const result: PageRow = { parentKey, nodeId, extras: row, keyCount: relation.keyTypes.length };
  if (relation.node) result.node = jsonValue(row.node);
  if (children.length > 0) {
    const key = parentKeyOf([nodeId]);
    result.childPages = children.map((child, i) => {
      const value = jsonValue<{ rows: Record<string, unknown>[]; total?: number }>(row[`ch${i}`]);
      const rows = value.rows.map((r) => pageRow(child.relation, key, r, child.children ?? []));
      return child.query.withCount ? { rows, total: Number(value.total) } : { rows };
    });
  }
  return result;
}

/** The number of `relation`'s rows under one parent, as a scalar subquery. */
function rowCount(relation: PagedRelation, parent: SQL[]): SQL {
  return sql`(select count(*)::int from (${relation.countSelect?.(parent) ?? relation.select(parent)}) src)`;
}

/** The parent key of a result row whose parent ids are in columns `p0`, `p1`…. */
function parentKeyOfRow(row: Record<string, unknown>, arity: number): string {
  return parentKeyOf(Array.from({ length: arity }, (_, i) => Number(row[`p${i}`])));
}

/** The parents as `unnest` of one int[] per position (`arrays`: their values or placeholders), named p0, p1…. */
function parentSource(arity: number, arrays: readonly unknown[]): { from: SQL; refs: SQL[]; select: SQL } {
  const names = Array.from({ length: arity }, (_, i) => `p${i}`);
  return {
    from: sql`unnest(${sql.join(arrays.map((a) => sql`${a}::int[]`), sql`, `)}) as x(${sql.raw(names.join(', '))})`,
    refs: names.map((n) => sql.raw(`x.${n}`)),
    select: sql.raw(names.map((n) => `x.${n}`).join(', ')),
  };
}

/** The parents' ids by position: one int[] literal for each of the relation's `arity` parent ids. */
function parentArrays(arity: number, parents: readonly (readonly number[])[]): string[] {
  return Array.from({ length: arity }, (_, i) => intArrayLiteral(parents.map((p) => p[i]!)));
}

/** The statement of fetchPages; `value` gives the parents' arrays (`p0`…) and the cursor's values (`c0`…). */
function pagesStatement(
  relation: PagedRelation,
  query: PageQuery,
  children: readonly ChildPages[],
  value: (name: string) => unknown,
): SQL {
  const arity = relation.parentArity ?? 1;
  const source = arity === 0 ? undefined : parentSource(arity, Array.from({ length: arity }, (_, i) => value(`p${i}`)));
  const parentColumns = source ? sql`${source.select}, ` : sql``;
  const refs = source?.refs ?? [];
  const cursor = query.cursorValues?.map((_, i) => value(`c${i}`));
  const count = query.withCount ? sql`, c.n as total` : sql``;
  const childList = children.length > 0 ? sql`, ${sql.join(childColumns(children, 's', 0), sql`, `)}` : sql``;
  const countJoin = query.withCount ? sql` cross join lateral (select ${rowCount(relation, refs)} as n) c` : sql``;
  // A parent with no rows still gives one row (node_id null) when its count is asked for.
  const pageJoin = query.withCount ? sql`left join lateral` : sql`join lateral`;
  return sql`select ${parentColumns}${outputColumns(relation, query)}${count}${childList}
        from ${source ? source.from : sql`(select 1) one`}${countJoin}
        ${pageJoin} (${pagedSubquery(relation, query, refs, cursor)}) s on true`;
}

/** What makes two pagesStatement texts differ: the shapes and queries, not the parents or cursor values. */
function statementKey(relation: PagedRelation, query: PageQuery, children: readonly ChildPages[]): string {
  const { cursorValues, ...rest } = query;
  return `${relation.shape}|${relation.parentArity ?? 1}|${cursorValues?.length ?? 0}|${JSON.stringify(rest)}|${childrenKey(children)}`;
}

function childrenKey(children: readonly ChildPages[]): string {
  return children.map((c) => `(${c.relation.shape} ${JSON.stringify(c.query)} ${childrenKey(c.children ?? [])})`).join('');
}

/**
 * Fetch up to `limit + 1` rows per parent (the extra row tells whether another page exists; `limit` when
 * only the nodes are read), in one statement: with the nodes when the relation says how, and with each parent's count when asked.
 */
export async function fetchPages(
  db: Database,
  relation: PagedRelation,
  parents: readonly (readonly number[])[],
  query: PageQuery,
  children: readonly ChildPages[] = [],
): Promise<Map<string, Page>> {
  const arity = relation.parentArity ?? 1;
  const values: Record<string, unknown> = {};
  parentArrays(arity, parents).forEach((array, i) => (values[`p${i}`] = array));
  query.cursorValues?.forEach((v, i) => (values[`c${i}`] = v));
  const statement = templateStatement(
    statementKey(relation, query, children),
    (value) => pagesStatement(relation, query, children, value),
    values,
  );
  const rows = await queryRows<Record<string, unknown>>(db, statement);
  const pages = new Map<string, Page>();
  for (const row of rows) {
    const key = parentKeyOfRow(row, arity);
    let page = pages.get(key);
    if (!page) {
      page = { rows: [], ...(query.withCount ? { total: Number(row.total) } : {}) };
      pages.set(key, page);
    }
    if (row.node_id == null) continue;
    page.rows.push(pageRow(relation, key, row, children));
  }
  return pages;
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
    const [row] = await queryRows<{ n: number }>(db, sql`select ${rowCount(relation, [])} as n`);
    counts.set('', Number(row?.n ?? 0));
    return counts;
  }
  const source = parentSource(arity, parentArrays(arity, parents));
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${source.select}, ${rowCount(relation, source.refs)} as n from ${source.from}`,
  );
  for (const row of rows) counts.set(parentKeyOfRow(row, arity), Number(row.n));
  return counts;
}
