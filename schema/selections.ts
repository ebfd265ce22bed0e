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

/** Stands for "the same for any variables" in a SelectionMemo. */
const ANY_VARIABLES = {};

/**
 * What a field works out from its selection alone (and the request's variables), worked out once: sibling
 * fields of a list (fifty papers' `authors`) share their field nodes, which graphql-js memoizes, and a
 * request its variables. Keyed weakly, so it lives as long as the parsed document (across requests, as
 * yoga caches documents) or the request's variables.
 */
export class SelectionMemo<V> {
  readonly #cache = new WeakMap<Selected, WeakMap<object, Map<string, V>>>();

  /** `variables`: the request's variable values when the answer depends on them, else null. */
  get(fieldNodes: Selected, variables: object | null, key: string, make: () => V): V {
    let byVariables = this.#cache.get(fieldNodes);
    if (!byVariables) this.#cache.set(fieldNodes, (byVariables = new WeakMap()));
    const scope = variables ?? ANY_VARIABLES;
    let byKey = byVariables.get(scope);
    if (!byKey) byVariables.set(scope, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, make());
    return byKey.get(key)!;
  }
}
