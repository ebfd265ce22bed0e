/**
 * Bad requests get a client error a client can act on: a 4xx-or-200 status, `extensions.code` BAD_USER_INPUT,
 * a message naming the problem, and nothing internal (SQL, stack traces) in the body. Unknown-but-valid ids
 * are not errors: they give null.
 */
import { describe, it, expect } from 'vitest';
import { exampleQueries } from '../src/example-queries.js';
import { writeBatch } from '../src/import/writer.js';
import { useTestServer } from './helpers/server.js';
import { syntheticBatch } from './helpers/synthetic.js';

const batch = syntheticBatch({ authors: 6, papers: 12, authorsPerPaper: 2, referencesPerPaper: 1 });
const getServer = useTestServer(async (server) => void (await writeBatch(server.database.handle.db, batch)));

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
const LEAKS = ['select ', 'SELECT', 'postgres', '    at ', 'drizzle'];

/** Ids as the API hands them out. */
async function someIds() {
  const r = await getServer().query('{ papers(first: 1) { nodes { id } } authors(first: 1) { nodes { id } } venues(first: 1) { nodes { id } } topics { id } }');
  expect(r.errors).toBeUndefined();
  return { paper: r.data.papers.nodes[0].id, author: r.data.authors.nodes[0].id, venue: r.data.venues.nodes[0].id, topic: r.data.topics[0].id };
}

async function expectRejected(query: string, variables: Record<string, unknown>, message: RegExp, code = 'BAD_USER_INPUT') {
  const server = getServer();
  const logged = server.unexpectedErrors.length;
  const r = await server.query(query, variables);
  expect(r.status, r.text).toBeLessThan(500);
  expect(r.errors?.[0]?.extensions?.code, r.text).toBe(code);
  expect(r.errors?.[0]?.message, r.text).toMatch(message);
  for (const leak of LEAKS) expect(r.text, `leaks ${JSON.stringify(leak)}`).not.toContain(leak);
  expect(server.unexpectedErrors.length, 'a client error must not be logged as unexpected').toBe(logged);
  return r;
}

const NOT_AN_ID = /not a valid ID/;
describe('malformed global IDs', () => {
  const malformed = ['nope', '', b64('Author:abc'), b64('Author:99999999999'), b64('Author:0'), b64('Author:1').replace(/=+$/, '')];

  it.each(malformed)('author(id: %j) is rejected', async (id) => {
    const r = await expectRejected('query($id: ID!) { author(id: $id) { name } }', { id }, NOT_AN_ID);
    expect(r.data?.author ?? null).toBeNull();
  });

  it.each(malformed)('node(id: %j), paper(id:) and filter.authorId are rejected', async (id) => {
    await expectRejected('query($id: ID!) { node(id: $id) { id } }', { id }, NOT_AN_ID);
    await expectRejected('query($id: ID) { paper(id: $id) { title } }', { id }, NOT_AN_ID);
    await expectRejected('query($id: ID) { papers(filter: { authorId: $id }) { totalCount } }', { id }, NOT_AN_ID);
  });
});

describe('IDs of the wrong type', () => {
  it.each([
    ['author(id:) given a Paper id', 'query($id: ID!) { author(id: $id) { name } }', 'paper', /Author.*Paper/],
    ['paper(id:) given an Author id', 'query($id: ID) { paper(id: $id) { title } }', 'author', /Paper.*Author/],
    ['venue(id:) given a Topic id', 'query($id: ID!) { venue(id: $id) { name } }', 'topic', /Venue.*Topic/],
    ['topic(id:) given a Venue id', 'query($id: ID) { topic(id: $id) { name } }', 'venue', /Topic.*Venue/],
    ['filter.venueId given an Author id', 'query($id: ID) { papers(filter: { venueId: $id }) { totalCount } }', 'author', /venueId.*Venue/],
    ['filter.topicId given a Paper id', 'query($id: ID) { papers(filter: { topicId: $id }) { totalCount } }', 'paper', /topicId.*Topic/],
    ['filter.authorId given a Venue id', 'query($id: ID) { papers(filter: { authorId: $id }) { totalCount } }', 'venue', /authorId.*Author/],
  ] as const)('%s', async (_name, query, kind, message) => {
    const ids = await someIds();
    await expectRejected(query, { id: ids[kind] }, message);
  });
});

describe('paging arguments', () => {
  const papers = 'query($first: Int, $last: Int, $after: String, $before: String) { papers(first: $first, last: $last, after: $after, before: $before) { totalCount edges { cursor } } }';

  it.each([
    ['first: 101', { first: 101 }, /first.*at most 100/],
    ['first: -1', { first: -1 }, /first.*non-negative/],
    ['last: 101', { last: 101 }, /last.*at most 100/],
    ['last: -1', { last: -1 }, /last.*non-negative/],
    ['first and last', { first: 5, last: 5 }, /either "first" or "last"/],
    ['after and before', { after: cursorOf(['PUBLISHED_AT:DESC', '2001-01-01', '1']), before: cursorOf(['PUBLISHED_AT:DESC', '2001-01-01', '1']) }, /either "after" or "before"/],
    ['last with after', { last: 5, after: cursorOf(['PUBLISHED_AT:DESC', '2001-01-01', '1']) }, /after/],
    ['first with before', { first: 5, before: cursorOf(['PUBLISHED_AT:DESC', '2001-01-01', '1']) }, /before/],
    ['a garbage cursor', { after: 'garbage' }, /not a cursor/],
    ['an empty cursor', { after: '' }, /not a cursor/],
    ['a cursor that is JSON but not a list', { after: cursorOf({ order: 'PUBLISHED_AT:DESC' } as never) }, /not a cursor/],
    ['a garbage backward cursor', { last: 3, before: 'Zm9v' }, /not a cursor/],
  ])('%s', async (_name, variables, message) => {
    await expectRejected(papers, variables, message);
  });

  // Cursors are opaque but decodable: a tampered one (right ordering, wrong values) must still be a client error.
  it.each([
    ['a non-date sort value', ['PUBLISHED_AT:DESC', 'not-a-date', '1']],
    ['a non-numeric id', ['PUBLISHED_AT:DESC', '2001-01-01', 'abc']],
    ['too few values', ['PUBLISHED_AT:DESC', '2001-01-01']],
    ['too many values', ['PUBLISHED_AT:DESC', '2001-01-01', '1', '2']],
  ])('a tampered cursor with %s', async (_name, values) => {
    await expectRejected(papers, { first: 3, after: cursorOf(values) }, /cursor/);
  });

  it('nested connections check their arguments too', async () => {
    const ids = await someIds();
    await expectRejected('query($id: ID!) { author(id: $id) { papers(first: 101) { totalCount } } }', { id: ids.author }, /at most 100/);
    await expectRejected('query($id: ID!) { author(id: $id) { coauthors(after: "garbage") { totalCount } } }', { id: ids.author }, /not a cursor/);
    await expectRejected('query($id: ID) { paper(id: $id) { authors(first: 1, last: 1) { totalCount } } }', { id: ids.paper }, /either "first" or "last"/);
  });
});

describe('filters, searches and orderings', () => {
  it('yearFrom after yearTo', async () => {
    await expectRejected('{ papers(filter: { yearFrom: 2010, yearTo: 2009 }) { totalCount } }', {}, /yearFrom.*yearTo/);
  });

  it.each(['', '   ', '\t\n'])('empty search %j on papers, authors and venues', async (search) => {
    await expectRejected('query($s: String) { papers(filter: { search: $s }) { totalCount } }', { s: search }, /search.*not be empty/);
    await expectRejected('query($s: String) { authors(search: $s) { totalCount } }', { s: search }, /search.*not be empty/);
    await expectRejected('query($s: String) { venues(search: $s) { totalCount } }', { s: search }, /search.*not be empty/);
  });

  it('an absurdly long search', async () => {
    await expectRejected('query($s: String) { papers(filter: { search: $s }) { totalCount } }', { s: 'graph '.repeat(200) }, /at most 500/);
  });

  it('orderBy RELEVANCE without a search', async () => {
    await expectRejected('{ papers(orderBy: { field: RELEVANCE }) { totalCount } }', {}, /RELEVANCE.*search/);
    await expectRejected('{ papers(filter: { hasCode: true }, orderBy: { field: RELEVANCE, direction: ASC }) { totalCount } }', {}, /RELEVANCE/);
    const ids = await someIds();
    await expectRejected('query($id: ID!) { author(id: $id) { papers(orderBy: { field: RELEVANCE }) { totalCount } } }', { id: ids.author }, /RELEVANCE/);
  });
});

describe('look-up arguments', () => {
  it.each([
    ['paper() with no argument', '{ paper { title } }', /exactly one of "id", "doi" or "arxivId"/],
    ['paper() with id and doi', 'query($id: ID) { paper(id: $id, doi: "10.5555/syn.1") { title } }', /exactly one/],
    ['paper() with doi and arxivId', '{ paper(doi: "10.5555/syn.1", arxivId: "2101.00001") { title } }', /exactly one/],
    ['topic() with id and code', 'query($id: ID) { topic(id: $id, code: "syn") { name } }', /exactly one of "id" or "code"/],
    ['topic() with neither', '{ topic { name } }', /exactly one of "id" or "code"/],
    ['topic(code:) blank', '{ topic(code: "  ") { name } }', /code.*not be empty/],
    ['a doi that is not a DOI', '{ paper(doi: "not-a-doi") { title } }', /not a DOI/],
    ['a bare resolver URL', '{ paper(doi: "https://doi.org/") { title } }', /not a DOI/],
    ['an empty arXiv id', '{ paper(arxivId: " ") { title } }', /arxivId.*not be empty/],
  ])('%s', async (_name, query, message) => {
    const ids = await someIds();
    const variables = query.includes('$id') ? { id: query.includes('topic(') ? ids.topic : ids.paper } : {};
    const r = await expectRejected(query, variables, message);
    expect(Object.values(r.data ?? {}).every((v) => v === null)).toBe(true);
  });
});

describe('unknown but valid ids', () => {
  it.each([
    ['author', 'query($id: ID!) { author(id: $id) { name } }', b64('Author:424242')],
    ['paper', 'query($id: ID) { paper(id: $id) { title } }', b64('Paper:424242')],
    ['venue', 'query($id: ID!) { venue(id: $id) { name } }', b64('Venue:424242')],
    ['topic', 'query($id: ID) { topic(id: $id) { name } }', b64('Topic:424242')],
    ['node', 'query($id: ID!) { node(id: $id) { id } }', b64('Paper:2147483647')],
  ])('%s(id:) gives null and no error', async (field, query, id) => {
    const r = await getServer().query(query, { id });
    expect(r.status).toBe(200);
    expect(r.errors).toBeUndefined();
    expect(r.data[field]).toBeNull();
  });

  it('unknown DOI, arXiv id and topic code give null; nodes() keeps its place', async () => {
    const r = await getServer().query(`query($ids: [ID!]!) { a: paper(doi: "10.9999/none") { title } b: paper(arxivId: "9999.99999") { title }
      c: topic(code: "no.such") { name } nodes(ids: $ids) { id } }`, { ids: [b64('Author:424242'), b64('Venue:424242')] });
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ a: null, b: null, c: null, nodes: [null, null] });
  });
});

describe('GraphiQL and good queries', () => {
  it('GET /graphql for a browser serves GraphiQL with the example queries', async () => {
    const response = await getServer().yoga.fetch('http://test/graphql', { method: 'GET', headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toMatch(/graphiql/i);
    for (const text of ['AuthorProfile', 'PaperPage', 'Search', 'Zhepei Wei', 'InstructRAG', 'reinforcement learning', 'coauthors(first: 5)']) {
      expect(html, text).toContain(text);
    }
  });

  it('the example queries that look things up by search run without errors on any data', async () => {
    getServer().unexpectedErrors.length = 0; // earlier tests count their own
    // Examples with ID variables name demo-data authors; readme-example.test.ts runs them on the demo data.
    for (const query of exampleQueries.filter((q) => !q.includes('ID! ='))) {
      const r = await getServer().query(query);
      expect(r.errors, r.text).toBeUndefined();
    }
    expect(getServer().unexpectedErrors).toEqual([]);
  });

  it('a valid query touching every type logs no unexpected error', async () => {
    getServer().unexpectedErrors.length = 0;
    const r = await getServer().query(`{
      papers(first: 5, filter: { search: "study" }) { totalCount edges { cursor node { id title doi year publishedAt abstract hasCode codeUrl
        citationCount citedByCount reportedCitationCount authorListComplete venue { name kind paperCount } topics { code parent { code } }
        primaryTopic { name } authors(first: 3) { edges { position affiliation node { name paperCount } } }
        references(first: 2) { totalCount nodes { title } } citedBy(last: 2) { totalCount nodes { title } } } } }
      authors(first: 3, orderBy: { field: PAPER_COUNT, direction: DESC }) { nodes { name orcid affiliation reportedMetrics { hIndex }
        venues { paperCount venue { name } } topics { paperCount topic { code } }
        coauthors(first: 2) { edges { paperCount firstYear lastYear node { name } sharedPapers(first: 1) { totalCount } } } } }
      topics { code children { code paperCount papers(first: 1) { totalCount } } }
      venues(first: 3, orderBy: { field: PAPER_COUNT, direction: DESC }) { nodes { name shortName papers(last: 2) { totalCount } } }
    }`);
    expect(r.errors, r.text).toBeUndefined();
    expect(r.data.papers.totalCount).toBe(batch.papers.length);
    expect(getServer().unexpectedErrors).toEqual([]);
  });
});
