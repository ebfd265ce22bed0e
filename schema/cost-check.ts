/**
 * The estimated cost of a request's operation (query-cost.ts), checked before it runs: its complexity,
 * depth and breadth against the server's limits, refused with QUERY_TOO_COMPLEX.
 *
 * The estimate is worked out once per document and shape of variables, not on every request: a page sent
 * again and again (a profile page for one author after another) has one cost. It depends on the numbers,
 * booleans and list lengths among the variables, never on a string's content (an ID, a search, a cursor,
 * an enum value: see fieldCost), so the variables with their strings blanked are the key, and the cost
 * worked out for the first request of a shape holds for every request of that shape.
 */
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { Kind, type DefinitionNode, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { limitsOf } from '../src/limits/limits-in-context.js';
import { costLimits, queryTooComplex } from './query-cost.js';

interface Cost {
  complexity: number;
  depth: number;
  breadth: number;
}

/** Shapes of variables kept per document; past it (a client varying list lengths or numbers) each is worked out anew. */
const SHAPES_PER_DOCUMENT = 64;
/** Per document: cost by operation, node-id limit and shape of variables. */
const costs = new WeakMap<DocumentNode, Map<string, Cost>>();

/** The variables with every string blanked, keeping what the cost reads: numbers, booleans, list lengths. */
function shapeOf(value: unknown): unknown {
  if (typeof value === 'string') return '';
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]));
  return value;
}

/** The document holding only the operation that runs (and the fragments), for the cost of that one; undefined when none is chosen. */
function operationDocument(document: DocumentNode, operationName: string | null | undefined): DocumentNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length === 1 && !operationName) return document;
  const operation = operations.find((o) => o.name?.value === operationName);
  if (!operation) return undefined;
  const fragments = document.definitions.filter((d: DefinitionNode) => d.kind === Kind.FRAGMENT_DEFINITION);
  return { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
}

function costOf(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  context: unknown,
  schema: GraphQLSchema,
): Cost | null {
  let byShape = costs.get(document);
  if (!byShape) costs.set(document, (byShape = new Map()));
  const key = `${operationName ?? ''}\n${limitsOf(context).maxNodeIds}\n${JSON.stringify(shapeOf(variables ?? {}))}`;
  const known = byShape.get(key);
  if (known !== undefined) return known;
  const operation = operationDocument(document, operationName);
  let cost: Cost | null = null;
  if (operation) {
    try {
      cost = complexityFromQuery(operation, { schema, variables: variables ?? {}, ctx: context as object });
    } catch {
      // Variables that do not coerce: the execution refuses them with graphql's own error.
      cost = null;
    }
  }
  // Only a cost is kept: variables that failed to coerce (an unknown enum value) share their shape with
  // valid ones, which must still be priced.
  if (cost && byShape.size < SHAPES_PER_DOCUMENT) byShape.set(key, cost);
  return cost;
}

export function useCostCheck(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = costOf(args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined, args.contextValue, args.schema);
      if (!cost) return;
      const max = costLimits(args.contextValue);
      const kind = cost.depth > max.depth ? 'Depth' : cost.breadth > max.breadth ? 'Breadth' : cost.complexity > max.complexity ? 'Complexity' : null;
      if (!kind) return;
      setResultAndStopExecution({
        errors: [queryTooComplex(kind, { ...cost, maxComplexity: max.complexity, maxDepth: max.depth, maxBreadth: max.breadth })],
      });
    },
  };
}
