/**
 * PostGraphile 4 over the same database as scholargraph, for `npm run bench:pages`
 * (scripts/bench-pages.ts starts it as a child process).
 *
 *   DATABASE_URL=postgres://… PORT=5000 HOST=127.0.0.1 POOL_SIZE=10 node bench/peer/postgraphile-server.cjs
 *
 * The options are PostGraphile's recommended production settings for a read-only API: schema `public`, no
 * CRUD mutations, JSON as JSON, no watch mode, no GraphiQL, no query log. The one plugin,
 * @graphile-contrib/pg-order-by-related, adds orderBy values on a related table's columns: without it a
 * connection of authorships or citations cannot be sorted by the papers' dates, and "an author's newest
 * papers" could not be asked for at all.
 */
'use strict';
const { createServer } = require('node:http');
const { Pool } = require('pg');
const { postgraphile } = require('postgraphile');
const PgOrderByRelatedPlugin = require('@graphile-contrib/pg-order-by-related');

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 5000);
const host = process.env.HOST ?? '127.0.0.1';
const poolSize = Number(process.env.POOL_SIZE ?? 10);

const pool = new Pool({
  connectionString: databaseUrl,
  max: poolSize,
  // node-postgres closes a connection after 10 s idle by default; scholargraph's pool (postgres.js) keeps
  // its connections. Between two rounds of the benchmark the pool idles while the other server is measured,
  // and reconnecting (a new backend, cold catalog caches) would then be timed on this side only.
  idleTimeoutMillis: 0,
});
pool.on('error', (error) => console.error(`pool error: ${error.message}`));

const middleware = postgraphile(pool, 'public', {
  dynamicJson: true,
  disableDefaultMutations: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  watchPg: false,
  graphiql: false,
  disableQueryLog: true,
  legacyRelations: 'omit',
  retryOnInitFail: false,
  appendPlugins: [PgOrderByRelatedPlugin],
});

const server = createServer(middleware);
server.listen(port, host, () => console.log(`postgraphile ready: http://${host}:${server.address().port}/graphql (pool ${poolSize})`));

function stop() {
  server.close();
  server.closeAllConnections();
  void middleware.release().finally(() => pool.end().finally(() => process.exit(0)));
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
