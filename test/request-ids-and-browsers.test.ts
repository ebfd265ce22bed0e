/**
 * Request ids and what web pages may do, over HTTP: the client's `x-request-id` comes back when it is a
 * sane token and is replaced otherwise, every response carries one, and the server's log lines name it.
 * Cross-site form, multipart and text/plain POSTs are refused (CSRF) while JSON and GraphiQL's own requests
 * work; CORS allows only the configured origins, never with credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { createServer } from '../src/server.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { listen, logCapture, type Listening } from './helpers/http-server.js';

let database: TestDatabase;
let plain: Listening;
let withCors: Listening;
const logs = logCapture();
const ALLOWED = 'https://app.example.org';

beforeAll(async () => {
  database = await createTestDatabase();
  const logger = createLogger({ level: 'debug', destination: logs.destination });
  plain = await listen(createServer({ db: database.handle.db, logger }));
  withCors = await listen(createServer({ db: database.handle.db, logger, corsOrigins: [ALLOWED, 'https://admin.example.org'] }));
});

afterAll(async () => {
  await plain?.close();
  await withCors?.close();
  await database?.close();
});

const QUERY = '{ papers(first: 1) { totalCount } }';
const json = (origin: string, headers: Record<string, string> = {}) =>
  fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: QUERY }) });

describe('x-request-id', () => {
  it('comes back as given when it is a sane token', async () => {
    const response = await json(plain.origin, { 'x-request-id': 'client.id_42-A' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('client.id_42-A');
    expect(logs.records().some((record) => record.requestId === 'client.id_42-A'), 'a log line with the id').toBe(true);
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['with spaces', 'two words'],
    ['with a newline-like escape', 'id%0Aforged'],
    ['with other characters', 'id;drop'],
    ['empty', ''],
  ])('is replaced by a new one when %s', async (_, given) => {
    const response = await json(plain.origin, { 'x-request-id': given });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(id).not.toBe(given);
  });

  it('is generated when none is given, different for every request, on every kind of response', async () => {
    const ids = new Set<string>();
    for (const [path, init] of [
      ['/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) }],
      ['/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' }],
      ['/health', {}],
      ['/ready', {}],
      ['/metrics', {}],
      ['/nowhere', {}],
    ] as [string, RequestInit][]) {
      const response = await fetch(`${plain.origin}${path}`, init);
      await response.arrayBuffer();
      const id = response.headers.get('x-request-id');
      expect(id, `${path} ${response.status}`).toMatch(/^[0-9a-f-]{36}$/);
      ids.add(id!);
    }
    expect(ids.size).toBe(6);
  });
});

describe('CSRF prevention', () => {
  const form = new URLSearchParams({ query: QUERY });

  it('refuses a form POST, a multipart POST and a text/plain POST with 403, without running them', async () => {
    const multipart = new FormData();
    multipart.set('operations', JSON.stringify({ query: QUERY }));
    multipart.set('map', '{}');
    const attempts: RequestInit[] = [
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() },
      { method: 'POST', body: multipart },
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: QUERY }) },
    ];
    for (const init of attempts) {
      const response = await fetch(`${plain.origin}/graphql`, init);
      const text = await response.text();
      expect(response.status, text).toBe(403);
      expect(text).not.toContain('totalCount');
      expect(text).toMatch(/CSRF/);
    }
  });

  it('refuses a GET query without a preflight header, runs it with one', async () => {
    const url = `${plain.origin}/graphql?query=${encodeURIComponent(QUERY)}`;
    expect((await fetch(url)).status).toBe(403);
    const allowed = await fetch(url, { headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ data: { papers: { totalCount: 0 } } });
  });

  it('runs a JSON POST as fetch and GraphiQL send it', async () => {
    const response = await json(plain.origin, { accept: 'application/graphql-response+json, application/json' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { papers: { totalCount: 0 } } });
  });

  it('still serves the GraphiQL page to a browser', async () => {
    const page = await fetch(`${plain.origin}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    await page.arrayBuffer();
  });
});

describe('CORS', () => {
  const corsHeaders = (response: Response) =>
    Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));

  it('by default sends no CORS headers to any origin', async () => {
    const response = await json(plain.origin, { origin: 'https://evil.example' });
    await response.arrayBuffer();
    expect(corsHeaders(response)).toEqual({});
  });

  it('gives an unlisted origin neither allow-origin nor allow-credentials, in a preflight or a request', async () => {
    const preflight = await fetch(`${withCors.origin}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(corsHeaders(preflight)).toEqual({});
    const response = await json(withCors.origin, { origin: 'https://evil.example' });
    await response.arrayBuffer();
    expect(corsHeaders(response)).toEqual({});
  });

  it('allows a listed origin, without credentials, and lets it read the request id', async () => {
    const preflight = await fetch(`${withCors.origin}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    const response = await json(withCors.origin, { origin: ALLOWED });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    expect(await response.json()).toEqual({ data: { papers: { totalCount: 0 } } });
  });
});
