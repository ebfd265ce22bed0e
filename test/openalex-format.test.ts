import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { openalexFormat } from '../src/import/formats/openalex.js';
import type { ParsedItem } from '../src/import/formats/types.js';
import type { PaperRecord } from '../src/import/records.js';
import { fileSource, textSource, type InputSource } from '../src/import/source.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/openalex/${name}`, import.meta.url));
const options = { currentYear: 2026 };

async function parseAll(input: InputSource): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  for await (const item of openalexFormat.parse(input, options)) items.push(item);
  return items;
}
const parseText = (text: string) => parseAll(textSource('inline.json', text));

function papers(items: ParsedItem[]): PaperRecord[] {
  return items.map((item) => {
    if (item.kind !== 'paper') throw new Error(`expected a paper, got ${JSON.stringify(item)}`);
    return item.paper;
  });
}
function byId(list: PaperRecord[], openalexId: string): PaperRecord {
  const found = list.find((p) => p.identity.openalexId === openalexId);
  if (!found) throw new Error(`no paper ${openalexId}`);
  return found;
}

const ATTENTION = 'W2963403868';
const BERT = 'W2896457183';
const RESNET = 'W2194775991';
const WORD2VEC = 'W1614298861';
const LIGO = 'W2271840356';

describe('openalexFormat on a JSON array of works', () => {
  let items: ParsedItem[] = [];
  let list: PaperRecord[] = [];
  beforeAll(async () => {
    items = await parseAll(fileSource(fixture('works.json')));
    list = papers(items);
  });

  it('yields every work, numbered by its index in the array', () => {
    expect(openalexFormat.name).toBe('openalex');
    expect(openalexFormat.source).toBe('openalex');
    expect(items.map((i) => i.line)).toEqual([1, 2, 3, 4, 5]);
    expect(list.map((p) => p.identity.openalexId)).toEqual([ATTENTION, BERT, RESNET, WORD2VEC, LIGO]);
  });

  it('normalises ids: short OpenAlex ids, bare lower-case DOIs, arXiv ids without version', () => {
    expect(byId(list, ATTENTION).identity).toEqual({
      openalexId: ATTENTION,
      doi: '10.48550/arxiv.1706.03762',
      arxivId: '1706.03762', // from the arXiv DataCite DOI and the arxiv.org location
    });
    expect(byId(list, BERT).identity).toEqual({ openalexId: BERT, doi: '10.18653/v1/n19-1423', arxivId: '1810.04805' });
    expect(byId(list, RESNET).identity).toEqual({ openalexId: RESNET, doi: '10.1109/cvpr.2016.90' });
    expect(byId(list, WORD2VEC).identity).toEqual({ openalexId: WORD2VEC, arxivId: '1301.3781' });
  });

  it('keeps authors in byline order with positions 1..n, ids and affiliations at the time', () => {
    const { authorships } = byId(list, ATTENTION);
    expect(authorships.map((a) => a.author.displayName)).toEqual([
      'Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez',
      'Łukasz Kaiser', 'Illia Polosukhin',
    ]);
    expect(authorships.map((a) => a.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(authorships[0]).toEqual({
      author: { identity: { openalexId: 'A5001478282' }, displayName: 'Ashish Vaswani' },
      position: 1,
      affiliation: 'Google (United States)',
    });
    // No institution matched: the raw affiliation string stands in.
    expect(authorships[5]!.affiliation).toBe('University of Toronto');
  });

  it('keeps unicode names as given: accents and CJK', () => {
    expect(byId(list, RESNET).authorships.map((a) => a.author.displayName)).toEqual([
      '何恺明', 'Xiangyu Zhang', 'Shaoqing Ren', '孙剑',
    ]);
    expect(byId(list, WORD2VEC).authorships[0]!.author.displayName).toBe('Tomáš Mikolov');
    expect(byId(list, LIGO).authorships[4]!.affiliation).toBe('Università degli Studi di Salerno');
  });

  it('maps dates, venue, citation count and abstract', () => {
    const attention = byId(list, ATTENTION);
    expect(attention.title).toBe('Attention Is All You Need');
    expect(attention.publishedAt).toBe('2017-06-12');
    expect(attention.year).toBe(2017);
    expect(attention.venue).toEqual({ name: 'arXiv (Cornell University)', kind: 'preprint_server' });
    expect(attention.reportedCitationCount).toBe(61234);
    expect(attention.abstract).toBe(
      'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks in ' +
        'an encoder-decoder configuration. The best performing models also connect the encoder and decoder through ' +
        'an attention mechanism. We propose a new simple network architecture, the Transformer, based solely on ' +
        'attention mechanisms, dispensing with recurrence and convolutions entirely.',
    );
    expect(byId(list, BERT).venue).toEqual({
      name: 'North American Chapter of the Association for Computational Linguistics',
      shortName: 'NAACL',
      kind: 'conference',
    });
    expect(byId(list, LIGO).venue).toEqual({ name: 'Physical Review Letters', shortName: 'Phys. Rev. Lett.', kind: 'journal' });
    expect(byId(list, LIGO).abstract).toBeUndefined(); // an empty inverted index
  });

  it('builds topic chains topic → subfield → field → domain, primary from primary_topic', () => {
    const bert = byId(list, BERT);
    // primary_topic is T10181 although topics lists T10028 first.
    expect(bert.topics.map((t) => [t.topic.code, t.primary])).toEqual([
      ['openalex:T10028', false],
      ['openalex:T10181', true],
    ]);
    expect(bert.topics[1]!.topic).toEqual({
      code: 'openalex:T10181',
      name: 'Natural Language Processing Techniques',
      parent: {
        code: 'openalex:subfield:1702',
        name: 'Artificial Intelligence',
        parent: {
          code: 'openalex:field:17',
          name: 'Computer Science',
          parent: { code: 'openalex:domain:3', name: 'Physical Sciences' },
        },
      },
    });
    // concepts are ignored when topics exist
    expect(byId(list, ATTENTION).topics.every((t) => t.topic.code.startsWith('openalex:T'))).toBe(true);
  });

  it('falls back to concepts, as roots, when a work has no topics', () => {
    expect(byId(list, WORD2VEC).topics).toEqual([
      { topic: { code: 'openalex:C41008148', name: 'Computer science' }, primary: true },
      { topic: { code: 'openalex:C204321447', name: 'Natural language processing' }, primary: false },
      { topic: { code: 'openalex:C154945302', name: 'Artificial intelligence' }, primary: false },
    ]);
  });

  it('turns referenced_works into references by OpenAlex id', () => {
    expect(byId(list, BERT).references).toEqual([
      { openalexId: ATTENTION },
      { openalexId: WORD2VEC },
      { openalexId: 'W2153579005' },
    ]);
    expect(byId(list, ATTENTION).references).toContainEqual({ openalexId: RESNET });
    expect(byId(list, LIGO).references).toEqual([]);
  });

  it('finds code links among the locations', () => {
    expect(byId(list, BERT).codeUrl).toBe('https://github.com/google-research/bert');
    expect(byId(list, BERT).hasCode).toBe(true);
    expect(byId(list, ATTENTION).codeUrl).toBeUndefined();
    expect(byId(list, ATTENTION).hasCode).toBe(false);
  });

  it('marks truncated author lists as incomplete', () => {
    expect(byId(list, LIGO).authorListComplete).toBe(false);
    expect(byId(list, LIGO).authorships).toHaveLength(5);
    expect(byId(list, ATTENTION).authorListComplete).toBe(true);
    expect(byId(list, WORD2VEC).authorListComplete).toBe(true); // the field is simply absent
  });

  it('fills what it can for a work with missing fields', () => {
    const w = byId(list, WORD2VEC);
    expect(w.title).toBe('Efficient Estimation of Word Representations in Vector Space'); // from display_name
    expect(w.publishedAt).toBeUndefined();
    expect(w.year).toBe(2013);
    expect(w.venue).toBeUndefined();
    expect(w.abstract).toBeUndefined();
    // An author without an OpenAlex id or ORCID falls back to a name key within the source.
    expect(w.authorships[2]!.author.identity).toEqual({ sourceKey: 'openalex:greg corrado' });
  });
});

describe('openalexFormat input shapes', () => {
  it('reads JSON Lines with line numbers, the same papers as the array', async () => {
    const fromLines = await parseAll(fileSource(fixture('works.jsonl')));
    const fromArray = await parseAll(fileSource(fixture('works.json')));
    expect(fromLines.map((i) => i.line)).toEqual([1, 2, 3, 4, 5]);
    expect(papers(fromLines)).toEqual(papers(fromArray));
  });

  it('reads a single work object', async () => {
    const items = await parseAll(fileSource(fixture('single.json')));
    expect(items).toHaveLength(1);
    expect(items[0]!.line).toBe(1);
    expect(papers(items)[0]!.identity.openalexId).toBe(ATTENTION);
  });

  it('reads an API page through its results, numbered by index', async () => {
    const items = await parseAll(fileSource(fixture('page.json')));
    expect(items.map((i) => i.line)).toEqual([1, 2]);
    expect(papers(items).map((p) => p.identity.openalexId)).toEqual([BERT, RESNET]);
  });

  it('reads a one-line work and a one-line page as JSON Lines', async () => {
    const work = JSON.parse(readFileSync(fixture('single.json'), 'utf8'));
    expect(papers(await parseText(JSON.stringify(work)))[0]!.identity.openalexId).toBe(ATTENTION);
    const page = JSON.stringify({ meta: { count: 1 }, results: [work] });
    expect(papers(await parseText(page)).map((p) => p.title)).toEqual(['Attention Is All You Need']);
  });

  it('yields nothing for an empty input', async () => {
    expect(await parseText('')).toEqual([]);
    expect(await parseText('\n  \n')).toEqual([]);
  });

  it('reads gzipped JSON Lines and gzipped arrays through fileSource', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openalex-format-'));
    try {
      for (const name of ['works.jsonl', 'works.json']) {
        const gz = join(dir, `${name}.gz`);
        writeFileSync(gz, gzipSync(readFileSync(fixture(name))));
        const items = await parseAll(fileSource(gz));
        expect(papers(items)).toEqual(papers(await parseAll(fileSource(fixture(name)))));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('openalexFormat on invalid input', () => {
  it('reports bad lines with their line numbers and keeps the good ones', async () => {
    const items = await parseAll(fileSource(fixture('works-malformed.jsonl')));
    expect(items.map((i) => [i.kind, i.line])).toEqual([
      ['paper', 1],
      ['invalid', 2],
      ['invalid', 4],
      ['invalid', 5],
      ['paper', 6],
    ]);
    const reasons = items.flatMap((i) => (i.kind === 'invalid' ? [i.reason] : []));
    expect(reasons[0]).toMatch(/^invalid JSON: /);
    expect(reasons[1]).toBe('work W1614298861 has no title');
    expect(reasons[2]).toBe('work has no id');
  });

  it('reports JSON Lines whose first line is broken as JSON Lines, not as one document', async () => {
    const good = JSON.stringify({ id: 'https://openalex.org/W1', title: 'Fine' });
    const items = await parseText(`{"id": "W2", "title":\n${good}\n`);
    expect(items.map((i) => [i.kind, i.line])).toEqual([['invalid', 1], ['paper', 2]]);
  });

  it('reports a broken document once, at line 1', async () => {
    const items = await parseText('[\n  {"id": "W1", "title": "x"},\n  {"id": \n]\n');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'invalid', line: 1 });
    expect((items[0] as { reason: string }).reason).toMatch(/^invalid JSON: /);
  });

  it('rejects array entries that are not works, by index', async () => {
    const items = await parseText(JSON.stringify([{ id: 'W1', title: 'One' }, 42, { id: 'A5001478282', title: 'An author?' }]));
    expect(items.map((i) => [i.kind, i.line])).toEqual([['paper', 1], ['invalid', 2], ['invalid', 3]]);
    expect(items[2]).toMatchObject({ reason: '"A5001478282" is not an OpenAlex work id (W…)' });
  });
});

describe('openalexFormat details', () => {
  it('strips id prefixes, lower-cases DOIs and reads ORCIDs', async () => {
    const work = {
      id: 'https://openalex.org/w42',
      doi: 'https://doi.org/10.1000/ABC.DEF',
      display_name: 'Only a display name',
      ids: { arxiv: 'https://arxiv.org/abs/2101.00001v2' },
      authorships: [
        {
          author_position: 'first',
          author: { id: 'https://openalex.org/A123', display_name: 'Josiah Carberry', orcid: 'https://orcid.org/0000-0002-1825-0097' },
          institutions: [],
          raw_affiliation_strings: [],
        },
        { author_position: 'middle', author: { id: null, display_name: null }, institutions: [] },
        { author_position: 'last', author: { id: 'https://openalex.org/A124', display_name: 'Ada Lovelace' } },
      ],
    };
    const [paper] = papers(await parseText(JSON.stringify(work)));
    expect(paper!.identity).toEqual({ openalexId: 'W42', doi: '10.1000/abc.def', arxivId: '2101.00001' });
    expect(paper!.title).toBe('Only a display name');
    expect(paper!.authorships[0]!.author.identity).toEqual({ openalexId: 'A123', orcid: '0000-0002-1825-0097' });
    // The nameless middle author leaves a gap and makes the list incomplete.
    expect(paper!.authorships.map((a) => a.position)).toEqual([1, 3]);
    expect(paper!.authorListComplete).toBe(false);
    expect(paper!.topics).toEqual([]);
    expect(paper!.references).toEqual([]);
  });

  it('rebuilds the abstract from positions, not from key order', async () => {
    const work = { id: 'W1', title: 'T', abstract_inverted_index: { world: [1, 3], hello: [0, 2] } };
    expect(papers(await parseText(JSON.stringify(work)))[0]!.abstract).toBe('hello world hello world');
  });

  it('yields duplicates inside one file (the writer dedupes)', async () => {
    const line = readFileSync(fixture('works.jsonl'), 'utf8').split('\n')[0]!;
    const items = await parseText(`${line}\n${line}\n`);
    expect(papers(items).map((p) => p.identity.openalexId)).toEqual([ATTENTION, ATTENTION]);
  });
});
