/**
 * npm run bench:import [-- --works N]
 *
 * Imports N synthetic OpenAlex-shaped works (JSON Lines) into a fresh PostgreSQL database through the
 * importer, then loads exactly the rows it wrote into a second fresh database with raw COPY (the fastest
 * way PostgreSQL can ingest them, indexes and generated columns included), and prints both rates.
 * PostgreSQL: BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
 * Writes bench/results/import.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { openDatabase } from '../db/client.js';
import { importSource } from '../src/import/run-import.js';
import { fileSource } from '../src/import/source.js';
import { syntheticOpenAlexWorks } from '../src/synthetic/openalex-works.js';

const { values } = parseArgs({ options: { works: { type: 'string', default: '100000' } } });
const works = Number(values.works);
const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
const urlFor = (name: string) => {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function freshDatabase(name: string): Promise<string> {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const handle = await openDatabase({ url: urlFor(name) });
  await handle.migrate();
  await handle.close();
  return urlFor(name);
}

// Tables in foreign-key order; generated columns (sort_date, citation_count, search_vector) are left out:
// PostgreSQL computes them during COPY exactly as during the import.
const TABLES: [string, string][] = [
  ['venues', 'id, name, name_key, short_name, kind, paper_count'],
  ['topics', 'id, code, name, parent_id, paper_count'],
  ['authors', 'id, display_name, normalized_name, orcid, openalex_id, dblp_id, source_key, affiliation, reported_metrics, paper_count'],
  ['papers', 'id, title, title_key, abstract, published_at, year, venue_id, doi, arxiv_id, openalex_id, acl_id, code_url, has_code, author_list_complete, reported_citation_count, cited_by_count, updated_at'],
  ['authorships', 'paper_id, author_id, position, affiliation'],
  ['paper_topics', 'paper_id, topic_id, is_primary'],
  ['citations', 'citing_id, cited_id'],
];

async function exportRows(url: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const [table, columns] of TABLES) {
    // A connection per table: postgres.js stalls on a second large COPY TO on one connection.
    const sql = postgres(url, { max: 1 });
    const chunks: Buffer[] = [];
    for await (const chunk of await sql.unsafe(`copy (select ${columns} from ${table}) to stdout`).readable()) chunks.push(chunk as Buffer);
    out.set(table, Buffer.concat(chunks));
    await sql.end();
  }
  return out;
}

async function copyRows(url: string, rows: Map<string, Buffer>): Promise<{ seconds: number; tables: Record<string, number> }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const tables: Record<string, number> = {};
  const started = performance.now();
  await sql.begin(async (tx) => {
    for (const [table, columns] of TABLES) {
      const tableStarted = performance.now();
      const stream = await tx.unsafe(`copy ${table} (${columns}) from stdin`).writable();
      stream.end(rows.get(table));
      await once(stream, 'finish');
      tables[table] = (performance.now() - tableStarted) / 1000;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  await sql.end();
  return { seconds, tables };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'scholargraph-bench-'));
  const file = join(dir, 'works.jsonl');
  const out = createWriteStream(file);
  for (const work of syntheticOpenAlexWorks({ works, seed: 7 })) {
    if (!out.write(`${JSON.stringify(work)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');

  const importUrl = await freshDatabase('scholargraph_bench_import');
  const handle = await openDatabase({ url: importUrl });
  const started = performance.now();
  const result = await importSource(handle.db, fileSource(file), { format: 'openalex' });
  const importSeconds = (performance.now() - started) / 1000;
  await handle.close();

  const rows = await exportRows(importUrl);
  const copyUrl = await freshDatabase('scholargraph_bench_copy');
  const copy = await copyRows(copyUrl, rows);
  const copySeconds = copy.seconds;
  const [versionRow] = await admin<{ version: string }[]>`select version() as version`;
  const version = versionRow!.version;

  const s = result.summary;
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, postgres: version },
    works,
    rows: {
      papers: s.papers.inserted,
      authors: s.authors.inserted,
      authorships: s.authorships.inserted,
      paperTopics: s.paperTopics.inserted,
      citations: s.citations.inserted,
      unresolvedReferences: s.unresolvedReferences,
    },
    importer: { seconds: importSeconds, worksPerSecond: works / importSeconds },
    rawCopy: { seconds: copySeconds, worksPerSecond: works / copySeconds, secondsPerTable: copy.tables },
    importerShareOfCopy: copySeconds / importSeconds,
  };
  console.log(`\nImport of ${works.toLocaleString('en-US')} synthetic OpenAlex works into ${version.split(' on ')[0]} (${report.machine.cpus} cores)`);
  console.log(`rows: ${Object.entries(report.rows).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}\n`);
  console.log('| method | seconds | works/s |');
  console.log('|---|---:|---:|');
  console.log(`| scholargraph import (parse + write + derived counts) | ${importSeconds.toFixed(2)} | ${Math.round(report.importer.worksPerSecond).toLocaleString('en-US')} |`);
  console.log(`| raw COPY of the same rows | ${copySeconds.toFixed(2)} | ${Math.round(report.rawCopy.worksPerSecond).toLocaleString('en-US')} |`);
  console.log(`\nraw COPY seconds per table: ${Object.entries(copy.tables).map(([t, v]) => `${t} ${v.toFixed(2)}`).join(', ')}`);
  console.log(`importer rate / raw COPY rate: ${(report.importerShareOfCopy * 100).toFixed(0)}%`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/import.json', `${JSON.stringify(report, null, 2)}\n`);
  console.log('wrote bench/results/import.json');

  await admin.unsafe('drop database if exists scholargraph_bench_import with (force)');
  await admin.unsafe('drop database if exists scholargraph_bench_copy with (force)');
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}

await main();
