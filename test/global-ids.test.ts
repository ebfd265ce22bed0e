/**
 * Global IDs are base64 of `Type:id`: the encoder that works without a Buffer per id must give exactly what
 * base64 of the text gives, for every type name length (the prefix's whole base64 groups are cut at 3
 * characters) and id, and decoding must give back what was encoded.
 */
import { describe, expect, it } from 'vitest';
import { decodeGlobalID, encodeGlobalID } from '../schema/global-id.js';

const reference = (type: string, id: string | number) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64');

describe('global IDs', () => {
  const types = ['A', 'Ab', 'Abc', 'Paper', 'Author', 'Venue', 'Topic', 'CoauthorEdge', 'Ünïcode'];
  const ids = [1, 7, 42, 999, 1000, 65535, 123456, 2147483647, '12', '0x1', 'ß'];

  it('encodes as base64 of "Type:id" for every type-name length and id', () => {
    for (const type of types) for (const id of ids) expect(encodeGlobalID(type, id)).toBe(reference(type, id));
    for (let n = 1; n < 5000; n += 37) expect(encodeGlobalID('Paper', n)).toBe(reference('Paper', n));
  });

  it('decodes what it encodes, and refuses ids that do not re-encode exactly', () => {
    for (const type of ['Paper', 'Author', 'Venue', 'Topic']) {
      for (const id of [1, 9, 10, 123, 2147483647]) expect(decodeGlobalID(encodeGlobalID(type, id))).toEqual({ typename: type, id: String(id) });
    }
    const padded = encodeGlobalID('Author', 5);
    expect(() => decodeGlobalID(padded.replace(/=+$/, ''))).toThrow(/not a valid ID/);
    expect(() => decodeGlobalID(reference('Author', '05'))).toThrow(/not a valid ID/);
  });
});
