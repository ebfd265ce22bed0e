/** Reading a field's selection ahead of execution (look-ahead): which fields it selects, through fragments. */
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

export type Fragments = GraphQLResolveInfo['fragments'];
export type Selected = readonly { selectionSet?: SelectionSetNode }[];

/** Every field selected directly on `nodes` (of `type`, when given), through fragments that apply to it. */
export function selectedFields(nodes: Selected, fragments: Fragments, type?: string): FieldNode[] {
  const found: FieldNode[] = [];
  const applies = (condition: { name: { value: string } } | undefined) =>
    !condition || !type || condition.name.value === type || condition.name.value === 'Node';
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') found.push(selection);
      else if (selection.kind === 'InlineFragment') {
        if (applies(selection.typeCondition)) visit(selection.selectionSet);
      } else {
        const fragment = fragments[selection.name.value];
        if (fragment && applies(fragment.typeCondition)) visit(fragment.selectionSet);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return found;
}

/** The fields named `name` selected on `nodes`. */
export function fieldsNamed(nodes: Selected, fragments: Fragments, name: string, type?: string): FieldNode[] {
  return selectedFields(nodes, fragments, type).filter((field) => field.name.value === name);
}

/** The selections of a connection's nodes: under `nodes` and under `edges { node }`. */
export function nodeSelections(connection: Selected, fragments: Fragments): FieldNode[] {
  return [...fieldsNamed(connection, fragments, 'nodes'), ...fieldsNamed(fieldsNamed(connection, fragments, 'edges'), fragments, 'node')];
}
