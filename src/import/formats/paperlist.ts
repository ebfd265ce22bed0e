/**
 * Paper Copilot paper lists (`nipsYYYY.json.gz`, NeurIPS 1987–2018): each file is ONE JSON document, an
 * array of paper objects, so an item's `line` is the 1-based index of its record in that array, not a
 * text line. Fields used: title, author ("; "-ordered), aff (one per author), abstract, gs_citation,
 * github, bibtex / site / pdf (for the year), author_site (fallback author list). `status`
 * (Poster/Oral/Spotlight) has no column and is not stored; `project` links are not code and are ignored.
 */
import { basename } from 'node:path';
import { normalizeName, sourceAuthorKey } from '../normalize.js';
import type { AuthorshipRecord, PaperRecord, VenueRecord } from '../records.js';
import type { FormatParser, ParsedItem } from './types.js';

const SOURCE = 'paperlist';
/** Every list is the NeurIPS main track; a record whose `track` is not "main" still belongs to NeurIPS. */
const VENUE: VenueRecord = { name: 'Neural Information Processing Systems', shortName: 'NeurIPS', kind: 'conference' };

type Rec = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

// ---- Text repair: HTML entities, TeX escapes and PDF-extraction debris, all seen in these lists. ----

const ACCENT_ENTITY: Record<string, string> = {
  acute: '\u0301', grave: '\u0300', circ: '\u0302', uml: '\u0308',
  tilde: '\u0303', cedil: '\u0327', ring: '\u030a', caron: '\u030c',
};
const NAMED_ENTITY: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', szlig: 'ß', aelig: 'æ', AElig: 'Æ', oslash: 'ø', Oslash: 'Ø',
  eth: 'ð', thorn: 'þ', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', hellip: '…',
};

/** The text of a known entity (`eacute`, `#233`, `#xE9`), or undefined: "PM&R;" in an affiliation is not one. */
function entity(name: string): string | undefined {
  const num = /^#(?:x([0-9a-f]{1,6})|(\d{1,7}))$/i.exec(name);
  const code = num ? (num[1] ? parseInt(num[1], 16) : Number(num[2])) : NaN;
  if (num) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  const accent = /^([A-Za-z])([a-z]+)$/.exec(name);
  if (accent && ACCENT_ENTITY[accent[2]!]) return (accent[1]! + ACCENT_ENTITY[accent[2]!]).normalize('NFC');
  return NAMED_ENTITY[name];
}
const decodeEntities = (s: string) => s.replace(/&(#?[0-9a-z]+);/gi, (m, name: string) => entity(name) ?? m);

/** Windows-1252 for 0x80–0x9F (Node's TextDecoder('windows-1252') decodes these as Latin-1 C1 controls). */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
/**
 * Every text field: UTF-8 read as Latin-1 ("userâ\x80\x99s", 2008 abstracts) is re-decoded; other C1
 * controls are Windows-1252 bytes ("IBM Research \x96Tokyo"); "\u00e9" written out ("Universit\u00e9")
 * is decoded; U+FFFC (2014–15 titles) goes; whitespace runs and line breaks fold to one space.
 */
function cleanText(s: string): string {
  return decodeEntities(s)
    .replace(/[\u00c2-\u00df][\u0080-\u00bf]|[\u00e0-\u00ef][\u0080-\u00bf]{2}|[\u00f0-\u00f4][\u0080-\u00bf]{3}/g, (m) => {
      if (!/[\u0080-\u009f]/.test(m)) return m; // "Ã©"-like pairs without a C1 byte may be real text
      const fixed = Buffer.from(m, 'latin1').toString('utf8');
      return fixed.includes('\ufffd') ? m : fixed;
    })
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!)
    .replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) // escaped twice
    .replace(/\ufffc/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const TEX_ACCENT: Record<string, string> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030c', H: '\u030b', c: '\u0327', r: '\u030a',
};
/**
 * TeX text accents in titles and names (`H\"{o}lderian`, `Jes\'us`, `Tom\'a\v S`). A control symbol
 * (`\'`) takes the very next letter; a control word (`\v`) may be followed by a space, as in TeX. Math
 * (`$\ell_1$`) is left as written: it is the title, and title keys drop the punctuation anyway.
 */
function decodeTex(s: string): string {
  const accent = (cmd: string, letter: string) => (letter === '\\i' ? 'i' : letter) + TEX_ACCENT[cmd]!;
  return s
    .replace(/\\([`'^"~=.])(?:\{(\\i|[A-Za-z])\}|(\\i|[A-Za-z]))/g, (_, c: string, a?: string, b?: string) =>
      accent(c, (a ?? b)!))
    .replace(/\\([uvHcr])(?:\{(\\i|[A-Za-z])\}|\s+([A-Za-z]))/g, (_, c: string, a?: string, b?: string) =>
      accent(c, (a ?? b)!))
    .normalize('NFC')
    .replace(/\{([^\x00-\x7f])\}/g, '$1') // `{\"o}` leaves `{ö}`
    .replace(/\\([_&%#$])/g, '$1'); // `L\_2`
}

const CID: Record<string, string> = { 173: '', 11: 'ff', 12: 'fi', 13: 'fl', 14: 'ffi', 147: '“', 148: '”' };
const SPACING_MARK: Record<string, string> = {
  '´': '\u0301', '`': '\u0300', '¨': '\u0308', ˆ: '\u0302', '˘': '\u0306', '˜': '\u0303', '˚': '\u030a',
};
/**
 * PDF-extracted text (affiliations, abstracts): `(cid:N)` glyphs whose meaning is fixed (173 is the soft
 * hyphen that split a word at a line end; 11–14 the TeX ligatures; 147/148 quotes; the others depend on
 * the font and stay), ligature characters, and spacing diacritics typed before their letter
 * ("Universit ´e", "T¨ubingen", "Bo˘gazic¸i"). A space before the mark goes only when a word continues.
 */
function repairPdf(s: string, marks: string): string {
  const compose = (mark: string, l: string) => (l === 'ı' ? 'i' : l) + SPACING_MARK[mark]!;
  const spaced = new RegExp(`(?:(\\p{L}) )?([${marks}]) ?([aeiouycnszgAEIOUYCNSZGı])`, 'gu');
  return s
    .replace(/\(cid:(\d+)\)\s*/g, (m, n: string) => CID[n] ?? m)
    .replace(/[\ufb00-\ufb04]/g, (c) => c.normalize('NFKC'))
    .replace(spaced, (_, p: string | undefined, m: string, l: string) =>
      p === undefined ? compose(m, l) : /\p{Ll}/u.test(l) ? p + compose(m, l) : `${p} ${compose(m, l)}`)
    .replace(/([cCsS]) ?¸/g, '$1\u0327')
    .normalize('NFC');
}

/** Affiliation text: repaired, footnote marks ("Google DeepMind†", "Engineering$, and") removed. Empty → undefined. */
function cleanAffiliation(s: string): string | undefined {
  const marks = /[†‡∗⇤⋆⋄♭§]|(?<=\p{L})\$(?=[\s,]|$)/gu;
  const a = cleanText(repairPdf(s, '´`¨ˆ˘˜˚').replace(marks, ' ')).replace(/ ,/g, ',').replace(/^[\s,;]+|[\s,;]+$/g, '');
  return a || undefined;
}

/** Abstract, or undefined for the "Abstract Unavailable" placeholder and fragments under four words ("Part of", "in"). */
function cleanAbstract(s: string): string | undefined {
  const a = cleanText(repairPdf(s, '´¨ˆ˘˜˚')); // no backtick here: abstracts use TeX quotes ``like this''
  return a.split(' ').length >= 4 && a !== 'Abstract Unavailable' ? a : undefined;
}

/**
 * Split on `sep`, except a ';' that closes a known HTML entity ("Daum&eacute;" is one name). Names use
 * "; " but the nips.cc schedule records and `author_site` use ", " (no name in these files has a comma).
 */
function splitList(s: string, sep: ';' | ','): string[] {
  const out: string[] = [];
  let acc: string | undefined;
  for (const piece of s.split(sep)) {
    const joined = acc === undefined ? piece : acc + sep + piece;
    const tail = /&(#?[0-9a-z]+)$/i.exec(joined)?.[1];
    if (sep === ';' && tail !== undefined && entity(tail) !== undefined) acc = joined;
    else (out.push(joined), (acc = undefined));
  }
  if (acc !== undefined) out.push(acc);
  return out;
}
function splitNames(s: string): string[] {
  const parts = splitList(s, ';');
  return (parts.length === 1 ? splitList(s, ',') : parts).map(cleanName).filter((n) => n !== '');
}
/** A name: entities, TeX accents, then leftover TeX symbols (`Gia\-cin\-to`, a stray `\.`) dropped. */
const cleanName = (s: string) => cleanText(decodeTex(cleanText(s)).replace(/\\[^A-Za-z\s]/g, ''));

/**
 * The year, in this order: bibtex `year = {1987}` (what the proceedings say); the `/paper/1987/` or
 * `/virtual/2017/` segment of the site or pdf URL (records without bibtex); the `nipsYYYY` file name.
 */
function yearOf(r: Rec, fileYear: number | undefined): number | undefined {
  const bib = /\byear\s*=\s*[{"]?\s*(\d{4})\b/i.exec(str(r.bibtex));
  const url = /\/(?:paper|virtual)\/((?:19|20)\d\d)\//.exec(`${str(r.site)} ${str(r.pdf)}`);
  return bib ? Number(bib[1]) : url ? Number(url[1]) : fileYear;
}

/** gs_citation: an integer ≥ 0 (or its digits as a string); -1 means "not collected", "" nothing. */
function citationCount(v: unknown): number | undefined {
  const digits = typeof v === 'string' && /^\s*\d[\d,]*\s*$/.test(v);
  const n = typeof v === 'number' ? v : digits ? Number(v.replace(/[\s,]/g, '')) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** `github` when it is a URL; a few are written without the scheme ("github.com/sparseMCMC") and get https. */
function codeUrlOf(v: unknown): string | undefined {
  const s = str(v).trim();
  if (/^https?:\/\/[\w-]+(\.[\w-]+)+(\/\S*)?$/i.test(s)) return s;
  if (/^[\w-]+(\.[\w-]+)*\.[a-z]{2,}(\/\S*)?$/i.test(s)) return `https://${s}`;
  return undefined;
}

/**
 * Ordered authorships. `author` may be empty while `author_site` (the schedule's list) is not, so that is
 * the fallback. `aff` is matched by position only when it has exactly one entry per listed name: a list
 * of another length cannot be aligned without guessing, so that paper gets no affiliations. A name
 * listed twice (2015–16 proceedings metadata: "Dan Garber; Dan Garber") is one author: the repeat is
 * dropped, since one person cannot hold two positions, and positions stay 1..n.
 */
function authorshipsOf(r: Rec): AuthorshipRecord[] {
  let names = splitNames(str(r.author));
  if (names.length === 0) names = splitNames(str(r.author_site));
  const affs = str(r.aff).trim() === '' ? [] : splitList(str(r.aff), ';');
  const aligned = affs.length === names.length;
  const seen = new Set<string>();
  const out: AuthorshipRecord[] = [];
  names.forEach((displayName, k) => {
    const sourceKey = sourceAuthorKey(SOURCE, displayName);
    if (seen.has(sourceKey)) return;
    seen.add(sourceKey);
    const affiliation = aligned ? cleanAffiliation(affs[k]!) : undefined;
    const author = { identity: { sourceKey }, displayName };
    out.push({ author, position: out.length + 1, ...(affiliation ? { affiliation } : {}) });
  });
  return out;
}

function toItem(value: unknown, line: number, fileYear: number | undefined): ParsedItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'invalid', line, reason: `record ${line} is not an object` };
  }
  const r = value as Rec;
  const title = cleanText(decodeTex(cleanText(str(r.title))));
  if (!title) return { kind: 'invalid', line, reason: `record ${line} has no title` };
  const authorships = authorshipsOf(r);
  const codeUrl = codeUrlOf(r.github);
  const paper: PaperRecord = {
    identity: {}, // no DOI or arXiv id in these lists: the writer keys them by title + year
    title,
    abstract: cleanAbstract(str(r.abstract)),
    year: yearOf(r, fileYear),
    venue: VENUE,
    codeUrl,
    hasCode: Boolean(codeUrl),
    authorListComplete: authorships.length > 0, // one record ("Only H is left", 2016) lists no authors at all
    reportedCitationCount: citationCount(r.gs_citation),
    authorships,
    topics: [],
  };
  return { kind: 'paper', line, paper };
}

/**
 * A talk listing scraped from nips.cc/virtual (title, authors, status, site, id only) repeats a paper
 * listed in full in the same file, often under the talk's own title ("Bayesian GANs" for "Bayesian
 * GAN"). It yields that full record's paper, so it merges into it instead of becoming a second paper;
 * one without a unique match (the 2017 "Test of Time Award") is yielded as it stands.
 */
const isScheduleEntry = (r: unknown): boolean =>
  typeof r === 'object' && r !== null && !['abstract', 'pdf', 'bibtex', 'gs_citation'].some((k) => k in r);
/** Authors compared by first initial and surname: the schedule drops middle initials ("Andrew Wilson"). */
const looseAuthors = (p: PaperRecord) =>
  p.authorships.map((a) => normalizeName(a.author.displayName).split(' ')).map((t) => `${t[0]?.[0]} ${t.at(-1)}`).join('|');

export const paperlistFormat: FormatParser = {
  name: 'paperlist',
  source: SOURCE,
  async *parse(input) {
    let data: unknown;
    try {
      data = JSON.parse((await input.text()).replace(/^\uFEFF/, ''));
    } catch (error) {
      yield { kind: 'invalid', line: 1, reason: `not a JSON document: ${(error as Error).message}` };
      return;
    }
    if (typeof data !== 'object' || data === null) {
      const got = data === null ? 'null' : typeof data;
      yield { kind: 'invalid', line: 1, reason: `expected a JSON array of papers, got ${got}` };
      return;
    }
    const records: unknown[] = Array.isArray(data) ? data : [data]; // a single paper object is a list of one
    const fileYear = /nips((?:19|20)\d\d)/i.exec(basename(input.name))?.[1];
    const items = records.map((r, k) => toItem(r, k + 1, fileYear ? Number(fileYear) : undefined));

    const full = new Map<string, PaperRecord[]>();
    items.forEach((item, k) => {
      if (item.kind !== 'paper' || isScheduleEntry(records[k]) || item.paper.authorships.length === 0) return;
      const key = looseAuthors(item.paper);
      full.set(key, [...(full.get(key) ?? []), item.paper]);
    });
    for (const [k, item] of items.entries()) {
      const twins = item.kind === 'paper' && isScheduleEntry(records[k]) ? full.get(looseAuthors(item.paper)) : undefined;
      yield twins?.length === 1 ? { kind: 'paper', line: item.line, paper: twins[0]! } : item;
    }
  },
};
