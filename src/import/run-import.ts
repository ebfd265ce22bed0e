/**
 * Import one input: parse it with its format, write it through the one writer in a single transaction,
 * and report. A malformed record stops the import with its file, line and reason and writes nothing;
 * with `skipInvalid` it is skipped, reported, and the rest is imported.
 */
import type { Database } from '../../db/client.js';
import { ImportError } from './errors.js';
import { detectFormat, FORMATS } from './formats/index.js';
import type { FormatParser, ParsedItem } from './formats/types.js';
import type { AuthorRecord, PaperRecord } from './records.js';
import type { InputSource } from './source.js';
import type { ImportSummary } from './summary.js';
import { withImportTransaction, type ImportWriter } from './writer.js';

export interface ImportOptions {
  /** A name from FORMATS, or `auto` to recognise it from the content. */
  format: string;
  dryRun?: boolean;
  /** Records written per chunk (default 5,000). */
  batchSize?: number;
  skipInvalid?: boolean;
  /** Year for dates without one (profile pages). */
  currentYear?: number;
  /** Called as records are read, for progress display. */
  onProgress?: (records: number) => void;
  /** Called for each skipped record (with `skipInvalid`). */
  onSkipped?: (skipped: SkippedRecord) => void;
}

export interface SkippedRecord {
  file: string;
  line: number;
  reason: string;
}

export interface ImportResult {
  file: string;
  format: string;
  records: number;
  summary: ImportSummary;
  skipped: SkippedRecord[];
}

export async function resolveFormat(input: InputSource, format: string): Promise<FormatParser> {
  if (format !== 'auto') {
    const parser = FORMATS[format];
    if (!parser) throw new ImportError(input.name, undefined, `unknown format "${format}" (one of: auto, ${Object.keys(FORMATS).join(', ')})`);
    return parser;
  }
  const detected = await detectFormat(input);
  if (!detected) {
    throw new ImportError(input.name, 1, `cannot tell the format from the content; pass --format (${Object.keys(FORMATS).join(', ')})`);
  }
  return detected;
}

/**
 * Parse one input and hand its records to a writer, chunk by chunk. A malformed record throws an
 * ImportError (rolling the transaction back) unless `skipInvalid` says to skip and report it.
 */
export function feedInput(
  writer: ImportWriter,
  parser: FormatParser,
  input: InputSource,
  options: Omit<ImportOptions, 'format' | 'dryRun'>,
  skipped: SkippedRecord[] = [],
): Promise<number> {
  const parsed = parser.parse(input, { currentYear: options.currentYear ?? new Date().getUTCFullYear() });
  return feedItems(writer, parsed, input.name, options, skipped);
}

/** Hand one input's parsed items (`inputName` names it in errors) to a writer, as `feedInput` does. */
export async function feedItems(
  writer: ImportWriter,
  parsed: AsyncIterable<ParsedItem>,
  inputName: string,
  options: Omit<ImportOptions, 'format' | 'dryRun'>,
  skipped: SkippedRecord[] = [],
): Promise<number> {
  const batchSize = options.batchSize ?? 5000;
  let records = 0;
  let papers: PaperRecord[] = [];
  let authors: AuthorRecord[] = [];
  // One chunk is written while the next is parsed: the database works on one core, parsing on the other.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing;
    if (papers.length === 0 && authors.length === 0) return;
    const [chunk, chunkAuthors] = [papers, authors];
    papers = [];
    authors = [];
    writing = writer.write(chunk, chunkAuthors);
    // Failures surface at the next flush; this keeps Node from calling it unhandled meanwhile.
    writing.catch(() => {});
  };
  for await (const item of parsed) {
    records += 1;
    if (records % 1000 === 0) options.onProgress?.(records);
    switch (item.kind) {
      case 'paper':
        papers.push(item.paper);
        break;
      case 'author':
        authors.push(item.author);
        break;
      case 'citation':
        writer.addCitation(item.citing, item.cited);
        break;
      case 'invalid': {
        if (!options.skipInvalid) throw new ImportError(inputName, item.line, item.reason);
        const record = { file: inputName, line: item.line, reason: item.reason };
        skipped.push(record);
        writer.summary.skippedRecords += 1;
        options.onSkipped?.(record);
        break;
      }
    }
    if (papers.length >= batchSize) await flush();
  }
  await flush();
  await writing;
  options.onProgress?.(records);
  return records;
}

/** Import one input in a transaction of its own: all of it, or nothing. */
export async function importSource(db: Database, input: InputSource, options: ImportOptions): Promise<ImportResult> {
  const parser = await resolveFormat(input, options.format);
  const skipped: SkippedRecord[] = [];
  let records = 0;
  const summary = await withImportTransaction(db, { dryRun: options.dryRun }, async (writer) => {
    records = await feedInput(writer, parser, input, options, skipped);
  });
  return { file: input.name, format: parser.name, records, summary, skipped };
}
