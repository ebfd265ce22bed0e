/**
 * The process: read the environment, open the database (the embedded PGlite in `.data/pglite` unless
 * DATABASE_URL is set), migrate, load the demo data into an empty database, listen, and shut down cleanly on
 * SIGTERM / SIGINT, whether the signal comes while serving or while still starting.
 */
import { createServer as createHttpServer } from 'node:http';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { DataDirectoryLockedError } from '../db/pglite-lock.js';
import { ConfigError, readConfig } from './config.js';
import { databaseIsEmpty, loadDemoData } from './demo-data.js';
import { CoauthorIndex } from './graph/coauthor-index.js';
import { drainOnClose } from './http-shutdown.js';
import { PaperFactsIndex } from './metrics/paper-facts-index.js';
import { createServer } from './server.js';

const seconds = (milliseconds: number) => (milliseconds / 1000).toFixed(1);

/** What a signal does; replaced by the draining shutdown once the server listens. */
let onSignal: (signal: string) => void = (signal) => {
  console.log(`${signal} while starting: stopping`);
  void (handle?.close() ?? Promise.resolve()).finally(() => process.exit(0));
};
let handle: DatabaseHandle | undefined;
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.on('SIGINT', () => onSignal('SIGINT'));

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = readConfig();
  const db = await openDatabase({
    url: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    statementTimeoutMs: config.statementTimeoutMs,
  });
  handle = db;
  console.log(`database: ${db.description}`);
  if (config.migrateOnStart) {
    await db.migrate();
    console.log('migrations applied');
  }
  if (config.demoData !== 'none' && (await databaseIsEmpty(db.db))) {
    console.log(`loading the ${config.demoData} demo data…`);
    const loadStarted = Date.now();
    const summary = await loadDemoData(db.db, { profileYear: config.profileYear, dataset: config.demoData });
    console.log(
      `demo data loaded in ${seconds(Date.now() - loadStarted)} s: ${summary.papers.inserted} papers, ` +
        `${summary.authors.inserted} authors, ${summary.citations.inserted} citations, ${summary.topics.inserted} topics`,
    );
  }

  // Build the in-memory indexes before listening, so the first request does not wait for them.
  const coauthors = new CoauthorIndex(db.db);
  const paperFacts = new PaperFactsIndex(db.db);
  const [graph, facts] = await Promise.all([coauthors.current(), paperFacts.current()]);
  console.log(
    `coauthor graph: ${graph.authorCount} authors, ${graph.tieCount} ties (${seconds(coauthors.lastBuild?.milliseconds ?? 0)} s); ` +
      `paper facts: ${facts.paperCount} papers (${seconds(paperFacts.lastBuild?.milliseconds ?? 0)} s)`,
  );
  const yoga = createServer({ db: db.db, coauthors, paperFacts });
  const http = createHttpServer(yoga);
  const drain = drainOnClose(http);
  http.listen(config.port, config.host, () => {
    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`scholargraph ready in ${seconds(Date.now() - startedAt)} s: GraphiQL at http://${config.host}:${port}/graphql`);
  });

  let stopping = false;
  onSignal = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down (requests in flight may finish for ${seconds(config.shutdownGraceMs)} s)`);
    drain
      .close(config.shutdownGraceMs)
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('shutdown failed:', error);
          process.exit(1);
        },
      );
  };
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`configuration error: ${error.message}`);
  else if (error instanceof DataDirectoryLockedError) console.error(error.message);
  else console.error(error);
  void (handle?.close() ?? Promise.resolve()).finally(() => process.exit(1));
});
