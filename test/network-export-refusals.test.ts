/**
 * GET /export/<format> asked wrongly: every refusal with its code, argument and HTTP status, and the
 * GraphQL endpoint's own limits and queue applied to exports.
 */
import { describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/demo-data.js';
import { DEFAULT_LIMITS } from '../src/limits/request-limits.js';
import { createServer } from '../src/server.js';
import { useTestServer } from './helpers/server.js';

const server = useTestServer(async (s) => {
  await loadDemoData(s.database.handle.db, { profileYear: 2026, dataset: 'profile' });
});

const url = (format: string, params: Record<string, string | number>) =>
  `/export/${format}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`;

async function seed() {
  const r = await server().query(`{ authors(search: "zhepei wei", first: 1) { nodes { id } } }`);
  return r.data.authors.nodes[0].id as string;
}

describe('bad export requests', () => {
  async function refused(path: string, status: number, code: string, argument?: string) {
    const response = await server().yoga.fetch(`http://test${path}`);
    const text = await response.text();
    expect(response.status, text).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(text) as { errors: { message: string; locations?: unknown; extensions: Record<string, unknown> }[] };
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors;
    expect(error!.extensions.code).toBe(code);
    if (argument) expect(error!.extensions.argument).toBe(argument);
    expect(error!.locations).toBeUndefined();
    expect(text).not.toMatch(/select|postgres|stack/i);
    return error!;
  }

  it('refuses unknown formats and paths (404) and methods other than GET, HEAD and POST (405)', async () => {
    const authorId = await seed();
    const error = await refused(url('pdf', { network: 'coauthorNetwork', authorId }), 404, 'NOT_FOUND');
    expect(error.message).toContain('gexf, graphml, vosviewer, csv');
    // The whole-table exports live beside them, and the refusal names them too.
    expect(error.message).toContain('/export/papers.ndjson, /export/authors.ndjson, /export/authorships.ndjson');
    await refused('/export/papers.json', 404, 'NOT_FOUND');
    await refused('/export', 404, 'NOT_FOUND');
    await refused('/export/', 404, 'NOT_FOUND');
    await refused('/export/gexf/more', 404, 'NOT_FOUND');
    const put = await server().yoga.fetch(`http://test${url('gexf', { network: 'coauthorNetwork', authorId })}`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('names what is missing or unknown: the network, its required arguments, a format parameter', async () => {
    const authorId = await seed();
    expect((await refused('/export/gexf', 400, 'BAD_USER_INPUT', 'network')).message).toContain('coauthorNetwork, collaborationPath');
    await refused(url('gexf', { network: 'citations', authorId }), 400, 'BAD_USER_INPUT', 'network');
    const missing = await refused(url('graphml', { network: 'collaborationPath', maxLength: 3 }), 400, 'BAD_USER_INPUT', 'from');
    expect(missing.extensions.arguments).toEqual(['from', 'to']);
    await refused(url('csv', { network: 'coauthorNetwork', authorId }), 400, 'BAD_USER_INPUT', 'table');
    await refused(url('csv', { network: 'coauthorNetwork', authorId, table: 'papers' }), 400, 'BAD_USER_INPUT', 'table');
  });

  it('drops nothing: parameters that are not arguments of the field are refused, as are repeated ones', async () => {
    const authorId = await seed();
    const unknown = await refused(url('gexf', { network: 'coauthorNetwork', authorId, minPaper: 2 }), 400, 'BAD_USER_INPUT', 'minPaper');
    expect(unknown.message).toContain('authorId, depth, minPapers, limit');
    // An argument of the other network, and a parameter of another format.
    await refused(url('gexf', { network: 'coauthorNetwork', authorId, maxLength: 2 }), 400, 'BAD_USER_INPUT', 'maxLength');
    await refused(url('graphml', { network: 'coauthorNetwork', authorId, table: 'nodes' }), 400, 'BAD_USER_INPUT', 'table');
    await refused(`/export/gexf?network=coauthorNetwork&authorId=${encodeURIComponent(authorId)}&depth=1&depth=2`, 400, 'BAD_USER_INPUT', 'depth');
  });

  it("refuses bad values with the field's own checks and codes", async () => {
    const authorId = await seed();
    const net = (extra: Record<string, string | number>) => url('vosviewer', { network: 'coauthorNetwork', authorId, ...extra });
    await refused(net({ depth: 'two' }), 400, 'BAD_USER_INPUT', 'depth');
    await refused(net({ depth: '' }), 400, 'BAD_USER_INPUT', 'depth');
    await refused(net({ depth: 1.5 }), 400, 'BAD_USER_INPUT', 'depth');
    // The resolver's range check, as the GraphQL endpoint answers it.
    expect((await refused(net({ depth: 4 }), 400, 'BAD_USER_INPUT', 'depth')).message).toContain('1 to 3');
    await refused(net({ limit: 2001 }), 400, 'BAD_USER_INPUT', 'limit');
    // GraphQL's own refusal of a value beyond Int, given the argument's name.
    await refused(net({ limit: '99999999999' }), 400, 'BAD_USER_INPUT', 'limit');
    await refused(url('csv', { network: 'coauthorNetwork', authorId: 'not-an-id', table: 'nodes' }), 400, 'BAD_USER_INPUT');
    // A well-formed ID of no author.
    const nobody = Buffer.from('Author:999999999').toString('base64');
    await refused(url('gexf', { network: 'coauthorNetwork', authorId: nobody }), 404, 'NOT_FOUND');
    await refused(url('gexf', { network: 'collaborationPath', from: authorId, to: nobody }), 404, 'NOT_FOUND');
    await refused(url('gexf', { network: 'collaborationPath', from: authorId, to: authorId, maxLength: 9 }), 400, 'BAD_USER_INPUT', 'maxLength');
    // A NUL in a value, and a value larger than a request may be: the GraphQL endpoint's own refusals.
    await refused(url('gexf', { network: 'coauthorNetwork', authorId: `${authorId}\u0000` }), 400, 'BAD_USER_INPUT', 'authorId');
    await refused(url('gexf', { network: 'coauthorNetwork', authorId: 'A'.repeat(DEFAULT_LIMITS.maxBodyBytes + 1) }), 413, 'REQUEST_TOO_LARGE');
    expect(server().unexpectedErrors).toEqual([]);
  });

  it('meets the limits and the heavy-work queue of the GraphQL endpoint', async () => {
    const authorId = await seed();
    const db = server().database.handle.db;
    const strict = createServer({ db, explore: false, limits: { maxCost: 50 }, logError: () => {} });
    const tooComplex = await strict.fetch(`http://test${url('gexf', { network: 'coauthorNetwork', authorId })}`);
    expect(tooComplex.status).toBe(400);
    expect((await tooComplex.json()).errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measure: 'complexity', limit: 50 });

    // One place and no queue: of exports asked at once, those that find the place taken are turned away.
    const busy = createServer({ db, explore: false, isolation: { concurrency: 1, queueLength: 0 }, logError: () => {} });
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => busy.fetch(`http://test${url('graphml', { network: 'coauthorNetwork', authorId, depth: 2 })}`)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses).toContain(200);
    expect(statuses).toContain(503);
    for (const r of responses.filter((x) => x.status === 503)) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect((await r.json()).errors[0].extensions.code).toBe('SERVER_BUSY');
    }
  });
});
