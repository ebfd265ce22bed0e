/**
 * Cursor paging through the public HTTP surface, checked against a brute-force model of the synthetic batch:
 * every list walked page by page (forwards and backwards) must equal the whole list in the promised order.
 */
import { describe, it, expect } from 'vitest';
import { writeBatch } from '../src/import/writer.js';
import { useTestServer } from './helpers/server.js';
import { syntheticBatch } from './helpers/synthetic.js';

const batch = syntheticBatch({ authors: 40, papers: 150, authorsPerPaper: 3, referencesPerPaper: 2 });
const getServer = useTestServer(async (server) => void (await writeBatch(server.database.handle.db, batch)));

// ---- the model: what the server must answer, computed from the batch alone ----------------------------
interface ModelPaper {
  id: number; // insertion order: the batch order gives internal ids 1..n
  doi: string;
  title: string;
  year: number;
  sortDate: string; // publishedAt, or 1 January of the year
  venue: string | null;
  topic: string;
  authors: string[]; // in position order
  refs: Set<string>; // distinct cited DOIs (all earlier papers, so all in the database)
  citedBy: number;
  citationCount: number;
}
const model: ModelPaper[] = batch.papers.map((p, i) => ({
  id: i + 1,
  doi: p.identity.doi!,
  title: p.title,
  year: p.year!,
  sortDate: p.publishedAt ?? `${p.year}-01-01`,
  venue: p.venue?.name ?? null,
  topic: p.topics[0]!.topic.code,
  authors: p.authorships.map((a) => a.author.displayName),
  refs: new Set((p.references ?? []).map((r) => r.doi!)),
  citedBy: 0,
  citationCount: 0,
}));
for (const p of model) {
  p.citedBy = model.filter((q) => q.refs.has(p.doi)).length;
  p.citationCount = batch.papers[p.id - 1]!.reportedCitationCount ?? p.citedBy;
}

type Field = 'PUBLISHED_AT' | 'CITATION_COUNT' | 'TITLE';
type Direction = 'ASC' | 'DESC';
const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
const keyOf = (p: ModelPaper, f: Field) => (f === 'PUBLISHED_AT' ? p.sortDate : f === 'TITLE' ? p.title : p.citationCount);
function expectedOrder(list: ModelPaper[], field: Field = 'PUBLISHED_AT', direction: Direction = 'DESC'): string[] {
  const sign = direction === 'DESC' ? -1 : 1;
  return [...list].sort((a, b) => sign * (cmp(keyOf(a, field), keyOf(b, field)) || a.id - b.id)).map((p) => p.doi);
}
const decodeId = (id: string) => Number(Buffer.from(id, 'base64').toString('utf8').split(':')[1]);

// ---- paging helpers --------------------------------------------------------------------------------------
interface PageArgs { first?: number; after?: string; last?: number; before?: string }
interface Conn {
  totalCount: number;
  edges: { cursor: string; node: { key: string } }[];
  nodes: { key: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}
type Fetch = (args: PageArgs) => Promise<Conn>;

/**
 * A fetcher for one connection. `body` holds ARGS (the paging arguments) and CONN (the selection); `key` is
 * the node field the walk compares (aliased as `key`).
 */
function connection(body: string, path: string[], vars: Record<string, unknown> = {}, decl = '', key = 'doi'): Fetch {
  const selection = `totalCount edges { cursor node { key: ${key} } } nodes { key: ${key} }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
  const query = `query($first: Int, $after: String, $last: Int, $before: String${decl}) {
    ${body.replace('ARGS', 'first: $first, after: $after, last: $last, before: $before').replace('CONN', selection)} }`;
  return async (args) => {
    const response = await getServer().query(query, { ...vars, ...args });
    expect(response.errors).toBeUndefined();
    return path.reduce((o: any, k) => o[k], response.data) as Conn;
  };
}
const rootPapers = (orderBy?: { field: string; direction?: string }) =>
  connection('papers(ARGS, orderBy: $orderBy) { CONN }', ['papers'], { orderBy }, ', $orderBy: PaperOrder');

/** Walk a whole list page by page, checking each page's shape; returns the keys in list order. */
async function walk(fetch: Fetch, direction: 'forward' | 'backward', size = 17) {
  const keys: string[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 200; n++) {
    const page = await fetch(direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor });
    const pageKeys = page.edges.map((e) => e.node.key);
    expect(page.nodes.map((x) => x.key)).toEqual(pageKeys);
    expect(pageKeys.length).toBeLessThanOrEqual(size);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    const more = direction === 'forward' ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
    const behind = direction === 'forward' ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
    expect(behind).toBe(cursor !== undefined);
    if (direction === 'forward') keys.push(...pageKeys);
    else keys.unshift(...pageKeys);
    if (!more) return { keys, totalCount: page.totalCount };
    expect(pageKeys.length).toBe(size);
    cursor = (direction === 'forward' ? page.pageInfo.endCursor : page.pageInfo.startCursor)!;
  }
  throw new Error('paging never ended');
}

/** Both walks must give exactly `expected` (so no gaps, no duplicates) and the right totalCount. */
async function expectWalks(fetch: Fetch, expected: string[], size = 17) {
  for (const direction of ['forward', 'backward'] as const) {
    const { keys, totalCount } = await walk(fetch, direction, size);
    expect(new Set(keys).size, `${direction}: duplicates`).toBe(keys.length);
    expect(keys, direction).toEqual(expected);
    expect(totalCount).toBe(expected.length);
  }
}

let authorIdCache: Map<string, string> | undefined;
/** Author name → global ID, as the API reports them. */
async function authorIds(): Promise<Map<string, string>> {
  if (authorIdCache) return authorIdCache;
  const r = await getServer().query('{ authors(first: 100) { totalCount nodes { id name } } }');
  expect(r.data.authors.totalCount).toBe(40);
  authorIdCache = new Map(r.data.authors.nodes.map((a: { id: string; name: string }) => [a.name, a.id]));
  return authorIdCache;
}
const authorName = (i: number) => `Author ${String(i).padStart(4, '0')} Synth`;

describe('Query.papers', () => {
  it('walks the default order (PUBLISHED_AT DESC) forwards and backwards, 17 at a time', async () => {
    await expectWalks(rootPapers(), expectedOrder(model));
  });

  it.each([
    ['CITATION_COUNT', 'ASC'],
    ['CITATION_COUNT', 'DESC'],
    ['TITLE', 'ASC'],
    ['PUBLISHED_AT', 'ASC'],
  ] as const)('walks orderBy %s %s forwards and backwards', async (field, direction) => {
    await expectWalks(rootPapers({ field, direction }), expectedOrder(model, field, direction));
  });

  it('defaults the direction to DESC when only the field is given', async () => {
    await expectWalks(rootPapers({ field: 'CITATION_COUNT' }), expectedOrder(model, 'CITATION_COUNT', 'DESC'), 50);
  });

  it('gives identical pages for the same cursor', async () => {
    const fetch = rootPapers({ field: 'CITATION_COUNT', direction: 'DESC' });
    const first = await fetch({ first: 17 });
    const again = [await fetch({ first: 17, after: first.pageInfo.endCursor! }), await fetch({ first: 17, after: first.pageInfo.endCursor! })];
    expect(again[0]).toEqual(again[1]);
    expect(again[0]!.edges.map((e) => e.node.key)).toEqual(expectedOrder(model, 'CITATION_COUNT', 'DESC').slice(17, 34));
  });

  it('first: 0 gives no edges but still counts and says more follow', async () => {
    const page = await rootPapers()({ first: 0 });
    expect(page.edges).toEqual([]);
    expect(page.nodes).toEqual([]);
    expect(page.totalCount).toBe(150);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.pageInfo.startCursor).toBeNull();
  });

  it('defaults to 20 items a page', async () => {
    const page = await rootPapers()({});
    expect(page.edges.map((e) => e.node.key)).toEqual(expectedOrder(model).slice(0, 20));
  });

  it('rejects a cursor of another ordering with BAD_USER_INPUT', async () => {
    const page = await rootPapers()({ first: 5 });
    const q = `query($after: String, $o: PaperOrder) { papers(first: 5, after: $after, orderBy: $o) { edges { cursor } } }`;
    for (const o of [{ field: 'TITLE', direction: 'ASC' }, { field: 'PUBLISHED_AT', direction: 'ASC' }]) {
      const r = await getServer().query(q, { after: page.pageInfo.endCursor, o });
      expect(r.status).toBeLessThan(500);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message).toMatch(/ordering/);
    }
    // A cursor of one connection's ordering stays valid on another list with the same ordering.
    const authorId = (await authorIds()).get(authorName(0))!;
    const titlePage = await rootPapers({ field: 'TITLE', direction: 'ASC' })({ first: 1 });
    const r = await getServer().query(
      `query($id: ID!, $after: String) { author(id: $id) { papers(first: 3, after: $after) { edges { cursor } } } }`,
      { id: authorId, after: titlePage.pageInfo.endCursor },
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('lists under an object', () => {
  it('Author.papers: every page, positions and totalCount match the batch', async () => {
    const ids = await authorIds();
    for (const i of [0, 5, 17, 39]) {
      const name = authorName(i);
      const mine = model.filter((p) => p.authors.includes(name));
      const fetch = connection('author(id: $id) { papers(ARGS) { CONN } }', ['author', 'papers'], { id: ids.get(name) }, ', $id: ID!');
      await expectWalks(fetch, expectedOrder(mine), 4);
      await expectWalks(
        connection('author(id: $id) { papers(ARGS, orderBy: {field: TITLE, direction: ASC}) { CONN } }', ['author', 'papers'], { id: ids.get(name) }, ', $id: ID!'),
        expectedOrder(mine, 'TITLE', 'ASC'),
        5,
      );
      const r = await getServer().query(
        `query($id: ID!) { author(id: $id) { paperCount papers(first: 100) { edges { position affiliation node { doi } } } } }`,
        { id: ids.get(name) },
      );
      expect(r.data.author.paperCount).toBe(mine.length);
      for (const edge of r.data.author.papers.edges) {
        const position = model.find((p) => p.doi === edge.node.doi)!.authors.indexOf(name) + 1;
        expect(edge.position).toBe(position);
        expect(edge.affiliation).toBe(position === 1 ? 'Synthetic University' : null);
      }
    }
  });

  it('one document asked again with other variables answers each request with its own (nested pages, fragments)', async () => {
    const ids = await authorIds();
    // The nested connections' arguments come from variables, directly and through a fragment, and the
    // document is sent again and again (parsed once): each answer must follow its own request's values.
    const document = `query($id: ID!, $n: Int!, $order: PaperOrderField!, $k: Int!) {
      author(id: $id) { papers(first: $n, orderBy: { field: $order, direction: ASC }) { nodes { ...P } } }
    }
    fragment P on Paper { doi authors(first: $k) { totalCount nodes { name } } }`;
    const fixed = `query($id: ID!) { author(id: $id) { papers(first: 3, orderBy: { field: TITLE, direction: ASC }) { nodes { doi authors(first: 1) { nodes { name } } } } } }`;
    for (const [i, n, order, k] of [[0, 2, 'TITLE', 1], [5, 4, 'PUBLISHED_AT', 3], [0, 3, 'PUBLISHED_AT', 2], [17, 1, 'TITLE', 2]] as const) {
      const name = authorName(i);
      const mine = model.filter((p) => p.authors.includes(name));
      getServer().database.statements.length = 0;
      const r = await getServer().query(document, { id: ids.get(name), n, order, k });
      // The author, their papers and each paper's authors come in one statement planned for these values.
      expect(getServer().database.statements).toHaveLength(1);
      const expected = expectedOrder(mine, order, 'ASC').slice(0, n);
      expect(r.data.author.papers.nodes.map((p: { doi: string }) => p.doi)).toEqual(expected);
      for (const paper of r.data.author.papers.nodes) {
        const authors = model.find((p) => p.doi === paper.doi)!.authors;
        expect(paper.authors.totalCount).toBe(authors.length);
        expect(paper.authors.nodes.map((a: { name: string }) => a.name)).toEqual(authors.slice(0, k));
      }
      // A document without variables below its root is planned once for all requests: still each author's own.
      const f = await getServer().query(fixed, { id: ids.get(name) });
      expect(f.data.author.papers.nodes.map((p: { doi: string }) => p.doi)).toEqual(expectedOrder(mine, 'TITLE', 'ASC').slice(0, 3));
    }
  });

  it('Venue.papers: every venue, paged, with totalCount and paperCount', async () => {
    const r = await getServer().query('{ venues(first: 100) { totalCount nodes { id name paperCount } } }');
    const venues: { id: string; name: string; paperCount: number }[] = r.data.venues.nodes;
    expect(venues.map((v) => v.name).sort()).toEqual([...new Set(model.map((p) => p.venue).filter(Boolean))].sort());
    for (const venue of venues) {
      const mine = model.filter((p) => p.venue === venue.name);
      expect(venue.paperCount).toBe(mine.length);
      const fetch = connection('venue(id: $id) { papers(ARGS) { CONN } }', ['venue', 'papers'], { id: venue.id }, ', $id: ID!');
      await expectWalks(fetch, expectedOrder(mine), 9);
    }
  });

  it('Topic.papers: a root topic holds every paper of its children', async () => {
    for (const code of ['syn', 'syn.gamma']) {
      const mine = model.filter((p) => p.topic === code || p.topic.startsWith(`${code}.`));
      const fetch = connection('topic(code: $code) { papers(ARGS) { CONN } }', ['topic', 'papers'], { code }, ', $code: String');
      await expectWalks(fetch, expectedOrder(mine), code === 'syn' ? 40 : 11);
      const r = await getServer().query('query($code: String) { topic(code: $code) { paperCount } }', { code });
      expect(r.data.topic.paperCount).toBe(mine.length);
    }
    expect(model.filter((p) => p.topic.startsWith('syn.')).length).toBe(150);
  });

  it('Paper.references / citedBy / authors / citation counts match the batch for every paper', async () => {
    const q = `query($after: String) { papers(first: 100, after: $after, orderBy: {field: TITLE, direction: ASC}) {
      pageInfo { hasNextPage endCursor }
      nodes { doi citationCount citedByCount
        references(first: 100) { totalCount nodes { doi } }
        citedBy(first: 100) { totalCount nodes { doi } }
        authors(first: 10) { totalCount edges { position node { name } } nodes { name } } } } }`;
    let after: string | undefined;
    let seen = 0;
    do {
      const r = await getServer().query(q, { after });
      expect(r.errors).toBeUndefined();
      for (const paper of r.data.papers.nodes) {
        const m = model.find((p) => p.doi === paper.doi)!;
        const citing = model.filter((p) => p.refs.has(m.doi));
        expect(paper.references.totalCount).toBe(m.refs.size);
        expect(paper.references.nodes.map((n: { doi: string }) => n.doi)).toEqual(expectedOrder(model.filter((p) => m.refs.has(p.doi))));
        expect(paper.citedBy.totalCount).toBe(citing.length);
        expect(paper.citedBy.nodes.map((n: { doi: string }) => n.doi)).toEqual(expectedOrder(citing));
        expect(paper.citedByCount).toBe(m.citedBy);
        expect(paper.citationCount).toBe(m.citationCount);
        expect(paper.authors.totalCount).toBe(m.authors.length);
        expect(paper.authors.edges.map((e: any) => [e.position, e.node.name])).toEqual(m.authors.map((a, k) => [k + 1, a]));
        expect(paper.authors.nodes.map((n: { name: string }) => n.name)).toEqual(m.authors);
      }
      seen += r.data.papers.nodes.length;
      after = r.data.papers.pageInfo.hasNextPage ? r.data.papers.pageInfo.endCursor : undefined;
    } while (after);
    expect(seen).toBe(150);
  });

  it('Paper.authors pages one author at a time in position order', async () => {
    const m = model[77]!;
    const fetch = connection('paper(doi: $doi) { authors(ARGS) { CONN } }', ['paper', 'authors'], { doi: m.doi }, ', $doi: String', 'name');
    await expectWalks(fetch, m.authors, 1);
  });
});

describe('Author.coauthors', () => {
  /** Brute force: every coauthor with shared paper count and years, by count DESC then internal id DESC. */
  function expectedCoauthors(name: string, ids: Map<string, string>) {
    const stats = new Map<string, { paperCount: number; firstYear: number; lastYear: number }>();
    for (const p of model.filter((q) => q.authors.includes(name))) {
      for (const other of p.authors.filter((a) => a !== name)) {
        const s = stats.get(other) ?? { paperCount: 0, firstYear: p.year, lastYear: p.year };
        stats.set(other, { paperCount: s.paperCount + 1, firstYear: Math.min(s.firstYear, p.year), lastYear: Math.max(s.lastYear, p.year) });
      }
    }
    return [...stats]
      .sort(([a, x], [b, y]) => y.paperCount - x.paperCount || decodeId(ids.get(b)!) - decodeId(ids.get(a)!))
      .map(([other, s]) => ({ name: other, ...s, shared: s.paperCount }));
  }

  it.each([0, 3, 21, 39])('author %i: counts, years, order and sharedPapers match the batch', async (i) => {
    const ids = await authorIds();
    const name = authorName(i);
    const expected = expectedCoauthors(name, ids);
    const q = `query($id: ID!, $after: String) { author(id: $id) { coauthors(first: 4, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { paperCount firstYear lastYear node { name } sharedPapers(first: 2) { totalCount } } nodes { name } } } }`;
    const actual: typeof expected = [];
    let after: string | undefined;
    do {
      const r = await getServer().query(q, { id: ids.get(name), after });
      expect(r.errors).toBeUndefined();
      const c = r.data.author.coauthors;
      expect(c.totalCount).toBe(expected.length);
      expect(c.nodes.map((n: { name: string }) => n.name)).toEqual(c.edges.map((e: any) => e.node.name));
      for (const e of c.edges) {
        actual.push({ name: e.node.name, paperCount: e.paperCount, firstYear: e.firstYear, lastYear: e.lastYear, shared: e.sharedPapers.totalCount });
      }
      after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : undefined;
    } while (after);
    expect(actual).toEqual(expected);
  });

  it('sharedPapers lists exactly the papers the two wrote together, newest first', async () => {
    const ids = await authorIds();
    const [me, other] = [authorName(3), expectedCoauthors(authorName(3), ids)[0]!.name];
    const shared = model.filter((p) => p.authors.includes(me) && p.authors.includes(other));
    const r = await getServer().query(
      `query($id: ID!) { author(id: $id) { coauthors(first: 1) { edges { node { name } sharedPapers(first: 100) { totalCount nodes { doi } } } } } }`,
      { id: ids.get(me) },
    );
    const edge = r.data.author.coauthors.edges[0];
    expect(edge.node.name).toBe(other);
    expect(edge.sharedPapers.nodes.map((n: { doi: string }) => n.doi)).toEqual(expectedOrder(shared));
  });
});
