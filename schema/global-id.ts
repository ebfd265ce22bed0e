/**
 * Opaque global ids: base64 of `Type:id`. Decoding is strict (the text must re-encode to exactly the id
 * given) so a mistyped or truncated id is a clear BAD_USER_INPUT, never a lookup of something else.
 */
import { badInput } from '../src/errors.js';

export function encodeGlobalID(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

export function decodeGlobalID(globalID: string): { typename: string; id: string } {
  const text = Buffer.from(globalID, 'base64').toString('utf8');
  const match = /^([A-Z][A-Za-z]*):([1-9][0-9]{0,9})$/.exec(text);
  if (!match || encodeGlobalID(match[1]!, match[2]!) !== globalID || Number(match[2]) > 2147483647) {
    throw badInput(`"${globalID}" is not a valid ID. Use an \`id\` returned by this API.`, 'id');
  }
  return { typename: match[1]!, id: match[2]! };
}

/** Decode an id argument that must name one type (e.g. `author(id:)` given a Paper id is an error). */
export function decodeIdOf(typename: string, globalID: string, argument = 'id'): number {
  const decoded = decodeGlobalID(globalID);
  if (decoded.typename !== typename) {
    throw badInput(`"${argument}" must be the ID of a ${typename}; this one belongs to a ${decoded.typename}.`, argument);
  }
  return Number(decoded.id);
}
