/**
 * Arguments shared by the network fields (collaborationGraph, collaborationTrend, citationGraph): lists of
 * IDs with a size limit, year windows, and the author set given by IDs or by a filter.
 */
import { GraphQLError } from 'graphql';
import { authorsMatching, papersMatching, type AuthorSetFilter } from '../db/queries/network-sets.js';
import type { PaperFilter } from '../db/queries/paper-pages.js';
import type { Context } from '../src/context.js';
import { badInput, clientError } from '../src/errors.js';
import { PaperFacts } from '../src/metrics/paper-facts.js';
import { builder } from './builder.js';
import { decodeIdOf } from './global-id.js';
import { checkIntRange } from './int-argument.js';

/** Most nodes one network may have, whether its set is given by IDs or by a filter. */
export const MAX_NETWORK_NODES = 5_000;
/** Unknown IDs named in a NOT_FOUND error (the rest are counted). */
const UNKNOWN_IDS_SHOWN = 20;

export const AuthorSetFilterInput = builder.inputType('AuthorSetFilter', {
  description: 'Choose authors by where they work and what they published. Every condition given must hold; at least one must be given.',
  fields: (t) => ({
    affiliation: t.string({ description: "Part of the author's affiliation, in any case (e.g. \"Stanford\"). Not empty." }),
    topicId: t.id({ description: 'Authors of at least one paper under this topic or a topic below it (a Topic ID).' }),
    venueId: t.id({ description: 'Authors of at least one paper at this venue (a Venue ID).' }),
    yearFrom: t.int({ description: 'Authors of at least one paper (matching the other conditions) of this year or later.' }),
    yearTo: t.int({ description: 'Authors of at least one paper (matching the other conditions) of this year or earlier.' }),
  }),
});

/**
 * An ID argument of one type. decodeIdOf names the argument when the ID is of another type, but a
 * malformed one as "id"; here both name the argument the ID was given in.
 */
export function decodeArgumentId(typename: string, globalId: string, argument: string): number {
  try {
    return decodeIdOf(typename, globalId, argument);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.argument === 'id') throw badInput(error.message, argument);
    throw error;
  }
}

/** A list of IDs of one type: at most `max`, each well formed; repeats dropped, first occurrence kept. */
export function decodeIdList(typename: string, ids: readonly (string | number)[], argument: string, max = MAX_NETWORK_NODES): { ids: number[]; globalIds: string[] } {
  if (ids.length > max) {
    throw clientError('BAD_USER_INPUT', `"${argument}" holds ${ids.length} IDs, over the limit of ${max}.`, { argument, count: ids.length, limit: max });
  }
  const seen = new Set<number>();
  const out: number[] = [];
  const globalIds: string[] = [];
  for (const globalId of ids) {
    const id = decodeArgumentId(typename, String(globalId), argument);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    globalIds.push(String(globalId));
  }
  return { ids: out, globalIds };
}

/** A year bound: a whole number from 1 to 9999. */
export function checkYear(value: number | null | undefined, argument: string): number | undefined {
  return value == null ? undefined : checkIntRange(value, 1, 9999, argument);
}

/** `yearFrom` and `yearTo` (named with `prefix`), each optional, in order when both are given. */
export function checkYearWindow(yearFrom: number | null | undefined, yearTo: number | null | undefined, prefix = ''): { yearFrom?: number; yearTo?: number } {
  const from = checkYear(yearFrom, `${prefix}yearFrom`);
  const to = checkYear(yearTo, `${prefix}yearTo`);
  if (from != null && to != null && from > to) {
    throw badInput(`"${prefix}yearFrom" (${from}) is after "${prefix}yearTo" (${to}).`, `${prefix}yearFrom`);
  }
  return { yearFrom: from, yearTo: to };
}

/** NOT_FOUND naming the IDs nothing has (the first few), so the caller can drop them and ask again. */
export function unknownIds(typename: string, argument: string, globalIds: string[]) {
  const shown = globalIds.slice(0, UNKNOWN_IDS_SHOWN);
  const more = globalIds.length > shown.length ? ` and ${globalIds.length - shown.length} more` : '';
  return clientError('NOT_FOUND', `No ${typename} has ${globalIds.length === 1 ? 'this ID' : 'these IDs'} in "${argument}": ${shown.join(', ')}${more}.`, {
    argument,
    ids: shown,
    count: globalIds.length,
  });
}

/**
 * Authors given by IDs: an author with papers in the facts exists; the others are looked up (one
 * statement through the author loader, whose rows then serve the `author` fields) to tell an author
 * without papers from an unknown ID, which is NOT_FOUND.
 */
export async function checkAuthorsExist(ctx: Context, facts: PaperFacts, ids: number[], globalIds: string[], argument: string): Promise<void> {
  const unsure = ids.flatMap((id, i) => (PaperFacts.slice(facts.papersOfAuthor, id).length > 0 ? [] : [i]));
  if (unsure.length === 0) return;
  const rows = await ctx.loaders.author.loadMany(unsure.map((i) => ids[i]!));
  const missing = unsure.filter((_, k) => rows[k] == null || rows[k] instanceof Error);
  if (missing.length) throw unknownIds('Author', argument, missing.map((i) => globalIds[i]!));
}

/** The filter's conditions checked and decoded; a filter without any condition is refused. */
export function parseAuthorSetFilter(input: typeof AuthorSetFilterInput.$inferInput, argument = 'authorFilter'): AuthorSetFilter {
  let affiliation: string | undefined;
  if (input.affiliation != null) {
    affiliation = input.affiliation.trim();
    if (affiliation === '') throw badInput(`"${argument}.affiliation" must not be empty.`, `${argument}.affiliation`);
    if (affiliation.length > 200) throw badInput(`"${argument}.affiliation" may be at most 200 characters.`, `${argument}.affiliation`);
  }
  const filter: AuthorSetFilter = {
    affiliation,
    venueId: input.venueId != null ? decodeArgumentId('Venue', input.venueId, `${argument}.venueId`) : undefined,
    topicId: input.topicId != null ? decodeArgumentId('Topic', input.topicId, `${argument}.topicId`) : undefined,
    ...checkYearWindow(input.yearFrom, input.yearTo, `${argument}.`),
  };
  if (Object.values(filter).every((v) => v == null)) {
    throw badInput(`"${argument}" needs at least one condition; to name authors one by one, use "authorIds".`, argument);
  }
  return filter;
}

/** The ids of a set matched by a filter; over MAX_NETWORK_NODES is BAD_USER_INPUT with the count. */
function withinNetworkLimit({ ids, total }: { ids: number[]; total: number }, noun: string, argument: string): number[] {
  if (total > MAX_NETWORK_NODES) {
    throw clientError('BAD_USER_INPUT', `"${argument}" matches ${total} ${noun}, over the limit of ${MAX_NETWORK_NODES}; narrow it.`, {
      argument,
      count: total,
      limit: MAX_NETWORK_NODES,
    });
  }
  return ids;
}

/** The authors matching a filter, ascending by id, at most MAX_NETWORK_NODES. */
export async function authorsOfFilter(ctx: Context, filter: AuthorSetFilter, argument = 'authorFilter'): Promise<number[]> {
  return withinNetworkLimit(await authorsMatching(ctx.db(), filter, MAX_NETWORK_NODES), 'authors', argument);
}

/** The papers matching a paper filter, ascending by id, at most MAX_NETWORK_NODES. */
export async function papersOfFilter(ctx: Context, filter: PaperFilter, argument = 'filter'): Promise<number[]> {
  return withinNetworkLimit(await papersMatching(ctx.db(), filter, MAX_NETWORK_NODES), 'papers', argument);
}

/** Exactly one of two arguments; neither or both is BAD_USER_INPUT naming them. */
export function exactlyOne<A, B>(a: A | null | undefined, b: B | null | undefined, names: [string, string]): void {
  if ((a == null) === (b == null)) {
    throw badInput(`Give exactly one of "${names[0]}" and "${names[1]}".`, names[0]);
  }
}
