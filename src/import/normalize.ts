/**
 * Text keys used for identity and search. Names and titles are compared without case, accents or
 * punctuation, so "Daumé" finds "Daume" and a re-import with different punctuation matches the same paper.
 */

/** Decompose, drop combining marks, lower-case, fold whitespace. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'\- ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Like {@link normalizeName}, but all punctuation goes: titles differ in dashes and colons across sources. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Identity of a name-only author within one source. */
export function sourceAuthorKey(source: string, displayName: string): string {
  return `${source}:${normalizeName(displayName)}`;
}
