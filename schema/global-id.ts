/**
 * Opaque global ids: base64 of `Type:id`. Decoding is strict (the text must re-encode to exactly the id
 * given) so a mistyped or truncated id is a clear BAD_USER_INPUT, never a lookup of something else.
 */
import { badInput } from '../src/errors.js';

export function encodeGlobalID(typename: string, id: string | number | bigint): string {
  const prefix = prefixOf(typename);
  const rest = `${prefix.rest}${id}`;
  return prefix.encoded + (isAscii(rest) ? base64OfAscii(rest) : Buffer.from(rest, 'utf8').toString('base64'));
}

/*
 * Every object of a page encodes its id, so encoding is done without a Buffer per id: base64 turns each 3
 * bytes into 4 characters on their own, so the whole groups of `Type:` are encoded once per type and only
 * the rest (at most two characters of the prefix, then the digits) per id.
 */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const prefixes = new Map<string, { encoded: string; rest: string }>();

function prefixOf(typename: string): { encoded: string; rest: string } {
  let prefix = prefixes.get(typename);
  if (!prefix) {
    const text = `${typename}:`;
    // Characters are bytes only in ASCII; any other name is encoded whole, with its id.
    const whole = isAscii(text) ? text.length - (text.length % 3) : 0;
    prefix = { encoded: Buffer.from(text.slice(0, whole), 'utf8').toString('base64'), rest: text.slice(whole) };
    // Type names come from the schema, a handful; anything else is not kept.
    if (isAscii(text) && prefixes.size < 64) prefixes.set(typename, prefix);
  }
  return prefix;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function base64OfAscii(text: string): string {
  let out = '';
  let i = 0;
  for (; i + 2 < text.length; i += 3) {
    const n = (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8) | text.charCodeAt(i + 2);
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + BASE64[n & 63]!;
  }
  const left = text.length - i;
  if (left === 1) {
    const n = text.charCodeAt(i) << 16;
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + '==';
  } else if (left === 2) {
    const n = (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8);
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + '=';
  }
  return out;
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
