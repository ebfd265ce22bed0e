/**
 * Every node's `id` field resolved at once instead of through a promise.
 *
 * Pothos' relay plugin builds each node type's `id` field with an async resolver (it awaits the id
 * getter even when the getter is synchronous). Every object a page returns selects its `id`, so every
 * object made the executor wait on a promise: an author page of 20 papers with their authors and venues
 * created about 300 such promises per request, each with its microtask and garbage. All node types here
 * take their id from the row's `id` column (`rowNodeId`, given to every `builder.node`), so the global
 * id is encoded synchronously from the same getter, after the schema is built.
 */
import { isInterfaceType, type GraphQLSchema } from 'graphql';
import { encodeGlobalID } from './global-id.js';

/** The id of every node type: its row's primary key. */
export const rowNodeId = {
  resolve: (row: { id: number }) => row.id,
  parse: (id: string) => Number(id),
};

export function withSyncNodeIds(schema: GraphQLSchema): GraphQLSchema {
  const nodeInterface = schema.getType('Node');
  if (!isInterfaceType(nodeInterface)) throw new Error('the schema has no Node interface');
  for (const type of schema.getPossibleTypes(nodeInterface)) {
    const typename = type.name;
    type.getFields().id!.resolve = (row: { id: number }) => encodeGlobalID(typename, rowNodeId.resolve(row));
  }
  return schema;
}
