/**
 * Bracket nesting of a document's text, checked before it is parsed. graphql-js parses nested lists,
 * objects and selections recursively: a few thousand `[` overflow the stack inside the parser, well
 * under the token limit, and the request fails as an unexpected error. The scan stops at the first
 * bracket over the limit, and skips strings and comments, whose brackets are text.
 */
import type { Plugin } from 'graphql-yoga';
import { limitRefusal } from './refusal.js';

// Compared as char codes, not looked up in a Set: this runs over every character of every request.
const isOpening = (c: number) => c === 0x7b || c === 0x5b || c === 0x28; // { [ (
const isClosing = (c: number) => c === 0x7d || c === 0x5d || c === 0x29; // } ] )

/** The deepest bracket nesting in `text`, or the first depth over `limit` (the rest is not read). */
export function bracketNesting(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isOpening(c)) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (isClosing(c)) depth--;
    else if (c === 0x23) {
      // # comment, to the end of the line
      while (i < text.length && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
    } else if (c === 0x22) {
      if (text.startsWith('"""', i)) {
        const end = text.indexOf('"""', i + 3);
        // In a block string only \""" escapes; an unescaped """ ends it.
        let close = end;
        while (close > 0 && text.charCodeAt(close - 1) === 0x5c) close = text.indexOf('"""', close + 3);
        i = close < 0 ? text.length : close + 2;
      } else {
        for (i++; i < text.length; i++) {
          const s = text.charCodeAt(i);
          if (s === 0x5c) i++;
          else if (s === 0x22 || s === 0x0a) break;
        }
      }
    }
  }
  return deepest;
}

export function useNestingLimit(maxNesting: number): Plugin {
  return {
    onParse: ({ params }) => {
      const nesting = bracketNesting(params.source.toString(), maxNesting);
      if (nesting > maxNesting) {
        throw limitRefusal(
          'QUERY_TOO_COMPLEX',
          'nesting',
          nesting,
          maxNesting,
          `The query nests brackets more than ${maxNesting} deep, the limit. Nest fewer lists, objects or selections.`,
          400,
        );
      }
    },
  };
}
