/**
 * npm run bench:bulk -- [--papers 2000000] [--fresh] [--batch-size 2000] [--pglite]
 *
 * The NDJSON paper export (GET /export/papers.ndjson) over a large database, beside PostgreSQL's own
 * `COPY (the same rows) TO STDOUT` in the same run: papers/s, bytes, and the server's extra resident
 * memory while it streams (sampled every 50 ms, over the RSS before the export), plain, gzip and br.
 *
 * The database (`scholargraph_bench_bulk_<N>` on BENCH_DATABASE_URL / DATABASE_URL / local PostgreSQL) is
 * made once: migrated, then filled set-based in SQL with N papers of realistic width (title, ~300-character
 * abstract, date, DOI, arXiv id, counts). The importer would take most of an hour for two million papers
 * on this machine and is measured by bench:import; here only the export's rows matter.
 * The server runs in this process and is read by `curl` (a separate process writing to /dev/null), so the
 * RSS sampled is the server's alone. With --pglite the papers go into an embedded in-memory PGlite instead
 * (the default database), whose memory is this process's too; there is no COPY baseline then.
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { createServer } from '../src/server.js';
import { createLogger } from '../src/logger.js';
import { benchServerUrl, machine, writeResult } from './bench-support.js';
import { measurePaperExport, printExportTable } from './bench-paper-export.js';

const { values } = parseArgs({
  options: {
    papers: { type: 'string', default: '2000000' },
    fresh: { type: 'boolean', default: false },
    'batch-size': { type: 'string', default: '2000' },
    pglite: { type: 'boolean', default: false },
  },
});
const paperCount = Number(values.papers);
const batchSize = Number(values['batch-size']);
const name = `scholargraph_bench_bulk_${paperCount}`;
const url = Object.assign(new URL(benchServerUrl), { pathname: `/${name}` }).toString();

const FILL_CHUNK = 250_000;

/** Insert `count` papers, set-based in chunks, through `execute`; deterministic rows from the id. */
async function fillPapers(execute: (statement: string) => Promise<unknown>, count: number): Promise<void> {
  const started = performance.now();
  for (let from = 1; from <= count; from += FILL_CHUNK) {
    const to = Math.min(count, from + FILL_CHUNK - 1);
    // Deterministic rows from the id: words cycle, years 1990..2025, a third with code.
    await execute(`
      insert into papers (title, title_key, abstract, published_at, year, doi, arxiv_id, code_url, has_code, reported_citation_count)
      select t, lower(t), a, make_date(1990 + i % 36, 1 + i % 12, 1 + i % 28), 1990 + i % 36,
        '10.5555/bulk.' || i, case when i % 2 = 0 then lpad((i % 10000)::text, 4, '0') || '.' || lpad(i::text, 7, '0') end,
        case when i % 3 = 0 then 'https://example.org/code/' || i end, i % 3 = 0, case when i % 4 = 0 then i % 997 end
      from generate_series(${from}, ${to}) i,
        lateral (select (array['Graph','Neural','Citation','Sparse','Robust','Latent'])[1 + i % 6] || ' ' ||
          (array['retrieval','parsing','networks','embeddings','models','search'])[1 + (i / 6) % 6] || ' for study ' || i as t) tt,
        lateral (select 'We study ' || lower(tt.t) || ' with a method that scales to large corpora and report results on ' ||
          (i % 50) || ' benchmarks, showing consistent gains over strong baselines while keeping the cost of training and inference low enough for everyday use.' as a) aa`);
    console.error(`filled ${to.toLocaleString('en-US')} papers (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await execute('vacuum analyze papers');
}

/** The PostgreSQL bench database, made and filled unless it already holds the papers. */
async function ensureDatabase(): Promise<void> {
  const admin = postgres(benchServerUrl, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists && !values.fresh) {
      const db = postgres(url, { max: 1, onnotice: () => {} });
      const [{ n }] = (await db`select count(*)::int as n from papers`) as unknown as [{ n: number }];
      await db.end();
      if (n === paperCount) return;
    }
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ url });
  await handle.migrate();
  await handle.close();
  const db = postgres(url, { max: 1, onnotice: () => {} });
  await fillPapers((statement) => db.unsafe(statement), paperCount);
  await db.end();
}

let handle: DatabaseHandle;
if (values.pglite) {
  handle = await openDatabase({});
  await handle.migrate();
  await fillPapers((statement) => handle.db.execute(sql.raw(statement)), paperCount);
} else {
  await ensureDatabase();
  handle = await openDatabase({ url, maxConnections: 4 });
}
const yoga = createServer({ db: handle.db, explore: false, bulkExport: { batchSize }, logger: createLogger({ level: 'warn' }) });
const rows = await measurePaperExport(yoga, paperCount, values.pglite ? undefined : url);
await handle.close();

console.log(`\n${paperCount.toLocaleString('en-US')} papers on ${handle.description}, batches of ${batchSize}\n`);
printExportTable(rows);
writeResult(values.pglite ? 'bulk-pglite.json' : 'bulk.json', { papers: paperCount, database: values.pglite ? 'pglite' : 'postgres', batchSize, machine: machine(), rows });
