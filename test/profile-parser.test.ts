import { readFileSync } from 'node:fs';
import { seedProfilePath } from '../src/demo-data.js';
import { describe, it, expect } from 'vitest';
import { parseProfile } from '../src/import/profile.js';
import { ImportError } from '../src/import/errors.js';
import type { PaperRecord } from '../src/import/records.js';

const seedText = readFileSync(seedProfilePath, 'utf8');

function paper(papers: PaperRecord[], titleStart: string): PaperRecord {
  const found = papers.find((p) => p.title.startsWith(titleStart));
  if (!found) throw new Error(`no paper titled ${titleStart}…`);
  return found;
}

/** Parses and returns the ImportError it must throw. */
function parseError(text: string, currentYear = 2026): ImportError {
  try {
    parseProfile(text, { fileName: 'inline.txt', currentYear });
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected parseProfile to throw');
}

/** A minimal valid profile; `papers` are full blocks (header, title, blank, authors, blank, abstract). */
function profile(count: number, ...papers: string[]): string {
  return ['Ada Lovelace', '', 'LG', 'h-index5', '', `${count} Papers`, '', papers.join('\n\n')].join('\n');
}
const block = (header: string, authors = 'Ada Lovelace, Charles Babbage', title = 'A Title') =>
  `${header}\n${title}\n\n${authors}\n\nAn abstract.`;

describe('parseProfile on the real seed profile', () => {
  const batch = parseProfile(seedText, { fileName: 'seed-profile.txt', currentYear: 2026 });
  const { papers } = batch;

  it('reads the owner and the reported metrics', () => {
    expect(batch.source).toBe('profile');
    expect(batch.authors).toHaveLength(1);
    const owner = batch.authors[0]!;
    expect(owner.displayName).toBe('Zhepei Wei');
    expect(owner.identity).toEqual({ sourceKey: 'profile:zhepei wei' });
    expect(owner.reportedMetrics).toEqual({
      source: 'profile',
      hIndex: 38,
      paperCount: 18,
      citationCount: 1749,
      novelty: 57,
      aiScore: 64,
      primaryTopicCode: 'cs.CL',
    });
  });

  it('finds all 18 paper blocks with titles and abstracts', () => {
    expect(papers).toHaveLength(18);
    expect(papers[0]!.title).toBe('PersonaAgent: Bridging Memory and Action for Personalized LLM Agents');
    expect(papers[17]!.title).toBe('Jointly Modeling Hierarchical and Horizontal Features for Relational Triple Extraction');
    for (const p of papers) {
      expect(p.identity).toEqual({});
      expect(p.abstract!.length).toBeGreaterThan(100);
      expect(p.venue).toBeUndefined();
      expect(p.reportedCitationCount).toBeUndefined();
    }
    expect(paper(papers, 'G-Zero').abstract).toContain('Hint-$δ$');
  });

  it('dates papers, putting year-less dates in the current year', () => {
    const persona = paper(papers, 'PersonaAgent');
    expect(persona.publishedAt).toBe('2026-05-27');
    expect(persona.year).toBe(2026);
    const winnow = paper(papers, 'Separate the Wheat');
    expect(winnow.publishedAt).toBe('2025-11-01');
    expect(winnow.year).toBe(2025);
    expect(paper(papers, 'A Novel Cascade').publishedAt).toBe('2019-09-07');
    expect(papers.filter((p) => p.year === 2026)).toHaveLength(3); // May 27, May 20, May 11
  });

  it('reads Code flags and the GitHub URL from the abstract', () => {
    const withCode = papers.filter((p) => p.hasCode);
    expect(withCode.map((p) => p.title.slice(0, 20))).toEqual([
      'You Only Need Minima',
      'The Surprising Effec',
      'Aligning Large Langu',
      'Handling Inter-class',
    ]);
    expect(paper(papers, 'You Only Need Minimal RLVR').codeUrl).toBe('https://github.com/weizhepei/RELEX');
    expect(paper(papers, 'The Surprising').codeUrl).toBe('https://github.com/TianHongZXY/RLVR-Decomposed');
    expect(paper(papers, 'Aligning Large').codeUrl).toBe('https://github.com/SJY8460/SAO');
    // Two links in the abstract: the first GitHub one wins.
    expect(paper(papers, 'Handling Inter-class').codeUrl).toBe('https://github.com/AnonAuthorAI/duplebalance');
    // "The source code and data are released online." but no Code flag and no URL.
    const casrel = paper(papers, 'A Novel Cascade');
    expect(casrel.hasCode).toBe(false);
    expect(casrel.codeUrl).toBeUndefined();
    for (const p of papers.filter((q) => !q.hasCode)) expect(p.codeUrl).toBeUndefined();
  });

  it('appends the owner at an unknown position when "et al." hides them', () => {
    const persona = paper(papers, 'PersonaAgent');
    expect(persona.authorListComplete).toBe(false);
    expect(persona.authorships.map((a) => [a.author.displayName, a.position])).toEqual([
      ['Weizhi Zhang', 1],
      ['Xinyang Zhang', 2],
      ['Chenwei Zhang', 3],
      ['Zhepei Wei', null],
    ]);
    expect(persona.authorships[3]!.author.identity).toEqual({ sourceKey: 'profile:zhepei wei' });
    expect(persona.authorships[0]!.author.identity).toEqual({ sourceKey: 'profile:weizhi zhang' });
    // The owner is missing from the visible names on exactly these four papers.
    const ownerHidden = papers.filter((p) => p.authorships.some((a) => a.position === null));
    expect(ownerHidden.map((p) => p.title.split(/[:\s]/)[0])).toEqual(['PersonaAgent', 'Separate', 'Learning', 'G-Zero']);
    for (const p of papers) {
      expect(p.authorships.filter((a) => a.author.displayName === 'Zhepei Wei')).toHaveLength(1);
    }
  });

  it('keeps a listed owner at their position', () => {
    const negative = paper(papers, 'The Surprising');
    expect(negative.authorships.map((a) => a.position)).toEqual([1, 2, 3]);
    expect(negative.authorships[2]!.author.displayName).toBe('Zhepei Wei');
    // "Zhining Liu, Pengfei Wei, Zhepei Wei": a similar name is not the owner.
    const dube = paper(papers, 'Handling Inter-class');
    expect(dube.authorships.map((a) => a.author.displayName)).toEqual(['Zhining Liu', 'Pengfei Wei', 'Zhepei Wei']);
  });

  it('marks a list without "et al." complete', () => {
    const instruct = paper(papers, 'InstructRAG');
    expect(instruct.authorListComplete).toBe(true);
    expect(instruct.authorships.map((a) => [a.author.displayName, a.position])).toEqual([
      ['Zhepei Wei', 1],
      ['Wei-Lin Chen', 2],
      ['Yu Meng', 3],
    ]);
    expect(papers.filter((p) => p.authorListComplete)).toEqual([instruct]);
  });

  it('puts the "· pku" tag on the lead author only', () => {
    const desa = paper(papers, 'Beyond Outcome Reward');
    expect(desa.authorListComplete).toBe(false);
    expect(desa.authorships.map((a) => [a.author.displayName, a.position, a.affiliation])).toEqual([
      ['Yiding Wang', 1, 'pku'],
      ['Zhepei Wei', 2, undefined],
      ['Xinyu Zhu', 3, undefined],
    ]);
    const tagged = papers.filter((p) => p.authorships.some((a) => a.affiliation !== undefined));
    expect(tagged).toEqual([desa]);
  });

  it('maps category tags to primary arXiv cs topics', () => {
    expect(paper(papers, 'PersonaAgent').topics).toEqual([
      {
        topic: { code: 'cs.AI', name: 'Artificial Intelligence', parent: { code: 'cs', name: 'Computer Science' } },
        primary: true,
      },
    ]);
    expect(paper(papers, 'InstructRAG').topics[0]!.topic.name).toBe('Computation and Language');
    expect(paper(papers, 'You Only Need').topics[0]!.topic.code).toBe('cs.LG');
    const counts: Record<string, number> = {};
    for (const p of papers) counts[p.topics[0]!.topic.code] = (counts[p.topics[0]!.topic.code] ?? 0) + 1;
    expect(counts).toEqual({ 'cs.CL': 11, 'cs.LG': 5, 'cs.AI': 2 });
  });
});

describe('parseProfile on small inputs', () => {
  it('parses a minimal profile and names an unknown tag by its code', () => {
    const batch = parseProfile(profile(1, block('XXMar 3, 2020')), { currentYear: 2026 });
    expect(batch.papers[0]!.topics[0]!.topic).toEqual({
      code: 'cs.XX',
      name: 'cs.XX',
      parent: { code: 'cs', name: 'Computer Science' },
    });
    expect(batch.papers[0]!.authorListComplete).toBe(true);
    expect(batch.papers[0]!.authorships.map((a) => a.position)).toEqual([1, 2]);
    expect(batch.authors[0]!.reportedMetrics).toEqual({ source: 'profile', hIndex: 5, primaryTopicCode: 'cs.LG' });
  });

  it('respects currentYear for dates without a year', () => {
    const text = profile(1, block('CLMay 27'));
    expect(parseProfile(text, { currentYear: 2031 }).papers[0]!.publishedAt).toBe('2031-05-27');
    expect(parseProfile(text, { currentYear: 2024 }).papers[0]!.year).toBe(2024);
    expect(parseProfile(text, {}).papers[0]!.year).toBe(new Date().getUTCFullYear());
  });

  it('accepts CRLF line endings and trailing whitespace', () => {
    const text = profile(2, block('CLNov 1, 2025Code'), block('LGMay 20', 'Ada Lovelace et al.'))
      .replace(/\n/g, '  \r\n')
      .replace('An abstract.', 'See https://github.com/ada/engine).');
    const batch = parseProfile(text, { currentYear: 2026 });
    expect(batch.authors[0]!.displayName).toBe('Ada Lovelace');
    expect(batch.papers.map((p) => p.publishedAt)).toEqual(['2025-11-01', '2026-05-20']);
    expect(batch.papers[0]!.codeUrl).toBe('https://github.com/ada/engine');
    expect(batch.papers[0]!.title).toBe('A Title');
    expect(batch.papers[1]!.authorListComplete).toBe(false);
    expect(batch.papers[1]!.authorships.map((a) => a.position)).toEqual([1]);
  });

  it('keeps accented and CJK names as written', () => {
    const text = profile(1, block('CLJan 5, 2024', 'Hal Daumé III, 王小明, Ada Lovelace')).replace(
      /^Ada Lovelace/,
      'Zoë Ó Briain',
    );
    const batch = parseProfile(text, { currentYear: 2026 });
    expect(batch.authors[0]!.displayName).toBe('Zoë Ó Briain');
    const names = batch.papers[0]!.authorships.map((a) => [a.author.displayName, a.position]);
    expect(names).toEqual([
      ['Hal Daumé III', 1],
      ['王小明', 2],
      ['Ada Lovelace', 3],
      ['Zoë Ó Briain', null], // complete list without the owner: still an author, position unknown
    ]);
    expect(batch.papers[0]!.authorships[1]!.author.identity.sourceKey).toBe('profile:王小明');
  });

  it('rejects a header line that does not parse, naming its line', () => {
    const text = profile(2, block('CLNov 1, 2025'), block('cl nov 2 2025'));
    const err = parseError(text);
    // name, blank, LG, h-index, blank, count, blank (7 lines), 6 lines of paper 1, blank → line 15
    expect(text.split('\n')[14]).toBe('cl nov 2 2025');
    expect(err.line).toBe(15);
    expect(err.file).toBe('inline.txt');
    expect(err.message).toMatch(/^inline\.txt:15: expected a paper header/);
  });

  it('rejects an unknown month', () => {
    const err = parseError(profile(1, block('CLFoo 3, 2024')));
    expect(err.reason).toMatch(/unknown month "Foo"/);
    expect(err.line).toBe(8);
  });

  it('rejects impossible dates such as Feb 30', () => {
    expect(parseError(profile(1, block('CLFeb 30, 2024'))).reason).toMatch(/no such date/);
    expect(parseError(profile(1, block('CLFeb 29'))).reason).toMatch(/no such date/); // 2026 is no leap year
    expect(parseProfile(profile(1, block('CLFeb 29, 2024')), {}).papers[0]!.publishedAt).toBe('2024-02-29');
  });

  it('rejects a paper count that differs from the blocks found', () => {
    const err = parseError(profile(3, block('CLNov 1, 2025'), block('CLNov 2, 2025')));
    expect(err.line).toBe(6);
    expect(err.reason).toMatch(/declares 3 papers but 2 were found/);
  });

  it('rejects empty text and a missing name', () => {
    expect(parseError('').reason).toBe('empty file');
    expect(parseError(' \r\n\n  ').reason).toBe('empty file');
    const err = parseError('\nCL\n1 Papers\n');
    expect(err.line).toBe(1);
    expect(err.reason).toMatch(/missing researcher name/);
  });

  it('rejects blocks without a title or authors', () => {
    expect(parseError(profile(1, 'CLNov 1, 2025\n\nAda Lovelace\n\nAbstract.')).reason).toMatch(/no title/);
    expect(parseError(profile(1, 'CLNov 1, 2025\nA Title')).reason).toMatch(/no author line/);
    expect(parseError(profile(1, block('CLNov 1, 2025', 'Ada Lovelace, , Bob'))).reason).toMatch(/empty name/);
  });

  it('rejects a missing count line and unknown profile lines', () => {
    expect(parseError('Ada Lovelace\n\nCL\n').reason).toMatch(/missing "N Papers"/);
    expect(parseError('Ada Lovelace\n\nCL\nFollowers12\n\n0 Papers').line).toBe(4);
  });
});
