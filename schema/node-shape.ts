/**
 * Which shape of node JSON a page needs (db/queries/entities.ts NodeShape): `brief` or `core` when every
 * field its selection asks of the nodes reads only those keys (or only the node's id, like its
 * connections), else every field. Listed per type: a field not listed needs the whole node.
 */
import type { PartialShape } from '../db/queries/entities.js';
import { selectedFields, type Fragments, type Selected } from './selections.js';

const AUTHOR_CORE_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'name', 'papers', 'coauthors']);

interface Shapes {
  brief: ReadonlySet<string>;
  core: ReadonlySet<string>;
  /** Fields of `core` whose objects it carries only in part: the fields their selection may ask for, by type. */
  coreObjects?: Record<string, { type: string; fields: ReadonlySet<string> }>;
}

const SHAPE_FIELDS: Record<string, Shapes> = {
  Paper: {
    // Resolvers of these read a paper's id, title, publishedAt and year…
    brief: new Set(['__typename', 'id', 'title', 'publishedAt', 'year', 'authors', 'citedBy', 'references']),
    // …and its venue's id and name (what a list shows of it; any other venue field needs the whole node).
    core: new Set(['__typename', 'id', 'title', 'publishedAt', 'year', 'venue', 'authors', 'citedBy', 'references']),
    coreObjects: { venue: { type: 'Venue', fields: new Set(['__typename', 'id', 'name']) } },
  },
  // Resolvers of these read an author's id and displayName: an author's brief and core shapes are one.
  Author: { brief: AUTHOR_CORE_FIELDS, core: AUTHOR_CORE_FIELDS },
};

/** The smallest shape the objects of `type` selected under `nodes` need; undefined for every field. */
export function nodeShapeOf(nodes: Selected, type: string, fragments: Fragments): PartialShape | undefined {
  const shapes = SHAPE_FIELDS[type];
  if (!shapes) return undefined;
  const fields = selectedFields(nodes, fragments, type);
  if (fields.every((field) => shapes.brief.has(field.name.value))) return 'brief';
  const inCore = (field: (typeof fields)[number]) => {
    if (!shapes.core.has(field.name.value)) return false;
    const object = shapes.coreObjects?.[field.name.value];
    return !object || selectedFields([field], fragments, object.type).every((inner) => object.fields.has(inner.name.value));
  };
  if (fields.every(inCore)) return 'core';
  return undefined;
}
