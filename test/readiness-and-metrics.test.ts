/**
 * An operator's view of a server on PostgreSQL, reached through a TCP proxy the test can cut: /health says
 * the process is alive; /ready is 200 only when the database answers, migrations are applied and the
 * in-memory indexes are built, 503 naming the failed check during an outage and 200 again after it;
 * /metrics has yoga's request metrics and this server's gauges; an unexpected error is logged once, as
 * JSON, with the request id the client got back.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { loadDemoData } from '../src/demo-data.js';
import { createLogger } from '../src/logger.js';
import { createServer } from '../src/server.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { listen, logCapture, type Listening } from './helpers/http-server.js';
import { startTcpProxy, throughProxy, type TcpProxy } from './helpers/tcp-proxy.js';

const onPostgres = inject('testDatabaseUrl') !== null;

describe.skipIf(!onPostgres)('readiness, metrics and error logs of a server on PostgreSQL', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let db: DatabaseHandle;
  let server: Listening;
  const logs = logCapture();

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadDemoData(database.handle.db, { profileYear: 2026, dataset: 'profile' });
    const target = new URL(database.url!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    db = await openDatabase({ url: throughProxy(database.url!, proxy), maxConnections: 3, connectTimeoutMs: 1000 });
    const logger = createLogger({ level: 'info', destination: logs.destination });
    server = await listen(createServer({ db: db.db, logger, readyTimeoutMs: 1000 }));
  });

  afterAll(async () => {
    await server?.close();
    await db?.close();
    await proxy?.close();
    await database?.close();
  });

  const get = (path: string) => fetch(`${server.origin}${path}`);
  const post = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${server.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

  async function readiness() {
    const response = await get('/ready');
    return { status: response.status, body: (await response.json()) as { ready: boolean; checks: Record<string, string>; failed: string[] } };
  }

  /** /ready until it says 200 (the first probe starts building indexes nobody asked for yet). */
  async function untilReady(ms = 15_000) {
    const until = Date.now() + ms;
    let last = await readiness();
    while (last.status !== 200 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      last = await readiness();
    }
    expect(last, JSON.stringify(last.body)).toMatchObject({ status: 200, body: { ready: true, failed: [] } });
  }

  /** A database outage for the length of `during`, then the database is back. */
  async function outage<T>(during: () => Promise<T>): Promise<T> {
    await proxy.stop();
    try {
      return await during();
    } finally {
      await proxy.start();
    }
  }

  it('/health is 200; /ready is 200 with every check ok', async () => {
    expect((await get('/health')).status).toBe(200);
    await untilReady();
    expect((await readiness()).body.checks).toEqual({ database: 'ok', migrations: 'ok', indexes: 'ok' });
  });

  it('/ready turns 503 naming the database while it is unreachable, and 200 again after', async () => {
    await untilReady();
    await outage(async () => {
      const during = await readiness();
      expect(during.status).toBe(503);
      expect(during.body.ready).toBe(false);
      expect(during.body.failed).toContain('database');
      expect(during.body.checks.database).toMatch(/does not answer/);
      expect(JSON.stringify(during.body)).not.toContain('postgres@');
      // The process itself is fine: /health stays 200.
      expect((await get('/health')).status).toBe(200);
    });
    await untilReady();
  });

  it('/metrics has yoga request metrics and the pool and index gauges', async () => {
    await untilReady();
    const r = await post('{ papers(first: 1) { totalCount } }');
    expect(r.status).toBe(200);
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    const sample = (pattern: string) => {
      const match = new RegExp(`^${pattern} (\\S+)$`, 'm').exec(text);
      expect(match, pattern).not.toBeNull();
      return Number(match![1]);
    };
    expect(sample('graphql_envelop_request\\{operationType="query"\\}')).toBeGreaterThanOrEqual(1);
    expect(sample('graphql_yoga_http_duration_count\\{method="POST",statusCode="200",operationType="query"\\}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^# TYPE graphql_envelop_error_result counter$/m);
    expect(sample('scholargraph_db_pool_max_connections')).toBe(3);
    for (const index of ['coauthors', 'paper_facts']) {
      expect(sample(`scholargraph_index_last_build_timestamp_seconds\\{index="${index}"\\}`)).toBeGreaterThan(Date.now() / 1000 - 600);
      expect(sample(`scholargraph_index_build_duration_seconds\\{index="${index}"\\}`)).toBeGreaterThanOrEqual(0);
      expect(sample(`scholargraph_index_version\\{index="${index}"\\}`)).toBeGreaterThanOrEqual(1);
      expect(sample(`scholargraph_index_bytes\\{index="${index}"\\}`)).toBeGreaterThan(0);
    }
    expect(sample('scholargraph_coauthor_graph_authors')).toBe(32);
    expect(sample('scholargraph_coauthor_graph_ties')).toBeGreaterThan(0);
    expect(sample('scholargraph_paper_facts_papers')).toBe(18);
    // The query string of a request never becomes a label.
    expect(text).not.toContain('url=');
  });

  it('a second server in the same process has metrics of its own', async () => {
    const other = await listen(createServer({ db: db.db, logger: createLogger({ level: 'silent' }) }));
    try {
      const text = await (await fetch(`${other.origin}/metrics`)).text();
      expect(text).toContain('# TYPE scholargraph_paper_facts_papers gauge');
      expect(text).not.toMatch(/^graphql_envelop_request\{/m);
    } finally {
      await other.close();
    }
  });

  it('an unexpected error is masked with the request id, and logged once as JSON with that id', async () => {
    await untilReady();
    const { response, body } = await outage(async () => {
      const response = await post('{ papers(first: 1) { totalCount } }', { 'x-request-id': 'outage-probe-1' });
      return { response, body: (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] } };
    });
    expect(response.headers.get('x-request-id')).toBe('outage-probe-1');
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.message).toBe('Unexpected error.');
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: 'outage-probe-1' });
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|postgres|select/i);

    for (const line of logs.lines) {
      expect(line).not.toMatch(/\u001b\[/);
      expect(() => JSON.parse(line), line).not.toThrow();
    }
    const errors = logs.records().filter((record) => record.level === 'error');
    const ours = errors.filter((record) => record.requestId === 'outage-probe-1');
    expect(ours, JSON.stringify(errors)).toHaveLength(1);
    expect(ours[0]).toMatchObject({ msg: 'unexpected error', err: { message: expect.stringMatching(/./) } });
    expect(errors.filter((record) => !record.requestId), 'an error logged without its request id').toEqual([]);
    await untilReady();
  });
});
