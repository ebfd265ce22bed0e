/** The one filter input for lists of papers, and its checks. */
import type { PaperFilter } from '../db/queries/paper-pages.js';
import { badInput } from '../src/errors.js';
import { normalizeName } from '../src/import/normalize.js';
import { builder } from './builder.js';
import { decodeIdOf } from './global-id.js';

export const PaperFilterInput = builder.inputType('PaperFilter', {
  description: 'Narrow a list of papers. Every condition given must hold.',
  fields: (t) => ({
    search: t.string({
      description:
        'Full-text search over title and abstract (web-search syntax: "quoted phrase", -excluded, OR). Not empty.',
    }),
    yearFrom: t.int({ description: 'Published in this year or later.' }),
    yearTo: t.int({ description: 'Published in this year or earlier.' }),
    venueId: t.id({ description: 'Published at this venue (a Venue ID).' }),
    topicId: t.id({ description: 'Filed under this topic or any topic below it (a Topic ID).' }),
    authorId: t.id({ description: 'Written by this author (an Author ID).' }),
    hasCode: t.boolean({ description: 'With (true) or without (false) published code.' }),
    updatedSince: t.field({
      type: 'DateTime',
      description:
        'Inserted or changed by an import strictly after this instant (see `Paper.updatedAt`). To pull only what changed, pass the latest `updatedAt` seen: every paper of that instant came with it (one import writes them, and they become visible together), so none is missed.',
    }),
  }),
});

export const MAX_SEARCH_LENGTH = 500;

/** Check a search text: trimmed, not empty, not absurdly long. */
export function checkSearch(search: string | null | undefined, argument: string): string | undefined {
  if (search == null) return undefined;
  const trimmed = search.trim();
  if (trimmed === '') throw badInput(`"${argument}" must not be empty; leave it out to list everything.`, argument);
  if (trimmed.length > MAX_SEARCH_LENGTH) {
    throw badInput(`"${argument}" may be at most ${MAX_SEARCH_LENGTH} characters.`, argument);
  }
  return trimmed;
}

/** The words of a name search, normalized like stored names; a search of punctuation alone is refused. */
export function nameSearchTokens(search: string, argument: string): string[] {
  const tokens = normalizeName(search)
    .split(/[\s'-]+/)
    .filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (tokens.length === 0) throw badInput(`"${argument}" needs at least one letter or digit.`, argument);
  return tokens;
}

/**
 * The filter's values checked and decoded; errors name the argument as `<prefix><field>` (`filter.venueId`
 * in GraphQL, the bare parameter name in the bulk export's query string).
 */
export function parsePaperFilter(input: typeof PaperFilterInput.$inferInput | null | undefined, prefix = 'filter.'): PaperFilter {
  if (!input) return {};
  const filter: PaperFilter = {
    search: checkSearch(input.search, `${prefix}search`),
    yearFrom: input.yearFrom ?? undefined,
    yearTo: input.yearTo ?? undefined,
    venueId: input.venueId != null ? decodeIdOf('Venue', input.venueId, `${prefix}venueId`) : undefined,
    topicId: input.topicId != null ? decodeIdOf('Topic', input.topicId, `${prefix}topicId`) : undefined,
    authorId: input.authorId != null ? decodeIdOf('Author', input.authorId, `${prefix}authorId`) : undefined,
    hasCode: input.hasCode ?? undefined,
    updatedSince: input.updatedSince ?? undefined,
  };
  if (filter.yearFrom != null && filter.yearTo != null && filter.yearFrom > filter.yearTo) {
    throw badInput(
      `"${prefix}yearFrom" (${filter.yearFrom}) is after "${prefix}yearTo" (${filter.yearTo}).`,
      `${prefix}yearFrom`,
    );
  }
  return filter;
}
