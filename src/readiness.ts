/**
 * GET /ready: 200 only when this server can answer queries: the database answers, its migrations are
 * applied, and the in-memory indexes are built. Otherwise 503, with a JSON body naming what failed, so a
 * load balancer stops sending traffic during a database outage and resumes after it. (/health, yoga's
 * own, only says the process is alive.)
 */
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/client.js';
import { failureReason, pendingMigrations, pingDatabase, withDeadline } from './database-check.js';
import type { CoauthorIndex } from './graph/coauthor-index.js';
import type { PaperFactsIndex } from './metrics/paper-facts-index.js';

export interface ReadinessSources {
  db: Database;
  coauthors: CoauthorIndex;
  paperFacts: PaperFactsIndex;
  /** How long each database check may take. */
  timeoutMs: number;
}

export interface Readiness {
  ready: boolean;
  /** Each check: "ok", or why it failed. */
  checks: { database: string; migrations: string; indexes: string };
  /** The names of the checks that failed. */
  failed: string[];
}

const OK = 'ok';

/** How long each database check of GET /ready may take unless READY_TIMEOUT_MS says otherwise. */
export const DEFAULT_READY_TIMEOUT_MS = 2_000;

async function check({ db, coauthors, paperFacts, timeoutMs }: ReadinessSources): Promise<Readiness> {
  let database = OK;
  let migrations = 'not checked: the database does not answer';
  try {
    await pingDatabase(db, timeoutMs);
  } catch (error) {
    database = `does not answer: ${failureReason(error)}`;
  }
  if (database === OK) {
    try {
      migrations = (await withDeadline(pendingMigrations(db), timeoutMs)) ?? OK;
    } catch (error) {
      migrations = `could not be checked: ${failureReason(error)}`;
    }
  }
  const unbuilt = Object.entries({ 'coauthor graph': coauthors, 'paper facts': paperFacts })
    .filter(([, index]) => index.built === undefined)
    .map(([name, index]) => {
      // A server started without building them first: start now, so it becomes ready without a query.
      if (database === OK && migrations === OK) index.current().catch(() => {});
      return name;
    });
  const indexes = unbuilt.length === 0 ? OK : `not built yet: ${unbuilt.join(', ')}`;
  const checks = { database, migrations, indexes };
  const failed = Object.entries(checks).filter(([, result]) => result !== OK).map(([name]) => name);
  return { ready: failed.length === 0, checks, failed };
}

/** Probes arriving together share one round of checks. */
export function readinessCheck(sources: ReadinessSources): () => Promise<Readiness> {
  let running: Promise<Readiness> | undefined;
  return () => (running ??= check(sources).finally(() => (running = undefined)));
}

export function useReadiness(sources: ReadinessSources, endpoint = '/ready'): Plugin {
  const ready = readinessCheck(sources);
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname !== endpoint || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      return ready().then((readiness) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify(readiness), {
            status: readiness.ready ? 200 : 503,
            headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
          }),
        ),
      );
    },
  };
}
