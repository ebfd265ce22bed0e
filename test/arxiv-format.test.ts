import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { arxivFormat } from '../src/import/formats/arxiv.js';
import type { ParsedItem } from '../src/import/formats/types.js';
import type { PaperRecord } from '../src/import/records.js';
import { fileSource, textSource, type InputSource } from '../src/import/source.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/arxiv/${name}`, import.meta.url));
const options = { currentYear: 2026 };

async function parseAll(input: InputSource): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  for await (const item of arxivFormat.parse(input, options)) items.push(item);
  return items;
}
const parseText = (text: string) => parseAll(textSource('inline.jsonl', text));

function papers(items: ParsedItem[]): PaperRecord[] {
  return items.map((item) => {
    if (item.kind !== 'paper') throw new Error(`expected a paper, got ${JSON.stringify(item)}`);
    return item.paper;
  });
}
function byId(list: PaperRecord[], arxivId: string): PaperRecord {
  const found = list.find((p) => p.identity.arxivId === arxivId);
  if (!found) throw new Error(`no paper ${arxivId}`);
  return found;
}

/** A minimal snapshot record; `fields` override or add to it. */
const record = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: '2401.00001',
    title: 'A Title',
    authors: 'Ada Lovelace',
    categories: 'cs.LG',
    abstract: '  Short.\n',
    versions: [{ version: 'v1', created: 'Mon, 1 Jan 2024 10:00:00 GMT' }],
    update_date: '2024-01-02',
    authors_parsed: [['Lovelace', 'Ada', '']],
    ...fields,
  });

describe('arxivFormat on the snapshot fixture', () => {
  let items: ParsedItem[] = [];
  let list: PaperRecord[] = [];
  beforeAll(async () => {
    items = await parseAll(fileSource(fixture('metadata.jsonl')));
    list = papers(items);
  });

  it('yields one paper per line, numbered by line', () => {
    expect(arxivFormat.name).toBe('arxiv');
    expect(arxivFormat.source).toBe('arxiv');
    expect(items.map((i) => i.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(list.map((p) => p.identity.arxivId)).toEqual([
      '0704.0001', 'hep-th/9711200', '1706.03762', '1810.04805', '1301.3781', '1412.6980',
    ]);
  });

  it('collapses arXiv line breaks in titles and abstracts', () => {
    const p = byId(list, '0704.0001');
    expect(p.title).toBe('Calculation of prompt diphoton production cross sections at Tevatron and LHC energies');
    expect(p.abstract).toMatch(/^A fully differential calculation in perturbative quantum chromodynamics is presented for/);
    expect(p.abstract).not.toMatch(/\n|  /);
    expect(byId(list, '1810.04805').title).toBe(
      'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
    );
  });

  it('takes the date of v1, not of the latest version', () => {
    const attention = byId(list, '1706.03762');
    expect(attention.publishedAt).toBe('2017-06-12');
    expect(attention.year).toBe(2017);
    expect(byId(list, 'hep-th/9711200').publishedAt).toBe('1997-11-27');
  });

  it('keeps authors in order from authors_parsed, with name keys scoped to arxiv', () => {
    const attention = byId(list, '1706.03762');
    expect(attention.authorships.map((a) => a.author.displayName)).toEqual([
      'Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez',
      'Lukasz Kaiser', 'Illia Polosukhin',
    ]);
    expect(attention.authorships.map((a) => a.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(attention.authorships[0]).toEqual({
      author: { identity: { sourceKey: 'arxiv:ashish vaswani' }, displayName: 'Ashish Vaswani' },
      position: 1,
    });
    // authors_parsed has TeX accents decoded ("Bal\'azs" in the raw authors string).
    expect(byId(list, '0704.0001').authorships.map((a) => a.author.displayName)).toEqual([
      'C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C. -P. Yuan',
    ]);
    expect(byId(list, '0704.0001').authorships[0]!.author.identity).toEqual({ sourceKey: 'arxiv:c balazs' });
    expect(list.every((p) => p.authorListComplete && !p.hasCode && p.codeUrl === undefined)).toBe(true);
  });

  it('maps categories to topics under their archive, the first one primary', () => {
    expect(byId(list, '1706.03762').topics).toEqual([
      {
        topic: { code: 'cs.CL', name: 'Computation and Language', parent: { code: 'cs', name: 'Computer Science' } },
        primary: true,
      },
      {
        topic: { code: 'cs.LG', name: 'Machine Learning', parent: { code: 'cs', name: 'Computer Science' } },
        primary: false,
      },
    ]);
  });

  it('makes legacy archives without a subject class root topics', () => {
    expect(byId(list, 'hep-th/9711200').topics).toEqual([
      { topic: { code: 'hep-th', name: 'High Energy Physics - Theory' }, primary: true },
    ]);
    expect(byId(list, '0704.0001').topics).toEqual([
      { topic: { code: 'hep-ph', name: 'High Energy Physics - Phenomenology' }, primary: true },
    ]);
  });

  it('reads the DOI (lower-cased) and the journal from journal-ref', () => {
    const maldacena = byId(list, 'hep-th/9711200');
    expect(maldacena.identity).toEqual({ arxivId: 'hep-th/9711200', doi: '10.1023/a:1026654312961' });
    expect(maldacena.venue).toEqual({ name: 'Adv.Theor.Math.Phys.', kind: 'journal' });
    expect(byId(list, '0704.0001').identity.doi).toBe('10.1103/physrevd.76.013009');
    expect(byId(list, '0704.0001').venue).toEqual({ name: 'Phys.Rev.D', kind: 'journal' });
    expect(byId(list, '1706.03762').identity).toEqual({ arxivId: '1706.03762' });
    expect(byId(list, '1706.03762').venue).toBeUndefined();
  });

  it('reads the same from a gzipped copy through fileSource', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arxiv-format-'));
    try {
      const gz = join(dir, 'metadata.jsonl.gz');
      writeFileSync(gz, gzipSync(readFileSync(fixture('metadata.jsonl'))));
      expect(await parseAll(fileSource(gz))).toEqual(items);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('arxivFormat on invalid input', () => {
  it('reports bad records with their line numbers and keeps the good ones', async () => {
    const items = await parseAll(fileSource(fixture('metadata-malformed.jsonl')));
    expect(items.map((i) => [i.kind, i.line])).toEqual([
      ['paper', 1],
      ['invalid', 2],
      ['invalid', 4],
      ['invalid', 5],
      ['paper', 6],
    ]);
    const reasons = items.flatMap((i) => (i.kind === 'invalid' ? [i.reason] : []));
    expect(reasons[0]).toMatch(/^invalid JSON: /);
    expect(reasons[1]).toBe('record 1301.3781 has no title');
    expect(reasons[2]).toBe('record has no id');
  });

  it('rejects JSON that is not a record', async () => {
    expect(await parseText('[1, 2]\n')).toEqual([
      { kind: 'invalid', line: 1, reason: 'expected an arXiv metadata record (a JSON object)' },
    ]);
  });
});

describe('arxivFormat details', () => {
  it('joins first, last and suffix, and skips empty parts', async () => {
    const [paper] = papers(
      await parseText(record({ authors_parsed: [['King', 'Martin Luther', 'Jr'], ['Collaboration', 'ATLAS', ''], ['Plato', '', '']] })),
    );
    expect(paper!.authorships.map((a) => a.author.displayName)).toEqual([
      'Martin Luther King Jr', 'ATLAS Collaboration', 'Plato',
    ]);
  });

  it('falls back to the authors string and to update_date', async () => {
    const [paper] = papers(
      await parseText(record({ authors_parsed: undefined, authors: 'Ada Lovelace, Charles Babbage and Alan Turing', versions: [] })),
    );
    expect(paper!.authorships.map((a) => [a.author.displayName, a.position])).toEqual([
      ['Ada Lovelace', 1], ['Charles Babbage', 2], ['Alan Turing', 3],
    ]);
    expect(paper!.publishedAt).toBe('2024-01-02');
    expect(paper!.year).toBe(2024);
  });

  it('names unknown categories by their code, keeps cross-lists and drops repeated ones', async () => {
    const [paper] = papers(await parseText(record({ categories: 'math.AG cs.LG math.AG stat.ML' })));
    expect(paper!.topics.map((t) => [t.topic.code, t.topic.name, t.topic.parent?.name, t.primary])).toEqual([
      ['math.AG', 'math.AG', 'Mathematics', true],
      ['cs.LG', 'Machine Learning', 'Computer Science', false],
      ['stat.ML', 'Machine Learning', 'Statistics', false],
    ]);
  });

  it('takes the first of several DOIs and keeps the whole journal-ref when it starts with a number', async () => {
    const [paper] = papers(
      await parseText(record({ doi: '10.1000/ABC 10.1000/def', 'journal-ref': '2019 IEEE International Conference on Robotics' })),
    );
    expect(paper!.identity).toEqual({ arxivId: '2401.00001', doi: '10.1000/abc' });
    expect(paper!.venue).toEqual({ name: '2019 IEEE International Conference on Robotics', kind: 'journal' });
  });

  it('skips blank lines and yields duplicates (the writer dedupes)', async () => {
    const items = await parseText(`${record()}\n\n${record()}\n`);
    expect(items.map((i) => [i.kind, i.line])).toEqual([['paper', 1], ['paper', 3]]);
  });
});
