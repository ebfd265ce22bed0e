/**
 * Which shape of node JSON a page needs (db/queries/entities.ts NodeShape): `core` when every field its
 * selection asks of the nodes reads only core keys (or only the node's id, like its connections), else
 * every field. Listed per type: a field not listed needs the whole node.
 */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

const CORE_FIELDS: Record<string, ReadonlySet<string>> = {
  // Resolvers of these read a paper's id, title, publishedAt, year and venue.
  Paper: new Set(['__typename', 'id', 'title', 'publishedAt', 'year', 'venue', 'authors', 'citedBy', 'references']),
  // Resolvers of these read an author's id and displayName.
  Author: new Set(['__typename', 'id', 'name', 'papers', 'coauthors']),
};

type Selected = readonly { selectionSet?: SelectionSetNode }[];

function onlyCoreFields(nodes: Selected, fragments: GraphQLResolveInfo['fragments'], allowed: ReadonlySet<string>): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).every((selection) => {
      if (selection.kind === 'Field') return allowed.has(selection.name.value);
      if (selection.kind === 'InlineFragment') return visit(selection.selectionSet);
      return visit(fragments[selection.name.value]?.selectionSet);
    });
  return nodes.every((node) => visit(node.selectionSet));
}

/** `core` when the objects of `type` selected under `nodes` need only core fields; undefined for every field. */
export function nodeShapeOf(nodes: Selected, type: string, fragments: GraphQLResolveInfo['fragments']): 'core' | undefined {
  const allowed = CORE_FIELDS[type];
  return allowed && onlyCoreFields(nodes, fragments, allowed) ? 'core' : undefined;
}
