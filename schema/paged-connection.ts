/**
 * Turn a paged relation into a Relay connection: check the arguments, load the page for this parent
 * (batched with every sibling parent) unless the request has it already, take the nodes the page brought
 * or load them through the entity loader, and count lazily.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { cursorValuesOf, type Page, type PagedRelation, type PageQuery, type PageRow } from '../db/queries/paging.js';
import type DataLoader from 'dataloader';
import { loadAll } from '../src/loaders/by-key.js';
import { checkCursorValues, encodeCursor } from '../src/connections/cursor.js';
import { parsePageRequest, type ConnectionArgs, type PageRequest } from '../src/connections/page-request.js';
import type { Context } from '../src/context.js';
import { childPagesOf, connectionNodeShape } from './page-plan.js';
import { pageLoaderKey, type ChildPageRequest } from '../src/loaders/pages.js';
import { fieldsNamed, SelectionMemo, selectionUsesVariables, type Fragments, type Selected } from './selections.js';
import type { PartialShape } from '../db/queries/entities.js';

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
   * The entity loader of the nodes, for relations that do not bring them with the page. Nodes a page
   * brings stay with its connection (they may hold only core fields: see schema/node-shape.ts).
   */
  nodeLoader: DataLoader<number, T | null>;
  /** The page and the count scan many rows (a full-text search): heavy work, admitted through the gate. */
  heavy?: boolean;
  /**
   * The connection field's resolve info: when its selection asks for `totalCount`, the page brings it, and
   * the first pages of connections selected on its nodes come in the same statement (page-plan.ts).
   */
  info?: GraphQLResolveInfo;
  /** The GraphQL type of the nodes, whose planned connections can come with the page. */
  nodeType?: string;
}

export interface PagedEdge<T> {
  cursor: string;
  node: T;
  extras: Record<string, unknown>;
}

/**
 * The connection, at once when the request already has its page (brought by the level above: see
 * page-plan.ts), else once the page is loaded with its siblings'.
 */
export function resolvePagedConnection<T>(ctx: Context, options: PagedConnectionOptions<T>) {
  const { request, query, name, key, children } = connectionPlanOf(options);
  const inHand = ctx.loaders.pages.loaded(key, options.parent);
  if (inHand) return connectionOf(ctx, options, request, inHand);
  return admitted(ctx, options, () => ctx.loaders.pages.page(name, options.relation, query, children()).load(options.parent)).then(
    (page) => connectionOf(ctx, options, request, page),
  );
}

/** How a connection field resolves its pages for the arguments it was given (the same for all its siblings). */
interface ConnectionPlan {
  request: PageRequest;
  query: PageQuery;
  name: string;
  key: string;
  /** The next levels its statement brings, looked up only when the page is not in hand. */
  children: () => ChildPageRequest[];
}

// Sibling connections of a list share their arguments: their plan is made once.
const plans = new SelectionMemo<ConnectionPlan>();

function connectionPlanOf<T>(options: PagedConnectionOptions<T>): ConnectionPlan {
  const info = options.info;
  if (!info) return makeConnectionPlan(options);
  // The name and ordering come from the resolver's arguments; keyed by them all the same, to stay exact.
  // A connection whose arguments and selection use no variable has one plan for every request of the document.
  const variables = selectionUsesVariables(info.fieldNodes, info.fragments, true) ? info.variableValues : null;
  return plans.get(info.fieldNodes, variables, `${options.name}\n${options.orderTag}`, () => makeConnectionPlan(options));
}

function makeConnectionPlan<T>(options: PagedConnectionOptions<T>): ConnectionPlan {
  const request = parsePageRequest(options.args, options.orderTag);
  if (request.cursorValues) {
    checkCursorValues(request.cursorValues, options.relation.keyTypes, request.backward ? 'before' : 'after');
  }
  const info = options.info;
  const withCount = info !== undefined && fieldsNamed(info.fieldNodes, info.fragments, 'totalCount').length > 0;
  const nodeShape = info && options.nodeType && options.relation.node ? connectionNodeShape(info, options.nodeType) : undefined;
  const query = pageQuery(request, options.descending, withCount, nodeShape, info !== undefined && readsOnlyNodes(info.fieldNodes, info.fragments));
  const name = connectionName(options.name, options.orderTag);
  const nodeType = options.nodeType;
  return {
    request,
    query,
    name,
    key: pageLoaderKey(name, query),
    children: () => (info && nodeType ? childPagesOf(info, nodeType, 'connection') : []),
  };
}

function admitted<T, R>(ctx: Context, options: PagedConnectionOptions<T>, work: () => Promise<R>): Promise<R> {
  return options.heavy ? ctx.scope.heavy(work) : work();
}

/** The connection object of a page: edges (nodes loaded unless the page brought them), page info, count. */
function connectionOf<T>(ctx: Context, options: PagedConnectionOptions<T>, request: PageRequest, page: Page) {
  const hasMore = page.rows.length > request.limit;
  const pageRows = page.rows.slice(0, request.limit);
  if (request.backward) pageRows.reverse();
  if (options.relation.node) return connectionFrom(ctx, options, request, page, pageRows, hasMore, pageRows.map((r) => (r.node as T | undefined) ?? null));
  return loadAll(options.nodeLoader, pageRows.map((r) => r.nodeId)).then((nodes) =>
    connectionFrom(ctx, options, request, page, pageRows, hasMore, nodes),
  );
}

function connectionFrom<T>(
  ctx: Context,
  options: PagedConnectionOptions<T>,
  request: PageRequest,
  page: Page,
  pageRows: PageRow[],
  hasMore: boolean,
  nodes: (T | null)[],
) {
  const edges: PagedEdge<T>[] = [];
  pageRows.forEach((row, i) => {
    const node = nodes[i];
    // A row deleted between the page query and the node load is left out rather than returned as null.
    if (node != null) edges.push(new RowEdge(row, node, options.orderTag));
  });
  return {
    edges,
    pageInfo: new RowsPageInfo(edges, request.backward ? request.cursorValues !== undefined : hasMore, request.backward ? hasMore : request.cursorValues !== undefined),
    totalCount: () =>
      page.total !== undefined
        ? page.total
        : admitted(ctx, options, () => ctx.loaders.pages.count(options.name, options.relation).load(options.parent)),
  };
}

/** An edge of a page row; its cursor is encoded when read, since most pages never ask for it. */
class RowEdge<T> implements PagedEdge<T> {
  #cursor: string | undefined;
  readonly extras: Record<string, unknown>;
  constructor(
    private readonly row: PageRow,
    readonly node: T,
    private readonly orderTag: string,
  ) {
    this.extras = row.extras;
  }
  get cursor(): string {
    return (this.#cursor ??= encodeCursor({ order: this.orderTag, values: cursorValuesOf(this.row) }));
  }
}

class RowsPageInfo<T> {
  constructor(
    private readonly edges: readonly PagedEdge<T>[],
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}
  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }
  get endCursor(): string | null {
    return this.edges.at(-1)?.cursor ?? null;
  }
}

/** The loaders' name of a connection: its relation and ordering. */
export function connectionName(name: string, orderTag: string): string {
  return `${name}:${orderTag}`;
}

/** Whether a connection's selection reads only its nodes (and count): no edges, so no cursors or extras, and no pageInfo. */
export function readsOnlyNodes(connection: Selected, fragments: Fragments): boolean {
  return fieldsNamed(connection, fragments, 'edges').length === 0 && fieldsNamed(connection, fragments, 'pageInfo').length === 0;
}

/** What a page asks of the database; the same arguments always give an equal query (it keys the loaders). */
export function pageQuery(request: PageRequest, descending: boolean, withCount: boolean, nodeShape?: PartialShape, nodesOnly = false): PageQuery {
  return {
    descending,
    backward: request.backward,
    limit: request.limit,
    cursorValues: request.cursorValues,
    ...(withCount ? { withCount } : {}),
    ...(nodeShape ? { nodeShape } : {}),
    ...(nodesOnly ? { nodesOnly } : {}),
  };
}
