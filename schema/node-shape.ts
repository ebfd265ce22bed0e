/**
 * Which shape of node JSON a page needs (db/queries/entities.ts NodeShape): `brief` or `core` when every
 * field its selection asks of the nodes reads only those keys (or only the node's id, like its
 * connections), else every field. Listed per type: a field not listed needs the whole node.
 */
import type { PartialShape } from '../db/queries/entities.js';
import { selectedFields, type Fragments, type Selected } from './selections.js';

const AUTHOR_CORE_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'name', 'papers', 'coauthors']);

const SHAPE_FIELDS: Record<string, { brief: ReadonlySet<string>; core: ReadonlySet<string> }> = {
  Paper: {
    // Resolvers of these read a paper's id, title, publishedAt and year…
    brief: new Set(['__typename', 'id', 'title', 'publishedAt', 'year', 'authors', 'citedBy', 'references']),
    // …and its venue.
    core: new Set(['__typename', 'id', 'title', 'publishedAt', 'year', 'venue', 'authors', 'citedBy', 'references']),
  },
  // Resolvers of these read an author's id and displayName: an author's brief and core shapes are one.
  Author: { brief: AUTHOR_CORE_FIELDS, core: AUTHOR_CORE_FIELDS },
};

/** The smallest shape the objects of `type` selected under `nodes` need; undefined for every field. */
export function nodeShapeOf(nodes: Selected, type: string, fragments: Fragments): PartialShape | undefined {
  const shapes = SHAPE_FIELDS[type];
  if (!shapes) return undefined;
  const names = selectedFields(nodes, fragments, type).map((field) => field.name.value);
  if (names.every((name) => shapes.brief.has(name))) return 'brief';
  if (names.every((name) => shapes.core.has(name))) return 'core';
  return undefined;
}
