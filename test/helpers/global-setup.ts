/**
 * Pick the PostgreSQL the tests run against, once per run: TEST_DATABASE_URL when set; else a
 * testcontainers PostgreSQL when a Docker engine answers; else embedded PGlite. Each test file then
 * creates its own database on it (see database.ts). The choice is printed at the start of the run.
 */
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the server to create per-file databases on; null means PGlite. */
    testDatabaseUrl: string | null;
    testDatabaseKind: string;
  }
}

async function startContainer(): Promise<{ url: string; stop: () => Promise<void> } | null> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
  } catch {
    return null; // no Docker engine answers
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:16-alpine').start();
  return { url: container.getConnectionUri(), stop: async () => void (await container.stop()) };
}

export default async function setup(project: TestProject) {
  // The explorer's page, built once for the whole run when missing or stale: the browser tests and every
  // server started from the sources serve it, and would otherwise each build it.
  const { ensureClientBuilt } = await import('../../src/explore/client-build.js');
  const { defaultExploreAssetsDir } = await import('../../src/explore/assets-location.js');
  await ensureClientBuilt(defaultExploreAssetsDir);
  const fromEnv = process.env.TEST_DATABASE_URL;
  if (fromEnv) {
    project.provide('testDatabaseUrl', fromEnv);
    project.provide('testDatabaseKind', 'PostgreSQL from TEST_DATABASE_URL');
    console.log(`[scholargraph tests] database: PostgreSQL from TEST_DATABASE_URL (${new URL(fromEnv).host})`);
    return;
  }
  const container = await startContainer();
  if (container) {
    project.provide('testDatabaseUrl', container.url);
    project.provide('testDatabaseKind', 'PostgreSQL 16 in a testcontainers container');
    console.log('[scholargraph tests] database: PostgreSQL 16 in a testcontainers container');
    return container.stop;
  }
  project.provide('testDatabaseUrl', null);
  project.provide('testDatabaseKind', 'PGlite (embedded)');
  console.log('[scholargraph tests] database: PGlite (no TEST_DATABASE_URL, no Docker engine)');
}
