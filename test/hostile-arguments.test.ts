/**
 * Hostile values in arguments are the client's error (BAD_USER_INPUT naming the argument), never a
 * masked internal error from SQL: NUL characters (PostgreSQL text cannot hold them) and hand-made
 * cursors holding days that do not exist, year 0, or numbers a `real` cannot hold.
 */
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/connections/cursor.js';
import { loadDemoData } from '../src/demo-data.js';
import { useTestServer } from './helpers/server.js';

const server = useTestServer(async (s) => {
  await loadDemoData(s.database.handle.db, { profileYear: 2026, dataset: 'profile' });
});

function expectBadInput(response: Awaited<ReturnType<ReturnType<typeof server>['query']>>, argument: string) {
  expect(response.status, response.text).toBeLessThan(500);
  expect(response.errors?.[0]?.extensions, response.text).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  expect(response.text).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error/);
}

describe('NUL characters in arguments', () => {
  const nul = 'deep\u0000learning';
  const cases: [string, string, Record<string, unknown>][] = [
    ['query($v: String) { papers(filter: { search: $v }) { totalCount } }', 'filter.search', { v: nul }],
    ['query($f: PaperFilter) { papers(filter: $f) { totalCount } }', 'filter', { f: { search: nul } }],
    ['query($v: String) { paperGroups(by: YEAR, filter: { search: $v }) { count } }', 'filter.search', { v: nul }],
    ['query($v: String) { authors(search: $v) { totalCount } }', 'search', { v: nul }],
    ['query($v: String) { venues(search: $v) { totalCount } }', 'search', { v: nul }],
    ['query($v: String) { paper(doi: $v) { title } }', 'doi', { v: '10.1000/\u0000' }],
    ['query($v: String) { paper(arxivId: $v) { title } }', 'arxivId', { v: '2401.\u00001' }],
    ['query($v: String) { topic(code: $v) { name } }', 'code', { v: 'cs.\u0000CL' }],
  ];
  for (const [query, argument, variables] of cases) {
    it(`refuses NUL in ${argument} (${query.slice(query.indexOf('{') + 2, query.indexOf('('))})`, async () => {
      const s = server();
      expectBadInput(await s.query(query, variables), argument);
      expect(s.unexpectedErrors).toEqual([]);
    });
  }

  it('refuses NUL written into the document as an escape', async () => {
    const s = server();
    expectBadInput(await s.query('{ papers(filter: { search: "a\\u0000b" }) { totalCount } }'), 'filter.search');
    expectBadInput(await s.query('{ paper(doi: "10.1/\\u0000") { title } }'), 'doi');
    expect(s.unexpectedErrors).toEqual([]);
  });

  it('still answers the same arguments without NUL', async () => {
    const s = server();
    const response = await s.query('query($v: String) { papers(filter: { search: $v }) { totalCount } }', { v: 'agents' });
    expect(response.errors).toBeUndefined();
    expect(response.data.papers.totalCount).toBeGreaterThan(0);
  });
});

describe('hand-made cursors', () => {
  const hostile: [string, string][] = [
    ['an impossible date', '2024-02-31'],
    ['year 0', '0000-01-01'],
    ['a NUL', '2024-01-01\u0000'],
    ['an overflowing number', '1e999'],
  ];
  for (const [what, value] of hostile) {
    it(`refuses a cursor holding ${what}`, async () => {
      const s = server();
      // The cursor format: base64url of JSON [ordering, ...sort values, row id] (src/connections/cursor.ts).
      const papersCursor = encodeCursor({ order: 'PUBLISHED_AT:DESC', values: [value, '1'] });
      expectBadInput(await s.query('query($c: String) { papers(after: $c, first: 1) { totalCount } }', { c: papersCursor }), 'after');
      expectBadInput(await s.query('query($c: String) { papers(before: $c, last: 1) { totalCount } }', { c: papersCursor }), 'before');
      const nameCursor = encodeCursor({ order: 'NAME:ASC', values: [value.replace(/^2024-01-01/, 'wei'), '1'] });
      if (value.includes('\u0000')) {
        expectBadInput(await s.query('query($c: String) { authors(after: $c, first: 1) { totalCount } }', { c: nameCursor }), 'after');
      }
      const relevanceCursor = encodeCursor({ order: 'RELEVANCE:DESC', values: [value, '1'] });
      expectBadInput(
        await s.query('query($c: String) { papers(filter: { search: "agent" }, after: $c, first: 1) { totalCount } }', { c: relevanceCursor }),
        'after',
      );
      const nested = await s.query('query($c: String) { authors(first: 1) { nodes { papers(after: $c, first: 1) { totalCount } } } }', {
        c: papersCursor,
      });
      expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
      expect(s.unexpectedErrors).toEqual([]);
    });
  }

  it('refuses real numbers a PostgreSQL real cannot hold, in either direction', async () => {
    const s = server();
    for (const value of ['1e-999', '-1e999', '1e39']) {
      const c = encodeCursor({ order: 'RELEVANCE:DESC', values: [value, '1'] });
      expectBadInput(await s.query('query($c: String) { papers(filter: { search: "agent" }, after: $c, first: 1) { totalCount } }', { c }), 'after');
    }
    expect(s.unexpectedErrors).toEqual([]);
  });

  it('still pages with the cursors the server hands out', async () => {
    const s = server();
    const page = await s.query('{ papers(first: 2) { edges { cursor } } }');
    const after = await s.query('query($c: String) { papers(after: $c, first: 1) { nodes { title } } }', { c: page.data.papers.edges[0].cursor });
    expect(after.errors).toBeUndefined();
    expect(after.data.papers.nodes).toHaveLength(1);
  });
});
