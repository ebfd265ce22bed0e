/**
 * Turn a paged relation into a Relay connection: check the arguments, load the page for this parent
 * (batched with every sibling parent), load the nodes through the entity loader, and count lazily.
 */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { PagedRelation } from '../db/queries/paging.js';
import { checkCursorValues, encodeCursor } from '../src/connections/cursor.js';
import { parsePageRequest, type ConnectionArgs } from '../src/connections/page-request.js';
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
  loadNodes: (ids: number[]) => Promise<(T | Error | null)[]>;
  /** The page and the count scan many rows (a full-text search): heavy work, admitted through the gate. */
  heavy?: boolean;
  /** The connection field's resolve info: when its selection asks for `totalCount`, the page brings it. */
  info?: GraphQLResolveInfo;
  /** Hand a node that came with the page to its entity loader, so later lookups of it need no statement. */
  prime?: (node: T) => void;
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
  const withCount = options.info !== undefined && selectsField(options.info, 'totalCount');
  const query = {
    descending: options.descending,
    backward: request.backward,
    limit: request.limit,
    cursorValues: request.cursorValues,
    ...(withCount ? { withCount } : {}),
  };
  const name = `${options.name}:${options.orderTag}`;
  const admit = <R>(work: () => Promise<R>): Promise<R> => (options.heavy ? ctx.scope.heavy(work) : work());
  const page = await admit(() => ctx.loaders.pages.page(name, options.relation, query).load(options.parent));
  const hasMore = page.rows.length > request.limit;
  const pageRows = page.rows.slice(0, request.limit);
  if (request.backward) pageRows.reverse();

  let nodes: (T | Error | null)[];
  if (options.relation.node) {
    nodes = pageRows.map((r) => r.node as T);
    if (options.prime) for (const node of nodes as T[]) options.prime(node);
  } else {
    nodes = await options.loadNodes(pageRows.map((r) => r.nodeId));
  }
  const edges: PagedEdge<T>[] = [];
  pageRows.forEach((row, i) => {
    const node = nodes[i];
    // A row deleted between the page query and the node load is left out rather than returned as null.
    if (node == null || node instanceof Error) return;
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

/** Whether the field being resolved selects `name` directly (through fragments too). */
function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    set?.selections.some((selection) => {
      if (selection.kind === 'Field') return selection.name.value === name;
      if (selection.kind === 'InlineFragment') return visit(selection.selectionSet);
      return visit(info.fragments[selection.name.value]?.selectionSet);
    }) ?? false;
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
