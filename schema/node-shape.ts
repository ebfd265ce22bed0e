/**
 * Which shape of node JSON a page needs (db/queries/entities.ts NodeShape): `brief` or `core` when every
 * field its selection asks of the nodes reads only those keys (or only the node's id, like its
 * connections), else every field. Listed per type: a field not listed needs the whole node.
 */
import type { PartialShape } from '../db/queries/entities.js';
import { selectedFields, type Fragments, type Selected } from './selections.js';

const AUTHOR_CORE_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'name', 'papers', 'coauthors']);

interface Shapes {
  /** The partial shapes of the type, smallest first, each with the fields whose resolvers it serves. */
  partial: readonly (readonly [PartialShape, ReadonlySet<string>])[];
  /** Fields whose objects the partial shapes carry only in part: the fields their selection may ask for, by type. */
  partObjects?: Record<string, { type: string; fields: ReadonlySet<string> }>;
}

// Resolvers of these read a paper's id, title, publishedAt and year…
const PAPER_BRIEF_FIELDS = ['__typename', 'id', 'title', 'publishedAt', 'year', 'authors', 'citedBy', 'references'];
// …and its venue's id and name (what a list shows of it; any other venue field needs the whole node)…
const PAPER_CORE_FIELDS = [...PAPER_BRIEF_FIELDS, 'venue'];

const SHAPE_FIELDS: Record<string, Shapes> = {
  Paper: {
    partial: [
      ['brief', new Set(PAPER_BRIEF_FIELDS)],
      ['core', new Set(PAPER_CORE_FIELDS)],
      // …and its abstract (the head of the paper's own page).
      ['coreAndAbstract', new Set([...PAPER_CORE_FIELDS, 'abstract'])],
    ],
    partObjects: { venue: { type: 'Venue', fields: new Set(['__typename', 'id', 'name']) } },
  },
  // Resolvers of these read an author's id and displayName: an author's brief and core shapes are one.
  Author: { partial: [['core', AUTHOR_CORE_FIELDS]] },
};

/** The smallest shape the objects of `type` selected under `nodes` need; undefined for every field. */
export function nodeShapeOf(nodes: Selected, type: string, fragments: Fragments): PartialShape | undefined {
  const shapes = SHAPE_FIELDS[type];
  if (!shapes) return undefined;
  const fields = selectedFields(nodes, fragments, type);
  const served = (field: (typeof fields)[number], names: ReadonlySet<string>) => {
    if (!names.has(field.name.value)) return false;
    const object = shapes.partObjects?.[field.name.value];
    return !object || selectedFields([field], fragments, object.type).every((inner) => object.fields.has(inner.name.value));
  };
  return shapes.partial.find(([, names]) => fields.every((field) => served(field, names)))?.[0];
}
