/**
 * No request stalls everyone: against a real HTTP server (node:http on a random port), heavy requests
 * are admitted a few at a time and the rest refused quickly with SERVER_BUSY, light requests are answered
 * meanwhile, and the database work of a request whose client went away, or whose time ran out, is
 * cancelled. A slow statement is made by holding a lock on `papers` from another connection: every
 * full-text search then waits on it for as long as the test wants, on any machine.
 */
import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queryRows } from '../db/queries/raw.js';
import { writeBatch } from '../src/import/writer.js';
import type { IsolationOptions } from '../src/isolation/index.js';
import { createLogger } from '../src/logger.js';
import { createServer } from '../src/server.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { listen as listenOnFreePort } from './helpers/http-server.js';
import { syntheticBatch } from './helpers/synthetic.js';

let database: TestDatabase;
let databaseName = '';
/** A connection of the test's own, to watch pg_stat_activity (PostgreSQL only). */
let monitor: postgres.Sql | undefined;
let centerId = '';
const onPostgres = () => database.handle.kind === 'postgres';

beforeAll(async () => {
  database = await createTestDatabase();
  // Dense enough that a depth-3 network of 2,000 authors has thousands of ties: tens of ms of work.
  await writeBatch(database.handle.db, syntheticBatch({ authors: 2500, papers: 6000, authorsPerPaper: 6, seed: 7 }));
  const [center] = await queryRows<{ id: number }>(
    database.handle.db,
    sql`select author_id as id from authorships group by author_id order by count(*) desc, author_id limit 1`,
  );
  centerId = Buffer.from(`Author:${center!.id}`).toString('base64');
  if (onPostgres()) {
    const [row] = await queryRows<{ name: string }>(database.handle.db, sql`select current_database() as name`);
    databaseName = row!.name;
    monitor = postgres(inject('testDatabaseUrl')!, { max: 1, onnotice: () => {} });
  }
});

afterAll(async () => {
  await monitor?.end();
  await database?.close();
});

interface Running {
  url: string;
  /** Errors the server reported as unexpected: stopping a request is not one. */
  unexpected: unknown[];
  close(): Promise<void>;
}

/** A server of its own for one test, with the given isolation settings, listening on 127.0.0.1. */
async function listen(isolation: Partial<IsolationOptions>): Promise<Running> {
  const unexpected: unknown[] = [];
  const yoga = createServer({
    db: database.handle.db,
    isolation,
    logger: createLogger({ level: 'silent' }),
    logError: (_requestId, error) => void unexpected.push(error),
  });
  const server = await listenOnFreePort(yoga);
  return { url: `${server.origin}/graphql`, unexpected, close: server.close };
}

interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post(url: string, query: string, signal?: AbortSignal): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
    signal,
  });
  const body = (await response.json()) as Answer['body'];
  return { status: response.status, ms: performance.now() - started, retryAfter: response.headers.get('retry-after'), body };
}

/** Send `count` copies of `query` at once from a child process; `done` gives their HTTP statuses. */
function burst(url: string, query: string, count: number): { started: Promise<void>; done: Promise<number[]> } {
  const script = `
    const body = JSON.stringify({ query: process.env.QUERY });
    const requests = Array.from({ length: Number(process.env.COUNT) }, () =>
      fetch(process.env.URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (r) => (await r.arrayBuffer(), r.status)));
    console.log('sent');
    Promise.all(requests).then((statuses) => console.log(JSON.stringify(statuses)));`;
  const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, URL: url, QUERY: query, COUNT: String(count) } });
  let output = '';
  let started!: () => void;
  const startedPromise = new Promise<void>((resolve) => (started = resolve));
  child.stdout.on('data', (chunk) => {
    output += chunk;
    if (output.includes('sent')) started();
  });
  const done = new Promise<number[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => {
      try {
        resolve(JSON.parse(output.split('\n')[1]!) as number[]);
      } catch (error) {
        reject(new Error(`burst failed: ${output}`, { cause: error }));
      }
    });
  });
  // The requests are under way once the child has sent them and the server has had a moment to read them.
  return { started: startedPromise.then(() => new Promise((resolve) => setTimeout(resolve, 100))), done };
}

const codes = (answer: Answer) => (answer.body.errors ?? []).map((e) => e.extensions?.code);

/**
 * Thousands of edges for the server to find and build, each small in the answer, so the test (client and
 * server share one thread here) spends little time reading it.
 */
const networkQuery = () => `{ coauthorNetwork(authorId: "${centerId}", depth: 3, limit: 2000) { truncated edges { paperCount } } }`;
/** A light request that reads the database: an author's name and paper count. */
const profileQuery = () => `{ node(id: "${centerId}") { ... on Author { name paperCount } } }`;
/** Full-text searches: heavy, and (while `papers` is locked) as slow as the test wants. */
const searchQuery = (word: string) => `{ papers(filter: { search: "${word}" }) { totalCount } }`;

/** Hold an exclusive lock on `papers` from a connection of the pool's until `release` is called. */
async function lockPapers(): Promise<{ release(): Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const transaction = database.handle.db.transaction(async (tx) => {
    await tx.execute(sql`lock table papers in access exclusive mode`);
    locked();
    await released;
  });
  await isLocked;
  return {
    async release() {
      release();
      await transaction;
    },
  };
}

/** Statements of the server running now in the test database (the monitor's own and idle ones excluded). */
async function activeStatements(): Promise<{ query: string; wait: string | null }[]> {
  return monitor!.unsafe(
    `select query, wait_event_type as wait from pg_stat_activity
      where datname = $1 and state = 'active' and pid <> pg_backend_pid()`,
    [databaseName],
  );
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return performance.now() - started;
}

const searchesWaiting = async () => (await activeStatements()).some((s) => s.wait === 'Lock' && s.query.includes('search_vector'));

describe('request isolation', () => {
  it('answers light requests quickly while heavy network requests run', async () => {
    const server = await listen({ queueLength: 50, maxWaitMs: 30_000 });
    try {
      const alone = await post(server.url, networkQuery());
      expect(alone.body.errors).toBeUndefined();
      expect(alone.body.data.coauthorNetwork.edges.length).toBeGreaterThan(1000);
      expect((await post(server.url, profileQuery())).body.errors).toBeUndefined();

      // The heavy clients run in a process of their own, as real clients do: reading twenty answers here
      // would put the client's work on the server's thread.
      const heavy = burst(server.url, networkQuery(), 20);
      await heavy.started;
      const light: Answer[] = [];
      for (let i = 0; i < 3; i++) {
        light.push(await post(server.url, '{ __typename }'));
        light.push(await post(server.url, profileQuery()));
      }
      const lightDone = performance.now();
      const statuses = await heavy.done;
      const heavyDone = performance.now();
      expect(statuses).toEqual(Array(20).fill(200));
      for (const answer of light) expect(answer.body.errors).toBeUndefined();
      // Generous (test files run side by side on two cores): a light request waits for the synchronous
      // stretch of a heavy one or a few, never for all twenty.
      expect(Math.max(...light.map((a) => a.ms))).toBeLessThan(Math.max(2_500, 5 * alone.ms));
      expect(lightDone).toBeLessThan(heavyDone);
    } finally {
      await server.close();
    }
  });

  it.runIf(inject('testDatabaseUrl'))('answers light requests at once while heavy ones wait on a slow statement', async () => {
    const server = await listen({ concurrency: 2, queueLength: 10, maxWaitMs: 30_000 });
    const lock = await lockPapers();
    try {
      const heavy = ['graph', 'neural', 'model', 'topic'].map((word) => post(server.url, searchQuery(word)));
      await waitFor(searchesWaiting, 5_000);
      const trivial = await post(server.url, '{ __typename }');
      const profile = await post(server.url, profileQuery());
      expect(trivial.body.data).toEqual({ __typename: 'Query' });
      expect(profile.body.errors).toBeUndefined();
      expect(Math.max(trivial.ms, profile.ms)).toBeLessThan(1_000);
      // At most two heavy statements at once, whatever the number of heavy requests.
      expect((await activeStatements()).length).toBeLessThanOrEqual(2);
      await lock.release();
      for (const answer of await Promise.all(heavy)) expect(answer.body.errors).toBeUndefined();
    } finally {
      await lock.release();
      await server.close();
    }
  });

  it.runIf(inject('testDatabaseUrl'))('refuses heavy requests over the queue bound at once with SERVER_BUSY and 503', async () => {
    const server = await listen({ concurrency: 1, queueLength: 1, maxWaitMs: 30_000 });
    const lock = await lockPapers();
    try {
      const first = post(server.url, searchQuery('graph'));
      await waitFor(searchesWaiting, 5_000);
      const second = post(server.url, searchQuery('neural'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const refused = await Promise.all(['model', 'topic', 'parsing'].map((word) => post(server.url, searchQuery(word))));
      for (const answer of refused) {
        expect(codes(answer)).toEqual(['SERVER_BUSY']);
        expect(answer.status).toBe(503);
        expect(answer.retryAfter).toBe('1');
        expect(answer.ms).toBeLessThan(1_000);
      }
      await lock.release();
      expect((await first).body.errors).toBeUndefined();
      expect((await second).body.errors).toBeUndefined();
    } finally {
      await lock.release();
      await server.close();
    }
  });

  it.runIf(inject('testDatabaseUrl'))('refuses a request whose wait for a place is too long', async () => {
    const server = await listen({ concurrency: 1, queueLength: 10, maxWaitMs: 300 });
    const lock = await lockPapers();
    try {
      const first = post(server.url, searchQuery('graph'));
      await waitFor(searchesWaiting, 5_000);
      const waited = await post(server.url, searchQuery('neural'));
      expect(codes(waited)).toEqual(['SERVER_BUSY']);
      expect(waited.ms).toBeLessThan(2_000);
      await lock.release();
      expect((await first).body.errors).toBeUndefined();
    } finally {
      await lock.release();
      await server.close();
    }
  });

  it.runIf(inject('testDatabaseUrl'))('cancels the statements of a request whose client disconnected', async () => {
    const server = await listen({ concurrency: 2, queueLength: 10, maxWaitMs: 30_000 });
    const lock = await lockPapers();
    try {
      const client = new AbortController();
      const request = post(server.url, searchQuery('graph'), client.signal).catch((error: unknown) => error);
      await waitFor(searchesWaiting, 5_000);
      client.abort();
      expect(await request).toMatchObject({ name: 'AbortError' });
      // The statement is cancelled while the lock is still held: nothing of the server's is left running.
      const freedIn = await waitFor(async () => (await activeStatements()).length === 0, 3_000);
      expect(freedIn).toBeLessThan(3_000);
      // And the server still answers.
      expect((await post(server.url, '{ __typename }')).body.data).toEqual({ __typename: 'Query' });
      expect(server.unexpected).toEqual([]);
    } finally {
      await lock.release();
      await server.close();
    }
  });

  it.runIf(inject('testDatabaseUrl'))('stops a request that runs out of time with TIMEOUT and frees the database', async () => {
    const server = await listen({ requestTimeoutMs: 500, concurrency: 2, queueLength: 10, maxWaitMs: 30_000 });
    const lock = await lockPapers();
    try {
      const answer = await post(server.url, searchQuery('graph'));
      expect(codes(answer)).toEqual(['TIMEOUT']);
      expect(answer.ms).toBeLessThan(3_000);
      // Cancelled while the lock is still held: the statement did not just finish on its own.
      const freedIn = await waitFor(async () => (await activeStatements()).length === 0, 3_000);
      expect(freedIn).toBeLessThan(3_000);
      expect(server.unexpected).toEqual([]);
    } finally {
      await lock.release();
      await server.close();
    }
  });
});
