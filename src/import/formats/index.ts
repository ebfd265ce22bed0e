/**
 * The formats `import` understands, and how `--format auto` tells them apart: by what the first lines
 * look like, not by file name alone (a `.json.gz` may be an OpenAlex dump or a conference paper list).
 */
import type { InputSource } from '../source.js';
import { aanFormat } from './aan.js';
import { arxivFormat } from './arxiv.js';
import { openalexFormat } from './openalex.js';
import { paperlistFormat } from './paperlist.js';
import { profileFormat } from './profile.js';
import type { FormatParser } from './types.js';

export const FORMATS: Record<string, FormatParser> = {
  openalex: openalexFormat,
  arxiv: arxivFormat,
  aan: aanFormat,
  paperlist: paperlistFormat,
  profile: profileFormat,
};

export const FORMAT_NAMES = Object.keys(FORMATS);

/** Recognise a format from the start of the text; undefined when nothing fits. */
export function detectFromHead(head: string): FormatParser | undefined {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (/^id = \{/m.test(text.slice(0, 2000))) return aanFormat;
  if (/^[A-Z]\d{2}-\d{4} , [A-Z]\d{2}-\d{4}\s*$/m.test(text.slice(0, 2000))) return aanFormat;
  if (text.startsWith('[') || text.startsWith('{')) {
    if (/"authors_parsed"\s*:/.test(text)) return arxivFormat;
    if (/openalex\.org\/W\d+|"authorships"\s*:|"display_name"\s*:/.test(text)) return openalexFormat;
    if (/"gs_citation"\s*:|"author"\s*:\s*"[^"]*"/.test(text)) return paperlistFormat;
    return undefined;
  }
  if (/^h-index\s*\d+/im.test(text.slice(0, 500)) || /^\d+ Papers\s*$/m.test(text.slice(0, 1000))) return profileFormat;
  return undefined;
}

export async function detectFormat(input: InputSource): Promise<FormatParser | undefined> {
  const head: string[] = [];
  let size = 0;
  for await (const line of input.lines()) {
    head.push(line.text);
    size += line.text.length;
    if (head.length >= 50 || size > 64_000) break;
  }
  return detectFromHead(head.join('\n'));
}
