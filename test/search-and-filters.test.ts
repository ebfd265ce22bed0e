/**
 * Look-ups, name search, full-text search and paper filters through the public HTTP surface. Expected
 * answers are brute-forced from the written records (synthetic batch + a few hand-written papers).
 */
import { describe, it, expect } from 'vitest';
import type { AuthorRecord, PaperRecord, TopicRecord, VenueRecord } from '../src/import/records.js';
import { writeBatch } from '../src/import/writer.js';
import { useTestServer } from './helpers/server.js';
import { SYNTHETIC_TOPICS, SYNTHETIC_VENUES, syntheticBatch } from './helpers/synthetic.js';

// ---- the data ----------------------------------------------------------------------------------------------
const synthetic = syntheticBatch({ authors: 30, papers: 80, authorsPerPaper: 3, referencesPerPaper: 1 });
const HX: TopicRecord = { code: 'hx', name: 'Hand Examples' };
const HX_ZOO: TopicRecord = { code: 'hx.zoo', name: 'Zoology Examples', parent: HX };
const REVUE: VenueRecord = { name: 'Revue Française des Études Linguistiques', shortName: 'RFEL', kind: 'journal' };
const person = (displayName: string, key: string): AuthorRecord => ({ identity: { sourceKey: `hand:${key}` }, displayName });
const DAUME: AuthorRecord = { identity: { orcid: '0000-0002-1825-0097' }, displayName: 'Hal Daumé III' };
const ZOE = person('Zoë Ångström', 'zoe');
const LI = person('李明', 'li');
const SMITH = person('Hal Smith', 'smith');
const SYNTH0: AuthorRecord = { identity: { sourceKey: 'synthetic:0' }, displayName: 'Author 0000 Synth' };

function hand(doi: string, title: string, rest: Partial<PaperRecord> & { year: number; by: AuthorRecord[]; topic: TopicRecord }): PaperRecord {
  const { by, topic, ...fields } = rest;
  return {
    identity: { doi },
    title,
    hasCode: false,
    authorListComplete: true,
    authorships: by.map((author, i) => ({ author, position: i + 1 })),
    topics: [{ topic, primary: true }],
    ...fields,
  };
}
const handPapers: PaperRecord[] = [
  hand('10.1234/hand.quokka', 'Quokka embeddings for zygote parsing', {
    abstract: 'We examine marsupial representations in the wild.', year: 2021, publishedAt: '2021-06-15',
    venue: REVUE, hasCode: true, codeUrl: 'https://example.org/quokka', by: [DAUME, ZOE, LI], topic: HX_ZOO,
  }),
  hand('10.1234/hand.zygote', 'Zygote models revisited', {
    abstract: 'Quokka populations and xylophone acoustics.', year: 2019, venue: REVUE, by: [ZOE, SMITH], topic: HX,
    authorListComplete: false,
  }),
  hand('10.1234/hand.xylophone', 'Xylophone acoustics at scale', { year: 2005, publishedAt: '2005-03-02', by: [LI, DAUME], topic: HX_ZOO }),
  hand('10.1234/hand.marsupial', 'Marsupial graph retrieval', {
    abstract: 'Neural quokka retrieval benchmarks.', year: 2012, venue: SYNTHETIC_VENUES[0], hasCode: true,
    by: [DAUME, SYNTH0], topic: SYNTHETIC_TOPICS[0]!,
  }),
];
handPapers[0]!.identity.arxivId = '2101.00001';
handPapers[1]!.authorships[1]!.position = null; // Hal Smith hidden behind "et al." 

const getServer = useTestServer(async (server) => {
  await writeBatch(server.database.handle.db, synthetic);
  await writeBatch(server.database.handle.db, { source: 'hand', papers: handPapers, authors: [] });
});

// ---- the model --------------------------------------------------------------------------------------------
const ancestry = (t: TopicRecord): string[] => [t.code, ...(t.parent ? ancestry(t.parent) : [])];
const model = [...synthetic.papers, ...handPapers].map((p, i) => ({
  id: i + 1, // written in this order, so internal ids are 1..n
  doi: p.identity.doi!,
  year: p.year!,
  sortDate: p.publishedAt ?? `${p.year}-01-01`,
  venue: p.venue?.name ?? null,
  topics: new Set(p.topics.flatMap((t) => ancestry(t.topic))),
  authors: p.authorships.map((a) => a.author.displayName),
  hasCode: p.hasCode,
  words: new Set(`${p.title} ${p.abstract ?? ''}`.toLowerCase().split(/[^a-z]+/)),
}));
type ModelPaper = (typeof model)[number];
const newestFirst = (list: ModelPaper[]) =>
  [...list].sort((a, b) => (a.sortDate < b.sortDate ? 1 : a.sortDate > b.sortDate ? -1 : b.id - a.id)).map((p) => p.doi);
const authorNames = [...new Set(model.flatMap((p) => p.authors))];
const paperCountOf = (name: string) => model.filter((p) => p.authors.includes(name)).length;
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
const decodeId = (id: string) => Number(Buffer.from(id, 'base64').toString('utf8').split(':')[1]);
const doi = (i: number) => handPapers[i]!.identity.doi!;

// ---- helpers ----------------------------------------------------------------------------------------------
async function ok(query: string, variables?: Record<string, unknown>) {
  const r = await getServer().query(query, variables);
  expect(r.errors, r.text).toBeUndefined();
  expect(r.status).toBe(200);
  return r.data;
}

/** Every paper `papers(filter:)` returns, paging 30 at a time; with the totalCount of the first page. */
async function listPapers(filter: Record<string, unknown>, orderBy?: Record<string, unknown>) {
  const q = `query($f: PaperFilter, $o: PaperOrder, $after: String) { papers(filter: $f, orderBy: $o, first: 30, after: $after) {
    totalCount nodes { doi } pageInfo { hasNextPage endCursor } } }`;
  const dois: string[] = [];
  let after: string | undefined;
  let totalCount = -1;
  do {
    const page = (await ok(q, { f: filter, o: orderBy, after })).papers;
    totalCount = page.totalCount;
    dois.push(...page.nodes.map((n: { doi: string }) => n.doi));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
  } while (after);
  expect(totalCount).toBe(dois.length);
  return dois;
}

async function authorNamesFor(search: string | null, orderBy?: Record<string, unknown>) {
  const data = await ok(`query($s: String, $o: AuthorOrder) { authors(search: $s, orderBy: $o, first: 100) { totalCount nodes { id name } } }`, {
    s: search,
    o: orderBy,
  });
  expect(data.authors.totalCount).toBe(data.authors.nodes.length);
  return data.authors.nodes as { id: string; name: string }[];
}

const ids = { venue: new Map<string, string>(), topic: new Map<string, string>(), author: new Map<string, string>() };
async function loadIds() {
  if (ids.author.size) return ids;
  for (const a of await authorNamesFor(null)) ids.author.set(a.name, a.id);
  const v = await ok('{ venues(first: 100) { nodes { id name } } }');
  for (const x of v.venues.nodes) ids.venue.set(x.name, x.id);
  for (const code of ['syn', 'syn.beta', 'hx', 'hx.zoo']) ids.topic.set(code, (await ok(`{ topic(code: "${code}") { id } }`)).topic.id);
  return ids;
}

describe('authors(search:)', () => {
  it.each([
    ['daume', ['Hal Daumé III']],
    ['DAUMÉ', ['Hal Daumé III']],
    ['ANGSTROM', ['Zoë Ångström']],
    ['zoe ångström', ['Zoë Ångström']],
    ['李明', ['李明']],
    ['hal daume', ['Hal Daumé III']],
    ['iii HAL', ['Hal Daumé III']],
    ['hal nobody', []],
  ])('%s finds %j', async (search, expected) => {
    expect((await authorNamesFor(search)).map((a) => a.name).sort()).toEqual([...expected].sort());
  });

  it('orders matches by most papers when searching, and counts them all', async () => {
    expect(paperCountOf('Hal Daumé III')).toBeGreaterThan(paperCountOf('Hal Smith'));
    expect((await authorNamesFor('hal')).map((a) => a.name)).toEqual(['Hal Daumé III', 'Hal Smith']);
    const synth = await authorNamesFor('synth');
    expect(synth).toHaveLength(30);
    const idOf = new Map(synth.map((a) => [a.name, decodeId(a.id)]));
    const byCount = (dir: 1 | -1) =>
      [...idOf.keys()].sort((a, b) => dir * (paperCountOf(a) - paperCountOf(b) || idOf.get(a)! - idOf.get(b)!));
    expect(synth.map((a) => a.name)).toEqual(byCount(-1));
    expect((await authorNamesFor('synth', { field: 'PAPER_COUNT' })).map((a) => a.name)).toEqual(byCount(1));
  });

  it('orders every author by name, accents ignored, in both directions', async () => {
    const byName = [...authorNames].sort((a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0));
    expect((await authorNamesFor(null)).map((a) => a.name)).toEqual(byName);
    expect((await authorNamesFor(null, { field: 'NAME', direction: 'DESC' })).map((a) => a.name)).toEqual([...byName].reverse());
    const all = await ok('{ authors(first: 100) { nodes { name paperCount } } }');
    for (const a of all.authors.nodes) expect(a.paperCount, a.name).toBe(paperCountOf(a.name));
  });
});

describe('papers(filter: {search})', () => {
  it('finds title and abstract words, best match (title) first by default', async () => {
    const found = await listPapers({ search: 'quokka' });
    expect(found[0]).toBe(doi(0)); // the only one with "quokka" in its title
    expect([...found].sort()).toEqual([doi(0), doi(1), doi(3)].sort());
    expect(await listPapers({ search: 'quokka' }, { field: 'RELEVANCE' })).toEqual(found);
  });

  it('needs every word, and understands web-search syntax', async () => {
    expect(await listPapers({ search: 'quokka xylophone' })).toEqual([doi(1)]);
    expect(await listPapers({ search: 'quokka -zygote' })).toEqual([doi(3)]);
    expect((await listPapers({ search: '"xylophone acoustics"' })).sort()).toEqual([doi(1), doi(2)].sort());
    expect((await listPapers({ search: 'quokka or xylophone' })).sort()).toEqual([doi(0), doi(1), doi(2), doi(3)].sort());
  });

  it('pages through relevance order without gaps or duplicates, both ways', async () => {
    const expected = model.filter((p) => ['graph', 'neural', 'quokka'].some((w) => p.words.has(w))).map((p) => p.doi);
    const q = `query($after: String, $before: String, $first: Int, $last: Int) { papers(filter: { search: "graph or neural or quokka" },
      first: $first, after: $after, last: $last, before: $before) { totalCount nodes { doi } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const walk = async (forward: boolean) => {
      const dois: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = (await ok(q, forward ? { first: 7, after: cursor } : { last: 7, before: cursor })).papers;
        expect(page.totalCount).toBe(expected.length);
        const got = page.nodes.map((n: { doi: string }) => n.doi);
        if (forward) dois.push(...got);
        else dois.unshift(...got);
        if (!(forward ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage)) return dois;
        cursor = forward ? page.pageInfo.endCursor : page.pageInfo.startCursor;
      }
    };
    const forward = await walk(true);
    expect([...forward].sort()).toEqual([...expected].sort());
    expect(await walk(false)).toEqual(forward);
  });

  it('operator characters or only stop words are not an error', async () => {
    expect(await listPapers({ search: 'the and of' })).toEqual([]);
    expect(await listPapers({ search: '!!! & | :* ( )' })).toEqual([]);
    expect((await listPapers({ search: 'quokka: (zygote' })).sort()).toEqual([doi(0), doi(1)].sort());
  });

  it.each(['retrieval', 'graph', 'neural retrieval', 'Parsing'])('"%s" matches brute force (any order, then newest first)', async (search) => {
    const words = search.toLowerCase().split(' ');
    const expected = model.filter((p) => words.every((w) => p.words.has(w)));
    expect(expected.length).toBeGreaterThan(0);
    expect((await listPapers({ search })).sort()).toEqual(expected.map((p) => p.doi).sort());
    expect(await listPapers({ search }, { field: 'PUBLISHED_AT' })).toEqual(newestFirst(expected));
  });
});

describe('papers(filter:) conditions', () => {
  const cases: [string, (i: typeof ids) => Record<string, unknown>, (p: ModelPaper) => boolean][] = [
    ['yearFrom/yearTo inclusive', () => ({ yearFrom: 2005, yearTo: 2007 }), (p) => p.year >= 2005 && p.year <= 2007],
    ['yearFrom alone', () => ({ yearFrom: 2019 }), (p) => p.year >= 2019],
    ['yearTo alone', () => ({ yearTo: 2001 }), (p) => p.year <= 2001],
    ['a single year', () => ({ yearFrom: 2012, yearTo: 2012 }), (p) => p.year === 2012],
    ['venueId', (i) => ({ venueId: i.venue.get(SYNTHETIC_VENUES[0]!.name) }), (p) => p.venue === SYNTHETIC_VENUES[0]!.name],
    ['venueId (accented venue)', (i) => ({ venueId: i.venue.get(REVUE.name) }), (p) => p.venue === REVUE.name],
    ['topicId of a root (subtree)', (i) => ({ topicId: i.topic.get('syn') }), (p) => p.topics.has('syn')],
    ['topicId of a leaf', (i) => ({ topicId: i.topic.get('syn.beta') }), (p) => p.topics.has('syn.beta')],
    ['topicId hx (subtree)', (i) => ({ topicId: i.topic.get('hx') }), (p) => p.topics.has('hx')],
    ['authorId', (i) => ({ authorId: i.author.get('Hal Daumé III') }), (p) => p.authors.includes('Hal Daumé III')],
    ['authorId (synthetic)', (i) => ({ authorId: i.author.get('Author 0000 Synth') }), (p) => p.authors.includes('Author 0000 Synth')],
    ['hasCode true', () => ({ hasCode: true }), (p) => p.hasCode],
    ['hasCode false', () => ({ hasCode: false }), (p) => !p.hasCode],
    ['topic + author + yearTo', (i) => ({ topicId: i.topic.get('syn'), authorId: i.author.get('Author 0000 Synth'), yearTo: 2012 }),
      (p) => p.topics.has('syn') && p.authors.includes('Author 0000 Synth') && p.year <= 2012],
    ['venue + hasCode + yearFrom', (i) => ({ venueId: i.venue.get(SYNTHETIC_VENUES[0]!.name), hasCode: true, yearFrom: 2010 }),
      (p) => p.venue === SYNTHETIC_VENUES[0]!.name && p.hasCode && p.year >= 2010],
    ['search + hasCode false', () => ({ search: 'quokka', hasCode: false }), (p) => p.doi === doi(1)],
    ['search + yearFrom + venue', (i) => ({ search: 'graph', yearFrom: 2010, venueId: i.venue.get(SYNTHETIC_VENUES[0]!.name) }),
      (p) => p.words.has('graph') && p.year >= 2010 && p.venue === SYNTHETIC_VENUES[0]!.name],
  ];

  it.each(cases)('%s', async (_name, filterOf, keep) => {
    const expected = model.filter(keep);
    expect(expected.length).toBeGreaterThan(0);
    const filter = filterOf(await loadIds());
    const byDate = filter.search ? { field: 'PUBLISHED_AT' } : undefined;
    expect(await listPapers(filter, byDate)).toEqual(newestFirst(expected));
  });

  it('includes both year bounds', () => {
    const years = new Set(model.filter((p) => p.year >= 2005 && p.year <= 2007).map((p) => p.year));
    expect(years.has(2005) && years.has(2007)).toBe(true);
  });
});

describe('look-ups', () => {
  it('paper(doi:) accepts a resolver prefix and any case; paper(arxivId:) ignores a version', async () => {
    for (const given of ['10.1234/hand.quokka', '10.1234/HAND.QUOKKA', 'https://doi.org/10.1234/HAND.QUOKKA', ' https://doi.org/10.1234/hand.quokka ']) {
      expect((await ok('query($d: String) { paper(doi: $d) { doi title } }', { d: given })).paper).toEqual({
        doi: doi(0),
        title: handPapers[0]!.title,
      });
    }
    expect((await ok('{ paper(doi: "10.1234/no.such.paper") { doi } }')).paper).toBeNull();
    expect((await ok('{ paper(arxivId: "2101.00001v2") { doi arxivId } }')).paper).toEqual({ doi: doi(0), arxivId: '2101.00001' });
  });

  it('paper(id:) returns the paper the id came from, with its venue, topics and authors', async () => {
    const found = await ok('{ paper(doi: "10.1234/hand.zygote") { id } }');
    const paper = (await ok(`query($id: ID) { paper(id: $id) { doi year publishedAt hasCode authorListComplete venue { name kind }
      topics { code } primaryTopic { code } authors { edges { position node { name } } } } }`, { id: found.paper.id })).paper;
    expect(paper).toEqual({
      doi: doi(1), year: 2019, publishedAt: null, hasCode: false, authorListComplete: false, venue: { name: REVUE.name, kind: 'JOURNAL' },
      topics: [{ code: 'hx' }], primaryTopic: { code: 'hx' },
      authors: { edges: [{ position: 1, node: { name: 'Zoë Ångström' } }, { position: null, node: { name: 'Hal Smith' } }] },
    });
    const dated = (await ok('{ paper(doi: "10.1234/hand.quokka") { publishedAt year codeUrl hasCode } }')).paper;
    expect(dated).toEqual({ publishedAt: '2021-06-15', year: 2021, codeUrl: 'https://example.org/quokka', hasCode: true });
  });

  it('topic(code:), topic(id:) and topics (roots by name, with children)', async () => {
    const zoo = (await ok('{ topic(code: "hx.zoo") { id name code paperCount parent { code } children { code } } }')).topic;
    expect(zoo).toMatchObject({ name: 'Zoology Examples', code: 'hx.zoo', parent: { code: 'hx' }, children: [] });
    expect(zoo.paperCount).toBe(model.filter((p) => p.topics.has('hx.zoo')).length);
    expect((await ok('query($id: ID) { topic(id: $id) { code } }', { id: zoo.id })).topic).toEqual({ code: 'hx.zoo' });
    expect((await ok('{ topic(code: "no.such") { code } }')).topic).toBeNull();
    const roots = (await ok('{ topics { code paperCount parent { code } children { code name } } }')).topics;
    expect(roots.map((t: any) => [t.code, t.parent, t.paperCount])).toEqual([
      ['hx', null, model.filter((p) => p.topics.has('hx')).length],
      ['syn', null, model.filter((p) => p.topics.has('syn')).length],
    ]);
    expect(roots[0].children).toEqual([{ code: 'hx.zoo', name: 'Zoology Examples' }]);
    const synChildren = [...SYNTHETIC_TOPICS].sort((a, b) => (a.name < b.name ? -1 : 1)).map(({ code, name }) => ({ code, name }));
    expect(roots[1].children).toEqual(synChildren);
  });

  it('venues(search:) ignores case and accents; venue(id:) counts its papers', async () => {
    const names = async (search: string) =>
      (await ok('query($s: String) { venues(search: $s, first: 10) { totalCount nodes { name } } }', { s: search })).venues.nodes.map(
        (v: { name: string }) => v.name,
      );
    expect(await names('francaise')).toEqual([REVUE.name]);
    expect(await names('ÉTUDES Française')).toEqual([REVUE.name]);
    expect(await names('generated')).toEqual(['Journal of Generated Data']);
    expect(await names('seeded nowhere')).toEqual([]);
    const all = (await ok('{ venues(first: 10) { totalCount nodes { id name } } }')).venues;
    const expectedNames = [...SYNTHETIC_VENUES.map((v) => v.name), REVUE.name].sort((a, b) => (fold(a) < fold(b) ? -1 : 1));
    expect(all.nodes.map((v: { name: string }) => v.name)).toEqual(expectedNames);
    expect(all.totalCount).toBe(4);
    for (const v of all.nodes) {
      const venue = (await ok('query($id: ID!) { venue(id: $id) { name paperCount } }', { id: v.id })).venue;
      expect(venue).toEqual({ name: v.name, paperCount: model.filter((p) => p.venue === v.name).length });
    }
  });

  it('node(id:) and nodes(ids:) fetch every type; unknown ids give null', async () => {
    const i = await loadIds();
    const paperId = (await ok('{ paper(doi: "10.1234/hand.quokka") { id } }')).paper.id;
    const unknown = (type: string) => Buffer.from(`${type}:999999`).toString('base64');
    const pick = `__typename ... on Paper { doi } ... on Author { name } ... on Venue { name } ... on Topic { code }`;
    const given: [string, unknown][] = [
      [paperId, { __typename: 'Paper', doi: doi(0) }],
      [i.author.get('李明')!, { __typename: 'Author', name: '李明' }],
      [i.venue.get(REVUE.name)!, { __typename: 'Venue', name: REVUE.name }],
      [i.topic.get('hx.zoo')!, { __typename: 'Topic', code: 'hx.zoo' }],
      ...['Paper', 'Author', 'Venue', 'Topic'].map((t): [string, unknown] => [unknown(t), null]),
    ];
    for (const [id, expected] of given) {
      expect((await ok(`query($id: ID!) { node(id: $id) { ${pick} } }`, { id })).node, id).toEqual(expected);
    }
    const many = await ok(`query($ids: [ID!]!) { nodes(ids: $ids) { ${pick} } }`, { ids: given.map(([id]) => id).reverse() });
    expect(many.nodes).toEqual(given.map(([, expected]) => expected).reverse());
  });
});
