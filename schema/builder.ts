/**
 * The Pothos builder: plugins, scalars and the Relay conventions every type shares. It defines no domain
 * types; each lives in its own module.
 */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import { GraphQLError, Kind } from 'graphql';
import type { Context } from '../src/context.js';
import { parseTimestamp, TIMESTAMP_FORMAT } from '../src/date-time.js';
import { decodeGlobalID, encodeGlobalID } from './global-id.js';
import { checkNodeIds } from './node-ids.js';
import { fieldCost } from './query-cost.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: string; Output: string };
    ID: { Input: string; Output: string | number };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Connection: {
    /** Counted only when the client asks for it. */
    totalCount: () => Promise<number> | number;
  };
}>({
  plugins: [ComplexityPlugin, RelayPlugin],
  complexity: {
    fieldComplexity: fieldCost,
    // Checked before execution, once per document and shape of variables (cost-check.ts), not in each
    // root field's resolver on every request.
    disabled: true,
  },
  // Non-null unless a field says otherwise: absence is marked where it is real.
  defaultFieldNullability: false,
  relay: {
    encodeGlobalID,
    decodeGlobalID,
    edgesFieldOptions: { nullable: false, description: 'The edges of this page, in order.' },
    nodeFieldOptions: { nullable: false, description: 'The item at the end of the edge.' },
    nodesOnConnection: { description: 'The items of this page, in order (the nodes of `edges`).' },
    idFieldOptions: { description: 'Opaque global ID; pass it to `node(id:)` to refetch the object.' },
    nodeQueryOptions: {
      description: 'Fetch any object by its global ID; null when nothing has that ID.',
      args: { id: { description: 'A global ID returned by this API.' } },
    },
    nodesQueryOptions: {
      description: 'Fetch many objects by global ID, in the order given; null for unknown IDs.',
      args: { ids: { description: 'Global IDs returned by this API, at most 100 (MAX_NODE_IDS).' } },
      resolve: (_root, args, ctx, _info, resolveNodes) => resolveNodes(checkNodeIds(args.ids, ctx)),
    },
    pageInfoFieldOptions: { description: 'Paging information for this page.' },
    nodeTypeOptions: { description: 'An object with a global ID, refetchable through `node(id:)`.' },
    pageInfoTypeOptions: { description: 'Where this page sits in the whole list, and the cursors to page on.' },
    cursorFieldOptions: { description: 'Opaque cursor of this edge, for `after` / `before`.' },
    firstArgOptions: { description: 'Return the first n items (0 to 100; 20 when neither first nor last is given).' },
    lastArgOptions: { description: 'Return the last n items (0 to 100), counting back from `before`.' },
    afterArgOptions: { description: 'Start after this cursor (forward paging, with `first`).' },
    beforeArgOptions: { description: 'End before this cursor (backward paging, with `last`).' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first edge of this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last edge of this page.' },
    defaultConnectionTypeOptions: { description: 'A page of a list, with cursors to page on.' },
    defaultEdgeTypeOptions: { description: 'One item of a page and its cursor.' },
  },
});

builder.queryType({ description: 'Entry points into the scholarly graph.' });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` naming a real day: the specification the scalar points to refuses 2024-02-30. */
function isFullDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

const notADate = () => new GraphQLError('A Date is a string "YYYY-MM-DD" naming a real day.', { extensions: { code: 'BAD_USER_INPUT' } });

// specifiedByURL tells typed clients and codegen what the string holds, so they can map it without guessing.
builder.scalarType('Date', {
  description: 'A calendar date without time or time zone, as a string "YYYY-MM-DD" (RFC 3339 full-date), e.g. "2024-06-18".',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/local-date.html',
  serialize: (value) => value,
  parseValue: (value) => {
    if (!isFullDate(value)) throw notADate();
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !isFullDate(ast.value)) throw notADate();
    return ast.value;
  },
});

const notADateTime = () =>
  new GraphQLError(`A DateTime is ${TIMESTAMP_FORMAT}, naming a real instant.`, { extensions: { code: 'BAD_USER_INPUT' } });

// Exact to the microsecond in both directions: values are never turned into a (millisecond) JavaScript Date.
builder.scalarType('DateTime', {
  description:
    'An instant, as an RFC 3339 date-time string with offset. Output is in UTC with six fractional digits (microseconds, the stored precision), e.g. "2026-12-03T05:30:28.123456Z", so a value read can be given back exactly.',
  specifiedByURL: 'https://scalars.graphql.org/chillicream/date-time.html',
  serialize: (value) => value as string,
  parseValue: (value) => parseTimestamp(value) ?? (() => { throw notADateTime(); })(),
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseTimestamp(ast.value) : undefined) ?? (() => { throw notADateTime(); })(),
});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    nullable: false,
    description: 'How many items the whole list holds, across all pages.',
    resolve: (connection) => connection.totalCount(),
  }),
);

export const OrderDirection = builder.enumType('OrderDirection', {
  description: 'Sort direction.',
  values: {
    ASC: { description: 'Smallest, earliest or A first.' },
    DESC: { description: 'Largest, latest or Z first.' },
  } as const,
});
