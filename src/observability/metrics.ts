/**
 * GET /metrics in Prometheus text format: yoga's own request, duration and error metrics, plus gauges for
 * what this server holds: the database pool and each in-memory index (when it was last built, how long that
 * took, which data version it reflects, how big it is).
 *
 * Every server gets a registry of its own: prom-client's global one refuses a metric name registered twice,
 * and a test process creates many servers.
 */
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Database } from '../../db/client.js';
import type { CoauthorIndex } from '../graph/coauthor-index.js';
import type { PaperFactsIndex } from '../metrics/paper-facts-index.js';

export interface MetricsSources {
  db: Database;
  coauthors: CoauthorIndex;
  paperFacts: PaperFactsIndex;
  /** Also export Node's process metrics (memory, CPU, event loop): once per process, not per test server. */
  processMetrics?: boolean;
}

/**
 * The most connections the pool opens. Drizzle keeps the driver's client as `$client`: a postgres.js
 * client carries its options; PGlite is one connection in process.
 */
function poolMax(db: Database): number {
  const client = (db as unknown as { $client?: { options?: { max?: unknown } } }).$client;
  const max = client?.options?.max;
  return typeof max === 'number' ? max : 1;
}

const isPglite = (db: Database) => typeof (db as unknown as { $client?: { options?: unknown } }).$client?.options !== 'object';

function registerGauges(registry: Registry, { db, coauthors, paperFacts }: MetricsSources): void {
  const indexes = { coauthors, paper_facts: paperFacts } as const;
  const perIndex = (name: string, help: string, value: (index: CoauthorIndex | PaperFactsIndex) => number | undefined) =>
    new Gauge({
      name,
      help,
      labelNames: ['index'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [label, index] of Object.entries(indexes)) {
          const v = value(index);
          if (v !== undefined) this.set({ index: label }, v);
        }
      },
    });
  const single = (name: string, help: string, value: () => number | undefined) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        const v = value();
        if (v !== undefined) this.set(v);
      },
    });

  single('scholargraph_db_pool_max_connections', 'Most database connections the pool opens (PGlite: 1, in process).', () => poolMax(db));
  // postgres.js does not say how many of its connections are open; PGlite always has its one.
  if (isPglite(db)) single('scholargraph_db_pool_open_connections', 'Database connections open (PGlite: 1, in process).', () => 1);

  perIndex('scholargraph_index_last_build_timestamp_seconds', 'When the in-memory index was last built (Unix time).', (i) =>
    i.lastBuild ? i.lastBuild.finishedAt / 1000 : undefined,
  );
  perIndex('scholargraph_index_build_duration_seconds', 'How long the last build of the in-memory index took.', (i) =>
    i.lastBuild ? i.lastBuild.milliseconds / 1000 : undefined,
  );
  perIndex('scholargraph_index_version', 'The data version the in-memory index was last built from (data_versions).', (i) => i.lastBuild?.version);
  perIndex('scholargraph_index_bytes', 'Memory held by the in-memory index.', (i) => i.lastBuild?.bytes);
  single('scholargraph_coauthor_graph_authors', 'Authors in the coauthor graph.', () => coauthors.built?.authorCount);
  single('scholargraph_coauthor_graph_ties', 'Coauthor ties (pairs of authors with a paper together) in the coauthor graph.', () => coauthors.built?.tieCount);
  single('scholargraph_paper_facts_papers', 'Papers in the in-memory paper facts.', () => paperFacts.built?.paperCount);
}

export function useMetrics(sources: MetricsSources, endpoint = '/metrics'): Plugin {
  const registry = new Registry();
  registerGauges(registry, sources);
  if (sources.processMetrics) collectDefaultMetrics({ register: registry });
  return usePrometheus({
    registry,
    endpoint,
    // Labels a client chooses (its operation names, its URLs with their query strings) would let it grow
    // the number of series without bound.
    labels: { operationName: false, url: false },
    // Left out for what they cost per request: the deprecated-field counter walks every document
    // (this schema deprecates nothing), the summary repeats the request histogram with costlier quantiles,
    // and parse and validation are answered from yoga's caches, so their histograms time cache lookups.
    metrics: {
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
    },
  });
}
