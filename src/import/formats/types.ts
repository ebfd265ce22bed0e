/**
 * What a format parser yields: one item per record, each with the line (or record number) it came from.
 * A malformed record is yielded as `invalid` with its reason, never thrown: the importer decides whether
 * that stops the import (the default: nothing is written) or is skipped and reported (`--skip-invalid`).
 */
import type { AuthorRecord, PaperIdentity, PaperRecord } from '../records.js';
import type { InputSource } from '../source.js';

export type ParsedItem =
  | { kind: 'paper'; line: number; paper: PaperRecord }
  /** An author with data of their own (a profile's owner with reported metrics). */
  | { kind: 'author'; line: number; author: AuthorRecord }
  /** A citation edge given on its own (an edge list), between papers identified by id. */
  | { kind: 'citation'; line: number; citing: PaperIdentity; cited: PaperIdentity }
  | { kind: 'invalid'; line: number; reason: string };

export interface ParseOptions {
  /** Year for dates that show none (profile pages). */
  currentYear: number;
}

export interface FormatParser {
  /** `openalex`, `arxiv`, `aan`, `paperlist`, `profile`. */
  name: string;
  /** Short name of the source: scopes name-only author identities (`sourceAuthorKey`). */
  source: string;
  parse(input: InputSource, options: ParseOptions): AsyncIterable<ParsedItem>;
}
