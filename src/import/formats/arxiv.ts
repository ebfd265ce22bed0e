/**
 * Parser for the arXiv metadata snapshot (the public `arxiv-metadata-oai-snapshot.json`): JSON Lines, one
 * record per line, streamed because the file is several gigabytes.
 *
 * Topics are arXiv categories with their archive as parent: `cs.CL` (Computation and Language) under `cs`
 * (Computer Science). The codes are arXiv's own, the same the profile parser uses, so both sources meet
 * on one topic. Categories without a dot (`hep-th`, the legacy archives) are roots themselves.
 */
import type { AuthorshipRecord, PaperRecord, VenueRecord } from '../records.js';
import type { InputLine, InputSource } from '../source.js';
import type { FormatParser, ParsedItem } from './types.js';
import { arxivTopic as topicFor } from '../arxiv-taxonomy.js';
import { sourceAuthorKey } from '../normalize.js';

const SOURCE = 'arxiv';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** arXiv hard-wraps titles and abstracts at ~80 columns and indents continuation lines: fold it all. */
const clean = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.replace(/\s+/g, ' ').trim() : undefined;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * `Mon, 2 Apr 2007 19:18:42 GMT` → `2007-04-02`. Parsed by hand rather than with Date.parse, whose
 * handling of this RFC 2822 form is engine-specific. The time is GMT, so the date is the UTC date.
 */
function rfc2822Date(v: unknown): string | undefined {
  const m = typeof v === 'string' ? /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})/.exec(v) : null;
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]!.toLowerCase());
  const day = Number(m[1]);
  const d = new Date(Date.UTC(Number(m[3]), month, day));
  if (month < 0 || d.getUTCDate() !== day) return undefined;
  return d.toISOString().slice(0, 10);
}

/** The first submission is the publication date; `update_date` (last change) only when v1 is missing. */
function publishedAtOf(record: Json): string | undefined {
  const versions = Array.isArray(record.versions) ? record.versions.filter(isObject) : [];
  const v1 = versions.find((v) => v.version === 'v1') ?? versions[0];
  const fromV1 = v1 ? rfc2822Date(v1.created) : undefined;
  if (fromV1) return fromV1;
  const updated = clean(record.update_date);
  return updated && /^\d{4}-\d{2}-\d{2}$/.test(updated) ? updated : undefined;
}

/**
 * `authors_parsed` is [last, first, suffix] per author, in byline order, with TeX accents already
 * decoded ("Balázs"). Without it, the raw `authors` string is split on commas and "and".
 */
function authorNames(record: Json): string[] {
  if (Array.isArray(record.authors_parsed)) {
    return record.authors_parsed
      .filter(Array.isArray)
      .map(([last, first, suffix]) => [first, last, suffix].map((p) => clean(p) ?? '').join(' ').replace(/\s+/g, ' ').trim())
      .filter((n) => n !== '');
  }
  return (clean(record.authors) ?? '').split(/,|\band\b/).map((n) => n.trim()).filter((n) => n !== '');
}

/**
 * The journal name is the journal-ref up to its first digit, where volume or year starts:
 * "Phys.Rev.D76:013009,2007" → "Phys.Rev.D", "Nature 521, 436 (2015)" → "Nature". Crude for refs that
 * start with a year ("2019 IEEE …"): then the whole ref is kept rather than an empty name.
 */
function venueOf(record: Json): VenueRecord | undefined {
  const ref = clean(record['journal-ref']);
  if (!ref) return undefined;
  const name = ref.replace(/\d.*$/, '').replace(/[\s,;:(\[-]+$/, '');
  return { name: name || ref, kind: 'journal' };
}

function recordToItem(value: unknown, line: number): ParsedItem {
  if (!isObject(value)) return { kind: 'invalid', line, reason: 'expected an arXiv metadata record (a JSON object)' };
  // The snapshot's ids carry no version; strip one anyway so `1706.03762v5` and `1706.03762` are one paper.
  const arxivId = clean(value.id)?.replace(/v\d+$/, '');
  if (!arxivId) return { kind: 'invalid', line, reason: 'record has no id' };
  const title = clean(value.title);
  if (!title) return { kind: 'invalid', line, reason: `record ${arxivId} has no title` };

  // A few records list two DOIs separated by a space; the first is the published version.
  const doi = clean(value.doi)?.split(' ')[0]?.toLowerCase();
  const publishedAt = publishedAtOf(value);
  const authorships = authorNames(value).map((displayName, k): AuthorshipRecord => ({
    author: { identity: { sourceKey: sourceAuthorKey(SOURCE, displayName) }, displayName },
    position: k + 1,
  }));
  const categories = [...new Set((clean(value.categories) ?? '').split(' ').filter((c) => c !== ''))];

  const paper: PaperRecord = {
    identity: { arxivId, ...(doi ? { doi } : {}) },
    title,
    abstract: clean(value.abstract),
    publishedAt,
    year: publishedAt ? Number(publishedAt.slice(0, 4)) : undefined,
    venue: venueOf(value),
    codeUrl: undefined,
    hasCode: false,
    // The snapshot always lists every author.
    authorListComplete: true,
    reportedCitationCount: undefined,
    authorships,
    // The first category is the primary one; the rest are cross-lists.
    topics: categories.map((c, k) => ({ topic: topicFor(c), primary: k === 0 })),
  };
  return { kind: 'paper', line, paper };
}

function lineToItem({ number, text }: InputLine): ParsedItem {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { kind: 'invalid', line: number, reason: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  return recordToItem(value, number);
}

async function* parse(input: InputSource): AsyncGenerator<ParsedItem> {
  for await (const line of input.lines()) {
    if (line.text.trim() !== '') yield lineToItem(line);
  }
}

export const arxivFormat: FormatParser = { name: 'arxiv', source: SOURCE, parse };
