/** The DateTime text clients give: exactly RFC 3339 with an offset, naming a real instant, kept as given. */
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../src/date-time.js';

describe('parseTimestamp', () => {
  it('keeps valid RFC 3339 date-times exactly as given (no rounding to milliseconds)', () => {
    for (const value of [
      '2026-12-03T05:30:28.123456Z',
      '2026-12-03T05:30:28Z',
      '2026-12-03t05:30:28.1+02:00',
      '2024-02-29T23:59:59.999999-11:30',
      '0001-01-01T00:00:00Z',
    ]) {
      expect(parseTimestamp(value)).toBe(value);
    }
  });

  it('refuses everything else', () => {
    for (const value of [
      '2026-12-03', // no time
      '2026-12-03T05:30:28', // no offset: which instant?
      '2026-12-03 05:30:28Z', // a space, not T
      '2026-12-03T05:30:28.1234567Z', // finer than stored
      '2023-02-29T00:00:00Z', // no such day
      '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-12-03T24:00:00Z',
      '2026-12-03T23:60:00Z',
      '2026-12-03T23:59:60Z', // leap seconds: PostgreSQL would move them to the next minute
      '2026-12-03T05:30:28+24:00',
      '0000-01-01T00:00:00Z',
      ' 2026-12-03T05:30:28Z',
      '',
      20261203,
      null,
    ]) {
      expect(parseTimestamp(value), String(value)).toBeUndefined();
    }
  });
});
