/**
 * The process: read the environment, open the database (PGlite unless DATABASE_URL is set), migrate,
 * load the demo data into an empty database, listen, and shut down cleanly on SIGTERM / SIGINT.
 */
import { createServer as createHttpServer } from 'node:http';
import { openDatabase } from '../db/client.js';
import { ConfigError, readConfig } from './config.js';
import { databaseIsEmpty, loadDemoData } from './demo-data.js';
import { CoauthorIndex } from './graph/coauthor-index.js';
import { PaperFactsIndex } from './metrics/paper-facts-index.js';
import { createServer } from './server.js';

async function main(): Promise<void> {
  const config = readConfig();
  const handle = await openDatabase({
    url: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    statementTimeoutMs: config.statementTimeoutMs,
  });
  console.log(`database: ${handle.description}`);
  if (config.migrateOnStart) {
    await handle.migrate();
    console.log('migrations applied');
  }
  if (config.demoData !== 'none' && (await databaseIsEmpty(handle.db))) {
    console.log(`loading the ${config.demoData} demo data…`);
    const started = Date.now();
    const summary = await loadDemoData(handle.db, { profileYear: config.profileYear, dataset: config.demoData });
    console.log(
      `demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.papers.inserted} papers, ` +
        `${summary.authors.inserted} authors, ${summary.citations.inserted} citations, ${summary.topics.inserted} topics`,
    );
  }

  // Build the in-memory indexes before listening, so the first request does not wait for them.
  const coauthors = new CoauthorIndex(handle.db);
  const paperFacts = new PaperFactsIndex(handle.db);
  const [graph, facts] = await Promise.all([coauthors.current(), paperFacts.current()]);
  const seconds = (build: { milliseconds: number } | undefined) => ((build?.milliseconds ?? 0) / 1000).toFixed(1);
  console.log(
    `coauthor graph: ${graph.authorCount} authors, ${graph.tieCount} ties (${seconds(coauthors.lastBuild)} s); ` +
      `paper facts: ${facts.paperCount} papers (${seconds(paperFacts.lastBuild)} s)`,
  );
  const yoga = createServer({ db: handle.db, coauthors, paperFacts });
  const http = createHttpServer(yoga);
  http.listen(config.port, config.host, () => {
    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`scholargraph ready: GraphiQL at http://${config.host}:${port}/graphql`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    http.close(() => {
      handle.close().finally(() => process.exit(0));
    });
    http.closeAllConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
});
