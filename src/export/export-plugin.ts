/**
 * GET /export/<format>?network=<field>&<arguments> (or POST with the same parameters as a JSON object, for
 * ID lists no URL holds: export-body.ts): a network as a file for Gephi (GEXF), NetworkX and
 * others (GraphML), VOSviewer (its JSON) or a spreadsheet (CSV). A yoga plugin answering in `onRequest`,
 * like /ready and /explore.
 *
 * The network is fetched by running its registered GraphQL document through this server itself, as a
 * client's POST would be: so an export meets every check a query meets (limits, cost estimate, the
 * heavy-work queue, the time budget, cancellation when the client leaves, error masking) with the same
 * error codes, and is counted in the metrics like one. Errors come back as the GraphQL errors they are,
 * in JSON, with an HTTP status that fits their code.
 */
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorReport } from '../error-log.js';
import { REQUEST_ID_HEADER, requestIdOf } from '../request-id.js';
import { DEFAULT_LIMITS } from '../limits/request-limits.js';
import { exportBodyParameters } from './export-body.js';
import { EXPORT_PATH, readExportRequest } from './export-request.js';
import type { NetworkExport } from './network-registration.js';
import { flatNetworkOf } from './network-registration.js';
import { networkExports } from './networks/index.js';

export interface NetworkExportOptions {
  schema: GraphQLSchema;
  /** The server itself (its `fetch`), through which the export's document runs. */
  server: () => { fetch(input: string, init: RequestInit): Response | Promise<Response> };
  /** Where the server answers GraphQL (`/graphql`). */
  graphqlEndpoint: string;
  /** Where a fault of the export itself (not of its query) is reported, with the request id. */
  logError: ErrorReport;
  /** The networks that can be exported (default: all registered in networks/index.ts). */
  networks?: ReadonlyMap<string, NetworkExport>;
  /** Largest POST body read (the GraphQL endpoint's MAX_BODY_BYTES; its default when absent). */
  maxBodyBytes?: number;
}

interface ErrorBody {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The status an export's error answers with, by its code (GraphQL over HTTP answers most of them with 200). */
const STATUS_BY_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  QUERY_TOO_COMPLEX: 400,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  REQUEST_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SERVER_BUSY: 503,
  TIMEOUT: 504,
};

export function statusOfErrors(errors: readonly ErrorBody[], innerStatus: number): number {
  for (const error of errors) {
    const status = STATUS_BY_CODE[String(error.extensions?.code)];
    if (status) return status;
  }
  return innerStatus >= 400 ? innerStatus : 500;
}

const JSON_TYPE = 'application/json; charset=utf-8';

const VARIABLE_ERROR = /^Variable "\$(\w+)"/;

/**
 * An error as the export's client should see it: without `locations` (they point into the server's
 * document, which the client never wrote), and GraphQL's own refusals of a variable's value ("Variable
 * "$limit" got invalid value …", which carry no code) as BAD_USER_INPUT naming the argument.
 */
export function asExportError(error: ErrorBody & { locations?: unknown }): ErrorBody {
  const { locations: _locations, ...rest } = error;
  const variable = VARIABLE_ERROR.exec(error.message)?.[1];
  if (error.extensions?.code === undefined && variable) return { ...rest, extensions: { ...rest.extensions, code: 'BAD_USER_INPUT', argument: variable } };
  return rest;
}

export function useNetworkExport(options: NetworkExportOptions): Plugin {
  const networks = options.networks ?? networkExports;

  async function answer(request: Request, url: URL, fetchAPI: typeof globalThis): Promise<Response> {
    const head = request.method === 'HEAD';
    const refuse = (errors: readonly ErrorBody[], status: number, headers: Record<string, string> = {}) =>
      new fetchAPI.Response(head ? null : JSON.stringify({ errors }), {
        status,
        headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers },
      });

    let wanted;
    try {
      // A POST's parameters join the query string's; one given in both counts as given twice.
      const parameters = new URLSearchParams(url.searchParams);
      if (request.method === 'POST') for (const [name, value] of await exportBodyParameters(request, options.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes)) parameters.append(name, value);
      wanted = readExportRequest(options.schema, networks, url.pathname, parameters);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      // The status travels as the HTTP status, not in the body (as the GraphQL endpoint answers).
      const { http: _http, ...extensions } = error.extensions;
      return refuse([{ message: error.message, extensions }], statusOfErrors([error], 400));
    }

    const inner = await options.server().fetch(new URL(options.graphqlEndpoint, url).href, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        // The same id in the logs and in a masked error's `requestId` as on the export's response.
        [REQUEST_ID_HEADER]: requestIdOf(request),
      },
      body: JSON.stringify({ query: wanted.network.document, variables: wanted.variables }),
      signal: request.signal,
    });
    const result = JSON.parse(await inner.text()) as { data?: Record<string, unknown> | null; errors?: ErrorBody[] };
    if (result.errors?.length || !result.data?.[wanted.network.field]) {
      const errors = result.errors?.length ? result.errors.map(asExportError) : [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }];
      const retryAfter = inner.headers.get('retry-after');
      const status = statusOfErrors(errors, inner.status);
      return refuse(errors, status, retryAfter && status === 503 ? { 'retry-after': retryAfter } : {});
    }

    const network = flatNetworkOf(wanted.network, result.data[wanted.network.field]);
    const body = wanted.format.write(network, wanted.parameters);
    return new fetchAPI.Response(head ? null : body, {
      status: 200,
      headers: {
        'content-type': wanted.format.contentType,
        'content-disposition': `attachment; filename="${wanted.format.filename(network, wanted.parameters)}"`,
        // The network follows every import: a copy kept by a cache would go stale unseen.
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  }

  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname !== EXPORT_PATH && !url.pathname.startsWith(`${EXPORT_PATH}/`)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') {
        const error = {
          message: `${request.method} is not allowed here: exports are read with GET, or POST with the parameters as JSON.`,
          extensions: { code: 'METHOD_NOT_ALLOWED' },
        };
        return endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [error] }), { status: 405, headers: { allow: 'GET, HEAD, POST', 'content-type': JSON_TYPE } }),
        );
      }
      return answer(request, url, fetchAPI as unknown as typeof globalThis)
        .catch((error: unknown) => {
          // A client that went away is not a fault of the server: nobody reads this answer.
          if (request.signal?.aborted) return new fetchAPI.Response(null, { status: 499 });
          // Masked as the GraphQL endpoint masks: logged once with the request id, which the client gets.
          const requestId = requestIdOf(request);
          options.logError(requestId, error);
          const body = { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] };
          return new fetchAPI.Response(JSON.stringify(body), { status: 500, headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store' } });
        })
        .then(endResponse);
    },
  };
}
