/**
 * Turn a paged relation into a Relay connection: check the arguments, load the page for this parent
 * (batched with every sibling parent), load the nodes through the entity loader, and count lazily.
 */
import {
  getArgumentValues,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { PagedRelation, PageQuery } from '../db/queries/paging.js';
import type DataLoader from 'dataloader';
import { loadAll } from '../src/loaders/by-key.js';
import type { ChildPageRequest } from '../src/loaders/pages.js';
import { checkCursorValues, encodeCursor } from '../src/connections/cursor.js';
import { parsePageRequest, type ConnectionArgs, type PageRequest } from '../src/connections/page-request.js';
import type { Context } from '../src/context.js';

export interface PagedConnectionOptions<T> {
  /** Names the relation; with the ordering it keys the shared loaders. */
  name: string;
  relation: PagedRelation;
  /** The parent's ids; empty for a root list. */
  parent: number[];
  args: ConnectionArgs;
  /** E.g. `PUBLISHED_AT:DESC`: written into every cursor, checked on the way back in. */
  orderTag: string;
  descending: boolean;
  /**
   * The entity loader of the nodes: it loads them by id, or, when the relation brings them with the page,
   * is handed them, so later lookups of the same node need no statement.
   */
  nodeLoader: DataLoader<number, T | null>;
  /** The page and the count scan many rows (a full-text search): heavy work, admitted through the gate. */
  heavy?: boolean;
  /** The connection field's resolve info: when its selection asks for `totalCount`, the page brings it. */
  info?: GraphQLResolveInfo;
  /** The next level's pages to fetch in the same statement (see nestedConnection). */
  child?: ChildPageRequest;
}

export interface PagedEdge<T> {
  cursor: string;
  node: T;
  extras: Record<string, unknown>;
}

export async function resolvePagedConnection<T>(ctx: Context, options: PagedConnectionOptions<T>) {
  const request = parsePageRequest(options.args, options.orderTag);
  if (request.cursorValues) {
    checkCursorValues(request.cursorValues, options.relation.keyTypes, request.backward ? 'before' : 'after');
  }
  const withCount = options.info !== undefined && selectsField(options.info.fieldNodes, options.info, 'totalCount');
  const query = pageQuery(request, options.descending, withCount);
  const name = connectionName(options.name, options.orderTag);
  const admit = <R>(work: () => Promise<R>): Promise<R> => (options.heavy ? ctx.scope.heavy(work) : work());
  const page = await admit(() => ctx.loaders.pages.page(name, options.relation, query, options.child).load(options.parent));
  const hasMore = page.rows.length > request.limit;
  const pageRows = page.rows.slice(0, request.limit);
  if (request.backward) pageRows.reverse();

  let nodes: (T | null)[];
  if (options.relation.node) {
    nodes = pageRows.map((r) => (r.node as T | undefined) ?? null);
    pageRows.forEach((row, i) => {
      const node = nodes[i];
      if (node != null) options.nodeLoader.prime(row.nodeId, node);
    });
  } else {
    nodes = await loadAll(options.nodeLoader, pageRows.map((r) => r.nodeId));
  }
  const edges: PagedEdge<T>[] = [];
  pageRows.forEach((row, i) => {
    const node = nodes[i];
    // A row deleted between the page query and the node load is left out rather than returned as null.
    if (node == null) return;
    // Encoded when read: most pages never ask for their edges' cursors.
    let cursor: string | undefined;
    edges.push({
      get cursor() {
        return (cursor ??= encodeCursor({ order: options.orderTag, values: row.keys }));
      },
      node,
      extras: row.extras,
    });
  });
  const cursorGiven = request.cursorValues !== undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: request.backward ? cursorGiven : hasMore,
      hasPreviousPage: request.backward ? hasMore : cursorGiven,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    totalCount: () =>
      page.total !== undefined
        ? page.total
        : admit(() => ctx.loaders.pages.count(options.name, options.relation).load(options.parent)),
  };
}

/** The loaders' name of a connection: its relation and ordering. */
export function connectionName(name: string, orderTag: string): string {
  return `${name}:${orderTag}`;
}

/** What a page asks of the database; the same arguments always give an equal query (it keys the loaders). */
export function pageQuery(request: PageRequest, descending: boolean, withCount: boolean): PageQuery {
  return {
    descending,
    backward: request.backward,
    limit: request.limit,
    cursorValues: request.cursorValues,
    ...(withCount ? { withCount } : {}),
  };
}

type Fragments = GraphQLResolveInfo['fragments'];

/** The selections of `nodes`, through fragments. */
function fieldsNamed(nodes: readonly { selectionSet?: SelectionSetNode }[], fragments: Fragments, name: string): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') {
        if (selection.name.value === name) found.push(selection);
      } else if (selection.kind === 'InlineFragment') visit(selection.selectionSet);
      else visit(fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return found;
}

/** Whether `nodes` select the field `name` directly (through fragments too). */
function selectsField(nodes: readonly { selectionSet?: SelectionSetNode }[], info: { fragments: Fragments }, name: string): boolean {
  return fieldsNamed(nodes, info.fragments, name).length > 0;
}

/**
 * The connection `field` of `type` selected on this connection's nodes (under `nodes` or `edges.node`),
 * when it is selected once, as a first page: its arguments and whether it asks for `totalCount`. A page
 * of the parent connection can then bring these pages along (ChildPages).
 */
export function nestedConnection(
  info: GraphQLResolveInfo,
  type: string,
  field: string,
): { args: ConnectionArgs; withCount: boolean } | undefined {
  const nodeSets = [
    ...fieldsNamed(info.fieldNodes, info.fragments, 'nodes'),
    ...fieldsNamed(fieldsNamed(info.fieldNodes, info.fragments, 'edges'), info.fragments, 'node'),
  ];
  const nested = fieldsNamed(nodeSets, info.fragments, field);
  const definition = (info.schema.getType(type) as GraphQLObjectType | undefined)?.getFields()[field];
  if (nested.length !== 1 || !definition) return undefined;
  const args = getArgumentValues(definition, nested[0]!, info.variableValues) as ConnectionArgs;
  if (args.after != null || args.before != null || args.last != null) return undefined;
  return { args, withCount: selectsField(nested, info, 'totalCount') };
}
