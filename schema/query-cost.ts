/**
 * What a query may cost, estimated from its shape before anything runs. A connection multiplies the cost
 * of what is selected under it by the page size asked for (20 by default); other lists by 10. A page of
 * 100 papers each with 100 authors costs about 10,000 × the fields selected; nesting four such levels
 * is refused instead of fanning out to a hundred million rows.
 */
import { getNamedType, getNullableType, GraphQLError, isListType, type GraphQLOutputType } from 'graphql';
import type { FieldComplexityValue } from '@pothos/plugin-complexity';
import { DEFAULT_PAGE_SIZE } from '../src/connections/page-request.js';

export const QUERY_LIMITS = { complexity: 100_000, depth: 15, breadth: 500 };

export function fieldCost(
  args: Record<string, unknown>,
  _ctx: unknown,
  field: { name: string; type: GraphQLOutputType },
): FieldComplexityValue {
  const name = getNamedType(field.type).name;
  const isList = isListType(getNullableType(field.type));
  if (name.endsWith('Connection')) {
    const size = (args.first ?? args.last ?? DEFAULT_PAGE_SIZE) as number;
    return { field: 1, multiplier: Math.max(1, Number(size) || 1) };
  }
  if (!isList) return { field: 1, multiplier: 1 };
  // A connection's edges and nodes are already counted by the connection's page size.
  if (name.endsWith('Edge') || field.name === 'nodes') {
    return { field: 1, multiplier: Array.isArray(args.ids) ? Math.max(1, args.ids.length) : 1 };
  }
  return { field: 1, multiplier: 10 };
}

export function queryTooComplex(kind: string, result: Record<string, number | undefined>): GraphQLError {
  const key = kind.toLowerCase();
  const max = result[`max${kind}`];
  return new GraphQLError(
    `The query's ${key} is ${result[key]}, over the limit of ${max}. Ask for smaller pages or fewer nested lists.`,
    { extensions: { code: 'QUERY_TOO_COMPLEX', [key]: result[key], limit: max } },
  );
}
