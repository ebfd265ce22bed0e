/**
 * The real demo files in data/demo, imported whole through the importer and checked against figures the
 * test derives from the raw files itself, then read back through the API.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/queries/raw.js';
import { aanFiles, neuripsDir } from '../src/demo-data.js';
import { importSource } from '../src/import/run-import.js';
import { fileSource } from '../src/import/source.js';
import type { ImportSummary } from '../src/import/summary.js';
import { useTestServer } from './helpers/server.js';

const NEURIPS = neuripsDir;
/** The raw bytes of a gzipped demo file as Latin-1 text, read without the importer's decoder. */
const rawText = (path: string) => gunzipSync(readFileSync(path)).toString('latin1');

// Figures from the raw AAN files, computed here without the parser.
const metadataIds = rawText(aanFiles.metadata)
  .split('\n')
  .flatMap((l) => (/^id = \{(.+)\}\s*$/.exec(l) ? [/^id = \{(.+)\}\s*$/.exec(l)![1]!] : []));
const idSet = new Set(metadataIds);
const edgeLines = rawText(aanFiles.citations).split('\n').filter((l) => l.trim() !== '');
const edges = edgeLines.map((l) => l.split(',').map((s) => s.trim()) as [string, string]);
const selfEdges = edges.filter(([a, b]) => a === b).length;
const unresolvedEdges = edges.filter(([a, b]) => a !== b && (!idSet.has(a) || !idSet.has(b))).length;
const inSetEdges = new Set(edges.filter(([a, b]) => a !== b && idSet.has(a) && idSet.has(b)).map(([a, b]) => `${a}>${b}`));

const neuripsFiles = readdirSync(NEURIPS).filter((f) => f.endsWith('.json.gz')).sort();
const neuripsRecords = neuripsFiles.map((f) => ({
  year: Number(/(\d{4})/.exec(f)![1]),
  records: JSON.parse(gunzipSync(readFileSync(join(NEURIPS, f))).toString('utf8')) as Record<string, unknown>[],
}));

const server = useTestServer();
const db = () => server().database.handle.db;
const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(db(), query))[0]!.n);

describe('ACL Anthology Network', () => {
  let metadata: ImportSummary;
  let citations: ImportSummary;

  it('imports every metadata record', async () => {
    const result = await importSource(db(), fileSource(aanFiles.metadata), { format: 'auto' });
    metadata = result.summary;
    expect(result.format).toBe('aan');
    expect(new Set(metadataIds).size).toBe(metadataIds.length);
    expect(metadata.papers.inserted).toBe(metadataIds.length);
    expect(await count(sql`select count(*)::int as n from papers where acl_id is not null`)).toBe(18041);
    expect(await count(sql`select count(*)::int as n from paper_topics`)).toBe(18041);
  }, 120_000);

  it('imports the citation edges between papers of the set, counting the rest', async () => {
    const result = await importSource(db(), fileSource(aanFiles.citations), { format: 'aan' });
    citations = result.summary;
    expect(citations.citations.inserted).toBe(inSetEdges.size);
    expect(citations.selfCitations).toBe(selfEdges);
    expect(citations.unresolvedReferences).toBe(unresolvedEdges);
    expect(await count(sql`select count(*)::int as n from citations`)).toBe(inSetEdges.size);
    expect(await count(sql`select coalesce(sum(cited_by_count), 0)::int as n from papers`)).toBe(inSetEdges.size);
  }, 120_000);

  it('serves a paper with its authors in order and its citing papers', async () => {
    const citing = new Set(edges.filter(([a, b]) => b === 'D10-1001' && a !== b && idSet.has(a)).map(([a]) => a));
    const response = await server().query(`{
      papers(filter: { search: "Dual Decomposition and Linear Programming Relaxations" }, first: 1) {
        nodes { aclId title year venue { name kind } authors { nodes { name } } citedBy { totalCount } topics { code } }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const paper = response.data.papers.nodes[0];
    expect(paper.aclId).toBe('D10-1001');
    expect(paper.venue).toEqual({ name: 'EMNLP', kind: 'CONFERENCE' });
    expect(paper.authors.nodes.map((a: any) => a.name)).toEqual([
      'Alexander M. Rush',
      'David Sontag',
      'Michael John Collins',
      'Tommi Jaakkola',
    ]);
    expect(paper.citedBy.totalCount).toBe(citing.size);
    expect(paper.topics).toEqual([{ code: 'cs.CL' }]);
  });

  it('decodes HTML entities in names', async () => {
    const response = await server().query(`{ authors(search: "daume iii", first: 1) { nodes { name paperCount } } }`);
    expect(response.data.authors.nodes[0].name).toBe('Hal Daumé III');
    expect(response.data.authors.nodes[0].paperCount).toBeGreaterThan(5);
  });

  it('changes nothing when imported again', async () => {
    const again = await importSource(db(), fileSource(aanFiles.metadata), { format: 'aan' });
    expect(again.summary.papers).toEqual({ inserted: 0, updated: 0, unchanged: 18041, removed: 0 });
    expect(again.summary.authorships.inserted + again.summary.authorships.updated + again.summary.authorships.removed).toBe(0);
  }, 120_000);
});

describe('NeurIPS paper lists', () => {
  it('imports every yearly list; records repeating a paper are merged, and say so', async () => {
    let inserted = 0;
    let merged = 0;
    let matchedExisting = 0;
    for (const file of neuripsFiles) {
      const result = await importSource(db(), fileSource(join(NEURIPS, file)), { format: 'auto' });
      expect(result.format).toBe('paperlist');
      expect(result.summary.skippedRecords).toBe(0);
      inserted += result.summary.papers.inserted;
      merged += result.summary.duplicateRecords;
      matchedExisting += result.summary.papers.updated + result.summary.papers.unchanged;
    }
    const total = neuripsRecords.reduce((n, y) => n + y.records.length, 0);
    // "Spoken Letter Recognition" (1990) is also an AAN paper (H90-1075), at another venue: two papers.
    expect(matchedExisting).toBe(0);
    expect(inserted + merged).toBe(total);
    // Schedule listings without a PDF are the only records that can repeat a paper.
    const withoutPdf = neuripsRecords.flatMap((y) => y.records).filter((r) => !r.pdf && !r.bibtex).length;
    expect(merged).toBeLessThanOrEqual(withoutPdf);
  }, 300_000);

  it('has every year outside the merged ones exactly, one venue, and the code links', async () => {
    const perYear = await queryRows<{ year: number; n: number }>(
      db(),
      sql`select p.year, count(*)::int as n from papers p join venues v on v.id = p.venue_id
          where v.short_name = 'NeurIPS' group by p.year`,
    );
    const byYear = new Map(perYear.map((r) => [Number(r.year), Number(r.n)]));
    for (const { year, records } of neuripsRecords) {
      if (records.every((r) => r.pdf || r.bibtex)) expect(byYear.get(year), String(year)).toBe(records.length);
    }
    const withGithub = neuripsRecords.flatMap((y) => y.records).filter((r) => typeof r.github === 'string' && r.github.trim() !== '').length;
    expect(await count(sql`select count(*)::int as n from papers where code_url is not null and acl_id is null`)).toBe(withGithub);
    const response = await server().query(`{ venues(search: "neural information processing") { totalCount nodes { shortName kind paperCount } } }`);
    expect(response.data.venues.totalCount).toBe(1);
    expect(response.data.venues.nodes[0].paperCount).toBe([...byYear.values()].reduce((a, b) => a + b, 0));
  });
});
