/** A server on an isolated database, queried the way clients do: HTTP through `yoga.fetch`. */
import { afterAll, beforeAll } from 'vitest';
import { createServer, type Server } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } }[];
  /** The raw body text, to check that nothing internal leaks. */
  text: string;
}

export interface TestServer {
  yoga: Server;
  database: TestDatabase;
  /** Logged unexpected errors (a test of good input expects none). */
  unexpectedErrors: unknown[];
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

export async function startTestServer(): Promise<TestServer> {
  const database = await createTestDatabase();
  const unexpectedErrors: unknown[] = [];
  const yoga = createServer({ db: database.handle.db, logError: (_id, error) => void unexpectedErrors.push(error) });
  return {
    yoga,
    database,
    unexpectedErrors,
    async query(query, variables) {
      const response = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      const body = JSON.parse(text) as { data?: unknown; errors?: GraphQLResponse['errors'] };
      return { status: response.status, data: body.data as any, errors: body.errors, text };
    },
  };
}

/**
 * One server per test file, set up before its tests and torn down after. `seed` writes the file's data
 * through the importer before any test runs.
 */
export function useTestServer(seed?: (server: TestServer) => Promise<void>): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer();
    if (seed) await seed(server);
    server.database.statements.length = 0;
  });
  afterAll(async () => {
    await server?.database.close();
  });
  return () => {
    if (!server) throw new Error('test server not started');
    return server;
  };
}
