/**
 * The page's only way to the server: POST /graphql with one of the documents in graphql/*.graphql, typed
 * by the generated operation types. Failures become errors a person can be told about: the server cannot
 * be reached, or it refused the question (with the API's `extensions.code`, e.g. NOT_FOUND).
 */
import type {
  ExploreAuthorQuery,
  ExploreAuthorQueryVariables,
  ExploreAuthorSearchQuery,
  ExploreAuthorSearchQueryVariables,
  ExploreMainTopicsQuery,
  ExploreMainTopicsQueryVariables,
  ExploreNetworkQuery,
  ExploreNetworkQueryVariables,
  ExplorePathQuery,
  ExplorePathQueryVariables,
  ExploreStartAuthorQuery,
  ExploreStartAuthorQueryVariables,
} from './generated/operations.js';
import authorDocument from './graphql/ExploreAuthor.graphql?raw';
import searchDocument from './graphql/ExploreAuthorSearch.graphql?raw';
import mainTopicsDocument from './graphql/ExploreMainTopics.graphql?raw';
import networkDocument from './graphql/ExploreNetwork.graphql?raw';
import pathDocument from './graphql/ExplorePath.graphql?raw';
import startDocument from './graphql/ExploreStartAuthor.graphql?raw';

/** The server did not answer at all (stopped, network down). */
export class ServerUnreachableError extends Error {}

/** The server answered with a GraphQL error; `code` is its `extensions.code` when it gave one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

interface GraphQLBody<Data> {
  data?: Data | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Relative to the page, so the page works under any host and port the server listens on. */
const endpoint = '/graphql';

async function request<Data, Variables>(document: string, variables: Variables, signal?: AbortSignal): Promise<Data> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: document, variables }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ServerUnreachableError('The server cannot be reached.');
  }
  let body: GraphQLBody<Data>;
  try {
    body = (await response.json()) as GraphQLBody<Data>;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(`The server answered ${response.status} without a GraphQL response.`, undefined);
  }
  const [first] = body.errors ?? [];
  if (first) throw new ApiError(first.message, first.extensions?.code);
  if (!body.data) throw new ApiError(`The server answered ${response.status} without data.`, undefined);
  return body.data;
}

export const searchAuthors = (search: string, signal?: AbortSignal) =>
  request<ExploreAuthorSearchQuery, ExploreAuthorSearchQueryVariables>(searchDocument, { search, first: 8 }, signal);

export const startAuthor = (seedName: string) =>
  request<ExploreStartAuthorQuery, ExploreStartAuthorQueryVariables>(startDocument, { seedName });

export const coauthorNetwork = (variables: ExploreNetworkQueryVariables, signal?: AbortSignal) =>
  request<ExploreNetworkQuery, ExploreNetworkQueryVariables>(networkDocument, variables, signal);

/** Most ids one `nodes(ids:)` takes (the server's MAX_NODE_IDS default). */
const MAX_NODE_IDS = 100;

/** Each author's main topic, asked 100 authors at a time. */
export async function mainTopics(ids: readonly string[], signal?: AbortSignal): Promise<Map<string, string | null>> {
  const topics = new Map<string, string | null>();
  for (let start = 0; start < ids.length; start += MAX_NODE_IDS) {
    const batch = ids.slice(start, start + MAX_NODE_IDS);
    const data = await request<ExploreMainTopicsQuery, ExploreMainTopicsQueryVariables>(mainTopicsDocument, { ids: batch }, signal);
    for (const node of data.nodes) if (node && 'id' in node) topics.set(node.id, node.topics[0]?.topic.name ?? null);
  }
  return topics;
}

export const authorDetails = (id: string, signal?: AbortSignal) =>
  request<ExploreAuthorQuery, ExploreAuthorQueryVariables>(authorDocument, { id }, signal);

export const collaborationPath = (from: string, to: string, signal?: AbortSignal) =>
  request<ExplorePathQuery, ExplorePathQueryVariables>(pathDocument, { from, to }, signal);

/** Whether an error means the author id names nobody (or is not an author id at all). */
export const isUnknownAuthor = (error: unknown) =>
  error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT');
