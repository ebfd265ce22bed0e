/**
 * Requests an attacker would send, over real HTTP to a server on the demo profile: each is refused before
 * it runs, quickly, with the status and code a client can act on (and the value measured and the limit),
 * and a normal query is answered right after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorProfileQuery } from '../src/example-queries.js';
import { DEFAULT_LIMITS } from '../src/limits/index.js';
import { startLimitsTestServer, type LimitsTestServer } from './helpers/limits-server.js';
import { rawRequest, type RawResponse } from './helpers/raw-http.js';

let server: LimitsTestServer;
beforeAll(async () => {
  server = await startLimitsTestServer();
});
afterAll(async () => server?.close());

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
const post = (query: string, variables?: Record<string, unknown>) =>
  rawRequest(server.url, { headers: JSON_HEADERS, body: JSON.stringify({ query, variables }) });

/** Refused quickly, with this status and code. */
function expectRefused(response: RawResponse, status: number, code: string): Record<string, any> {
  expect(response.status, response.text).toBe(status);
  expect(response.ms).toBeLessThan(1000);
  const error = response.json?.errors?.[0];
  expect(error?.extensions?.code, response.text).toBe(code);
  return error.extensions;
}

/** The server still answers a normal page at once. */
async function expectNormalQueryAnswered() {
  const response = await post(authorProfileQuery);
  expect(response.status).toBe(200);
  expect(response.json.errors).toBeUndefined();
  expect(response.json.data.authors.nodes[0].name).toBe('Zhepei Wei');
  expect(server.unexpectedErrors).toEqual([]);
}

function nested(levels: number): string {
  let query = 'name';
  for (let i = 0; i < levels; i++) query = `coauthors(first: 1) { nodes { ${query} } }`;
  return `{ authors(first: 1) { nodes { ${query} } } }`;
}

describe('hostile requests', () => {
  it('refuses a query 50 levels deep (QUERY_TOO_COMPLEX, depth)', async () => {
    const extensions = expectRefused(await post(nested(24)), 400, 'QUERY_TOO_COMPLEX');
    expect(extensions).toMatchObject({ measure: 'depth', value: 51, limit: DEFAULT_LIMITS.maxDepth });
    // Deeper still, the text's nesting is refused before it is parsed.
    const deeper = expectRefused(await post(nested(200)), 400, 'QUERY_TOO_COMPLEX');
    expect(deeper).toMatchObject({ measure: 'nesting', limit: 4 * DEFAULT_LIMITS.maxDepth });
    await expectNormalQueryAnswered();
  });

  it('refuses an introspection query nested past the depth limit too', async () => {
    let type = 'name';
    for (let i = 0; i < 20; i++) type = `ofType { ${type} }`;
    const extensions = expectRefused(await post(`{ __schema { types { fields { type { ${type} } } } } }`), 400, 'QUERY_TOO_COMPLEX');
    expect(extensions).toMatchObject({ measure: 'depth', limit: DEFAULT_LIMITS.maxDepth });
    expect(extensions.value).toBeGreaterThan(DEFAULT_LIMITS.maxDepth);
  });

  it('refuses 1,000 aliases of __schema, and 100 aliases of a field (QUERY_TOO_COMPLEX)', async () => {
    // A thousand aliases take more tokens than a document may hold: refused while parsing.
    const schemas = Array.from({ length: 1000 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ');
    expect(expectRefused(await post(`{ ${schemas} }`), 400, 'QUERY_TOO_COMPLEX').measure).toMatch(/^(tokens|aliases)$/);
    const fewer = Array.from({ length: 100 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ');
    expect(expectRefused(await post(`{ ${fewer} }`), 400, 'QUERY_TOO_COMPLEX')).toMatchObject({
      measure: 'aliases',
      value: 100,
      limit: DEFAULT_LIMITS.maxAliases,
    });
    const papers = Array.from({ length: 100 }, (_, i) => `p${i}: papers(first: 1) { totalCount }`).join(' ');
    expect(expectRefused(await post(`{ ${papers} }`), 400, 'QUERY_TOO_COMPLEX')).toMatchObject({ measure: 'aliases', value: 100 });
    await expectNormalQueryAnswered();
  });

  it('refuses a document of 50,000 tokens while parsing (QUERY_TOO_COMPLEX, tokens)', async () => {
    // 4 tokens in 4 bytes ($, a, :, Int): 50k tokens in 50 kB, under the body limit.
    const query = `query Q(${'$a:I'.repeat(12_500)}) { __typename }`;
    const extensions = expectRefused(await post(query), 400, 'QUERY_TOO_COMPLEX');
    expect(extensions).toMatchObject({ measure: 'tokens', value: DEFAULT_LIMITS.maxTokens + 1, limit: DEFAULT_LIMITS.maxTokens });
    // Nested lists would recurse once per token in the parser: stopped at the limit as well.
    expectRefused(await post(`{ papers(first: ${'['.repeat(50_000)}) { totalCount } }`), 400, 'QUERY_TOO_COMPLEX');
    await expectNormalQueryAnswered();
  });

  it('refuses too many directives (QUERY_TOO_COMPLEX, directives)', async () => {
    const query = `{ __typename ${'@include(if: true)'.repeat(60)} }`;
    const extensions = expectRefused(await post(query), 400, 'QUERY_TOO_COMPLEX');
    expect(extensions).toMatchObject({ measure: 'directives', value: 60, limit: DEFAULT_LIMITS.maxDirectives });
  });

  for (const size of [2_000_000, 20_000_000]) {
    const mb = `${size / 1_000_000} MB`;
    it(`refuses a ${mb} body with its length declared (413 REQUEST_TOO_LARGE) without reading it`, async () => {
      const response = await rawRequest(server.url, {
        headers: { ...JSON_HEADERS, 'content-length': String(size) },
        streamBytes: size,
        prefix: '{"query":"{ __typename }"',
      });
      const extensions = expectRefused(response, 413, 'REQUEST_TOO_LARGE');
      expect(extensions).toMatchObject({ measure: 'bytes', value: size, limit: DEFAULT_LIMITS.maxBodyBytes });
      await expectNormalQueryAnswered();
    });

    it(`refuses a ${mb} chunked body once the bytes read pass the limit (413 REQUEST_TOO_LARGE)`, async () => {
      const response = await rawRequest(server.url, {
        headers: JSON_HEADERS,
        chunked: true,
        streamBytes: size,
        prefix: '{"query":"{ __typename }"',
      });
      const extensions = expectRefused(response, 413, 'REQUEST_TOO_LARGE');
      expect(extensions.limit).toBe(DEFAULT_LIMITS.maxBodyBytes);
      expect(extensions.value).toBeGreaterThan(DEFAULT_LIMITS.maxBodyBytes);
      expect(extensions.value).toBeLessThan(size);
      await expectNormalQueryAnswered();
    });
  }

  it('holds no more than the limit of any body: five concurrent 20 MB chunked bodies leave memory where it was', async () => {
    const sample = () => {
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return heapUsed + arrayBuffers;
    };
    const before = sample();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, sample())), 5);
    try {
      const responses = await Promise.all(
        Array.from({ length: 5 }, () =>
          rawRequest(server.url, { headers: JSON_HEADERS, chunked: true, streamBytes: 20_000_000, prefix: '{"query":"{ __typename }"' }),
        ),
      );
      for (const response of responses) expect(response.status).toBe(413);
    } finally {
      clearInterval(sampler);
    }
    // Buffering them would take 100 MB at least; what is held is one limit's worth per request, and
    // socket buffers (client and server share this process).
    expect((peak - before) / 2 ** 20).toBeLessThan(48);
    await expectNormalQueryAnswered();
  });

  it('answers a chunked body under the limit as usual', async () => {
    const body = JSON.stringify({ query: '{ authors(first: 1) { nodes { name } } }' });
    const response = await rawRequest(server.url, { headers: JSON_HEADERS, chunked: true, body });
    expect(response.status).toBe(200);
    expect(response.json.data.authors.nodes).toHaveLength(1);
  });

  it('refuses malformed JSON (400) and bodies of other types (415)', async () => {
    const malformed = await rawRequest(server.url, { headers: JSON_HEADERS, body: '{"query": "{ __typename }"' });
    expect(malformed.status).toBe(400);
    expect(malformed.ms).toBeLessThan(1000);
    expect(malformed.json.errors[0].message).toMatch(/JSON/);
    for (const type of ['text/plain', 'application/xml', 'image/png']) {
      const response = await rawRequest(server.url, { headers: { 'content-type': type }, body: '{"query":"{ __typename }"}' });
      // 415, or 403 where a browser could send it cross-site without a preflight (CSRF prevention).
      expect([403, 415], type).toContain(response.status);
      expect(response.ms).toBeLessThan(1000);
    }
    const noType = await rawRequest(server.url, { headers: {}, body: '{"query":"{ __typename }"}' });
    expect(noType.status).toBeGreaterThanOrEqual(400);
    expect(noType.status).toBeLessThan(500);
    await expectNormalQueryAnswered();
  });

  it('refuses 249 aliased networks of 2,000 authors, three hops deep', async () => {
    const networks = Array.from(
      { length: 249 },
      (_, i) => `n${i}: coauthorNetwork(authorId: $id, depth: 3, limit: 2000) { nodes { authorId } edges { source target } }`,
    ).join(' ');
    const response = await post(`query($id: ID!) { ${networks} }`, { id: 'QXV0aG9yOjE=' });
    expectRefused(response, 400, 'QUERY_TOO_COMPLEX');
    await expectNormalQueryAnswered();
  });

  it('prices networks by limit and depth, and paths by their search: a few fit in a query, ten do not', async () => {
    const network = (i: number) => `n${i}: coauthorNetwork(authorId: $id, depth: 3, limit: 2000) { nodes { authorId } edges { source target } }`;
    const id = Buffer.from('Author:1').toString('base64');
    const one = await post(`query($id: ID!) { ${network(0)} }`, { id });
    expect(one.json.errors).toBeUndefined();
    const ten = await post(`query($id: ID!) { ${Array.from({ length: 10 }, (_, i) => network(i)).join(' ')} }`, { id });
    expect(ten.ms).toBeLessThan(1000);
    expect(ten.json.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measure: 'complexity', limit: DEFAULT_LIMITS.maxCost });
    expect(ten.json.errors[0].extensions.value).toBeGreaterThan(DEFAULT_LIMITS.maxCost);
    const path = (i: number) => `p${i}: collaborationPath(from: $id, to: $id, maxLength: 8) { distance }`;
    const paths = await post(`query($id: ID!) { ${Array.from({ length: 10 }, (_, i) => path(i)).join(' ')} }`, { id });
    expect(paths.json.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measure: 'complexity' });
    await expectNormalQueryAnswered();
  });

  it('refuses nodes(ids:) with 101 ids (BAD_USER_INPUT naming the argument)', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => Buffer.from(`Author:${i + 1}`).toString('base64'));
    const response = await post('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(response.ms).toBeLessThan(1000);
    const error = response.json.errors[0];
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids', value: 101, limit: 100 });
    const hundred = await post('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ids.slice(0, 100) });
    expect(hundred.json.errors).toBeUndefined();
    expect(hundred.json.data.nodes).toHaveLength(100);
    await expectNormalQueryAnswered();
  });

  it('keeps field suggestions outside production (the default here)', async () => {
    const response = await post('{ autors { totalCount } }');
    expect(response.json.errors[0].message).toMatch(/Did you mean/);
  });
});
