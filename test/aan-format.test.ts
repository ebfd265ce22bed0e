/**
 * The AAN (ACL Anthology Network, 2011) parser: the whole real metadata and edge files, checked against
 * counts this test derives from the raw bytes on its own, plus small inline texts for each quirk.
 * Parse only, no database.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { aanFormat } from '../src/import/formats/aan.js';
import type { ParsedItem } from '../src/import/formats/types.js';
import type { PaperRecord } from '../src/import/records.js';
import { normalizeName, sourceAuthorKey } from '../src/import/normalize.js';
import { aanFiles } from '../src/demo-data.js';
import { fileSource, textSource, type InputSource } from '../src/import/source.js';

const METADATA = aanFiles.metadata;
const EDGES = aanFiles.citations;
const NETWORK = aanFiles.collaborationNetwork;
/** The raw bytes of a gzipped demo file as Latin-1 text, read without the importer's decoder. */
const rawText = (path: string) => gunzipSync(readFileSync(path)).toString('latin1');

async function parse(input: InputSource): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  for await (const item of aanFormat.parse(input, { currentYear: 2026 })) items.push(item);
  return items;
}
const parseText = (text: string) => parse(textSource('inline.txt', text));

const papersOf = (items: ParsedItem[]) => items.flatMap((i) => (i.kind === 'paper' ? [i.paper] : []));
const invalidOf = (items: ParsedItem[]) => items.flatMap((i) => (i.kind === 'invalid' ? [i] : []));
const authorsOf = (paper: PaperRecord) => paper.authorships.map((a) => a.author.displayName);
const record = (fields: Record<string, string>) => Object.entries(fields).map(([k, v]) => `${k} = {${v}}`).join('\n');
const onePaper = async (text: string) => {
  const items = await parseText(text);
  expect(items.map((i) => i.kind)).toEqual(['paper']);
  return papersOf(items)[0]!;
};
const authorsFrom = async (author: string) => authorsOf(await onePaper(record({ id: 'P10-1001', author, title: 'T', venue: 'ACL', year: '2010' })));

describe('the real metadata file (acl-metadata.txt)', () => {
  let items: ParsedItem[];
  let byId: Map<string, { line: number; paper: PaperRecord }>;
  beforeAll(async () => {
    items = await parse(fileSource(METADATA));
    byId = new Map(items.flatMap((i) => (i.kind === 'paper' ? [[i.paper.identity.aclId!, i] as const] : [])));
  });

  it('yields one item per record: papers + invalid = the number of `id = {` lines', () => {
    const idLines = rawText(METADATA).match(/^id = \{/gm)!.length;
    const papers = papersOf(items).length;
    const invalid = invalidOf(items);
    console.log(`AAN metadata: ${idLines} id lines, ${papers} papers, ${invalid.length} invalid`, invalid.slice(0, 5));
    expect(idLines).toBe(18041);
    expect(papers + invalid.length).toBe(idLines);
    // Every record of the 2011 release has an id and a title: none is invalid.
    expect(invalid).toEqual([]);
    // No id occurs twice in this release (the writer would dedupe if one did).
    expect(byId.size).toBe(papers);
  });

  it('reads D10-1001 completely', () => {
    const { line, paper } = byId.get('D10-1001')!;
    expect(line).toBe(1);
    expect(paper).toEqual({
      identity: { aclId: 'D10-1001' },
      title: 'On Dual Decomposition and Linear Programming Relaxations for Natural Language Processing',
      publishedAt: undefined,
      year: 2010,
      venue: { name: 'EMNLP', kind: 'conference' },
      hasCode: false,
      authorListComplete: true,
      authorships: ['Alexander M. Rush', 'David Sontag', 'Michael John Collins', 'Tommi Jaakkola'].map((name, k) => ({
        author: { identity: { sourceKey: sourceAuthorKey('aan', name) }, displayName: name },
        position: k + 1,
      })),
      topics: [{ topic: { code: 'cs.CL', name: 'Computation and Language', parent: { code: 'cs', name: 'Computer Science' } }, primary: true }],
      references: undefined,
    });
  });

  it('decodes entities in names, and a `;` glued to an entity rejoins the name it cut', () => {
    // author = {Rai, Piyush; Saha, Avishek; Daum&eacute;; III, Hal; Venkatasubramanian, Suresh}
    expect(byId.get('W10-0104')!.line).toBe(5305);
    expect(authorsOf(byId.get('W10-0104')!.paper)).toEqual(['Piyush Rai', 'Avishek Saha', 'Hal Daumé III', 'Suresh Venkatasubramanian']);
    expect(authorsOf(byId.get('D10-1007')!.paper)).toEqual(['Michael Paul', 'ChengXiang Zhai', 'Roxana Gîrju']);
    expect(authorsOf(byId.get('D11-1097')!.paper)).toEqual(['Diarmuid Ó Séaghdha', 'Anna Korhonen']);
    expect(authorsOf(byId.get('L08-1567')!.paper)).toEqual(['Marta Ruiz Costa-Jussà', 'José A. R. Fonollosa', 'Enric Monte']);
    // UTF-8 bytes written as entities (`Bej&Auml;&#x8D;ek`) are re-read as UTF-8.
    expect(authorsOf(byId.get('I08-2111')!.paper)).toEqual(['Eduard Bejček', 'Pavel Strañák' /* sic: &ntilde; in the data */, 'Pavel Schlesinger']);
    const names = new Set(papersOf(items).flatMap(authorsOf));
    for (const name of ['Adrià de Gispert', 'Tomaž Erjavec', 'Tanja Samardžić', 'Elisabeth D’Halleweyn', 'Petra-Maria Strauß', 'Ralf Schlüter', 'Heinrich H. Bülthoff', 'Lê Hồng Phương', 'Charles T. Taylor II', 'James P. Callan', 'Mausam']) {
      expect(names, name).toContain(name);
    }
    // Nothing of the encoding layer is left in any name.
    const leftovers = [...names].filter((n) => /&#?\w+;|[;"{}\u0080-\u009f]|â€|Ã/.test(n) || n !== n.trim() || n.includes('  '));
    expect(leftovers).toEqual([]);
  });

  it('decodes titles: entities, Windows-1252 bytes, half-UTF-8 lines, BibTeX braces', () => {
    expect(byId.get('D10-1057')!.paper.title).toBe('We’re Not in Kansas Anymore: Detecting Domain Changes in Streams');
    expect(byId.get('W11-2156')!.paper.title).toMatch(/^The BM-I2R Haitian-Créole-to-English/);
    expect(byId.get('L08-1068')!.paper.title).toBe('Latest Developments in ELRA’s Services'); // raw 0x92
    // A line with valid and broken UTF-8: the valid part is kept, the lost character is U+FFFD.
    expect(byId.get('D08-1002')!.paper.title).toBe('It’s a Contradiction \uFFFDno, it’s not: A Case Study using Functional Relations');
    expect(byId.get('W11-0302')!.paper.title).toBe('The Effect of Automatic Tokenization, Vocalization, Stemming, and POS Tagging on Arabic Dependency Parsing');
    expect(byId.get('W04-0802')!.paper.title).toBe('The Senseval-3 Multilingual English-Hindi Lexical Sample Task');
    const odd = papersOf(items).filter((p) => /&#?[A-Za-z0-9]+;|[{}\u0080-\u009f]|â€/.test(p.title + (p.venue?.name ?? '')));
    expect(odd.map((p) => p.identity.aclId)).toEqual([]);
  });

  it('keeps records with missing fields: W10-4238 has no authors', () => {
    const { paper } = byId.get('W10-4238')!;
    expect(paper.title).toBe('Author Index');
    expect(paper.authorships).toEqual([]);
    expect(paper.authorListComplete).toBe(false);
  });

  it('classifies venues and reads lettered ids', () => {
    expect(byId.get('J08-4006')!.paper.venue).toEqual({ name: 'Computational Linguistics', kind: 'journal' });
    expect(byId.get('J79-1032b')!.paper.venue?.kind).toBe('journal');
    expect(byId.get('W10-0104')!.paper.venue?.kind).toBe('workshop');
    const kinds = new Map<string, number>();
    for (const p of papersOf(items)) kinds.set(p.venue!.kind, (kinds.get(p.venue!.kind) ?? 0) + 1);
    console.log('AAN venue kinds', Object.fromEntries(kinds));
    // Every J (journal) id is in a journal venue.
    expect(papersOf(items).filter((p) => p.identity.aclId!.startsWith('J') && p.venue?.kind !== 'journal')).toEqual([]);
  });

  it('agrees with AAN’s own coauthor network on a sample of 200 papers', () => {
    // Names there are "Last, First" from the same metadata, but split on every `;`, entities' too
    // ("Daum&eacute ==> III, Hal"): names with entities cannot match there, plain-ASCII ones must.
    const flip = (n: string) => (n.includes(',') ? `${n.slice(n.indexOf(',') + 1)} ${n.slice(0, n.indexOf(','))}` : n);
    const pairKey = (a: string, b: string) => [normalizeName(a), normalizeName(b)].sort().join(' | ');
    const network = new Set(
      rawText(NETWORK).split('\n').flatMap((line) => {
        const m = /^(.*?) ==> (.*)$/.exec(line);
        return m ? [pairKey(flip(m[1]!), flip(m[2]!))] : [];
      }),
    );
    const multi = papersOf(items).filter((p) => p.authorships.length >= 2);
    const stride = Math.floor(multi.length / 200);
    const sample = multi.filter((_, i) => i % stride === 0).slice(0, 200);
    let pairs = 0, found = 0, asciiPairs = 0, asciiFound = 0;
    for (const names of sample.map(authorsOf)) {
      for (let i = 0; i < names.length; i++) {
        for (let j = i + 1; j < names.length; j++) {
          const hit = network.has(pairKey(names[i]!, names[j]!));
          pairs++, (found += +hit);
          if (/^[\x20-\x7e]*$/.test(names[i]! + names[j]!)) asciiPairs++, (asciiFound += +hit);
        }
      }
    }
    console.log(`coauthor pairs found in the AAN network: ${found}/${pairs} = ${(found / pairs).toFixed(3)}; ASCII-only names: ${asciiFound}/${asciiPairs} = ${(asciiFound / asciiPairs).toFixed(3)}`);
    expect(sample).toHaveLength(200);
    expect(found / pairs).toBeGreaterThan(0.9);
    expect(asciiFound / asciiPairs).toBeGreaterThan(0.99);
  });
});

describe('the real edge file (acl.txt)', () => {
  it('yields a citation for every non-empty line, self-citations included', async () => {
    const lines = rawText(EDGES).split('\n').filter((l) => l.trim() !== '');
    const selfCitations = lines.filter((l) => { const [a, b] = l.split(',').map((s) => s.trim()); return a === b; }).length;
    const items = await parse(fileSource(EDGES));
    const citations = items.filter((i) => i.kind === 'citation').length;
    const invalid = invalidOf(items);
    console.log(`AAN edges: ${lines.length} lines, ${citations} citations, ${invalid.length} invalid`);
    expect(lines).toHaveLength(94973);
    expect(citations).toBe(lines.length);
    expect(invalid).toHaveLength(0);
    expect(selfCitations).toBe(42);
    expect(items[0]).toEqual({ kind: 'citation', line: 1, citing: { aclId: 'C08-3004' }, cited: { aclId: 'A00-1002' } });
  });
});

describe('inline texts', () => {
  it('decodes named, accented, numeric and misspelt entities; leaves unknown ones and bare `&` alone', async () => {
    const paper = await onePaper(record({
      id: 'P10-1001',
      author: 'Daum&eacute;, Hal; G&icirc;rju, Roxana; M&#233;lanie, A; Gonz&#XE1;lez, B; Zidra&#scaron;co, C; Strau&slig;, D; D&#x92;Hoore, E; &#x8A;pela, F',
      title: 'Q&A for R&D: the &foo; &amp; &#x26; &ldquo;quoted&rdquo; ELRA&rsquo;s {POS} tagger',
      venue: 'IWPT&rsquo;09',
      year: '2010',
    }));
    expect(authorsOf(paper)).toEqual(['Hal Daumé', 'Roxana Gîrju', 'A Mélanie', 'B González', 'C Zidrašco', 'D Strauß', 'E D’Hoore', 'F Špela']);
    expect(paper.title).toBe('Q&A for R&D: the &foo; & & “quoted” ELRA’s POS tagger');
    expect(paper.venue).toEqual({ name: 'IWPT’09', kind: 'conference' });
  });

  it('splits authors on `;` only outside entities', async () => {
    expect(await authorsFrom('Pl&uuml;ss, Brian; Cristi&agrave;, Maximiliano')).toEqual(['Brian Plüss', 'Maximiliano Cristià']);
    expect(await authorsFrom('Erjavec, Toma&#x017E; ; Krek, Simon')).toEqual(['Tomaž Erjavec', 'Simon Krek']);
    // `&#59;` is a `;` character, not a separator.
    expect(await authorsFrom('A&#59;B, C; D, E')).toEqual(['C A;B', 'E D']);
    // A `;` glued to an entity's `;` was a space: the name is rejoined.
    expect(await authorsFrom('Rai, Piyush; Daum&eacute;; III, Hal')).toEqual(['Piyush Rai', 'Hal Daumé III']);
    expect(await authorsFrom('Gispert, Adri&agrave;; de; Pino, Juan')).toEqual(['Adrià de Gispert', 'Juan Pino']);
    expect(await authorsFrom('&Oacute;; S&eacute;aghdha, Diarmuid; Korhonen, Anna')).toEqual(['Diarmuid Ó Séaghdha', 'Anna Korhonen']);
  });

  it('turns "Last, First" around, keeps names without a comma, skips empty names', async () => {
    const paper = await onePaper(record({ id: 'P10-1001', author: ' Smith, John  A.;Mausam;; Taylor, II, Charles T.; Callan, James, P.; The PLUM Research Group; ', title: 'T', year: '2010' }));
    expect(authorsOf(paper)).toEqual(['John A. Smith', 'Mausam', 'Charles T. Taylor II', 'James P. Callan', 'The PLUM Research Group']);
    expect(paper.authorships.map((a) => a.position)).toEqual([1, 2, 3, 4, 5]);
    expect(paper.authorships[0]!.author.identity).toEqual({ sourceKey: 'aan:john a smith' });
    expect(paper.authorListComplete).toBe(true);
    expect(paper.venue).toBeUndefined();
  });

  it('reports a record without a title, or with a bad id or year, at the right line; keeps the others', async () => {
    const text = [
      record({ id: 'P10-1001', author: 'A, B', title: 'First', venue: 'ACL', year: '2010' }),
      '',
      record({ id: 'P10-1002', author: 'A, B', venue: 'ACL', year: '2010' }), // lines 7–10
      '',
      record({ id: 'P10-1003', author: 'A, B', title: '  ', venue: 'ACL', year: '2010' }), // title on line 14
      '',
      record({ id: 'not-an-id', title: 'T' }), // line 18
      '',
      record({ id: 'P10-1005', title: 'T', year: 'c. 1990' }), // year on line 23
      '',
      record({ author: 'A, B', title: 'No id' }), // line 25
      '',
      record({ id: 'P10-1007', title: 'No year, no author, odd venue', venue: 'HLT Workshop WS' }),
    ].join('\n');
    const items = await parseText(text);
    expect(items.map((i) => [i.kind, i.line])).toEqual([['paper', 1], ['invalid', 7], ['invalid', 14], ['invalid', 18], ['invalid', 23], ['invalid', 25], ['paper', 28]]);
    expect(invalidOf(items).map((i) => i.reason)).toEqual([
      'record P10-1002 has no title',
      'record P10-1003 has no title',
      'malformed ACL id "not-an-id"',
      'record P10-1005: unparsable year "c. 1990"',
      'record has no id',
    ]);
    const last = papersOf(items)[1]!;
    expect(last).toMatchObject({ year: undefined, authorships: [], authorListComplete: false, venue: { kind: 'workshop' } });
  });

  it('reports malformed lines, unknown and repeated fields; copes with a missing blank line', async () => {
    const text = [
      'id = {P10-1001}', 'title = {A}', 'this is not a field', '', // 1–4
      'id = {P10-1002}', 'title = {B}', 'pages = {1--9}', '', // 5–8
      'id = {P10-1003}', 'title = {C}', 'title = {C again}', '', // 9–12
      'id = {P10-1004}', 'title = {D}', 'id = {P10-1005}', 'title = {E}', '', '', // no blank line between D and E
    ].join('\n');
    const items = await parseText(text);
    expect(items).toEqual([
      { kind: 'invalid', line: 3, reason: 'record P10-1001: expected a "key = {value}" field, got "this is not a field"' },
      { kind: 'invalid', line: 7, reason: 'record P10-1002: unknown field "pages"' },
      { kind: 'invalid', line: 11, reason: 'record P10-1003: field "title" given twice in one record' },
      expect.objectContaining({ kind: 'paper', line: 13 }),
      expect.objectContaining({ kind: 'paper', line: 15 }),
    ]);
  });

  it('reads edges: malformed lines are invalid at their line; self-citations pass to the writer', async () => {
    const items = await parseText('P10-1001 , P09-1002\nP10-1001 P09-1003\n\nP10-1001 , P10-1001\nP10-1001 , nonsense!\nJ79-1071 , J79-1032b\n');
    expect(items).toEqual([
      { kind: 'citation', line: 1, citing: { aclId: 'P10-1001' }, cited: { aclId: 'P09-1002' } },
      { kind: 'invalid', line: 2, reason: 'expected "citing-id , cited-id", got "P10-1001 P09-1003"' },
      { kind: 'citation', line: 4, citing: { aclId: 'P10-1001' }, cited: { aclId: 'P10-1001' } },
      { kind: 'invalid', line: 5, reason: 'malformed ACL id "nonsense!" in citation edge' },
      { kind: 'citation', line: 6, citing: { aclId: 'J79-1071' }, cited: { aclId: 'J79-1032b' } },
    ]);
  });

  it('handles CRLF line ends and a BOM in both files', async () => {
    const meta = await parseText('\uFEFFid = {P10-1001}\r\nauthor = {Daum&eacute;; III, Hal}\r\ntitle = {T }\r\nvenue = {ACL}\r\nyear = {2010}\r\n\r\nid = {P10-1002}\r\ntitle = {U}\r\n');
    expect(papersOf(meta).map((p) => [p.identity.aclId, p.title, p.year, authorsOf(p)])).toEqual([
      ['P10-1001', 'T', 2010, ['Hal Daumé III']],
      ['P10-1002', 'U', undefined, []],
    ]);
    const edges = await parseText('\uFEFFP10-1001 , P09-1002\r\nP10-1002 , P09-1002\r\n');
    expect(edges.map((i) => [i.kind, i.line])).toEqual([['citation', 1], ['citation', 2]]);
  });

  it('repairs Windows-1252 and half-UTF-8 lines as the file has them', async () => {
    // Raw bytes: a Windows-1252 apostrophe (0x92) and umlaut (0xFC); valid UTF-8 next to a sequence cut by `?`.
    const papers = papersOf(await parse(fileSource(fileURLToPath(new URL('./fixtures/aan/mojibake.txt', import.meta.url)))));
    expect(papers.map((p) => p.title)).toEqual(['Latest Developments in ELRA’s Services', 'It’s a Contradiction \uFFFDno']);
    expect(authorsOf(papers[0]!)).toEqual(['Sandra Kübler']);
  });

  it('rejects a file that is neither format, line by line', async () => {
    const items = await parseText('hello world\n');
    expect(items).toEqual([{ kind: 'invalid', line: 1, reason: 'neither an AAN metadata field nor a citation edge: "hello world"' }]);
  });
});
