/**
 * What a query may cost, estimated from its shape before anything runs. A connection multiplies the cost
 * of what is selected under it by the page size asked for (20 by default); other lists by 10. A page of
 * 100 papers each with 100 authors costs about 10,000 × the fields selected; nesting four such levels
 * is refused instead of fanning out to a hundred million rows.
 *
 * The graph questions are priced by what they can return or examine, not as one list of 10: a coauthor
 * network by its `limit` (the nodes it can return, each with up to EDGES_PER_NODE edges) and its `depth`
 * (the layers searched), a collaboration path by the hops it may search.
 */
import { getNamedType, getNullableType, GraphQLError, isListType, type GraphQLOutputType } from 'graphql';
import type { FieldComplexityValue } from '@pothos/plugin-complexity';
import { DEFAULT_PAGE_SIZE } from '../src/connections/page-request.js';
import { limitsOf } from '../src/limits/limits-in-context.js';

/** The limits the complexity plugin applies to one request: those of the server it runs on. */
export function costLimits(context: unknown): { complexity: number; depth: number; breadth: number } {
  const limits = limitsOf(context);
  return { complexity: limits.maxCost, depth: limits.maxDepth, breadth: limits.maxBreadth };
}

/**
 * Edges a network returns per node, as charged: every tie between two kept authors is returned, about 3
 * per node around the demo data's authors and 7 in the synthetic million-author graph's two-hop networks.
 */
export const EDGES_PER_NODE = 5;
/** A path search examines up to 2,000,000 authors (MAX_VISITED); priced per hop of `maxLength`. */
export const PATH_COST_PER_HOP = 2_500;

/**
 * Collaboration and citation graphs are priced by the nodes they can hold: the IDs given, or the most a
 * filter may resolve to (MAX_NETWORK_NODES): each node costs 1 and GRAPH_EDGES_PER_NODE edges (about 2
 * in a venue's authors of a year in the demo data) cost 1 each, whatever scalars are selected on them
 * (those are priced 0 where they are declared: they are read from the answer already computed); objects
 * selected under a node (its author, their papers…) are paid per node. The figures are computed anyway
 * and cost nothing more. A trend is priced per year it may show.
 */
export const GRAPH_EDGES_PER_NODE = 3;
const MAX_GRAPH_NODES = 5_000;
/** Years a trend is charged for when its window is left to the data. */
export const TREND_YEARS_CHARGED = 50;

function graphNodes(args: Record<string, unknown>): number {
  const ids = args.authorIds ?? args.paperIds;
  return Array.isArray(ids) ? Math.max(1, Math.min(ids.length, MAX_GRAPH_NODES)) : MAX_GRAPH_NODES;
}

/** The argument as given, or its default, inside the range the resolver accepts (it refuses the rest). */
function intArg(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : fallback;
  return Math.min(max, Math.max(min, n));
}

export function fieldCost(
  args: Record<string, unknown>,
  ctx: unknown,
  field: { name: string; type: GraphQLOutputType },
): FieldComplexityValue {
  const name = getNamedType(field.type).name;
  const isList = isListType(getNullableType(field.type));
  if (name === 'CoauthorNetwork') {
    const limit = intArg(args.limit, 200, 1, 2000);
    const depth = intArg(args.depth, 1, 1, 3);
    // What is selected on the network is paid per node it can return; the search itself per layer.
    return { field: limit * depth, multiplier: limit };
  }
  if (name === 'CollaborationGraph' || name === 'CitationGraph') {
    const nodes = graphNodes(args);
    const kinds = Array.isArray(args.kinds) ? Math.max(1, args.kinds.length) : 1;
    return { field: Math.ceil(nodes / 10) * kinds, multiplier: nodes };
  }
  if (name === 'CollaborationNode' || name === 'CitationNode') return { field: 1, multiplier: 1 };
  if (name === 'CollaborationEdge' || name === 'CitationEdge') return { field: GRAPH_EDGES_PER_NODE, multiplier: GRAPH_EDGES_PER_NODE };
  if (name === 'CollaborationFigures' || name === 'CitationFigures') return { field: 0, multiplier: 0 };
  if (name === 'CollaborationTrend') {
    const ids = Array.isArray(args.authorIds) ? Math.min(args.authorIds.length, MAX_GRAPH_NODES) : 1;
    const from = typeof args.yearFrom === 'number' ? args.yearFrom : undefined;
    const to = typeof args.yearTo === 'number' ? args.yearTo : undefined;
    const years = from != null && to != null ? intArg(to - from + 1, 1, 1, 500) : TREND_YEARS_CHARGED;
    return { field: Math.ceil(ids / 10), multiplier: years };
  }
  if (name === 'CollaborationYear') return { field: 0, multiplier: 1 };
  if (name === 'NetworkEdge') return { field: 1, multiplier: EDGES_PER_NODE };
  if (name === 'NetworkNode') return { field: 1, multiplier: 1 };
  if (name === 'CollaborationPath') {
    return { field: PATH_COST_PER_HOP * intArg(args.maxLength, 6, 1, 8), multiplier: 1 };
  }
  if (name.endsWith('Connection')) {
    const size = (args.first ?? args.last ?? DEFAULT_PAGE_SIZE) as number;
    return { field: 1, multiplier: Math.max(1, Number(size) || 1) };
  }
  if (!isList) return { field: 1, multiplier: 1 };
  // A connection's edges and nodes are already counted by the connection's page size.
  if (name.endsWith('Edge') || field.name === 'nodes') {
    // Ids over the cap are refused by `nodes` itself, with BAD_USER_INPUT; they must not be priced first.
    const ids = Array.isArray(args.ids) ? Math.min(args.ids.length, limitsOf(ctx).maxNodeIds) : 1;
    return { field: 1, multiplier: Math.max(1, ids) };
  }
  return { field: 1, multiplier: 10 };
}

export function queryTooComplex(kind: string, result: Record<string, number | undefined>): GraphQLError {
  const key = kind.toLowerCase();
  const max = result[`max${kind}`];
  return new GraphQLError(
    `The query's ${key} is ${result[key]}, over the limit of ${max}. Ask for smaller pages or fewer nested lists.`,
    { extensions: { code: 'QUERY_TOO_COMPLEX', measure: key, value: result[key], limit: max, [key]: result[key] } },
  );
}
