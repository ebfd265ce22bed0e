/** Every environment variable the server reads, parsed in one place with defaults and clear errors. */
import { LOG_LEVELS, type LogLevel } from './logger.js';
import { DEFAULT_MAX_CONCURRENT_EXPORTS } from './bulk/export-defaults.js';
import { defaultPgliteDir } from './package-root.js';
import { DEFAULT_ISOLATION } from './isolation/index.js';
import { readLimits } from './limits/limits-from-env.js';
import { DEFAULT_READY_TIMEOUT_MS } from './readiness.js';
import type { RequestLimits } from './limits/request-limits.js';

export interface AppConfig {
  port: number;
  host: string;
  /** PostgreSQL URL; absent means embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory (default `.data/pglite` in the installation); absent keeps PGlite in memory. */
  pgliteDir?: string;
  migrateOnStart: boolean;
  /** Which demo data to load when the database holds no papers (`none` to load nothing). */
  demoData: 'full' | 'profile' | 'none';
  /** Year given to profile dates that show none ("May 27"). */
  profileYear: number;
  statementTimeoutMs: number;
  /** On SIGTERM, how long requests in flight may take to finish before their connections are cut. */
  shutdownGraceMs: number;
  /** How long connecting to PostgreSQL may take; at start, the process gives up after it. */
  databaseConnectTimeoutMs: number;
  /** Connections postgres.js keeps to PostgreSQL (statements beyond them are pipelined on open ones). */
  databasePoolSize: number;
  /** How long each database check of GET /ready may take. */
  readyTimeoutMs: number;
  logLevel: LogLevel;
  /** Origins whose pages may call the API (CORS); empty: same-origin only. */
  corsOrigins: string[];
  /** Sizes and shapes a request must stay within (MAX_BODY_BYTES, MAX_TOKENS…; see src/limits/). */
  limits: RequestLimits;
  /** A request's time budget; then its remaining work is cancelled (TIMEOUT). */
  requestTimeoutMs: number;
  /** Heavy operations (graph searches, aggregates, full-text counts) running at once, waiting, and the longest wait. */
  heavyConcurrency: number;
  heavyQueue: number;
  heavyMaxWaitMs: number;
  /** Bulk exports (/export/papers.ndjson…) streaming at once; one more is refused with SERVER_BUSY. */
  maxConcurrentExports: number;
}

export class ConfigError extends Error {}

/** postgres.js's own default; smaller pools, which pipeline more statements per connection, did no better. */
export const DEFAULT_POOL_SIZE = 10;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false; got "${env[name]}".`);
}

function demoDataset(env: NodeJS.ProcessEnv): AppConfig['demoData'] {
  const raw = (env.DEMO_DATA ?? '').toLowerCase();
  if (raw === '' || raw === 'full' || raw === 'true') return 'full';
  if (raw === 'profile') return 'profile';
  if (raw === 'none' || raw === 'false') return 'none';
  throw new ConfigError(`DEMO_DATA must be full, profile or none; got "${env.DEMO_DATA}".`);
}

function logLevel(env: NodeJS.ProcessEnv): LogLevel {
  const raw = (env.LOG_LEVEL ?? '').toLowerCase();
  if (raw === '') return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${env.LOG_LEVEL}".`);
}

/** `https://app.example.org,https://admin.example.org`: exact origins (scheme, host, port), or `*`. */
function corsOrigins(env: NodeJS.ProcessEnv): string[] {
  const origins = (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(`CORS_ORIGINS must be a comma-separated list of origins like https://app.example.org (no path), or *; got "${origin}".`);
    }
  }
  return origins;
}

/** `PGLITE_DIR=memory://` asks for an embedded database that lives only as long as the process. */
export const IN_MEMORY = 'memory://';

function pgliteDir(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.PGLITE_DIR;
  if (raw === undefined || raw === '') return defaultPgliteDir;
  if (raw === IN_MEMORY || raw.toLowerCase() === 'memory') return undefined;
  return raw;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://; leave it unset for embedded PGlite.');
  }
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || 'localhost',
    databaseUrl,
    pgliteDir: databaseUrl ? undefined : pgliteDir(env),
    migrateOnStart: flag(env, 'MIGRATE_ON_START', true),
    demoData: demoDataset(env),
    profileYear: integer(env, 'PROFILE_YEAR', new Date().getUTCFullYear(), 1900, 2200),
    statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', 15000, 100, 3_600_000),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    databaseConnectTimeoutMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', 10_000, 100, 600_000),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', DEFAULT_POOL_SIZE, 1, 1000),
    readyTimeoutMs: integer(env, 'READY_TIMEOUT_MS', DEFAULT_READY_TIMEOUT_MS, 100, 60_000),
    logLevel: logLevel(env),
    corsOrigins: corsOrigins(env),
    limits: readLimits(env, integer, flag),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', DEFAULT_ISOLATION.requestTimeoutMs, 100, 3_600_000),
    heavyConcurrency: integer(env, 'HEAVY_CONCURRENCY', DEFAULT_ISOLATION.concurrency, 1, 1000),
    heavyQueue: integer(env, 'HEAVY_QUEUE', DEFAULT_ISOLATION.queueLength, 0, 100_000),
    heavyMaxWaitMs: integer(env, 'HEAVY_MAX_WAIT_MS', DEFAULT_ISOLATION.maxWaitMs, 0, 3_600_000),
    maxConcurrentExports: integer(env, 'MAX_CONCURRENT_EXPORTS', DEFAULT_MAX_CONCURRENT_EXPORTS, 1, 1000),
  };
}
