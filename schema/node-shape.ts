/**
 * Which shape of node JSON a page needs (db/queries/entities.ts NodeShape): `core` when every field its
 * selection asks of the nodes reads only core keys (or only the node's id, like its connections), else
 * every field. Listed per type: a field not listed needs the whole node.
 */
import { selectedFields, type Fragments, type Selected } from './selections.js';

const CORE_FIELDS: Record<string, ReadonlySet<string>> = {
  // Resolvers of these read a paper's id, title, publishedAt, year and venue.
  Paper: new Set(['__typename', 'id', 'title', 'publishedAt', 'year', 'venue', 'authors', 'citedBy', 'references']),
  // Resolvers of these read an author's id and displayName.
  Author: new Set(['__typename', 'id', 'name', 'papers', 'coauthors']),
};

/** `core` when the objects of `type` selected under `nodes` need only core fields; undefined for every field. */
export function nodeShapeOf(nodes: Selected, type: string, fragments: Fragments): 'core' | undefined {
  const allowed = CORE_FIELDS[type];
  return allowed && selectedFields(nodes, fragments, type).every((field) => allowed.has(field.name.value)) ? 'core' : undefined;
}
