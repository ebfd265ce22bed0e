/**
 * Parser for OpenAlex Work objects, in the shapes people actually save them: a JSON array of works, one
 * work, an API response page (`{ "meta": …, "results": [ … ] }`) or JSON Lines as in the snapshot.
 *
 * JSON Lines is streamed line by line (snapshot files are many gigabytes); the other shapes are one JSON
 * document and are read whole. Topic codes, so that they cannot collide with arXiv's `cs.CL`-style codes:
 *   topic `openalex:T10181` → subfield `openalex:subfield:1702` → field `openalex:field:17`
 *   → domain `openalex:domain:3` (the root); legacy concepts are `openalex:C41008148`, without a parent.
 */
import type { AuthorshipRecord, PaperIdentity, PaperRecord, TopicRecord, VenueKind } from '../records.js';
import type { InputLine, InputSource } from '../source.js';
import type { FormatParser, ParsedItem } from './types.js';
import { sourceAuthorKey } from '../normalize.js';

const SOURCE = 'openalex';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Json => (isObject(v) ? v : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A non-blank trimmed string, or undefined: OpenAlex uses null and "" alike for "unknown". */
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** `https://openalex.org/W123` → `W123`; the API also accepts lower-case ids, the canonical form is upper. */
function shortId(v: unknown): string | undefined {
  const s = str(v)?.replace(/^https?:\/\/(?:api\.)?openalex\.org\/(?:works\/|authors\/)?/i, '');
  return s && /^[a-z]\d+$/i.test(s) ? s.toUpperCase() : undefined;
}

/** The id after the entity folder: `https://openalex.org/subfields/1702` → `1702`. */
const tailId = (v: unknown): string | undefined => str(v)?.split('/').pop() || undefined;

function normalizeDoi(v: unknown): string | undefined {
  const s = str(v)?.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '').toLowerCase();
  return s && s.startsWith('10.') ? s : undefined;
}

/** New-style `1706.03762` or legacy `hep-th/9901001`, `math.GT/0309136`; the version suffix is dropped. */
const ARXIV_ID = /(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?/;
const ARXIV_URL = new RegExp(`^https?://(?:www\\.|export\\.)?arxiv\\.org/(?:abs|pdf)/${ARXIV_ID.source}`, 'i');
/** arXiv registers DataCite DOIs `10.48550/arXiv.<id>` for every paper, and OpenAlex often shows only that. */
const ARXIV_DOI = new RegExp(`^10\\.48550/arxiv\\.${ARXIV_ID.source}$`, 'i');

function arxivIdOf(work: Json, doi: string | undefined): string | undefined {
  const fromIds = str(obj(work.ids).arxiv)?.replace(/^(?:https?:\/\/arxiv\.org\/abs\/|arxiv:)/i, '');
  if (fromIds) return ARXIV_ID.exec(fromIds)?.[1] ?? fromIds;
  for (const loc of locations(work)) {
    for (const url of [str(loc.landing_page_url), str(loc.pdf_url)]) {
      const m = url && ARXIV_URL.exec(url);
      if (m) return m[1];
    }
  }
  return doi ? ARXIV_DOI.exec(doi)?.[1] : undefined;
}

/** Every place the work is hosted, primary first; the same location may appear twice (harmless). */
const locations = (work: Json): Json[] =>
  [work.primary_location, ...arr(work.locations), work.best_oa_location].filter(isObject);

const CODE_HOST = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com)\/[^/\s]+\/[^/\s]+/i;

function codeUrlOf(work: Json): string | undefined {
  for (const loc of locations(work)) {
    for (const url of [str(loc.landing_page_url), str(loc.pdf_url)]) if (url && CODE_HOST.test(url)) return url;
  }
  return undefined;
}

/** OpenAlex source types; `ebook platform`, `book series` and `other` become `other`. */
const VENUE_KINDS: Record<string, VenueKind> = { journal: 'journal', conference: 'conference', repository: 'preprint_server' };

/**
 * OpenAlex stores abstracts as word → positions. Sorting (position, word) pairs rebuilds the text; a
 * sparse array indexed by position would let one absurd position allocate gigabytes.
 */
function rebuildAbstract(index: unknown): string | undefined {
  const pairs: [number, string][] = [];
  for (const [word, positions] of Object.entries(obj(index))) {
    for (const p of arr(positions)) if (typeof p === 'number' && Number.isInteger(p)) pairs.push([p, word]);
  }
  return pairs.sort((a, b) => a[0] - b[0]).map(([, w]) => w).join(' ').trim() || undefined;
}

/** A `topics` entry → topic → subfield → field → domain; any missing level just shortens the chain. */
function topicChain(t: Json): TopicRecord | undefined {
  const [id, name] = [shortId(t.id), str(t.display_name)];
  if (!id || !name) return undefined;
  let parent: TopicRecord | undefined;
  for (const level of ['domain', 'field', 'subfield'] as const) {
    const node = obj(t[level]);
    const [code, levelName] = [tailId(node.id), str(node.display_name)];
    if (code && levelName) parent = { code: `openalex:${level}:${code}`, name: levelName, ...(parent ? { parent } : {}) };
  }
  return { code: `openalex:${id}`, name, ...(parent ? { parent } : {}) };
}

function topicsOf(work: Json): PaperRecord['topics'] {
  const primaryId = shortId(obj(work.primary_topic).id);
  let entries = arr(work.topics).filter(isObject);
  if (entries.length === 0 && isObject(work.primary_topic)) entries = [work.primary_topic];
  const out: PaperRecord['topics'] = [];
  const seen = new Set<string>();
  for (const t of entries) {
    const topic = topicChain(t);
    if (!topic || seen.has(topic.code)) continue;
    seen.add(topic.code);
    // Without primary_topic the first entry is primary: OpenAlex lists topics by score, best first.
    out.push({ topic, primary: primaryId ? shortId(t.id) === primaryId : out.length === 0 });
  }
  if (out.length > 0) return out;
  // Older records carry only the deprecated concepts. Their hierarchy is not in the work (a concept can
  // have several parents), so every concept is a root; the first (highest score) is primary.
  for (const c of arr(work.concepts).filter(isObject)) {
    const [id, name] = [shortId(c.id), str(c.display_name)];
    if (!id || !name || seen.has(id)) continue;
    seen.add(id);
    out.push({ topic: { code: `openalex:${id}`, name }, primary: out.length === 0 });
  }
  return out;
}

function authorshipsOf(work: Json): { authorships: AuthorshipRecord[]; skipped: boolean } {
  const authorships: AuthorshipRecord[] = [];
  let skipped = false;
  arr(work.authorships).forEach((a, k) => {
    const entry = obj(a);
    const author = obj(entry.author);
    const displayName = str(author.display_name) ?? str(entry.raw_author_name);
    if (!displayName) {
      // A nameless authorship cannot become an author; its slot stays empty so later positions stay true.
      skipped = true;
      return;
    }
    const openalexId = shortId(author.id);
    const orcid = str(author.orcid)?.replace(/^https?:\/\/orcid\.org\//i, '');
    const identity = openalexId || orcid
      ? { ...(openalexId ? { openalexId } : {}), ...(orcid ? { orcid } : {}) }
      : { sourceKey: sourceAuthorKey(SOURCE, displayName) };
    const affiliation = str(obj(arr(entry.institutions)[0]).display_name) ?? str(arr(entry.raw_affiliation_strings)[0]);
    // Positions follow array order, which is the byline order; author_position only says first/middle/last.
    authorships.push({ author: { identity, displayName }, position: k + 1, ...(affiliation ? { affiliation } : {}) });
  });
  return { authorships, skipped };
}

/** One work → a paper, or the reason it cannot be one. */
function workToItem(work: unknown, line: number): ParsedItem {
  if (!isObject(work)) return { kind: 'invalid', line, reason: 'expected an OpenAlex work object' };
  const openalexId = shortId(work.id);
  if (!str(work.id)) return { kind: 'invalid', line, reason: 'work has no id' };
  if (!openalexId?.startsWith('W')) return { kind: 'invalid', line, reason: `"${str(work.id)}" is not an OpenAlex work id (W…)` };
  const title = str(work.title) ?? str(work.display_name);
  if (!title) return { kind: 'invalid', line, reason: `work ${openalexId} has no title` };

  const doi = normalizeDoi(work.doi) ?? normalizeDoi(obj(work.ids).doi);
  const arxivId = arxivIdOf(work, doi);
  const identity: PaperIdentity = { openalexId, ...(doi ? { doi } : {}), ...(arxivId ? { arxivId } : {}) };

  const date = str(work.publication_date);
  const publishedAt = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined;
  const year = Number.isInteger(work.publication_year) ? (work.publication_year as number)
    : publishedAt ? Number(publishedAt.slice(0, 4)) : undefined;

  const source = obj(obj(work.primary_location).source);
  const venueName = str(source.display_name);
  const shortName = str(source.abbreviated_title);
  const venue = venueName
    ? { name: venueName, ...(shortName ? { shortName } : {}), kind: VENUE_KINDS[str(source.type) ?? ''] ?? 'other' }
    : undefined;

  const { authorships, skipped } = authorshipsOf(work);
  const references = arr(work.referenced_works).flatMap((w) => shortId(w) ?? []).map((id) => ({ openalexId: id }));
  const codeUrl = codeUrlOf(work);
  const paper: PaperRecord = {
    identity,
    title,
    abstract: rebuildAbstract(work.abstract_inverted_index),
    publishedAt,
    year,
    venue,
    codeUrl,
    hasCode: Boolean(codeUrl),
    // The API cuts authorships at 100 in list responses and then sets is_authors_truncated.
    authorListComplete: work.is_authors_truncated !== true && !skipped,
    reportedCitationCount: Number.isInteger(work.cited_by_count) ? (work.cited_by_count as number) : undefined,
    authorships,
    topics: topicsOf(work),
    references,
  };
  return { kind: 'paper', line, paper };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) }; // editors on Windows add a BOM
  } catch (e) {
    return { ok: false, error: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** An API page holds its works in `results`; anything else is taken as a work. */
const worksIn = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : isObject(value) && Array.isArray(value.results) ? value.results : [value];

function* fromLine(line: InputLine): Generator<ParsedItem> {
  if (line.text.trim() === '') return;
  const parsed = tryParse(line.text);
  if (!parsed.ok) {
    yield { kind: 'invalid', line: line.number, reason: parsed.error };
    return;
  }
  // A saved API page on one line yields all its works, each with that line's number.
  for (const w of worksIn(parsed.value)) yield workToItem(w, line.number);
}

async function* parse(input: InputSource): AsyncGenerator<ParsedItem> {
  // Look at the first two non-blank lines to choose the shape without reading the whole file.
  const it = input.lines()[Symbol.asyncIterator]();
  const head: InputLine[] = [];
  const nonBlank: InputLine[] = [];
  while (nonBlank.length < 2) {
    const r = await it.next();
    if (r.done) break;
    head.push(r.value);
    if (r.value.text.trim() !== '') nonBlank.push(r.value);
  }
  const [first, second] = nonBlank;
  if (!first) return;
  const start = first.text.replace(/^\uFEFF/, '').trimStart();
  // JSON Lines when the first line is a JSON value by itself, or when the next line also opens an object at
  // column 0 (JSON Lines whose first line is broken; a pretty-printed document indents nested objects).
  const document = start.startsWith('[')
    || (start.startsWith('{') && !tryParse(first.text).ok && !second?.text.startsWith('{'));
  if (document) {
    // Finish reading through the same iterator (as `text()` would) rather than opening the input again.
    const rest = head.map((l) => l.text);
    for (let r = await it.next(); !r.done; r = await it.next()) rest.push(r.value.text);
    const parsed = tryParse(rest.join('\n'));
    if (!parsed.ok) {
      yield { kind: 'invalid', line: 1, reason: parsed.error };
      return;
    }
    // A document has no useful line numbers: `line` is the work's 1-based index in the array or page.
    let index = 0;
    for (const w of worksIn(parsed.value)) yield workToItem(w, ++index);
    return;
  }
  for (const line of head) yield* fromLine(line);
  for (let r = await it.next(); !r.done; r = await it.next()) yield* fromLine(r.value);
}

export const openalexFormat: FormatParser = { name: 'openalex', source: SOURCE, parse };
