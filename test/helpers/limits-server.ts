/**
 * A real HTTP server (node:http on 127.0.0.1, a free port) in front of `createServer`, on a test database
 * holding the demo profile: for what only a socket shows (content-length, chunked bodies, status codes).
 */
import { loadDemoData } from '../../src/demo-data.js';
import type { RequestLimits } from '../../src/limits/index.js';
import { createServer } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { listen } from './http-server.js';

export interface LimitsTestServer {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:40123/graphql. */
  url: string;
  database: TestDatabase;
  unexpectedErrors: unknown[];
  close(): Promise<void>;
}

export async function startLimitsTestServer(limits?: Partial<RequestLimits>): Promise<LimitsTestServer> {
  const database = await createTestDatabase();
  await loadDemoData(database.handle.db, { profileYear: 2026, dataset: 'profile' });
  const unexpectedErrors: unknown[] = [];
  const yoga = createServer({ db: database.handle.db, limits, logError: (_id, error) => void unexpectedErrors.push(error) });
  const server = await listen(yoga);
  return {
    url: `${server.origin}/graphql`,
    database,
    unexpectedErrors,
    close: async () => {
      await server.close();
      await database.close();
    },
  };
}
