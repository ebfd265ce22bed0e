/** Reading a field's selection ahead of execution (look-ahead): which fields it selects, through fragments. */
import { visit, type ASTNode, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

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

/** The same field nodes, element by element (the executor makes a new array of them each time). */
const sameNodes = (a: Selected, b: Selected) => a.length === b.length && a.every((node, i) => node === b[i]);

/**
 * What a field works out from its selection alone (and the request's variables), worked out once. Sibling
 * fields of a list (fifty papers' `authors`) share their field nodes and a request its variables; the nodes
 * themselves belong to the parsed document, which yoga keeps across requests, so what uses no variable is
 * worked out once per document. Keyed weakly by the first node and the variables: it lives as long as they.
 */
export class SelectionMemo<V> {
  readonly #cache = new WeakMap<object, { nodes: Selected; byVariables: WeakMap<object, Map<string, V>> }[]>();

  /** `variables`: the request's variable values when the answer depends on them, else null. */
  get(fieldNodes: Selected, variables: object | null, key: string, make: () => V): V {
    const first = fieldNodes[0];
    if (!first) return make();
    let entries = this.#cache.get(first);
    if (!entries) this.#cache.set(first, (entries = []));
    let entry = entries.find((e) => sameNodes(e.nodes, fieldNodes));
    if (!entry) entries.push((entry = { nodes: [...fieldNodes], byVariables: new WeakMap() }));
    const scope = variables ?? ANY_VARIABLES;
    let byKey = entry.byVariables.get(scope);
    if (!byKey) entry.byVariables.set(scope, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, make());
    return byKey.get(key)!;
  }
}

const variableUse = new SelectionMemo<boolean>();

/**
 * Whether what the fields select (and, with `ownArguments`, their own arguments) refers to a variable,
 * through fragments. What they work out is the same for every request with this document when none does.
 */
export function selectionUsesVariables(fieldNodes: readonly FieldNode[], fragments: Fragments, ownArguments: boolean): boolean {
  return variableUse.get(fieldNodes, null, ownArguments ? 'with arguments' : 'below', () => {
    const seen = new Set<string>();
    const refersToVariable = (node: ASTNode | undefined): boolean => {
      let found = false;
      if (node)
        visit(node, {
          Variable: () => void (found = true),
          FragmentSpread: (spread) => {
            if (!seen.has(spread.name.value)) {
              seen.add(spread.name.value);
              found ||= refersToVariable(fragments[spread.name.value]);
            }
          },
        });
      return found;
    };
    return fieldNodes.some(
      (field) => refersToVariable(field.selectionSet) || (ownArguments && (field.arguments ?? []).some((a) => refersToVariable(a))) || (field.directives ?? []).some((d) => refersToVariable(d)),
    );
  });
}
