/**
 * The bulk exports (/export/papers.ndjson, authors, authorships, and CSV) against the GraphQL API on the
 * same data: the demo profile and a synthetic graph, written through the importer. Rows are compared with
 * what the API answers for the same filter; bad parameters are refused before a byte streams; a client
 * that stops reading or goes away stops the queries.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ID_WINDOW } from '../src/bulk/export-kinds.js';
import { loadDemoData } from '../src/demo-data.js';
import { writeBatch } from '../src/import/writer.js';
import { createServer } from '../src/server.js';
import { listen } from './helpers/http-server.js';
import { useTestServer, type TestServer } from './helpers/server.js';
import { syntheticBatch } from './helpers/synthetic.js';

/** A few papers written after the id sequence jumped: exports cross windows of ids holding no paper at all. */
const farPapers = syntheticBatch({ seed: 7, authors: 5, papers: 5, authorsPerPaper: 2 });
for (const [i, paper] of farPapers.papers.entries()) paper.identity = { doi: `10.5555/far.${i}` };
const FAR_ID = 3 * ID_WINDOW + 12_345;

const server = useTestServer(async (s) => {
  const db = s.database.handle.db;
  await loadDemoData(db, { profileYear: 2026, dataset: 'profile' });
  await writeBatch(db, syntheticBatch({ authors: 80, papers: 300, authorsPerPaper: 3, referencesPerPaper: 2 }));
  await db.execute(sql`select setval(pg_get_serial_sequence('papers', 'id'), ${FAR_ID})`);
  await writeBatch(db, { ...farPapers, papers: farPapers.papers.map((p) => ({ ...p, references: [] })) });
});

const PAPER_FIELDS = `id title abstract publishedAt year venue { id } doi arxivId aclId codeUrl hasCode authorListComplete
  citationCount reportedCitationCount citedByCount updatedAt`;

/** Every paper the API lists for a filter, page by page. */
async function papersFromApi(s: TestServer, filter: Record<string, unknown>) {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const r: any = await s.query(
      `query($f: PaperFilter, $a: String) { papers(first: 100, after: $a, filter: $f) { nodes { ${PAPER_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
      { f: filter, a: after },
    );
    expect(r.errors).toBeUndefined();
    nodes.push(...r.data.papers.nodes);
    if (!r.data.papers.pageInfo.hasNextPage) return nodes;
    after = r.data.papers.pageInfo.endCursor;
  }
}

const idNumber = (id: string) => Number(Buffer.from(id, 'base64').toString('utf8').split(':')[1]);

async function exportText(s: TestServer, path: string, headers: Record<string, string> = {}) {
  const response = await s.yoga.fetch(`http://test${path}`, { headers });
  return { response, text: await response.text() };
}

const ndjson = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line));

/** The API's paper as an export line has it: the venue as its id. */
const asRecord = ({ venue, ...paper }: any) => ({ ...paper, venueId: venue?.id ?? null });

describe('GET /export/papers.ndjson', () => {
  it('streams every paper a filter picks once, by id, with the fields the API gives', async () => {
    const s = server();
    const venue = (await s.query(`{ venues(first: 1, orderBy: { field: PAPER_COUNT, direction: DESC }) { nodes { id } } }`)).data.venues.nodes[0].id;
    const filters: [string, Record<string, unknown>][] = [
      ['', {}],
      [`?yearFrom=2005&yearTo=2015&hasCode=true`, { yearFrom: 2005, yearTo: 2015, hasCode: true }],
      [`?venueId=${encodeURIComponent(venue)}&search=graph`, { venueId: venue, search: 'graph' }],
    ];
    for (const [query, filter] of filters) {
      const { response, text } = await exportText(s, `/export/papers.ndjson${query}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      const lines = ndjson(text);
      const api = await papersFromApi(s, filter);
      expect(api.length, query).toBeGreaterThan(0);
      const ids = lines.map((l) => idNumber(l.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
      const byId = new Map(api.map((p) => [p.id, asRecord(p)]));
      expect(lines.length, query).toBe(api.length);
      for (const line of lines) expect(line).toEqual(byId.get(line.id));
    }
  });

  it('crosses windows of ids without papers: the papers written after the id jump come last, each once', async () => {
    const s = server();
    const lines = ndjson((await exportText(s, '/export/papers.ndjson')).text);
    const far = lines.filter((l) => idNumber(l.id) > FAR_ID);
    expect(far.map((l) => l.doi).sort()).toEqual(farPapers.papers.map((p) => p.identity.doi).sort());
    expect(lines.slice(-far.length)).toEqual(far);
    const links = ndjson((await exportText(s, '/export/authorships.ndjson')).text).filter((l) => idNumber(l.paperId) > FAR_ID);
    expect(links).toHaveLength(farPapers.papers.reduce((n, p) => n + p.authorships.length, 0));
  });

  it('takes every paper filter parameter, topic, author and updatedSince included', async () => {
    const s = server();
    const topic = (await s.query(`{ topic(code: "syn") { id } }`)).data.topic.id;
    const author = (await s.query(`{ authors(first: 1, orderBy: { field: PAPER_COUNT, direction: DESC }) { nodes { id } } }`)).data.authors.nodes[0].id;
    const times = (await papersFromApi(s, {})).map((p) => p.updatedAt).sort();
    const since = times[0]; // the demo profile's import: only the synthetic one is after it
    const filter = { topicId: topic, authorId: author, updatedSince: since };
    const query = new URLSearchParams(filter).toString();
    const lines = ndjson((await exportText(s, `/export/papers.ndjson?${query}`)).text);
    const api = await papersFromApi(s, filter);
    expect(api.length).toBeGreaterThan(0);
    expect(lines).toEqual(api.map(asRecord).sort((a, b) => idNumber(a.id) - idNumber(b.id)));
  });
});

describe('authors, authorships and CSV', () => {
  it('authors.ndjson holds every author as the API shows them; updatedSince narrows it', async () => {
    const s = server();
    const lines = ndjson((await exportText(s, '/export/authors.ndjson')).text);
    const api = (await s.query(`{ authors(first: 100) { totalCount } }`)).data.authors.totalCount;
    expect(lines.length).toBe(api);
    const sample = lines.filter((_, i) => i % 10 === 0);
    const r = await s.query(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Author { id name affiliation orcid paperCount updatedAt } } }`, {
      ids: sample.map((l) => l.id),
    });
    expect(r.data.nodes).toEqual(sample);
    const latest = lines.map((l) => l.updatedAt).sort().at(-1);
    const earliest = lines.map((l) => l.updatedAt).sort()[0];
    expect(ndjson((await exportText(s, `/export/authors.ndjson?updatedSince=${latest}`)).text)).toEqual([]);
    const since = ndjson((await exportText(s, `/export/authors.ndjson?updatedSince=${earliest}`)).text);
    expect(since).toEqual(lines.filter((l) => l.updatedAt > earliest));
  });

  it("authorships.ndjson for an author filter holds the author lists of that author's papers", async () => {
    const s = server();
    const author = (await s.query(`{ authors(first: 1, orderBy: { field: PAPER_COUNT, direction: DESC }) { nodes { id papers(first: 100) { nodes { id authors(first: 100) { edges { position affiliation node { id } } } } } } } }`)).data.authors.nodes[0];
    const expected = author.papers.nodes
      .flatMap((p: any) => p.authors.edges.map((e: any) => ({ paperId: p.id, authorId: e.node.id, position: e.position, affiliation: e.affiliation })))
      .sort((a: any, b: any) => idNumber(a.paperId) - idNumber(b.paperId) || idNumber(a.authorId) - idNumber(b.authorId));
    const lines = ndjson((await exportText(s, `/export/authorships.ndjson?authorId=${encodeURIComponent(author.id)}`)).text);
    expect(lines).toEqual(expected);
    const all = ndjson((await exportText(s, '/export/authorships.ndjson')).text);
    const total = (await papersFromApi(s, {})).length;
    expect(new Set(all.map((l) => l.paperId)).size).toBeLessThanOrEqual(total);
    expect(all.length).toBeGreaterThan(total);
  });

  it('papers.csv holds the same rows as papers.ndjson, header first', async () => {
    const s = server();
    const lines = ndjson((await exportText(s, '/export/papers.ndjson?hasCode=true')).text);
    const { response, text } = await exportText(s, '/export/papers.csv?hasCode=true');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(Object.keys(lines[0]));
    const asText = (v: unknown) => (v === null ? '' : String(v));
    expect(rows).toEqual(lines.map((l) => Object.fromEntries(Object.entries(l).map(([k, v]) => [k, asText(v)]))));
    for (const kind of ['authors', 'authorships']) {
      const first = ndjson((await exportText(s, `/export/${kind}.ndjson`)).text)[0];
      const csv = parseCsv((await exportText(s, `/export/${kind}.csv`)).text, { columns: true }) as Record<string, string>[];
      expect(Object.keys(csv[0]!), kind).toEqual(Object.keys(first));
      expect(csv[0], kind).toEqual(Object.fromEntries(Object.entries(first).map(([k, v]) => [k, asText(v)])));
    }
    // No rows still gives the header.
    const empty = (await exportText(s, '/export/papers.csv?yearFrom=3000')).text;
    expect(empty.trim()).toBe(Object.keys(lines[0]).join(','));
  });
});

describe('bad parameters', () => {
  const cases: [string, string][] = [
    ['/export/papers.ndjson?year=2020', 'year'],
    ['/export/papers.ndjson?yearFrom=2020&yearFrom=2021', 'yearFrom'],
    ['/export/papers.ndjson?yearFrom=twenty', 'yearFrom'],
    ['/export/papers.ndjson?yearFrom=2021&yearTo=2020', 'yearFrom'],
    ['/export/papers.ndjson?hasCode=yes', 'hasCode'],
    ['/export/papers.ndjson?venueId=nonsense', 'venueId'],
    [`/export/papers.ndjson?venueId=${encodeURIComponent(Buffer.from('Paper:1').toString('base64'))}`, 'venueId'],
    ['/export/papers.ndjson?search=%20', 'search'],
    ['/export/papers.ndjson?updatedSince=2026-13-01T00:00:00Z', 'updatedSince'],
    ['/export/authors.ndjson?yearFrom=2020', 'yearFrom'],
    ['/export/authorships.csv?topicId=', 'topicId'],
  ];
  for (const [path, argument] of cases) {
    it(`${path} → 400 BAD_USER_INPUT naming "${argument}"`, async () => {
      const { response, text } = await exportText(server(), path);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = JSON.parse(text);
      expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument });
      expect(body.errors[0].message).toContain(argument);
    });
  }

  it('answers GET only, and leaves other paths under /export alone', async () => {
    const post = await server().yoga.fetch('http://test/export/papers.ndjson', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const other = await server().yoga.fetch('http://test/export/papers.xml');
    expect(other.status).toBe(404);
  });
});

/** Statements of the paper export sent so far. */
const exportStatements = (s: TestServer) => s.database.statements.filter((q) => q.includes('from papers p') && q.includes('order by p.id')).length;

describe('back-pressure and aborts', () => {
  it('queries the next batch only when the reader takes one', async () => {
    const s = server();
    const small = createServer({ db: s.database.handle.db, bulkExport: { batchSize: 5 }, explore: false });
    const before = exportStatements(s);
    const response = await small.fetch('http://test/export/papers.ndjson');
    const reader = response.body!.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const queried = exportStatements(s) - before;
    // 323 papers are 65 batches; an idle reader leaves the stream at most a batch ahead.
    expect(queried).toBeLessThanOrEqual(3);
    await reader.cancel();
  });

  it('streams at most maxConcurrent exports at once: one more is SERVER_BUSY (503, retry-after) until one ends', async () => {
    const s = server();
    const small = createServer({ db: s.database.handle.db, bulkExport: { batchSize: 5, maxConcurrent: 2 }, explore: false });
    const readers = [];
    for (let i = 0; i < 2; i++) {
      const response = await small.fetch('http://test/export/papers.ndjson');
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      await reader.read();
      readers.push(reader);
    }
    const busy = await small.fetch('http://test/export/authors.ndjson');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect((await busy.json()).errors[0].extensions.code).toBe('SERVER_BUSY');
    // HEAD streams nothing and is answered meanwhile.
    expect((await small.fetch('http://test/export/papers.ndjson', { method: 'HEAD' })).status).toBe(200);
    // A reader that stops frees its place; so does one that reads to the end.
    await readers[0]!.cancel();
    const third = await small.fetch('http://test/export/papers.csv');
    expect(third.status).toBe(200);
    expect((await third.text()).split('\n').length).toBeGreaterThan(300);
    await readers[1]!.cancel();
    const again = await Promise.all([small.fetch('http://test/export/authorships.ndjson'), small.fetch('http://test/export/authors.ndjson')]);
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    await Promise.all(again.map((r) => r.text()));
  });

  it('stops querying when the request is aborted mid-stream, and ends the body early', async () => {
    const s = server();
    const small = createServer({ db: s.database.handle.db, bulkExport: { batchSize: 2 }, explore: false });
    const before = exportStatements(s);
    const abort = new AbortController();
    const response = await small.fetch('http://test/export/papers.ndjson', { signal: abort.signal });
    const reader = response.body!.getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    // Whatever was already queued may still arrive; then the body ends (or errors) instead of running on.
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
    } catch {
      // an aborted body may end with an error: the client went away
    }
    const afterAbort = exportStatements(s);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(exportStatements(s)).toBe(afterAbort);
    // 323 papers are 162 batches of 2: the export stopped a batch or two after the abort.
    expect(afterAbort - before).toBeLessThanOrEqual(4);
    expect(text.split('\n').filter(Boolean).length).toBeLessThan(10);
  });

  for (const encoding of ['identity', 'gzip']) {
    it(`sends no statement once an HTTP client went away (accept-encoding: ${encoding})`, async () => {
      const s = server();
      const small = createServer({ db: s.database.handle.db, bulkExport: { batchSize: 2 }, explore: false });
      const http = await listen(small);
      try {
        const abort = new AbortController();
        const response = await fetch(`${http.origin}/export/papers.ndjson`, { signal: abort.signal, headers: { 'accept-encoding': encoding } });
        const reader = response.body!.getReader();
        await reader.read();
        abort.abort();
        await reader.cancel().catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, 300));
        const afterAbort = exportStatements(s);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(exportStatements(s)).toBe(afterAbort);
        // The server is fine afterwards: a new export runs to its end.
        const again = await (await fetch(`${http.origin}/export/papers.ndjson`)).text();
        const total = (await s.query(`{ papers { totalCount } }`)).data.papers.totalCount;
        expect(again.split('\n').filter(Boolean)).toHaveLength(total);
      } finally {
        await http.close();
      }
    });
  }
});
