/**
 * Parser for the researcher-profile text format: a page copied from a profile site, with the owner's
 * name, primary category and reported metrics, then a "N Papers" line and one block per paper.
 *
 * The layout is positional (no field labels on paper blocks), so the parser is strict about block
 * shape: a loose parser would silently turn a mangled header into abstract text.
 */
import type { AuthorRecord, AuthorshipRecord, ImportBatch, PaperRecord, TopicRecord } from './records.js';
import type { ReportedAuthorMetrics } from '../../db/tables.js';
import { arxivTopic } from './arxiv-taxonomy.js';
import { ImportError } from './errors.js';
import { normalizeName, sourceAuthorKey } from './normalize.js';

const SOURCE = 'profile';


const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december'];
/** Month word → 0-based month: the site prints "May", "Nov"; full names and "Sept" are accepted too. */
const MONTHS = new Map<string, number>([
  ...MONTH_NAMES.flatMap((m, k): [string, number][] => [[m, k], [m.slice(0, 3), k]]),
  ['sept', 8],
]);

/**
 * "AIMay 27", "CLNov 1, 2025", "LGMay 20Code": tag, month, day, optional year, optional Code flag,
 * all glued together. The tag is the uppercase run before the capitalised month word; regex
 * backtracking hands the month its capital letter.
 */
const HEADER_RE = /^([A-Z]+)([A-Z][a-z]+)\.? (\d{1,2})(?:, (\d{4}))?(Code)?$/;
/** Separator between the author list and the affiliation tag: U+00B7 MIDDLE DOT, spaced. */
const AFFILIATION_RE = /^(.*?)\s+\u00b7\s+(.+)$/;
const ET_AL_RE = /,?\s*et al\.?$/;
const GITHUB_RE = /https:\/\/github\.com\/[^\s<>"'\]]+/;
/** The count line is "18 Papers"; the metric is "18papers". Case and space tell them apart. */
const COUNT_RE = /^(\d[\d,]*) Papers$/;
const METRICS: [keyof ReportedAuthorMetrics, RegExp][] = [
  ['hIndex', /^h-index\s*(\d[\d,]*)$/i],
  ['paperCount', /^(\d[\d,]*)\s?papers$/],
  ['citationCount', /^(\d[\d,]*)\s*citations$/i],
  ['novelty', /^Novelty\s*(\d[\d,]*(?:\.\d+)?)\s*%?$/i],
  ['aiScore', /^AI Score\s*(\d[\d,]*(?:\.\d+)?)$/i],
];

/** The page shows arXiv cs subject classes as bare tags ("CL", "LG"). */
function topicFor(tag: string): TopicRecord {
  return arxivTopic(`cs.${tag}`);
}

/** Consecutive non-blank lines, with the 1-based line number of each line. */
interface Para {
  lines: string[];
  lineNos: number[];
}

function paragraphs(lines: string[]): Para[] {
  const out: Para[] = [];
  let cur: Para | undefined;
  lines.forEach((line, i) => {
    if (line === '') {
      cur = undefined;
      return;
    }
    if (!cur) out.push((cur = { lines: [], lineNos: [] }));
    cur.lines.push(line);
    cur.lineNos.push(i + 1);
  });
  return out;
}

const toNumber = (s: string): number => Number(s.replace(/,/g, ''));

export function parseProfile(
  text: string,
  options: { fileName?: string; currentYear?: number } = {},
): ImportBatch {
  const file = options.fileName ?? '<profile>';
  const currentYear = options.currentYear ?? new Date().getUTCFullYear();
  function fail(line: number | undefined, reason: string): never {
    throw new ImportError(file, line, reason);
  }

  // CRLF, lone CR and trailing whitespace all reduce to plain lines; a BOM would end up in the name.
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).map((l) => l.trimEnd());
  if (lines.every((l) => l === '')) fail(undefined, 'empty file');
  const name = lines[0]!.trim();
  if (name === '') fail(1, 'missing researcher name on line 1');

  const ownerKey = normalizeName(name);
  const ownerIdentity = { sourceKey: sourceAuthorKey(SOURCE, name) };
  const metrics: ReportedAuthorMetrics = { source: SOURCE };

  // Profile header: category and metrics lines, in any order, any of them missing, up to "N Papers".
  let i = 1;
  let declared: { count: number; line: number } | undefined;
  for (; i < lines.length && !declared; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const count = COUNT_RE.exec(line);
    if (count) {
      declared = { count: toNumber(count[1]!), line: i + 1 };
      continue;
    }
    if (/^[A-Z]+$/.test(line)) {
      metrics.primaryTopicCode = `cs.${line}`;
      continue;
    }
    if (HEADER_RE.test(line)) fail(i + 1, 'paper list starts before the "N Papers" line');
    const metric = METRICS.find(([, re]) => re.test(line));
    if (!metric) fail(i + 1, `unrecognised profile line "${line}"`);
    const [key, re] = metric;
    (metrics as unknown as Record<string, number>)[key] = toNumber(re.exec(line)![1]!);
  }
  if (!declared) fail(undefined, 'missing "N Papers" line before the paper list');

  const paras = paragraphs(lines.slice(i));
  const lineOf = (p: Para, k = 0) => p.lineNos[k]! + i; // paragraphs() numbered from the slice
  const papers: PaperRecord[] = [];
  let p = 0;
  while (p < paras.length) {
    const head = paras[p++]!;
    const headLine = lineOf(head);
    const m = HEADER_RE.exec(head.lines[0]!.trim());
    if (!m) fail(headLine, `expected a paper header like "CLNov 1, 2025", got "${head.lines[0]}"`);
    const [, tag, monthWord, dayStr, yearStr, codeFlag] = m;
    const year = yearStr ? Number(yearStr) : currentYear;
    const publishedAt = isoDate(monthWord!, Number(dayStr), year, (reason) => fail(headLine, reason));

    // The title sits directly under the header; a long one may wrap onto more lines.
    const title = head.lines.slice(1).join(' ').trim();
    if (!title) fail(headLine, 'paper block has no title');

    const authorsPara = paras[p];
    if (!authorsPara || isHeader(authorsPara)) fail(headLine, `paper "${title}" has no author line`);
    p++;
    if (authorsPara.lines.length > 1) fail(lineOf(authorsPara, 1), 'expected a blank line after the author line');
    const authorLine = lineOf(authorsPara);

    // The abstract is optional: absent when the next paragraph already starts another paper.
    let abstract: string | undefined;
    const next = paras[p];
    if (next && !isHeader(next)) {
      abstract = next.lines.join(' ').trim();
      p++;
    }

    const { authorships, complete } = parseAuthors(authorsPara.lines[0]!, (reason) => fail(authorLine, reason));
    // The owner is an author of every paper on their own page. When "et al." hid them we know they
    // are on the paper but not where, hence position null.
    if (!authorships.some((a) => normalizeName(a.author.displayName) === ownerKey)) {
      // A complete list without the owner contradicts the page (e.g. a name spelled differently);
      // we still trust the page's claim of authorship, but cannot place them.
      authorships.push({ author: { identity: ownerIdentity, displayName: name }, position: null });
    }

    let codeUrl: string | undefined;
    if (codeFlag && abstract) {
      codeUrl = GITHUB_RE.exec(abstract)?.[0].replace(/[.,;:!?)\]}]+$/, '');
    }

    papers.push({
      identity: {},
      title,
      abstract,
      publishedAt,
      year,
      venue: undefined,
      codeUrl,
      hasCode: codeFlag !== undefined,
      authorListComplete: complete,
      reportedCitationCount: undefined,
      authorships,
      topics: [{ topic: topicFor(tag!), primary: true }],
    });
  }

  if (papers.length !== declared.count) {
    fail(declared.line, `profile declares ${declared.count} papers but ${papers.length} were found`);
  }

  const owner: AuthorRecord = { identity: ownerIdentity, displayName: name, reportedMetrics: metrics };
  return { source: SOURCE, papers, authors: [owner] };
}

function isHeader(p: Para): boolean {
  return HEADER_RE.test(p.lines[0]!.trim());
}

/** ISO date from the header's parts; rejects unknown months and impossible days such as Feb 30. */
function isoDate(monthWord: string, day: number, year: number, fail: (reason: string) => never): string {
  const month = MONTHS.get(monthWord.toLowerCase());
  if (month === undefined) fail(`unknown month "${monthWord}"`);
  // Date.UTC rolls Feb 30 over to Mar 2; a round trip that changes the day means no such date.
  const d = new Date(Date.UTC(year, month, day));
  if (d.getUTCMonth() !== month || d.getUTCDate() !== day) fail(`no such date: ${monthWord} ${day}, ${year}`);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "A, B, C et al. · pku" → authorships at positions 1..n; the tag goes on the lead author. */
function parseAuthors(
  line: string,
  fail: (reason: string) => never,
): { authorships: AuthorshipRecord[]; complete: boolean } {
  const aff = AFFILIATION_RE.exec(line.trim());
  const affiliation = aff?.[2];
  let list = aff ? aff[1]! : line.trim();
  const complete = !ET_AL_RE.test(list);
  list = list.replace(ET_AL_RE, '');
  const names = list.split(',').map((n) => n.trim());
  if (names.some((n) => n === '')) fail(`empty name in author line "${line.trim()}"`);
  const authorships = names.map((displayName, k): AuthorshipRecord => ({
    author: { identity: { sourceKey: sourceAuthorKey(SOURCE, displayName) }, displayName },
    position: k + 1,
    // The page shows a single tag per paper, after the author list; it belongs to the lead author
    // (the site labels papers by first-author institution), so only position 1 carries it.
    ...(k === 0 && affiliation ? { affiliation } : {}),
  }));
  return { authorships, complete };
}
