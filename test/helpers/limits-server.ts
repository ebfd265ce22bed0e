/**
 * A real HTTP server (node:http on 127.0.0.1, a free port) in front of `createServer`, on a test database
 * holding the demo profile: for what only a socket shows (content-length, chunked bodies, status codes).
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadDemoData } from '../../src/demo-data.js';
import type { RequestLimits } from '../../src/limits/index.js';
import { createServer } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from './database.js';

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
  const http: HttpServer = createHttpServer(yoga);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    database,
    unexpectedErrors,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await database.close();
    },
  };
}
