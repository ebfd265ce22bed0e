/**
 * How the importer recognises a paper again: ids first, then title + year where the venues do not tell
 * two papers apart. Each case writes through the importer and reads back through the API.
 */
import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '../src/import/records.js';
import { writeBatch } from '../src/import/writer.js';
import { useTestServer } from './helpers/server.js';

const server = useTestServer();

function paper(overrides: Partial<PaperRecord>): PaperRecord {
  return {
    identity: {},
    title: 'A Paper',
    year: 2020,
    hasCode: false,
    authorListComplete: true,
    authorships: [{ author: { identity: { sourceKey: 'test:ada' }, displayName: 'Ada Lovelace' }, position: 1 }],
    topics: [],
    ...overrides,
  };
}

async function write(...papers: PaperRecord[]) {
  return writeBatch(server().database.handle.db, { source: 'test', papers, authors: [] });
}

async function papersTitled(search: string) {
  const response = await server().query(`query($s: String!) { papers(filter: { search: $s }, first: 10) {
    totalCount nodes { title arxivId doi venue { name } } } }`, { s: search });
  expect(response.errors).toBeUndefined();
  return response.data.papers;
}

describe('paper identity on import', () => {
  it('a paper first seen without ids takes the ids of a later record with the same title and year', async () => {
    await write(paper({ title: 'Zebra Stripes as Error Correcting Codes', year: 2021 }));
    const summary = await write(paper({ title: 'Zebra stripes as error-correcting codes', year: 2021, identity: { arxivId: '2101.00001' } }));
    expect(summary.papers).toMatchObject({ inserted: 0, updated: 1 });
    const found = await papersTitled('zebra stripes');
    expect(found.totalCount).toBe(1);
    expect(found.nodes[0].arxivId).toBe('2101.00001');
  });

  it('two records with different ids are two papers, whatever their titles', async () => {
    await write(paper({ title: 'Okapi Gait Analysis', identity: { doi: '10.1/okapi.a' } }));
    await write(paper({ title: 'Okapi Gait Analysis', identity: { doi: '10.1/okapi.b' } }));
    expect((await papersTitled('okapi gait')).totalCount).toBe(2);
  });

  it('the same title in the same year at two venues is two papers', async () => {
    await write(paper({ title: 'Spoken Quokka Recognition', identity: { aclId: 'H90-9999' }, venue: { name: 'HLT', kind: 'workshop' } }));
    await write(paper({ title: 'Spoken Quokka Recognition', venue: { name: 'NeurIPS', kind: 'conference' } }));
    const found = await papersTitled('quokka');
    expect(found.totalCount).toBe(2);
    expect(found.nodes.map((p: any) => p.venue.name).sort()).toEqual(['HLT', 'NeurIPS']);
  });

  it('a preprint and its published version are one paper', async () => {
    await write(paper({ title: 'Narwhal Tusk Sensing', identity: { arxivId: '1901.00002' }, venue: { name: 'arXiv', kind: 'preprint_server' } }));
    await write(paper({ title: 'Narwhal Tusk Sensing', venue: { name: 'Nature', kind: 'journal' } }));
    const found = await papersTitled('narwhal');
    expect(found.totalCount).toBe(1);
    expect(found.nodes[0]).toMatchObject({ arxivId: '1901.00002', venue: { name: 'Nature' } });
  });

  it('duplicates inside one batch are merged and counted', async () => {
    const summary = await write(
      paper({ title: 'Axolotl Regeneration', identity: { doi: '10.1/axolotl' }, abstract: 'first' }),
      paper({ title: 'Axolotl Regeneration', identity: { doi: '10.1/axolotl' }, abstract: 'second' }),
    );
    expect(summary.duplicateRecords).toBe(1);
    expect(summary.papers.inserted).toBe(1);
  });
});
