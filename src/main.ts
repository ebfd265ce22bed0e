/**
 * The process: read the environment, open the database (the embedded PGlite in `.data/pglite` unless
 * DATABASE_URL is set), migrate, load the demo data into an empty database, listen, and shut down cleanly on
 * SIGTERM / SIGINT, whether the signal comes while serving or while still starting.
 */
import { createServer as createHttpServer } from 'node:http';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { DataDirectoryLockedError } from '../db/pglite-lock.js';
import { ConfigError, readConfig } from './config.js';
import { checkDatabaseAtStart, DatabaseUnreachableError } from './database-check.js';
import { databaseIsEmpty, loadDemoData } from './demo-data.js';
import { CoauthorIndex } from './graph/coauthor-index.js';
import { runningCompiled, defaultExploreAssetsDir } from './explore/assets-location.js';
import { drainOnClose } from './http-shutdown.js';
import { createLogger } from './logger.js';
import { PaperFactsIndex } from './metrics/paper-facts-index.js';
import { createServer } from './server.js';

const seconds = (milliseconds: number) => (milliseconds / 1000).toFixed(1);

/** JSON lines on stdout (see logger.ts); at level info until LOG_LEVEL has been read. */
const log = createLogger();

/** What a signal does; replaced by the draining shutdown once the server listens. */
let onSignal: (signal: string) => void = (signal) => {
  log.info(`${signal} while starting: stopping`);
  void (handle?.close() ?? Promise.resolve()).finally(() => process.exit(0));
};
let handle: DatabaseHandle | undefined;
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.on('SIGINT', () => onSignal('SIGINT'));

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = readConfig();
  log.level = config.logLevel;
  // From the sources (`npm start`), the explorer page is built when missing or older than its sources,
  // beside opening the database; the compiled server serves the copy `npm run build` made.
  const explorerBuilt = runningCompiled ? Promise.resolve() : buildExplorerIfNeeded();
  const db = await openDatabase({
    url: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    statementTimeoutMs: config.statementTimeoutMs,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    maxConnections: config.databasePoolSize,
  });
  handle = db;
  // A database that is down or silent stops the start here, with one line, not in a migration's stack trace.
  await checkDatabaseAtStart(db.db, db.description, config.databaseConnectTimeoutMs);
  log.info(`database: ${db.description}`);
  if (config.migrateOnStart) {
    await db.migrate();
    log.info('migrations applied');
  }
  if (config.demoData !== 'none' && (await databaseIsEmpty(db.db))) {
    log.info(`loading the ${config.demoData} demo data…`);
    const loadStarted = Date.now();
    const summary = await loadDemoData(db.db, { profileYear: config.profileYear, dataset: config.demoData });
    log.info(
      `demo data loaded in ${seconds(Date.now() - loadStarted)} s: ${summary.papers.inserted} papers, ` +
        `${summary.authors.inserted} authors, ${summary.citations.inserted} citations, ${summary.topics.inserted} topics`,
    );
  }

  await explorerBuilt;

  // Build the in-memory indexes before listening, so the first request does not wait for them.
  const coauthors = new CoauthorIndex(db.db);
  const paperFacts = new PaperFactsIndex(db.db);
  const [graph, facts] = await Promise.all([coauthors.current(), paperFacts.current()]);
  log.info(
    `coauthor graph: ${graph.authorCount} authors, ${graph.tieCount} ties (${seconds(coauthors.lastBuild?.milliseconds ?? 0)} s); ` +
      `paper facts: ${facts.paperCount} papers (${seconds(paperFacts.lastBuild?.milliseconds ?? 0)} s)`,
  );
  const yoga = createServer({
    db: db.db,
    coauthors,
    paperFacts,
    logger: log,
    corsOrigins: config.corsOrigins,
    readyTimeoutMs: config.readyTimeoutMs,
    processMetrics: true,
    limits: config.limits,
    isolation: {
      requestTimeoutMs: config.requestTimeoutMs,
      concurrency: config.heavyConcurrency,
      queueLength: config.heavyQueue,
      maxWaitMs: config.heavyMaxWaitMs,
    },
    bulkExport: { maxConcurrent: config.maxConcurrentExports },
  });
  const http = createHttpServer(yoga);
  const drain = drainOnClose(http);
  http.listen(config.port, config.host, () => {
    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    // The address is followed by a space: tools that wait for the line take the URL up to the next one.
    log.info({ url: `http://${config.host}:${port}/graphql` }, `scholargraph ready: GraphiQL at http://${config.host}:${port}/graphql (started in ${seconds(Date.now() - startedAt)} s)`);
    log.info(`collaboration explorer at http://${config.host}:${port}/explore`);
  });

  let stopping = false;
  onSignal = (signal) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down (requests in flight may finish for ${seconds(config.shutdownGraceMs)} s)`);
    drain
      .close(config.shutdownGraceMs)
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
}

async function buildExplorerIfNeeded(): Promise<void> {
  const { ensureClientBuilt } = await import('./explore/client-build.js');
  const started = Date.now();
  try {
    if (await ensureClientBuilt(defaultExploreAssetsDir)) log.info(`explorer page built in ${seconds(Date.now() - started)} s`);
  } catch (error) {
    // The API does not need the page: serve it anyway, /explore then says the page is not built.
    log.error({ err: error }, 'the explorer page could not be built');
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) log.fatal(`configuration error: ${error.message}`);
  else if (error instanceof DataDirectoryLockedError || error instanceof DatabaseUnreachableError) log.fatal(error.message);
  else log.fatal({ err: error }, 'start-up failed');
  // Connections still trying to reach a silent database would hold the exit for the pool's own timeout.
  const closing = error instanceof DatabaseUnreachableError ? Promise.resolve() : (handle?.close() ?? Promise.resolve());
  void closing.finally(() => process.exit(1));
});
