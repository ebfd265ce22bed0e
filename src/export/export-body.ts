/**
 * The parameters of an export sent with POST: a JSON object of the same names a query string takes, for
 * what no URL holds (Node reads at most 16 KB of headers, a few hundred IDs; a network takes 5,000). Values
 * are given as JSON values (`"authorIds": ["QXV0…", …]`, `"depth": 2`) and read back by the same code as a
 * query string's (export-request.ts). JSON rather than a form: a form POST is what a page on another site
 * can send without asking, and the server's CSRF prevention refuses it.
 */
import { GraphQLError } from 'graphql';
import { readBodyWithin } from '../limits/body-limit.js';

function badRequest(message: string, code: 'BAD_REQUEST' | 'UNSUPPORTED_MEDIA_TYPE' = 'BAD_REQUEST'): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** The body's parameters as query-string text, at most `maxBytes` of it read. */
export async function exportBodyParameters(request: Request, maxBytes: number): Promise<URLSearchParams> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw badRequest('An export sent with POST takes its parameters as a JSON object (content-type: application/json).', 'UNSUPPORTED_MEDIA_TYPE');
  }
  const bytes = await readBodyWithin(request, maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw badRequest('The body is not JSON: send the export\'s parameters as one JSON object.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The body must be one JSON object of parameters, such as {"network": "collaborationGraph", "authorIds": […]}.');
  }
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) parameters.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  return parameters;
}
