/**
 * Start the freshness check of an in-memory index as soon as the operation's first root field runs, when
 * the operation selects a field that the index answers. The check (one tiny query) then runs beside the
 * request's first statements instead of after them: an author profile asking for `metrics` waits for the
 * author's row and the check together, not one after the other. The check is memoized per request, so a
 * resolver that needs the index awaits this same promise (and sees its error, if any).
 *
 * The root resolvers are wrapped after the schema is built, calling the original first: Pothos' query
 * limits throw from there before any resolver runs, so a refused query still runs no SQL at all.
 * Named fragments are not followed: a field reached only through one checks freshness when it resolves.
 */
import {
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Context } from './context.js';

/** `Type.field` answered from the paper facts, and from the coauthor graph. */
const PAPER_FACTS_FIELDS = new Set([
  'Author.metrics', 'Author.topics', 'Venue.metrics', 'Venue.topics',
  'Topic.metrics', 'Topic.topAuthors', 'Topic.trend', 'Topic.paperCount', 'Query.paperGroups',
]);
const COAUTHOR_GRAPH_FIELDS = new Set(['Query.coauthorNetwork', 'Query.collaborationPath']);

const started = new WeakSet<Context>();

/** Which indexes an operation needs, worked out once per operation (yoga caches parsed documents). */
const needsOf = new WeakMap<OperationDefinitionNode, { paperFacts: boolean; coauthors: boolean }>();

function indexesNeeded(schema: GraphQLSchema, operation: OperationDefinitionNode) {
  let needs = needsOf.get(operation);
  if (needs) return needs;
  needs = { paperFacts: false, coauthors: false };
  const types = new TypeInfo(schema);
  const found = needs;
  visit(
    operation,
    visitWithTypeInfo(types, {
      Field(node) {
        const field = `${types.getParentType()?.name}.${node.name.value}`;
        found.paperFacts ||= PAPER_FACTS_FIELDS.has(field);
        found.coauthors ||= COAUTHOR_GRAPH_FIELDS.has(field);
      },
    }),
  );
  needsOf.set(operation, needs);
  return needs;
}

function prefetch(ctx: Context, schema: GraphQLSchema, operation: OperationDefinitionNode): void {
  if (started.has(ctx)) return;
  started.add(ctx);
  const needs = indexesNeeded(schema, operation);
  // Errors surface where the index is awaited; here they must not count as unhandled.
  if (needs.paperFacts) ctx.paperFacts.current().catch(() => {});
  if (needs.coauthors) ctx.coauthors.current().catch(() => {});
}

export function withIndexPrefetch(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  for (const field of Object.values(query?.getFields() ?? {})) {
    const original = field.resolve as GraphQLFieldResolver<unknown, Context> | undefined;
    if (!original) continue;
    field.resolve = (parent, args, ctx: Context, info) => {
      const result = original(parent, args, ctx, info);
      prefetch(ctx, info.schema, info.operation);
      return result;
    };
  }
  return schema;
}
