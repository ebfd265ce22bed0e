/**
 * The import command through its public surface: a separate process, real files, a database the test
 * inspects afterwards. All-or-nothing per file, idempotent, explicit about everything it skips.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticOpenAlexWorks } from '../src/synthetic/openalex-works.js';
import { createCliDatabase, runImport, startImport, type CliDatabase } from './helpers/cli.js';

const fixture = (path: string) => new URL(`./fixtures/${path}`, import.meta.url).pathname;
const works = fixture('openalex/works.jsonl');
const temp = mkdtempSync(join(tmpdir(), 'scholargraph-import-'));
let db: CliDatabase;

beforeAll(async () => {
  db = await createCliDatabase();
});
afterAll(async () => db?.close());

describe('import command', () => {
  it('refuses an in-memory database or bad arguments (exit 2)', async () => {
    const inMemory = await runImport([works], { PGLITE_DIR: 'memory://' });
    expect(inMemory.code).toBe(2);
    expect(inMemory.stderr).toMatch(/keeps the database in memory: an import there would be thrown away/);
    const badFormat = await runImport([works, '--format', 'bibtex'], db.env);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toMatch(/unknown format "bibtex"/);
    const missing = await runImport(['/nonexistent/file.json'], db.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
  });

  it('a malformed record in the middle stops the import, names the line, and writes nothing', async () => {
    const before = await db.counts();
    const run = await runImport([fixture('openalex/works-malformed.jsonl'), '--format', 'openalex'], db.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/works-malformed\.jsonl:2: /);
    expect(run.stderr).toMatch(/nothing imported from this file/);
    expect(await db.counts()).toEqual(before);
  });

  it('--dry-run reports what it would write and writes nothing', async () => {
    const before = await db.counts();
    const run = await runImport([works, '--dry-run'], db.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/dry run, nothing written/);
    expect(run.stdout).toMatch(/papers\s+5\s+0\s+0\s+0/);
    expect(await db.counts()).toEqual(before);
  });

  it('imports OpenAlex works with authors in order, unicode names and in-file citations', async () => {
    const run = await runImport([works], db.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\(openalex\)/);
    const counts = await db.counts();
    expect(counts.papers).toBe(5);
    const authors = await db.rows<{ display_name: string; position: number }>(sql`
      select a.display_name, s.position from authorships s join authors a on a.id = s.author_id
      join papers p on p.id = s.paper_id where p.openalex_id = 'W2194775991' order by s.position`);
    expect(authors[0]).toEqual({ display_name: '何恺明', position: 1 });
    const cited = await db.rows<{ title: string }>(sql`
      select p2.title from citations c join papers p1 on p1.id = c.citing_id join papers p2 on p2.id = c.cited_id
      where p1.openalex_id = 'W2896457183' order by p2.title`);
    expect(cited.map((r) => r.title)).toContain('Attention Is All You Need');
    // References to works outside the file are counted, never invented.
    expect(run.stdout).toMatch(/unresolved references: [1-9]/);
  });

  it('is idempotent: the same file again changes nothing', async () => {
    const before = await db.counts();
    const run = await runImport([works], db.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/papers\s+0\s+0\s+5\s+0/);
    expect(run.stdout).toMatch(/authorships\s+0\s+0\s+\d+\s+0/);
    expect(await db.counts()).toEqual(before);
  });

  it('updates a record that changed, and only that one', async () => {
    const lines = readFileSync(works, 'utf8').trim().split('\n');
    const first = JSON.parse(lines[0]!);
    first.title = `${first.title} (revised)`;
    first.display_name = first.title;
    first.cited_by_count = 1;
    const updated = join(temp, 'updated.jsonl');
    writeFileSync(updated, [JSON.stringify(first), ...lines.slice(1)].join('\n'));
    const run = await runImport([updated], db.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/papers\s+0\s+1\s+4\s+0/);
    const [row] = await db.rows<{ title: string; reported_citation_count: number }>(
      sql`select title, reported_citation_count from papers where openalex_id = 'W2963403868'`,
    );
    expect(row).toEqual({ title: 'Attention Is All You Need (revised)', reported_citation_count: 1 });
  });

  it('--skip-invalid reports each bad record with its line and imports the rest', async () => {
    const run = await runImport([fixture('arxiv/metadata-malformed.jsonl'), '--format', 'arxiv', '--skip-invalid'], db.env);
    expect(run.code).toBe(0);
    const skipped = run.stderr.split('\n').filter((l) => l.includes(': skipped: '));
    expect(skipped.length).toBeGreaterThan(0);
    for (const line of skipped) expect(line).toMatch(/metadata-malformed\.jsonl:\d+: skipped: .+/);
    expect(run.stdout).toMatch(new RegExp(`skipped records: ${skipped.length}`));
  });

  it('reads gzip and standard input', async () => {
    const gz = join(temp, 'arxiv.jsonl.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('arxiv/metadata.jsonl'))));
    const fromFile = await runImport([gz], db.env);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toMatch(/\(arxiv\)/);
    const fromStdin = await runImport(['-', '--format', 'arxiv'], db.env, readFileSync(gz));
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toMatch(/papers\s+0\s+0\s+\d+\s+0/);
    const [row] = await db.rows<{ n: number }>(sql`select count(*)::int as n from papers where arxiv_id = '1706.03762'`);
    expect(row?.n).toBe(1);
  });

  it('a killed import leaves the database exactly as before', async () => {
    const file = join(temp, 'big.jsonl');
    writeFileSync(file, [...syntheticOpenAlexWorks({ works: 40000, seed: 3 })].map((w) => JSON.stringify(w)).join('\n'));
    const before = await db.counts();
    const { child, result } = startImport([file, '--batch-size', '2000'], db.env);
    // Kill once the import is under way: the first chunks are written inside the open transaction.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    child.kill('SIGKILL');
    const run = await result;
    expect(run.code).toBe(null);
    expect(run.stdout).not.toMatch(/done in/);
    expect(await db.counts()).toEqual(before);
    // Nothing is left locked or half-done: the next import runs normally.
    const next = await runImport([works], db.env);
    expect(next.code).toBe(0);
  });
});
