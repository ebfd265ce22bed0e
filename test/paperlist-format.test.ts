/**
 * The Paper Copilot paper-list parser (NeurIPS 1987–2018), parse only: every real file, with the
 * expected counts worked out here from the raw JSON (gunzip + JSON.parse), then each quirk on inline JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { neuripsDir } from '../src/demo-data.js';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperlistFormat } from '../src/import/formats/paperlist.js';
import type { ParsedItem } from '../src/import/formats/types.js';
import { sourceAuthorKey } from '../src/import/normalize.js';
import type { PaperRecord } from '../src/import/records.js';
import { fileSource, textSource, type InputSource } from '../src/import/source.js';

const DIR = pathToFileURL(`${neuripsDir}/`);
type Raw = Record<string, unknown>;

async function parse(input: InputSource): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  for await (const item of paperlistFormat.parse(input, { currentYear: 2026 })) items.push(item);
  return items;
}
const parseText = (text: string, name = 'inline.json') => parse(textSource(name, text));
async function onePaper(record: Raw, name?: string): Promise<PaperRecord> {
  const items = await parseText(JSON.stringify([record]), name);
  expect(items).toHaveLength(1);
  const item = items[0]!;
  if (item.kind !== 'paper') throw new Error(`expected a paper, got ${JSON.stringify(item)}`);
  return item.paper;
}
function paperAt(items: ParsedItem[], line: number): PaperRecord {
  const item = items[line - 1]!;
  expect(item.line).toBe(line);
  if (item.kind !== 'paper') throw new Error(`record ${line} is ${item.kind}`);
  return item.paper;
}
/** The talk listings scraped from nips.cc: no abstract, pdf, bibtex or citation fields. */
const isScheduleEntry = (r: Raw) => !['abstract', 'pdf', 'bibtex', 'gs_citation'].some((k) => k in r);

describe('paperlist parser on the real NeurIPS files', () => {
  const years = readdirSync(DIR)
    .map((f) => /^nips(\d{4})\.json\.gz$/.exec(f)?.[1])
    .filter((y): y is string => y !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const raw = new Map<number, Raw[]>();
  const parsed = new Map<number, ParsedItem[]>();
  /** Every (raw record, yielded paper) pair except the talk listings, which yield their full record's paper. */
  const pairs: { year: number; line: number; record: Raw; paper: PaperRecord }[] = [];
  const paper2 = (year: number, line: number) => paperAt(parsed.get(year)!, line);

  beforeAll(async () => {
    for (const year of years) {
      const file = new URL(`nips${year}.json.gz`, DIR);
      raw.set(year, JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Raw[]);
      parsed.set(year, await parse(fileSource(fileURLToPath(file))));
    }
    for (const year of years) {
      raw.get(year)!.forEach((record, k) => {
        if (!isScheduleEntry(record)) pairs.push({ year, line: k + 1, record, paper: paperAt(parsed.get(year)!, k + 1) });
      });
    }
  }, 120_000);

  it('yields one paper per array element, numbered by its index, in every file from 1987 to 2018', () => {
    expect(years).toEqual(Array.from({ length: 32 }, (_, k) => 1987 + k));
    let total = 0;
    for (const year of years) {
      const items = parsed.get(year)!;
      expect(items.length, `nips${year}`).toBe(raw.get(year)!.length);
      expect(items.every((item, k) => item.kind === 'paper' && item.line === k + 1)).toBe(true);
      total += items.length;
    }
    expect(total).toBe([...raw.values()].reduce((n, records) => n + records.length, 0));
    expect(total).toBe(8266);
    expect(parsed.get(1987)).toHaveLength(90);
    expect(parsed.get(2018)).toHaveLength(1009);
  });

  it('gives every paper the year of its file, whether from bibtex or (17 records without) the URL', () => {
    const withoutBibtex = [...raw.values()].flat().filter((r) => !r.bibtex).length;
    expect(withoutBibtex).toBe(17);
    for (const year of years) {
      expect(parsed.get(year)!.every((item) => item.kind === 'paper' && item.paper.year === year), `nips${year}`).toBe(true);
    }
  });

  it('keeps gs_citation when it is >= 0: -1 (not collected) and missing give no count', () => {
    let sum = 0;
    let counted = 0;
    for (const { record, paper } of pairs) {
      const gs = record.gs_citation;
      const expected = typeof gs === 'number' && gs >= 0 ? gs : undefined;
      expect(paper.reportedCitationCount).toBe(expected);
      if (expected !== undefined) (sum += expected), counted++;
    }
    expect(counted).toBe(8266 - 14 - 47); // 14 records without the field (all talk listings), 47 at -1
    expect(sum).toBe(2_514_568);
  });

  it('takes codeUrl from github: 114 papers, scheme-less links given https', () => {
    const withGithub = pairs.filter(({ record }) => typeof record.github === 'string' && record.github !== '');
    expect(withGithub).toHaveLength(114);
    expect(pairs.filter(({ paper }) => paper.codeUrl !== undefined)).toHaveLength(114);
    for (const { record, paper } of withGithub) {
      expect(paper.hasCode).toBe(true);
      expect(paper.codeUrl).toBe(/^https?:/.test(record.github as string) ? record.github : `https://${record.github as string}`);
    }
    expect(paper2(2015, 220).codeUrl).toBe('https://github.com/sparseMCMC');
  });

  it('reads the 1987 backgammon paper: ordered authors with their affiliations', () => {
    const p = paper2(1987, 1);
    expect(p.title).toBe("A 'Neural' Network that Learns to Play Backgammon");
    expect(p.year).toBe(1987);
    expect(p.venue).toEqual({ name: 'Neural Information Processing Systems', shortName: 'NeurIPS', kind: 'conference' });
    expect(p.identity).toEqual({});
    expect(p.reportedCitationCount).toBe(51);
    expect(p.hasCode).toBe(false);
    expect(p.authorListComplete).toBe(true);
    expect(p.topics).toEqual([]);
    expect(p.abstract).toBe('We describe a class of connectionist networks that have learned to play back'); // truncated at source
    expect(p.authorships).toEqual([
      {
        author: { identity: { sourceKey: sourceAuthorKey('paperlist', 'G. Tesauro') }, displayName: 'G. Tesauro' },
        position: 1,
        affiliation: 'Center for Complex Systems Research, University of Illinois at Urbana-Champaign',
      },
      {
        author: { identity: { sourceKey: sourceAuthorKey('paperlist', 'T. J. Sejnowski') }, displayName: 'T. J. Sejnowski' },
        position: 2,
        affiliation: 'Biophysics Dept., Johns Hopkins University',
      },
    ]);
  });

  it('lists authors in order, one per distinct name, with aff entries aligned by position', () => {
    let authorships = 0;
    let affiliations = 0;
    for (const { record, paper } of pairs) {
      const list = String(record.author || record.author_site || '');
      const names = list.split(list.includes(';') ? ';' : ',').map((n) => n.trim()).filter(Boolean);
      const affs = String(record.aff ?? '').trim() === '' ? [] : String(record.aff).split(';');
      if (affs.length > 0) expect(affs.length).toBe(names.length); // the real files never misalign
      const firsts = names.flatMap((n, k) => (names.indexOf(n) === k ? [k] : []));
      // Names come through as written, except the few with TeX escapes (Gia\-cin\-to), tested below.
      const tex = (k: number) => names[k]!.includes('\\');
      expect(paper.authorships.map((a, i) => [a.position, tex(firsts[i]!) ? 'TeX' : a.author.displayName])).toEqual(
        firsts.map((k, i) => [i + 1, tex(k) ? 'TeX' : names[k]]),
      );
      expect(paper.authorships.map((a) => a.affiliation !== undefined)).toEqual(firsts.map((k) => (affs[k] ?? '').trim() !== ''));
      authorships += paper.authorships.length;
      affiliations += paper.authorships.filter((a) => a.affiliation).length;
    }
    expect(authorships).toBe(24_662);
    expect(affiliations).toBe(20_730);
    // Every non-empty aff in these files has one entry per name, so an author lacks one only when it is blank.
    const p = paper2(1991, 60); // 'AT&T Bell Laboratories; AT&T Bell Laboratories; '
    expect(p.authorships.map((a) => a.affiliation)).toEqual(['AT&T Bell Laboratories', 'AT&T Bell Laboratories', undefined]);
    // "PM&R;" is not an HTML entity: its ';' separates two authors' affiliations.
    expect(paper2(2006, 142).authorships.map((a) => a.affiliation)).toEqual([
      'Rehabilitation Institute of Chicago + Northwestern University, Dept. PM&R',
      'Massachusetts Institute of Technology',
      'Johns Hopkins University',
    ]);
  });

  it('drops a name the proceedings list twice ("Dan Garber; Dan Garber")', () => {
    expect(paper2(2016, 209).authorships.map((a) => [a.position, a.author.displayName])).toEqual([[1, 'Dan Garber']]);
    const names = paper2(2016, 266).authorships.map((a) => a.author.displayName);
    expect(names).toEqual(['matt zhang', 'Peng Lin', 'Ting Guo', 'Yang Wang', 'Fang Chen']);
  });

  it('falls back to author_site when author is empty, and lists nobody when neither is there', () => {
    const alaa = paper2(2017, 149);
    expect(alaa.authorships.map((a) => [a.position, a.author.displayName, a.affiliation])).toEqual([
      [1, 'Ahmed M. Alaa', undefined],
      [2, 'Mihaela van der Schaar', undefined],
    ]);
    expect(alaa.reportedCitationCount).toBe(126);
    const onlyH = paper2(2016, 391);
    expect(onlyH.title).toBe('Only H is left: Near-tight Episodic PAC RL');
    expect(onlyH.authorships).toEqual([]);
    expect(onlyH.authorListComplete).toBe(false);
    expect(onlyH.reportedCitationCount).toBeUndefined(); // -1
  });

  it('merges talk listings into the paper they repeat; 8253 distinct title+year keys remain', () => {
    const listings = years.flatMap((year) =>
      raw.get(year)!.flatMap((r, k) => (isScheduleEntry(r) ? [{ year, line: k + 1, title: r.title as string }] : [])),
    );
    expect(listings).toHaveLength(14);
    const merged = listings.filter(({ year, line, title }) => paper2(year, line).title !== title || paper2(year, line).abstract);
    expect(merged).toHaveLength(13);
    const gans = paper2(2017, 83); // listed as "Bayesian GANs" by "Yunus Saatci, Andrew Wilson"
    expect(gans).toBe(paper2(2017, 82));
    expect(gans.title).toBe('Bayesian GAN');
    expect(paper2(2017, 297)).toBe(paper2(2017, 296)); // the listing misspells "Inhomogoenous"
    const award = paper2(2017, 622); // matches no paper: yielded as it stands
    expect(award.title).toBe('Test of Time Award');
    expect(award.authorships.map((a) => a.author.displayName)).toEqual(['ali rahimi', 'Benjamin Recht']);
    const keys = new Set(
      [...parsed.values()].flat().map((i) => (i.kind === 'paper' ? `${i.paper.title.toLowerCase()}|${i.paper.year}` : '')),
    );
    expect(keys.size).toBe(8253);
  });

  it('repairs text: TeX accents, PDF diacritics and ligatures, mojibake, cid glyphs, placeholders', () => {
    expect(paper2(2017, 45).title).toBe('Adaptive Accelerated Gradient Converging Method under Hölderian Error Bound Condition');
    expect(paper2(2006, 182).title).toBe('Stability of $K$-Means Clustering'); // math stays as written
    expect(paper2(2014, 56).title).not.toMatch(/\ufffc/);
    expect(paper2(2013, 340).title).toBe('Two-Target Algorithms for Infinite-Armed Bandits with Bernoulli Rewards');
    expect(paper2(2010, 255).authorships[1]!.author.displayName).toBe('Hélène Paugam-moisy');
    expect(paper2(2010, 290).authorships[1]!.author.displayName).toBe('Jesús Cerquides');
    expect(paper2(2004, 85).authorships[0]!.author.displayName).toBe('Giorgio Giacinto');
    expect(paper2(2009, 11).authorships[0]!.affiliation).toBe('IBM Research –Tokyo, Kanagawa, Japan');
    expect(paper2(2008, 10).abstract).toContain('four-year-olds’ use of statistical');
    const affiliations = pairs.flatMap(({ paper }) => paper.authorships.map((a) => a.affiliation ?? ''));
    expect(affiliations.filter((a) => /[´¨˘¸\ufb00-\ufb04†‡∗]|\\u00/.test(a))).toEqual([]);
    for (const name of ['Université de Montréal', 'Tübingen', 'École Polytechnique Fédérale', 'Boğaziçi', 'Artificial Intelligence'])
      expect(affiliations.some((a) => a.includes(name)), name).toBe(true);
    const abstracts = pairs.map(({ paper }) => paper.abstract ?? '');
    const debris = /\(cid:(173|11|12|13|14)\)|[\u0080-\u009f]|^Abstract Unavailable$|^Part of$/;
    expect(abstracts.filter((a) => debris.test(a))).toEqual([]);
    const unavailable = pairs.filter(({ record }) => record.abstract === 'Abstract Unavailable');
    expect(unavailable).toHaveLength(55);
    expect(unavailable.every(({ paper }) => paper.abstract === undefined)).toBe(true);
  });
});

describe('paperlist parser on inline JSON', () => {
  const base = { title: 'A Paper', author: 'Ada Lovelace; Charles Babbage', aff: 'Analytical Society; Cambridge' };

  it('reports a file that is not JSON as one invalid item at line 1, with the parser message', async () => {
    const items = await parseText('[{"title": "A Paper",');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'invalid', line: 1 });
    expect((items[0] as { reason: string }).reason).toMatch(/^not a JSON document: .*JSON/);
    expect(await parseText('')).toMatchObject([{ kind: 'invalid', line: 1 }]);
    const notArray = (got: string) => [{ kind: 'invalid', line: 1, reason: `expected a JSON array of papers, got ${got}` }];
    expect(await parseText('42')).toEqual(notArray('number'));
    expect(await parseText('"papers"')).toEqual(notArray('string'));
    expect(await parseText('null')).toEqual(notArray('null'));
  });

  it('accepts a single object, a BOM, and an empty array', async () => {
    expect(await parseText(JSON.stringify(base))).toMatchObject([{ kind: 'paper', line: 1, paper: { title: 'A Paper' } }]);
    expect(await parseText(`\uFEFF${JSON.stringify([base])}`)).toMatchObject([{ kind: 'paper', line: 1 }]);
    expect(await parseText('[]')).toEqual([]);
  });

  it('reports an element that cannot be a paper with its record number and goes on', async () => {
    const items = await parseText(JSON.stringify([base, { author: 'Nobody' }, 'text', null, { ...base, title: '  ' }, base]));
    expect(items.map((i) => `${i.kind}@${i.line}`)).toEqual(['paper@1', 'invalid@2', 'invalid@3', 'invalid@4', 'invalid@5', 'paper@6']);
    expect(items[1]).toEqual({ kind: 'invalid', line: 2, reason: 'record 2 has no title' });
    expect(items[2]).toEqual({ kind: 'invalid', line: 3, reason: 'record 3 is not an object' });
  });

  it('maps gs_citation: integers >= 0 and digit strings count; "", missing, -1, fractions and words do not', async () => {
    const count = async (gs?: unknown) =>
      (await onePaper(gs === undefined ? base : { ...base, gs_citation: gs })).reportedCitationCount;
    expect(await count(12)).toBe(12);
    expect(await count(0)).toBe(0);
    expect(await count('345')).toBe(345);
    expect(await count('1,234')).toBe(1234);
    expect(await count('')).toBeUndefined();
    expect(await count()).toBeUndefined();
    expect(await count(-1)).toBeUndefined();
    expect(await count(2.5)).toBeUndefined();
    expect(await count('n/a')).toBeUndefined();
  });

  it('maps github to codeUrl and hasCode only when it is a URL', async () => {
    const code = async (github: string) => {
      const p = await onePaper({ ...base, github });
      return [p.codeUrl, p.hasCode];
    };
    expect(await code('')).toEqual([undefined, false]);
    expect(await code('https://github.com/a/b')).toEqual(['https://github.com/a/b', true]);
    expect(await code(' github.com/a/b ')).toEqual(['https://github.com/a/b', true]);
    expect(await code('see paper')).toEqual([undefined, false]);
  });

  it('decodes HTML entities; the ";" of an entity does not split names or affiliations', async () => {
    const p = await onePaper({
      title: 'Learning &amp; Inference &#8211; a &quot;Study&quot;',
      author: 'Hal Daum&eacute; III; Fran&ccedil;ois Fleuret; J&#246;rg L&uuml;cke',
      aff: 'Universit&eacute; de Montr&eacute;al; Idiap &amp; EPFL; AT&T Labs',
    });
    expect(p.title).toBe('Learning & Inference – a "Study"');
    expect(p.authorships.map((a) => [a.author.displayName, a.affiliation])).toEqual([
      ['Hal Daumé III', 'Université de Montréal'],
      ['François Fleuret', 'Idiap & EPFL'],
      ['Jörg Lücke', 'AT&T Labs'],
    ]);
    expect(p.authorships[0]!.author.identity).toEqual({ sourceKey: sourceAuthorKey('paperlist', 'Hal Daumé III') });
  });

  it('leaves out every affiliation when aff does not have one entry per author', async () => {
    for (const aff of ['Analytical Society', 'A; B; C', '']) {
      const p = await onePaper({ ...base, aff });
      expect(p.authorships.map((a) => a.author.displayName)).toEqual(['Ada Lovelace', 'Charles Babbage']);
      expect(p.authorships.every((a) => a.affiliation === undefined)).toBe(true);
    }
    expect((await onePaper(base)).authorships.map((a) => a.affiliation)).toEqual(['Analytical Society', 'Cambridge']);
  });

  it('takes the year from bibtex, else the site or pdf URL, else the nipsYYYY file name', async () => {
    const bibtex = '@inproceedings{x,\n title = {A Paper},\n year = {1999}\n}';
    const site = 'https://papers.nips.cc/paper_files/paper/2001/hash/abc-Abstract.html';
    const pdf = 'https://papers.nips.cc/paper_files/paper/2002/file/abc-Paper.pdf';
    expect((await onePaper({ ...base, bibtex, site, pdf }, 'nips2005.json')).year).toBe(1999);
    expect((await onePaper({ ...base, site, pdf }, 'nips2005.json')).year).toBe(2001);
    expect((await onePaper({ ...base, pdf }, 'nips2005.json')).year).toBe(2002);
    expect((await onePaper({ ...base, site: 'https://nips.cc/virtual/2017/oral/10008' })).year).toBe(2017);
    expect((await onePaper(base, '/data/neurips/nips2005.json.gz')).year).toBe(2005);
    expect((await onePaper(base, '-')).year).toBeUndefined();
  });

  it('reads comma-separated schedule lists and TeX in names; gives the venue, no topics, no identity', async () => {
    const p = await onePaper({ title: 'T', author: 'Jes\\\'us Cerquides, Tom\\v{s} Gia\\-cin\\-to' });
    expect(p.authorships.map((a) => a.author.displayName)).toEqual(['Jesús Cerquides', 'Tomš Giacinto']);
    expect(p).toMatchObject({ identity: {}, topics: [], venue: { shortName: 'NeurIPS', kind: 'conference' }, authorListComplete: true });
    expect(p.abstract).toBeUndefined();
  });

  it('drops placeholder abstracts and repairs PDF text', async () => {
    expect((await onePaper({ ...base, abstract: 'Abstract Unavailable' })).abstract).toBeUndefined();
    expect((await onePaper({ ...base, abstract: 'Part of' })).abstract).toBeUndefined();
    const p = await onePaper({
      ...base,
      abstract: 'We  classi(cid:12)ed\n the e(cid:11)ects of learn(cid:173)\ning rules.',
      aff: 'Universit ´e de Montr ´eal∗; ´Ecole Normale Sup´erieure, Paris†',
    });
    expect(p.abstract).toBe('We classified the effects of learning rules.');
    expect(p.authorships.map((a) => a.affiliation)).toEqual(['Université de Montréal', 'École Normale Supérieure, Paris']);
  });

  it('yields the full record for a talk listing that repeats it under another title', async () => {
    const full = { title: 'Bayesian GAN', author: 'Yunus Saatci; Andrew G Wilson', abstract: 'We present it.', gs_citation: 3 };
    const listing = { title: 'Bayesian GANs', author: 'Yunus Saatci, Andrew Wilson', status: 'Spotlight', track: 'main' };
    const lonely = { title: 'Test of Time Award', author: 'Ali Rahimi, Benjamin Recht', status: 'Oral' };
    const items = await parseText(JSON.stringify([full, listing, lonely]), 'nips2017.json');
    const titles = items.map((i) => [i.line, i.kind === 'paper' && i.paper.title]);
    expect(titles).toEqual([[1, 'Bayesian GAN'], [2, 'Bayesian GAN'], [3, 'Test of Time Award']]);
    expect(items[1]!.kind === 'paper' && items[1]!.paper.reportedCitationCount).toBe(3);
  });
});
