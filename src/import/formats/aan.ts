/**
 * Parser for the ACL Anthology Network (AAN, 2011 release). One parser reads both files and tells them
 * apart by their first non-blank line: `acl-metadata.txt` (records of `key = {value}` lines separated by
 * blank lines) or `acl.txt` (citation edges `citing-id , cited-id`).
 *
 * The files went through several broken tools before they reached us. Every rule below answers a quirk
 * found in the real 2011 files (test/aan-format.test.ts pins them):
 * - HTML entities in names, titles and venues (`Daum&eacute;`, `&#x10D;`, `&#XE1;`, `&rsquo;`), a few
 *   misspelt (`&#scaron;`, `&slig;`), and numeric 0x80–0x9F ones that mean Windows-1252 bytes
 *   (`D&#x92;Halleweyn`, `Samard&#x9E;i&cacute;`), which HTML5 reads the same way.
 * - The `;` of an entity is not an author separator. Worse, a `;` directly after an entity's own `;`
 *   (`Daum&eacute;; III, Hal`, `&Oacute;; S&eacute;aghdha, Diarmuid`, `Gispert, Adri&agrave;; de`,
 *   `Fonollosa, Jos&eacute;; A. R.`) is a space an upstream tool turned into a separator: all 84 such
 *   spots (81 records) rejoin into one real name (Hal Daumé III, Diarmuid Ó Séaghdha, Adrià de Gispert,
 *   José A. R. Fonollosa), while genuine separators after an entity are written `&eacute; ;`.
 * - Mojibake: lines with a broken UTF-8 sequence were decoded as Windows-1252 by the source, so their
 *   valid UTF-8 parts read `â€™`; the file also holds UTF-8 written as entities (`Bej&Auml;&#x8D;ek`).
 *   Both are re-read as UTF-8. A sequence cut short by `?` (`â€?`, from a GBK round trip that ate the
 *   last byte and the next character) becomes U+FFFD, since the lost character cannot be known.
 * - BibTeX braces (`{POS}`, `{A}rabic`, a doubled `}}`), runs of spaces, stray `"` in names (`B&uuml;"lthoff`).
 * - A repeated id would be yielded twice, as it comes: the writer dedupes (the 2011 file has none).
 */
import type { AuthorshipRecord, PaperRecord, TopicRecord, VenueKind } from '../records.js';
import { sourceAuthorKey } from '../normalize.js';
import type { FormatParser, ParsedItem } from './types.js';

const SOURCE = 'aan';
/** `D10-1001`; the 1979 American Journal of CL splits issues into lettered parts: `J79-1032b`. */
const ACL_ID_RE = /^[A-Z]\d{2}-\d{4}[a-z]?$/;
const FIELD_RE = /^([A-Za-z]+)\s*=\s*\{(.*)\}$/;
const EDGE_RE = /^([^\s,=]+)\s*,\s*([^\s,=]+)$/;
const FIELDS = new Set(['id', 'author', 'title', 'venue', 'year']);

/** The whole anthology is computational linguistics. */
const CL_TOPIC: TopicRecord = { code: 'cs.CL', name: 'Computation and Language', parent: { code: 'cs', name: 'Computer Science' } };

// ---- Entities ---------------------------------------------------------------------------------------

/** `&eacute;`, `&scaron;`, `&cacute;`…: a letter plus an accent name, composed with a combining mark. */
const ACCENTS: Record<string, string> = {
  acute: '\u0301', grave: '\u0300', circ: '\u0302', tilde: '\u0303', uml: '\u0308', ring: '\u030a',
  cedil: '\u0327', caron: '\u030c', breve: '\u0306', macr: '\u0304', ogon: '\u0328', dot: '\u0307',
};
const ACCENTED_RE = new RegExp(`^([A-Za-z])(${Object.keys(ACCENTS).join('|')})$`);
const NAMED = new Map(Object.entries({
  szlig: 'ß', slig: 'ß' /* "Strau&slig;": a typo for szlig */, aelig: 'æ', AElig: 'Æ', oslash: 'ø',
  Oslash: 'Ø', eth: 'ð', thorn: 'þ', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', quot: '"', amp: '&',
  apos: "'", lt: '<', gt: '>', nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', circ: 'ˆ', tilde: '˜',
}));
/**
 * Windows-1252 bytes 0x80–0x9F (the rest of 0x80–0xFF is Latin-1). A table, not `TextDecoder`: Node
 * 20.18.3+ decodes `windows-1252` as Latin-1 (nodejs/node#60888), so the source hands us U+0092 for a
 * 1252 apostrophe; `fixC1` maps such C1 controls back. The five unassigned bytes stay as they are.
 */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const fixC1 = (s: string) => s.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of `&name;` (name without `&` and `;`), or undefined when it is no entity we know. */
function decodeEntity(name: string): string | undefined {
  const num = /^#(?:[xX]([0-9a-fA-F]+)|(\d+))$/.exec(name);
  if (num) {
    const code = num[1] !== undefined ? parseInt(num[1], 16) : Number(num[2]);
    if (code >= 0x80 && code <= 0x9f) return CP1252_C1[code - 0x80];
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : undefined;
  }
  const bare = name.replace(/^#/, ''); // `&#scaron;`: a stray `#` before a named entity
  const named = NAMED.get(bare);
  if (named !== undefined) return named;
  const accented = ACCENTED_RE.exec(bare);
  return accented ? (accented[1]! + ACCENTS[accented[2]!]!).normalize('NFC') : undefined;
}

/** Unknown `&...;` stays as written: `Q&A;` in a title must not vanish. */
const decodeEntities = (s: string) => s.replace(/&(#?[A-Za-z0-9]+);/g, (raw, name: string) => decodeEntity(name) ?? raw);

// ---- Mojibake -----------------------------------------------------------------------------------------

/** The Windows-1252 byte each character came from, for bytes 0x80–0xFF, under either decoding of 0x80–0x9F. */
const CP1252_BYTE = new Map<string, number>();
for (let b = 0x80; b <= 0xff; b++) CP1252_BYTE.set(String.fromCharCode(b), b);
[...CP1252_C1].forEach((c, i) => CP1252_BYTE.set(c, 0x80 + i));

/** Re-reads UTF-8 that was decoded as Windows-1252 (`â€™` → `’`, `Ä\u008D` → `č`); see the header. */
function repairMojibake(s: string): string {
  if (!/[\u0080-\uffff]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; ) {
    const lead = CP1252_BYTE.get(s[i]!) ?? 0;
    const need = lead >= 0xf0 && lead <= 0xf4 ? 3 : lead >= 0xe0 && lead < 0xf0 ? 2 : lead >= 0xc2 && lead < 0xe0 ? 1 : 0;
    if (need > 0) {
      const bytes = [lead];
      let j = i + 1;
      for (let b = CP1252_BYTE.get(s[j] ?? ''); bytes.length <= need && b !== undefined && b <= 0xbf; b = CP1252_BYTE.get(s[++j] ?? '')) bytes.push(b);
      if (bytes.length === need + 1) {
        try {
          out += utf8.decode(Uint8Array.from(bytes));
          i = j;
          continue;
        } catch { /* not UTF-8 after all (e.g. an overlong form): keep the characters */ }
      } else if (bytes.length > 1 && s[j] === '?') {
        out += '\uFFFD';
        i = j + 1;
        continue;
      }
    }
    out += s[i];
    i++;
  }
  // Two single-byte leftovers: GBK's en dash A8 43 read as "¨C" (I05-2015), and a 1252 soft hyphen
  // standing for a visible one ("English\u00adHindi", W04-0802).
  return fixC1(out).replace(/ \u00a8C /g, ' – ').replace(/\u00ad/g, '-');
}

/** Title and venue text: entities, mojibake, BibTeX braces (case protection, never content), spaces. */
const cleanText = (raw: string) => repairMojibake(decodeEntities(raw)).replace(/[{}]/g, '').replace(/\s+/g, ' ').trim();

// ---- Authors ------------------------------------------------------------------------------------------

/**
 * Splits "Last, First; Last, First" on `;` outside entities, decoding entities on the way (so a decoded
 * `&#59;` cannot split either). A `;` right after an entity is a lost space, not a separator (header).
 */
function splitAuthors(raw: string): string[] {
  const names: string[] = [];
  let current = '';
  let afterEntity = false;
  for (const [token, entity] of raw.matchAll(/&(#?[A-Za-z0-9]+);|;|[^&;]+|&/g)) {
    if (token === ';') {
      if (afterEntity) current += ' ';
      else {
        names.push(current);
        current = '';
      }
      afterEntity = false;
      continue;
    }
    const decoded = entity === undefined ? undefined : decodeEntity(entity);
    current += decoded ?? token;
    afterEntity = decoded !== undefined;
  }
  names.push(current);
  return names.map((n) => repairMojibake(n).replace(/["{}]/g, '').replace(/\s+/g, ' ').trim());
}

const SUFFIX_RE = /^(Jr|Sr|II|III|IV)\.?$/;

/**
 * "Last, First" → "First Last" ("Daumé III, Hal" → "Hal Daumé III"). No comma: a mononym or a group
 * ("Mausam", "The PLUM Research Group"), kept as is. Two commas: "Taylor, II, Charles T." (suffix in the
 * middle) → "Charles T. Taylor II", else the rest is the first name ("Callan, James, P." → "James P. Callan").
 */
function displayName(name: string): string {
  const [last, ...rest] = name.split(',').map((p) => p.trim());
  if (rest.length >= 2 && SUFFIX_RE.test(rest[0]!)) return [rest.slice(1).join(' '), last, rest[0]].filter(Boolean).join(' ');
  return [rest.join(' '), last].filter(Boolean).join(' ');
}

function venueKind(name: string): VenueKind {
  if (/\bWorkshop\b/i.test(name) || /\bWS\b/.test(name)) return 'workshop';
  // The CL journal under its names: "Computational Linguistics", "CL", "American Journal Of Computational
  // Linguistics" and its microfiche "ACL Microfiche Series 1-83, Including Computational Linguistics".
  if (/^(Computational Linguistics|CL)$|\bJournal\b|Including Computational Linguistics/i.test(name)) return 'journal';
  return 'conference';
}

// ---- Records ------------------------------------------------------------------------------------------

interface Pending {
  line: number;
  fields: Map<string, { value: string; line: number }>;
  error?: { line: number; reason: string };
}

const quote = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

/**
 * What is fatal: no id, a malformed id, or no title (nothing to show or match on) → invalid; a year that
 * is not four digits → invalid (garbage, not absence). What is not: no year → a paper without a year; no
 * venue → no venue; no or empty author field (W10-4238 "Author Index") → no authorships and
 * authorListComplete false, since we do not know who wrote it. Empty names inside a list (`A; ; B`) are
 * doubled separators and are skipped; the other names keep their order.
 */
function finish(record: Pending): ParsedItem {
  const field = (key: string) => record.fields.get(key);
  const id = field('id')?.value.trim();
  if (record.error) return { kind: 'invalid', line: record.error.line, reason: `${id ? `record ${id}: ` : ''}${record.error.reason}` };
  if (!id) return { kind: 'invalid', line: record.line, reason: 'record has no id' };
  if (!ACL_ID_RE.test(id)) return { kind: 'invalid', line: field('id')!.line, reason: `malformed ACL id ${quote(id)}` };
  const title = cleanText(field('title')?.value ?? '');
  if (!title) return { kind: 'invalid', line: field('title')?.line ?? record.line, reason: `record ${id} has no title` };
  const yearText = field('year')?.value.trim() ?? '';
  if (yearText && !/^\d{4}$/.test(yearText)) {
    return { kind: 'invalid', line: field('year')!.line, reason: `record ${id}: unparsable year ${quote(yearText)}` };
  }
  const venueName = cleanText(field('venue')?.value ?? '');
  const names = splitAuthors(field('author')?.value ?? '').filter((n) => n !== '');
  const authorships = names.map((name, k): AuthorshipRecord => {
    const display = displayName(name);
    return { author: { identity: { sourceKey: sourceAuthorKey(SOURCE, display) }, displayName: display }, position: k + 1 };
  });
  const paper: PaperRecord = {
    identity: { aclId: id },
    title,
    publishedAt: undefined,
    year: yearText ? Number(yearText) : undefined,
    venue: venueName ? { name: venueName, kind: venueKind(venueName) } : undefined,
    hasCode: false,
    authorListComplete: authorships.length > 0,
    authorships,
    topics: [{ topic: CL_TOPIC, primary: true }],
    references: undefined,
  };
  return { kind: 'paper', line: record.line, paper };
}

function edge(line: number, text: string): ParsedItem {
  const m = EDGE_RE.exec(text);
  if (!m) return { kind: 'invalid', line, reason: `expected "citing-id , cited-id", got ${quote(text)}` };
  const [, citing, cited] = m as unknown as [string, string, string];
  const bad = [citing, cited].find((id) => !ACL_ID_RE.test(id));
  if (bad !== undefined) return { kind: 'invalid', line, reason: `malformed ACL id ${quote(bad)} in citation edge` };
  // Self-citations (42 edges in acl.txt) are passed on: the writer counts them apart, since the database
  // keeps no edge from a paper to itself.
  return { kind: 'citation', line, citing: { aclId: citing }, cited: { aclId: cited } };
}

export const aanFormat: FormatParser = {
  name: 'aan',
  source: SOURCE,
  async *parse(input) {
    let mode: 'metadata' | 'edges' | undefined;
    let record: Pending | undefined;
    for await (const { number, text } of input.lines()) {
      const line = (number === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
      if (line === '') {
        if (record) yield finish(record);
        record = undefined;
        continue;
      }
      mode ??= /^[A-Za-z]+\s*=/.test(line) ? 'metadata' : EDGE_RE.test(line) ? 'edges' : undefined;
      if (mode === undefined) {
        yield { kind: 'invalid', line: number, reason: `neither an AAN metadata field nor a citation edge: ${quote(line)}` };
      } else if (mode === 'edges') {
        yield edge(number, line);
      } else {
        const field = FIELD_RE.exec(line);
        const key = field?.[1]!.toLowerCase();
        // An `id` line starts a new record even when the blank line before it is missing.
        if (key === 'id' && record && (record.fields.size > 0 || record.error)) yield finish(record), (record = undefined);
        record ??= { line: number, fields: new Map() };
        const fail = (reason: string) => void (record!.error ??= { line: number, reason });
        if (!field || key === undefined) fail(`expected a "key = {value}" field, got ${quote(line)}`);
        else if (!FIELDS.has(key)) fail(`unknown field "${field[1]}"`);
        else if (record.fields.has(key)) fail(`field "${key}" given twice in one record`);
        else record.fields.set(key, { value: field[2]!, line: number });
      }
    }
    if (record) yield finish(record);
  },
};
