/**
 * The server process under faults: a database that refuses or never answers at start ends the process
 * quickly with one clear JSON line; backends killed during a burst of requests do not stop the service;
 * SIGTERM during slow requests lets every one of them finish, then the process exits 0. Logs are JSON
 * lines throughout.
 */
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { startSourceServer, stopProcess, type ServerProcess } from './helpers/server-process.js';
import { startTcpProxy, throughProxy, type TcpProxy } from './helpers/tcp-proxy.js';

const onPostgres = inject('testDatabaseUrl') !== null;
const QUERY = '{ papers(first: 3, orderBy: { field: TITLE, direction: ASC }) { totalCount nodes { title } } }';

/** The process's failure: the exit error startServerProcess rejects with, and how long the process ran. */
async function failedStart(env: Record<string, string>): Promise<{ message: string; ms: number }> {
  const started = Date.now();
  const error = await startSourceServer(env).then(
    (server) => {
      void stopProcess(server.child);
      throw new Error(`started anyway at ${server.url}`);
    },
    (e: Error) => e,
  );
  return { message: error.message, ms: Date.now() - started };
}

/** Every line of output is one JSON object without colour codes; returns them parsed. */
function jsonLines(output: string): Record<string, any>[] {
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  for (const line of lines) {
    expect(line).not.toMatch(/\u001b\[/);
    expect(() => JSON.parse(line), line).not.toThrow();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, any>);
}

/** Node and tsx load the server's modules before it tries the database; a generous allowance for a busy machine. */
const STARTUP_ALLOWANCE_MS = 12_000;

describe('a database that cannot be used at start', () => {
  it('refused: one clear line naming the database (no password), exit 1, well within the bound', async () => {
    const { message, ms } = await failedStart({ DATABASE_URL: 'postgres://scholar:s3cret@127.0.0.1:1/nowhere', DATABASE_CONNECT_TIMEOUT_MS: '3000' });
    expect(message).toMatch(/^server exited with 1:/);
    const output = message.replace(/^server exited with 1:\n/, '');
    const records = jsonLines(output);
    expect(records, output).toHaveLength(1);
    expect(records[0]).toMatchObject({ level: 'fatal' });
    expect(records[0]!.msg).toMatch(/^cannot use the database PostgreSQL scholar@127\.0\.0\.1:1\/nowhere: connect ECONNREFUSED/);
    expect(output).not.toContain('s3cret');
    expect(ms).toBeLessThan(3000 + STARTUP_ALLOWANCE_MS);
  });

  it('a port that accepts and never answers: the same after DATABASE_CONNECT_TIMEOUT_MS', async () => {
    const sockets = new Set<Socket>();
    const silent: TcpServer = createTcpServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const { message, ms } = await failedStart({ DATABASE_URL: `postgres://scholar@127.0.0.1:${port}/x`, DATABASE_CONNECT_TIMEOUT_MS: '2000' });
      const output = message.replace(/^server exited with 1:\n/, '');
      expect(message).toMatch(/^server exited with 1:/);
      const records = jsonLines(output);
      expect(records, output).toHaveLength(1);
      expect(records[0]!.msg).toMatch(new RegExp(`^cannot use the database PostgreSQL scholar@127\\.0\\.0\\.1:${port}/x: .*(no answer within 2\\.0 s|CONNECT_TIMEOUT)`));
      expect(ms).toBeGreaterThanOrEqual(2000);
      expect(ms).toBeLessThan(2000 + STARTUP_ALLOWANCE_MS);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe.skipIf(!onPostgres)('faults while serving, on PostgreSQL', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  });

  async function freshDatabase(): Promise<TestDatabase> {
    const database = await createTestDatabase();
    cleanup.push(() => database.close());
    return database;
  }

  function serve(env: Record<string, string>): Promise<ServerProcess> {
    return startSourceServer({ DEMO_DATA: 'profile', ...env }).then((server) => {
      cleanup.push(() => stopProcess(server.child, 'SIGKILL'));
      return server;
    });
  }

  const post = (url: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: QUERY }) });

  it("keeps serving after the server's backends are terminated during a burst of requests", async () => {
    const database = await freshDatabase();
    const server = await serve({ DATABASE_URL: database.url! });
    const name = new URL(database.url!).pathname.slice(1);
    const admin = postgres(inject('testDatabaseUrl')!, { max: 1, onnotice: () => {} });
    cleanup.push(() => admin.end());

    const burst = Array.from({ length: 40 }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 5));
      const response = await post(server.url);
      return { status: response.status, id: response.headers.get('x-request-id')!, body: (await response.json()) as any };
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    const terminated = await admin`select pg_terminate_backend(pid) as done from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
    expect(terminated.length).toBeGreaterThan(0);
    const results = await Promise.all(burst);
    // Each request got an answer: the data, or a masked error with its request id.
    for (const { body, id } of results) {
      if (body.errors) expect(body.errors[0].extensions.requestId).toBe(id);
      else expect(body.data.papers.totalCount).toBe(18);
    }

    for (let i = 0; i < 10; i++) {
      const response = await post(server.url);
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).data.papers.totalCount).toBe(18);
    }
    expect((await fetch(new URL('/ready', server.url))).status).toBe(200);

    // Every unexpected error was logged once at most per error the client saw, with its request id.
    const records = jsonLines(server.output());
    const logged = records.filter((record) => record.msg === 'unexpected error');
    for (const record of logged) expect(record.requestId).toEqual(expect.any(String));
    for (const { body, id } of results.filter((r) => r.body.errors)) {
      const lines = logged.filter((record) => record.requestId === id).length;
      expect(lines).toBeGreaterThanOrEqual(1);
      expect(lines).toBeLessThanOrEqual(body.errors.length);
    }
    expect(await stopProcess(server.child)).toBe(0);
  });

  it('drains 16 slow requests in flight on SIGTERM and exits 0', async () => {
    const database = await freshDatabase();
    const target = new URL(database.url!);
    const proxy: TcpProxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    cleanup.push(() => proxy.close());
    const server = await serve({ DATABASE_URL: throughProxy(database.url!, proxy), SHUTDOWN_GRACE_MS: '30000', REQUEST_TIMEOUT_MS: '60000' });

    proxy.delayMs = 700; // every answer from PostgreSQL now takes 0.7 s more
    const started = Date.now();
    const requests = Array.from({ length: 16 }, async () => {
      const response = await post(server.url);
      return { status: response.status, body: (await response.json()) as any, ms: Date.now() - started };
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exit = stopProcess(server.child, 'SIGTERM');
    const results = await Promise.all(requests);
    for (const result of results) {
      expect(result.status).toBe(200);
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data.papers.totalCount).toBe(18);
    }
    // They really were in flight when the signal came.
    expect(Math.max(...results.map((r) => r.ms))).toBeGreaterThan(700);
    expect(await exit).toBe(0);
    expect(jsonLines(server.output()).some((record) => /SIGTERM: shutting down/.test(record.msg))).toBe(true);
  });
});
