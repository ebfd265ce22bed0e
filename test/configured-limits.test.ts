/**
 * Every limit is the server's configuration: a server built with small limits refuses at those, over
 * HTTP, with the value measured and the limit; field suggestions are hidden when asked (as in production).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLimitsTestServer, type LimitsTestServer } from './helpers/limits-server.js';
import { rawRequest } from './helpers/raw-http.js';

const limits = {
  maxBodyBytes: 2_000,
  maxTokens: 60,
  maxAliases: 2,
  maxDirectives: 1,
  maxDepth: 4,
  maxBreadth: 20,
  maxCost: 500,
  maxNodeIds: 3,
  hideSuggestions: true,
};

let server: LimitsTestServer;
beforeAll(async () => {
  server = await startLimitsTestServer(limits);
});
afterAll(async () => server?.close());

const post = (query: string, variables?: Record<string, unknown>) =>
  rawRequest(server.url, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
const refusal = (response: { json?: any }) => response.json?.errors?.[0]?.extensions;

describe('configured limits', () => {
  it('body and GET query string over maxBodyBytes: 413', async () => {
    const body = await post(`{ __typename }${' '.repeat(3_000)}`);
    expect(body.status).toBe(413);
    expect(refusal(body)).toMatchObject({ code: 'REQUEST_TOO_LARGE', value: body.sent, limit: 2_000 });
    const query = encodeURIComponent(`{ __typename }${' '.repeat(3_000)}`);
    // The header marks a GraphQL client, not a cross-site form (CSRF prevention refuses bare GETs).
    const get = await rawRequest(`${server.url}?query=${query}`, { method: 'GET', headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' } });
    expect(get.status).toBe(413);
    expect(refusal(get)).toMatchObject({ code: 'REQUEST_TOO_LARGE', limit: 2_000 });
    expect(refusal(get).value).toBeGreaterThan(2_000);
  });

  it('an export sent with POST over maxBodyBytes: 413, whether its length is declared or not', async () => {
    const exportUrl = server.url.replace(/\/graphql$/, '/export/graphml');
    const body = JSON.stringify({ network: 'collaborationGraph', authorIds: Array.from({ length: 200 }, (_, i) => `QXV0aG9yOj${i}`) });
    expect(body.length).toBeGreaterThan(2_000);
    const declared = await rawRequest(exportUrl, { headers: { 'content-type': 'application/json' }, body });
    expect(declared.status).toBe(413);
    expect(refusal(declared)).toMatchObject({ code: 'REQUEST_TOO_LARGE', value: body.length, limit: 2_000 });
    expect(refusal(declared).http).toBeUndefined();
    const chunked = await rawRequest(exportUrl, { headers: { 'content-type': 'application/json' }, chunked: true, streamBytes: 100_000, prefix: '{"network": "collaborationGraph"' });
    expect(chunked.status).toBe(413);
    expect(refusal(chunked)).toMatchObject({ code: 'REQUEST_TOO_LARGE', limit: 2_000 });
  });

  it('tokens, aliases, directives, depth, breadth and cost at the configured values', async () => {
    expect(refusal(await post(`{ ${'__typename '.repeat(61)}}`))).toMatchObject({ measure: 'tokens', value: 61, limit: 60 });
    expect(refusal(await post('{ a: topics { b: name c: code } }'))).toMatchObject({ measure: 'aliases', value: 3, limit: 2 });
    expect(refusal(await post('{ __typename @skip(if: false) @include(if: true) }'))).toMatchObject({ measure: 'directives', value: 2, limit: 1 });
    expect(refusal(await post('{ __schema { types { fields { type { name } } } } }'))).toMatchObject({ measure: 'depth', value: 5, limit: 4 });
    expect(refusal(await post('{ authors(first: 100) { nodes { papers(first: 10) { totalCount } } } }'))).toMatchObject({ measure: 'complexity', value: 1201, limit: 500 });
    const wide = `{ authors(first: 1) { nodes { ${'name id paperCount orcid affiliation '.repeat(4)} } } }`;
    expect(refusal(await post(wide))).toMatchObject({ measure: 'breadth', limit: 20 });
  });

  it('nodes(ids:) over maxNodeIds', async () => {
    const ids = ['Author:1', 'Author:2', 'Author:3', 'Author:4'].map((id) => Buffer.from(id).toString('base64'));
    expect(refusal(await post('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'ids',
      value: 4,
      limit: 3,
    });
  });

  it('hides "Did you mean" suggestions', async () => {
    const response = await post('{ autors { totalCount } }');
    expect(response.json.errors[0].message).toMatch(/Cannot query field "autors"/);
    expect(response.text).not.toMatch(/Did you mean/);
  });

  it('answers what fits', async () => {
    const response = await post('{ authors(first: 2) { nodes { name } } }');
    expect(response.status).toBe(200);
    expect(response.json.data.authors.nodes).toHaveLength(2);
    expect(server.unexpectedErrors).toEqual([]);
  });
});
