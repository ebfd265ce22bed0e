/**
 * The query string of an export, checked before a byte is streamed: every parameter must be known, given
 * once, and well-formed, or the request gets a BAD_USER_INPUT error naming it. Paper exports take every
 * field of the GraphQL paper filter under the same name (global IDs for venue, topic and author), checked
 * by the same code as the GraphQL argument.
 */
import type { PaperFilter } from '../../db/queries/paper-pages.js';
import type { AuthorExportFilter } from '../../db/queries/export-batches.js';
import { decodeGlobalID } from '../../schema/global-id.js';
import { parsePaperFilter } from '../../schema/paper-filter.js';
import { parseTimestamp, TIMESTAMP_FORMAT } from '../date-time.js';
import { badInput } from '../errors.js';

export const PAPER_FILTER_PARAMETERS = ['search', 'yearFrom', 'yearTo', 'venueId', 'topicId', 'authorId', 'hasCode', 'updatedSince'] as const;
export const AUTHOR_FILTER_PARAMETERS = ['updatedSince'] as const;

/** Each allowed parameter's single value; an unknown or repeated parameter is an error. */
function singleValues(params: URLSearchParams, allowed: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of params) {
    if (!allowed.includes(name)) {
      throw badInput(`Unknown parameter "${name}"; this export accepts: ${allowed.join(', ') || 'none'}.`, name);
    }
    if (values.has(name)) throw badInput(`Parameter "${name}" is given more than once.`, name);
    values.set(name, value);
  }
  return values;
}

function intParameter(values: Map<string, string>, name: string): number | undefined {
  const value = values.get(name);
  if (value === undefined) return undefined;
  if (!/^-?\d{1,9}$/.test(value)) throw badInput(`"${name}" must be a whole number, e.g. ${name}=2020.`, name);
  return Number(value);
}

function booleanParameter(values: Map<string, string>, name: string): boolean | undefined {
  const value = values.get(name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw badInput(`"${name}" must be true or false.`, name);
  return value === 'true';
}

function timestampParameter(values: Map<string, string>, name: string): string | undefined {
  const value = values.get(name);
  if (value === undefined) return undefined;
  const parsed = parseTimestamp(value);
  if (parsed === undefined) throw badInput(`"${name}" must be ${TIMESTAMP_FORMAT}.`, name);
  return parsed;
}

/** A global ID parameter that does not decode is reported under its own name (the decoder names it `id`). */
function idParameter(values: Map<string, string>, name: string): string | undefined {
  const value = values.get(name);
  if (value === undefined) return undefined;
  try {
    decodeGlobalID(value);
  } catch {
    throw badInput(`"${name}" is not a valid ID. Use an \`id\` returned by this API.`, name);
  }
  return value;
}

/** The paper filter a query string asks for (paper and authorship exports). */
export function paperFilterOf(params: URLSearchParams): PaperFilter {
  const values = singleValues(params, PAPER_FILTER_PARAMETERS);
  return parsePaperFilter(
    {
      search: values.get('search'),
      yearFrom: intParameter(values, 'yearFrom'),
      yearTo: intParameter(values, 'yearTo'),
      venueId: idParameter(values, 'venueId'),
      topicId: idParameter(values, 'topicId'),
      authorId: idParameter(values, 'authorId'),
      hasCode: booleanParameter(values, 'hasCode'),
      updatedSince: timestampParameter(values, 'updatedSince'),
    },
    '',
  );
}

/** The author filter a query string asks for (author export). */
export function authorFilterOf(params: URLSearchParams): AuthorExportFilter {
  const values = singleValues(params, AUTHOR_FILTER_PARAMETERS);
  return { updatedSince: timestampParameter(values, 'updatedSince') };
}
