/**
 * Look-ahead for connections. When a field's selection asks for first pages of connections on the objects
 * it returns (an author's papers, and each paper's authors under those), the statement that fetches the
 * field's rows brings those pages too (ChildPages, db/queries/paging.ts), level under level, and each
 * nested connection then finds its page already loaded: a profile page is one statement, not one per level.
 * A connection field takes part by registering how it plans its first page (`planConnection`).
 */
import { getArgumentValues, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import type { PagedRelation } from '../db/queries/paging.js';
import type { PartialShape } from '../db/queries/entities.js';
import { parsePageRequest, type ConnectionArgs } from '../src/connections/page-request.js';
import { pageLoaderKey, type ChildPageRequest } from '../src/loaders/pages.js';
import type { Context } from '../src/context.js';
import type DataLoader from 'dataloader';
import { nodeShapeOf } from './node-shape.js';
import { connectionName, pageQuery, readsOnlyNodes } from './paged-connection.js';
import { fieldsNamed, nodeSelections, SelectionMemo, selectionUsesVariables, type Selected } from './selections.js';

/** What a connection field resolves its page with, for arguments it was given. */
export interface PlannedConnection {
  /** The name its resolver loads pages under (with the ordering, see connectionName). */
  name: string;
  relation: PagedRelation;
  orderTag: string;
  descending: boolean;
  /** The type of its nodes, whose own connections may be planned under it. */
  nodeType: string;
}

type Planner = (args: ConnectionArgs & Record<string, unknown>) => PlannedConnection;

const planners = new Map<string, Map<string, Planner>>();

/** Let `type.field`'s first pages come with the statement of the level above. */
export function planConnection(type: string, field: string, planner: Planner): void {
  let fields = planners.get(type);
  if (!fields) planners.set(type, (fields = new Map()));
  fields.set(field, planner);
}

/** Levels one statement may bring below its own: enough for every page a frontend sends, bounded for the planner. */
const MAX_LEVELS = 3;

/**
 * The first pages of planned connections selected on objects of `type` (`objects` are the field nodes
 * whose selection is such an object), with the pages below them. A connection selected more than once, or
 * asked for after a cursor or from the end, or with arguments its planner rejects, is left to its resolver.
 */
function plan(objects: Selected, type: string, info: GraphQLResolveInfo, level: number): ChildPageRequest[] {
  const fields = planners.get(type);
  const definitions = (info.schema.getType(type) as GraphQLObjectType | undefined)?.getFields();
  if (!fields || !definitions || level >= MAX_LEVELS) return [];
  const requests: ChildPageRequest[] = [];
  for (const [field, planner] of fields) {
    const selected = fieldsNamed(objects, info.fragments, field, type);
    const definition = definitions[field];
    if (selected.length !== 1 || !definition) continue;
    let request;
    let planned;
    try {
      const args = getArgumentValues(definition, selected[0]!, info.variableValues) as ConnectionArgs & Record<string, unknown>;
      if (args.after != null || args.before != null || args.last != null) continue;
      planned = planner(args);
      request = parsePageRequest(args, planned.orderTag);
    } catch {
      continue; // the field reports its own bad arguments
    }
    const withCount = fieldsNamed(selected, info.fragments, 'totalCount').length > 0;
    const nodes = nodeSelections(selected, info.fragments);
    const name = connectionName(planned.name, planned.orderTag);
    const query = pageQuery(request, planned.descending, withCount, nodeShapeOf(nodes, planned.nodeType, info.fragments), readsOnlyNodes(selected, info.fragments));
    requests.push({ name, key: pageLoaderKey(name, query), relation: planned.relation, query, children: plan(nodes, planned.nodeType, info, level + 1) });
  }
  return requests;
}

const plans = new SelectionMemo<ChildPageRequest[]>();

/**
 * The pages to bring with the objects of `type` that `info`'s field returns: the field's own selection
 * (`object`), or its nodes' when the field is a connection (`connection`).
 */
export function childPagesOf(info: GraphQLResolveInfo, type: string, shape: 'object' | 'connection'): ChildPageRequest[] {
  // What this field's own arguments are does not matter to the pages below it; the variables below do.
  const variables = selectionUsesVariables(info.fieldNodes, info.fragments, false) ? info.variableValues : null;
  return plans.get(info.fieldNodes, variables, `${shape} ${type}`, () => {
    const objects = shape === 'object' ? info.fieldNodes : nodeSelections(info.fieldNodes, info.fragments);
    return plan(objects, type, info, 0);
  });
}

const shapes = new SelectionMemo<PartialShape | undefined>();

/** The node shape a connection's page needs, from the selection of its nodes (see node-shape.ts). */
export function connectionNodeShape(info: GraphQLResolveInfo, type: string): PartialShape | undefined {
  return shapes.get(info.fieldNodes, null, type, () => nodeShapeOf(nodeSelections(info.fieldNodes, info.fragments), type, info.fragments));
}

/** The node shape the object a field returns needs, from the field's own selection (see node-shape.ts). */
function objectNodeShape(info: GraphQLResolveInfo, type: string): PartialShape | undefined {
  return shapes.get(info.fieldNodes, null, `object ${type}`, () => nodeShapeOf(info.fieldNodes, type, info.fragments));
}

/**
 * One object by id, with the first pages its selection asks for in the same statement when there are any
 * (`byId` is a relation from an id to that one row, bringing the node); the entity loader otherwise.
 */
export async function loadWithPages<T>(
  ctx: Context,
  type: string,
  id: number,
  nodeLoader: DataLoader<number, T | null>,
  byId: PagedRelation,
  info: GraphQLResolveInfo,
): Promise<T | null> {
  const children = childPagesOf(info, type, 'object');
  if (children.length === 0) return nodeLoader.load(id);
  const nodeShape = objectNodeShape(info, type);
  const query = { descending: false, backward: false, limit: 1, nodesOnly: true, ...(nodeShape ? { nodeShape } : {}) };
  const page = await ctx.loaders.pages.page(`${type}.byId`, byId, query, children).load([id]);
  const node = (page.rows[0]?.node as T | undefined) ?? null;
  // A partial node serves this field's selection only; the entity loader holds whole ones.
  if (node != null && !nodeShape) nodeLoader.prime(id, node);
  return node;
}
