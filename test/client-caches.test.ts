/**
 * Client caches that normalise by `id` store this API's answers as the server gave them. Relay keys every
 * object that has an `id` by that id alone, Apollo by `__typename` and `id`, so an `id` that is not the
 * object's own global ID (a network node repeating its author's, say) makes them merge objects that differ.
 * Four answers on the demo profile (an author profile, a paper page, and two networks around different
 * authors at different depths) go through relay-runtime's normaliser and Apollo's InMemoryCache, are read
 * back and compared with the server's JSON, and neither cache warns.
 */
import { createHash } from 'node:crypto';
import { format } from 'node:util';
import { ApolloClient, ApolloLink, InMemoryCache, type TypePolicies } from '@apollo/client';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { relayStylePagination } from '@apollo/client/utilities';
import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  parse,
  print,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import {
  createOperationDescriptor,
  Environment,
  fetchQuery,
  Network,
  RecordSource,
  Store,
  type ConcreteRequest,
  type GraphQLResponse,
  type OperationDescriptor,
  type Variables,
} from 'relay-runtime';
import { Observable } from 'rxjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { schema } from '../schema/index.js';
import { loadDemoData } from '../src/demo-data.js';
import { authorProfileQuery, paperPageQuery } from '../src/example-queries.js';
import { useTestServer } from './helpers/server.js';

const server = useTestServer(async (s) => {
  await loadDemoData(s.database.handle.db, { profileYear: 2026, dataset: 'profile' });
});

/** What a graph view asks for: nodes with their author (linked to the profile by `id`), and the ties. */
const networkQuery = `query Network($author: ID!, $depth: Int!) {
  coauthorNetwork(authorId: $author, depth: $depth, limit: 100) {
    truncated
    center { id name }
    nodes { authorId distance author { id name paperCount } }
    edges { source target paperCount firstYear lastYear }
  }
}`;
/** The same with the node's author ID under the name `id`: what the server answered when nodes had one. */
const nodeIdQuery = networkQuery.replace('nodes { authorId distance', 'nodes { id: authorId distance');

interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

/** The four answers, in the order a session might ask them; the networks share their authors. */
let operations: Operation[];
/** The profile's author and their strongest coauthor: each is at distance 0 in one network and 1 in the other. */
let centers: { author: string; coauthor: string };

beforeAll(async () => {
  const r = await server().query('{ authors(search: "Zhepei Wei", first: 1) { nodes { id coauthors(first: 1) { nodes { id } } } } }');
  const author = r.data.authors.nodes[0];
  centers = { author: author.id, coauthor: author.coauthors.nodes[0].id };
  operations = [
    { query: authorProfileQuery, variables: {} },
    { query: paperPageQuery, variables: {} },
    { query: networkQuery, variables: { author: centers.author, depth: 1 } },
    { query: networkQuery, variables: { author: centers.coauthor, depth: 2 } },
  ];
});

/** The server's JSON for a query, as written. */
async function answer(operation: Operation): Promise<Record<string, unknown>> {
  const r = await server().query(operation.query, operation.variables);
  expect(r.errors).toBeUndefined();
  return r.data;
}

/** What the server sends a client: the parsed JSON body of an HTTP request through `yoga.fetch`. */
async function fetchJson(query: string, variables: Record<string, unknown>) {
  return JSON.parse((await server().query(query, variables)).text) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** console.warn and console.error, where relay-runtime's `warning` and Apollo's `invariant.warn` write. */
let warnings: string[] = [];
function captureWarnings() {
  warnings = [];
  for (const level of ['warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void warnings.push(format(...args)));
  }
}
afterEach(() => {
  vi.restoreAllMocks();
});

const distances = (data: any) => new Map<string, number>(data.coauthorNetwork.nodes.map((n: any) => [n.author.id, n.distance]));

// ---- Relay ----------------------------------------------------------------------------------------------

type RelayArgument =
  | { kind: 'Literal'; name: string; value: unknown }
  | { kind: 'Variable'; name: string; variableName: string }
  | { kind: 'ObjectValue'; name: string; fields: RelayArgument[] }
  | { kind: 'ListValue'; name: string; items: RelayArgument[] };
type RelayField =
  | { kind: 'ScalarField'; alias: string | null; name: string; args: RelayArgument[] | null; storageKey: null }
  | {
      kind: 'LinkedField';
      alias: string | null;
      name: string;
      args: RelayArgument[] | null;
      storageKey: null;
      concreteType: string;
      plural: boolean;
      selections: RelayField[];
    };

const hasVariable = (value: ValueNode): boolean =>
  value.kind === Kind.VARIABLE ||
  (value.kind === Kind.OBJECT && value.fields.some((f) => hasVariable(f.value))) ||
  (value.kind === Kind.LIST && value.values.some(hasVariable));

function relayArgument(name: string, value: ValueNode): RelayArgument {
  if (value.kind === Kind.VARIABLE) return { kind: 'Variable', name, variableName: value.name.value };
  if (value.kind === Kind.OBJECT && hasVariable(value)) {
    return { kind: 'ObjectValue', name, fields: value.fields.map((f) => relayArgument(f.name.value, f.value)) };
  }
  if (value.kind === Kind.LIST && hasVariable(value)) {
    return { kind: 'ListValue', name, items: value.values.map((v, i) => relayArgument(String(i), v)) };
  }
  return { kind: 'Literal', name, value: valueFromASTUntyped(value) };
}

function relaySelections(type: GraphQLObjectType, set: SelectionSetNode): RelayField[] {
  return set.selections.map((selection) => {
    if (selection.kind !== Kind.FIELD) throw new Error(`${selection.kind} is beyond this stand-in for the Relay compiler`);
    const field = type.getFields()[selection.name.value];
    if (!field) throw new Error(`${type.name} has no field ${selection.name.value}`);
    const args = selection.arguments?.length ? selection.arguments.map((a) => relayArgument(a.name.value, a.value)) : null;
    const common = { alias: selection.alias?.value ?? null, name: selection.name.value, args, storageKey: null };
    if (!selection.selectionSet) return { kind: 'ScalarField', ...common };
    const target = getNamedType(field.type);
    if (!isObjectType(target)) throw new Error(`${target.name} is abstract: beyond this stand-in for the Relay compiler`);
    const plural = isListType(getNullableType(field.type));
    return { kind: 'LinkedField', ...common, concreteType: target.name, plural, selections: relaySelections(target, selection.selectionSet) };
  });
}

/** Select `id` on every object type that has one, as the Relay compiler does for the query it sends. */
function withGeneratedIds(document: DocumentNode): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      SelectionSet(node) {
        const type = typeInfo.getParentType();
        const hasId = isObjectType(type) && type.getFields().id !== undefined;
        if (!hasId || node.selections.some((s) => s.kind === Kind.FIELD && !s.alias && s.name.value === 'id')) return undefined;
        return { ...node, selections: [...node.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'id' } }] };
      },
    }),
  );
}

const operationOf = (document: DocumentNode) =>
  document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;

/**
 * What the Relay compiler (a native binary, not a dependency here) makes of a query, for queries of plain
 * fields, arguments and variables: the normalization AST and text of the query with the generated `id`s,
 * and the reader AST of the query as written. Reader and normalization nodes of plain fields are alike.
 */
function relayRequest(query: string): ConcreteRequest {
  const written = operationOf(parse(query));
  const sent = operationOf(withGeneratedIds(parse(query)));
  const name = written.name?.value ?? 'Anonymous';
  const argumentDefinitions = (written.variableDefinitions ?? []).map((v) => ({
    kind: 'LocalArgument' as const,
    name: v.variable.name.value,
    defaultValue: v.defaultValue ? valueFromASTUntyped(v.defaultValue) : null,
  }));
  const text = print(sent);
  const root = schema.getQueryType()!;
  return {
    kind: 'Request',
    fragment: { kind: 'Fragment', name, type: root.name, abstractKey: null, metadata: null, argumentDefinitions, selections: relaySelections(root, written.selectionSet) },
    operation: { kind: 'Operation', name, argumentDefinitions, selections: relaySelections(root, sent.selectionSet) },
    params: { cacheID: createHash('sha1').update(text).digest('hex'), id: null, metadata: {}, name, operationKind: 'query', text },
  };
}

/** A Relay environment whose network is the test server. */
function relayEnvironment(): Environment {
  const network = Network.create(async (params, variables) => (await fetchJson(params.text!, variables)) as GraphQLResponse);
  return new Environment({ network, store: new Store(new RecordSource()) });
}

/** Fetch into the store, retained so that nothing is collected before it is read back. */
async function relayFetch(environment: Environment, operation: Operation): Promise<OperationDescriptor> {
  const request = relayRequest(operation.query);
  const descriptor = createOperationDescriptor(request, operation.variables as Variables);
  environment.retain(descriptor);
  await fetchQuery(environment, request, operation.variables as Variables).toPromise();
  return descriptor;
}

function relayRead(environment: Environment, descriptor: OperationDescriptor) {
  const snapshot = environment.lookup(descriptor.fragment);
  expect(snapshot.isMissingData).toBe(false);
  return snapshot.data;
}

describe('Relay (relay-runtime store)', () => {
  it('stores a profile, a paper page and two networks as the server gave them, without a warning', async () => {
    const environment = relayEnvironment();
    captureWarnings();
    const descriptors: OperationDescriptor[] = [];
    for (const operation of operations) descriptors.push(await relayFetch(environment, operation));
    const readBack = descriptors.map((d) => relayRead(environment, d));
    vi.restoreAllMocks();
    expect(warnings).toEqual([]);
    for (const [i, operation] of operations.entries()) expect(readBack[i], operation.query.split('\n')[0]).toEqual(await answer(operation));
    const [, , near, far] = readBack;
    expect(distances(near).get(centers.author)).toBe(0);
    expect(distances(far).get(centers.author)).toBe(1);
  });

  it('reports nodes whose `id` is their author\'s as conflicting records (the check above would catch them)', async () => {
    const environment = relayEnvironment();
    captureWarnings();
    const near = await relayFetch(environment, { query: nodeIdQuery, variables: { author: centers.author, depth: 1 } });
    await relayFetch(environment, { query: nodeIdQuery, variables: { author: centers.coauthor, depth: 2 } });
    const readBack = relayRead(environment, near);
    vi.restoreAllMocks();
    expect(warnings.join('\n')).toMatch(/conflicting types `(Author|NetworkNode)` and `(NetworkNode|Author)`/);
    // The first network now holds the second's distances.
    expect(distances(readBack).get(centers.author)).toBe(1);
  });
});

// ---- Apollo ---------------------------------------------------------------------------------------------

/** relayStylePagination on every connection field, keyed by its arguments other than the paging ones. */
function connectionPolicies(): TypePolicies {
  const paging = new Set(['first', 'after', 'last', 'before']);
  const policies: TypePolicies = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type);
      if (!isObjectType(target) || !target.getFields().edges || !target.getFields().pageInfo) continue;
      const keyArgs = field.args.map((a) => a.name).filter((name) => !paging.has(name));
      const policy = (policies[type.name] ??= {});
      policy.fields = { ...policy.fields, [field.name]: relayStylePagination(keyArgs.length ? keyArgs : false) };
    }
  }
  return policies;
}

/** An Apollo client on the test server; `sent` records each request and the server's JSON for it. */
function apolloClient(typePolicies: TypePolicies = connectionPolicies()) {
  const sent: { query: string; data: unknown }[] = [];
  const link = new ApolloLink(
    (request) =>
      new Observable((observer) => {
        const query = print(request.query);
        fetchJson(query, request.variables).then(
          (body) => {
            sent.push({ query, data: body.data });
            observer.next(body as ApolloLink.Result);
            observer.complete();
          },
          (error: unknown) => observer.error(error),
        );
      }),
  );
  return { client: new ApolloClient({ link, cache: new InMemoryCache({ typePolicies }) }), sent };
}

describe('Apollo Client (InMemoryCache)', () => {
  beforeAll(() => {
    // Full warning texts instead of links to them.
    loadDevMessages();
    loadErrorMessages();
  });

  it('stores a profile, a paper page and two networks as the server gave them, without a warning', async () => {
    const { client, sent } = apolloClient();
    captureWarnings();
    for (const operation of operations) {
      await client.query({ query: parse(operation.query), variables: operation.variables, fetchPolicy: 'network-only' });
    }
    const readBack = operations.map((o) => client.cache.readQuery({ query: parse(o.query), variables: o.variables }));
    vi.restoreAllMocks();
    expect(warnings).toEqual([]);
    expect(sent).toHaveLength(operations.length);
    for (const [i, operation] of operations.entries()) expect(readBack[i], operation.query.split('\n')[0]).toEqual(sent[i]!.data);
    // Each network's distances are its own, in the cache as from the server.
    const [, , near, far] = readBack;
    expect(distances(near)).toEqual(distances(await answer(operations[2]!)));
    expect(distances(far)).toEqual(distances(await answer(operations[3]!)));
    expect(distances(near).get(centers.author)).toBe(0);
    expect(distances(far).get(centers.author)).toBe(1);
  });

  it('mixes networks up when nodes carry their author\'s `id` (the check above would catch it)', async () => {
    const { client } = apolloClient();
    const near = { query: nodeIdQuery, variables: { author: centers.author, depth: 1 } };
    const far = { query: nodeIdQuery, variables: { author: centers.coauthor, depth: 2 } };
    for (const operation of [near, far]) await client.query({ query: parse(operation.query), variables: operation.variables });
    const readBack = client.cache.readQuery({ query: parse(near.query), variables: near.variables });
    // Both networks' nodes were stored as the same NetworkNode objects: the first reads the second's distances.
    expect(distances(readBack).get(centers.author)).toBe(1);
    expect(distances(await answer(near)).get(centers.author)).toBe(0);
  });

  it('the warning capture sees what Apollo warns about', async () => {
    const { client } = apolloClient();
    captureWarnings();
    // The same non-normalised field replaced by one with other fields: Apollo warns that data may be lost.
    for (const selection of ['hIndex', 'citationCount']) {
      await client.query({ query: parse(`query($id: ID!) { author(id: $id) { id metrics { ${selection} } } }`), variables: { id: centers.author } });
    }
    vi.restoreAllMocks();
    expect(warnings.join('\n')).toMatch(/Cache data may be lost when replacing the metrics field of a Author object/);
  });
});

describe('server', () => {
  it('logged no unexpected error', () => {
    expect(server().unexpectedErrors).toEqual([]);
  });
});
