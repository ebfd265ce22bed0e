/**
 * GET /export/<format> for `collaborationGraph` and `citationGraph` on a slice of the real AAN data
 * (2008–2011): every format read back with its own parser (graphology-gexf, graphology-graphml, csv-parse,
 * JSON) and compared with the GraphQL answer of the same field, for a set given by IDs (a JSON list in the
 * URL) and by a filter (a JSON object); bad input, as the field refuses it, with its HTTP status.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/queries/raw.js';
import { encodeGlobalID } from '../schema/global-id.js';
import { writeBatch } from '../src/import/writer.js';
import { aanSubset } from './helpers/aan-subset.js';
import { downloadExport, edgeKey as keyOfEdge, everyFormat as downloadEveryFormat, exportUrl, withoutNulls, type Canonical, type Cells } from './helpers/export-files.js';
import { useTestServer } from './helpers/server.js';

let emnlp = '';
const server = useTestServer(async (s) => {
  await writeBatch(s.database.handle.db, await aanSubset(2008, 2011));
  const [venue] = await queryRows<{ id: number }>(s.database.handle.db, sql`select id from venues where name = 'EMNLP'`);
  emnlp = encodeGlobalID('Venue', venue!.id);
});

const url = exportUrl;
const download = (path: string) => downloadExport(server().yoga, path);
/** Collaboration edges are undirected; a citation graph's kinds are told apart and CITES keeps its direction. */
const edgeKey = (source: string, target: string, kind: unknown, directed: boolean) => keyOfEdge(source, target, directed, kind);
const present = withoutNulls;

/** Every format of a network, read back; `text`: the CSV columns that hold text (the others are numbers). */
async function everyFormat(params: Record<string, unknown>, directed: boolean, text: Set<string>) {
  const files = await downloadEveryFormat(server().yoga, params, directed, (column) => !text.has(column));
  return { ...files, gexfDescription: files.gexfGraph.getAttribute('description') as string, graphmlGraph: files.graphmlGraph.getAttributes() };
}

/** The figures as GraphML graph data: typed, nulls left out. */
const graphData = (field: string, figures: Cells) => ({ id: field, ...present(figures) });

describe('collaborationGraph exports', () => {
  const GRAPH = `query($authorIds: [ID!], $authorFilter: AuthorSetFilter, $yearFrom: Int, $yearTo: Int, $minPapers: Int) {
    collaborationGraph(authorIds: $authorIds, authorFilter: $authorFilter, yearFrom: $yearFrom, yearTo: $yearTo, minPapers: $minPapers) {
      nodes { authorId author { name } paperCount degree weightedDegree component community }
      edges { source target paperCount firstYear lastYear }
      figures { nodeCount edgeCount density componentCount largestComponentSize isolatedShare meanPapersPerEdge communityCount modularity }
    }
  }`;

  async function answer(variables: Record<string, unknown>) {
    const r = await server().query(GRAPH, variables);
    expect(r.errors).toBeUndefined();
    return r.data.collaborationGraph;
  }

  /** What every file must hold, mapped from the answer here. */
  const expected = (a: any): Canonical => ({
    nodes: new Map(
      a.nodes.map((n: any) => [
        n.authorId,
        present({ label: n.author.name, paperCount: n.paperCount, degree: n.degree, weightedDegree: n.weightedDegree, component: n.component, community: n.community }),
      ]),
    ),
    edges: new Map(a.edges.map((e: any) => [edgeKey(e.source, e.target, undefined, false), present({ weight: e.paperCount, firstYear: e.firstYear, lastYear: e.lastYear })])),
  });

  async function check(variables: Record<string, unknown>) {
    const a = await answer(variables);
    const files = await everyFormat({ network: 'collaborationGraph', ...variables }, false, new Set(['label']));
    const want = expected(a);
    expect(files.gexf).toEqual(want);
    expect(files.graphml).toEqual(want);
    expect(files.csv).toEqual(want);
    expect(files.graphmlGraph).toEqual(graphData('collaborationGraph', a.figures));
    expect(files.gexfDescription).toContain(`modularity: ${a.figures.modularity}`);
    const { items, links } = files.vosviewer.network;
    expect(items).toEqual(
      a.nodes.map((n: any) => ({
        id: n.authorId,
        label: n.author.name,
        weights: { paperCount: n.paperCount, degree: n.degree, weightedDegree: n.weightedDegree },
        scores: {},
        ...(n.community < 1000 ? { cluster: n.community + 1 } : {}),
      })),
    );
    expect(links).toEqual(a.edges.map((e: any) => ({ source_id: e.source, target_id: e.target, strength: e.paperCount })));
    return a;
  }

  it('a filter (JSON in the URL): the same authors, ties, weights, communities and figures as GraphQL, in every format', async () => {
    const a = await check({ authorFilter: { venueId: emnlp, yearFrom: 2009, yearTo: 2009 }, yearFrom: 2009, yearTo: 2011 });
    expect(a.nodes.length).toBeGreaterThan(100);
    expect(a.edges.length).toBeGreaterThan(a.nodes.length / 2);
    expect(a.figures.communityCount).toBeGreaterThan(1);
  });

  it('a list of IDs (a JSON list in the URL), minPapers and a window', async () => {
    const group = await answer({ authorFilter: { venueId: emnlp, yearFrom: 2010, yearTo: 2010 } });
    // The best-connected 60 authors, in an order that is not the filter's: nodes follow the list.
    const ids = [...group.nodes].sort((x: any, y: any) => y.weightedDegree - x.weightedDegree).slice(0, 60).map((n: any) => n.authorId as string);
    const a = await check({ authorIds: ids, minPapers: 2, yearFrom: 2008 });
    expect(a.nodes.map((n: any) => n.authorId)).toEqual(ids);
    expect(a.edges.length).toBeGreaterThan(0);
    for (const e of a.edges) expect(e.paperCount).toBeGreaterThanOrEqual(2);
  });
});

describe('exports sent with POST', () => {
  it('take the parameters as a JSON object: a set of IDs longer than a URL holds gives the file its GET would', async () => {
    const r = await server().query(`{ collaborationGraph(authorFilter: { yearFrom: 2010, yearTo: 2011 }) { nodes { authorId } } }`);
    const ids = (r.data.collaborationGraph.nodes as { authorId: string }[]).map((n) => n.authorId).slice(0, 1500);
    const parameters = { network: 'collaborationGraph', authorIds: ids, yearFrom: 2010, minPapers: 1 };
    // Node reads at most 16 KB of request headers: no GET could carry this list.
    expect(url('graphml', parameters).length).toBeGreaterThan(16 * 1024);
    const post = await server().yoga.fetch('http://test/export/graphml', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(parameters),
    });
    const text = await post.text();
    expect(post.status, text).toBe(200);
    expect(post.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.graphml"$/);
    expect(text.match(/<node /g)).toHaveLength(ids.length);
    // The same file as the GET of the same parameters (the test's fetch has no header limit).
    expect(text).toBe((await download(url('graphml', parameters))).text);
  });

  it('refuse a body that is not a JSON object of parameters, and a parameter given in the URL and the body', async () => {
    const post = async (body: string, type = 'application/json', path = '/export/csv?table=nodes') => {
      const response = await server().yoga.fetch(`http://test${path}`, { method: 'POST', headers: { 'content-type': type }, body });
      const text = await response.text();
      expect(text).not.toMatch(/select|postgres|stack/i);
      return { status: response.status, error: (JSON.parse(text) as { errors: { message: string; extensions: Record<string, unknown> }[] }).errors[0]! };
    };
    const network = JSON.stringify({ network: 'collaborationGraph', authorFilter: { venueId: emnlp } });
    expect(await post(network, 'text/plain')).toMatchObject({ status: 415, error: { extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
    expect(await post('{"network": ')).toMatchObject({ status: 400, error: { extensions: { code: 'BAD_REQUEST' } } });
    expect(await post('["collaborationGraph"]')).toMatchObject({ status: 400, error: { extensions: { code: 'BAD_REQUEST' } } });
    const twice = await post(network, 'application/json', '/export/csv?table=nodes&network=citationGraph');
    expect(twice).toMatchObject({ status: 400, error: { extensions: { code: 'BAD_USER_INPUT', argument: 'network' } } });
    expect(twice.error.message).toContain('given 2 times');
  });
});

describe('citationGraph exports', () => {
  const GRAPH = `query($paperIds: [ID!], $filter: PaperFilter, $kinds: [CitationEdgeKind!], $minWeight: Int) {
    citationGraph(paperIds: $paperIds, filter: $filter, kinds: $kinds, minWeight: $minWeight) {
      nodes { paperId paper { title } year inDegree outDegree component community }
      edges { source target kind weight }
      figures { nodeCount edgeCount citationCount coCitationCount couplingCount density componentCount largestComponentSize isolatedShare communityCount modularity }
    }
  }`;

  async function answer(variables: Record<string, unknown>) {
    const r = await server().query(GRAPH, variables);
    expect(r.errors).toBeUndefined();
    return r.data.citationGraph;
  }

  const expected = (a: any): Canonical => ({
    nodes: new Map(
      a.nodes.map((n: any) => [
        n.paperId,
        present({ label: n.paper.title, year: n.year, inDegree: n.inDegree, outDegree: n.outDegree, component: n.component, community: n.community }),
      ]),
    ),
    edges: new Map(a.edges.map((e: any) => [edgeKey(e.source, e.target, e.kind, true), { weight: e.weight, kind: e.kind }])),
  });

  async function check(variables: Record<string, unknown>) {
    const a = await answer(variables);
    const files = await everyFormat({ network: 'citationGraph', ...variables }, true, new Set(['label', 'kind']));
    const want = expected(a);
    expect(files.gexf).toEqual(want);
    expect(files.graphml).toEqual(want);
    expect(files.csv).toEqual(want);
    expect(files.graphmlGraph).toEqual(graphData('citationGraph', a.figures));
    expect(files.gexfDescription).toContain(`citationCount: ${a.figures.citationCount}`);
    const { items, links } = files.vosviewer.network;
    expect(items).toEqual(
      a.nodes.map((n: any) => ({
        id: n.paperId,
        label: n.paper.title,
        weights: { inDegree: n.inDegree, outDegree: n.outDegree },
        scores: n.year === null ? {} : { year: n.year },
        ...(n.community < 1000 ? { cluster: n.community + 1 } : {}),
      })),
    );
    expect(links).toEqual(a.edges.map((e: any) => ({ source_id: e.source, target_id: e.target, strength: e.weight })));
    return a;
  }

  it('every kind of edge over a filter: citations citing → cited, similarities once each with their kind, in every format', async () => {
    const a = await check({ filter: { venueId: emnlp }, kinds: ['CITES', 'CO_CITATION', 'COUPLING'] });
    const kinds = new Set(a.edges.map((e: any) => e.kind));
    expect(kinds).toEqual(new Set(['CITES', 'CO_CITATION', 'COUPLING']));
    // A citation and a similarity between the same two papers are both in the file, as parallel edges.
    const pairs = new Set(a.edges.filter((e: any) => e.kind !== 'CITES').map((e: any) => [e.source, e.target].sort().join(' ')));
    expect(a.edges.some((e: any) => e.kind === 'CITES' && pairs.has([e.source, e.target].sort().join(' ')))).toBe(true);
  });

  it('a list of IDs (a JSON list in the URL), citations only by default', async () => {
    const venue = await answer({ filter: { venueId: emnlp, yearFrom: 2010 } });
    const ids = venue.nodes.filter((n: any) => n.inDegree + n.outDegree > 0).slice(0, 80).map((n: any) => n.paperId as string).reverse();
    const a = await check({ paperIds: ids });
    expect(a.nodes.map((n: any) => n.paperId)).toEqual(ids);
    expect(a.edges.length).toBeGreaterThan(0);
    for (const e of a.edges) expect(e.kind).toBe('CITES');
  });
});

describe('SQL statements of the graph exports', () => {
  it('do not grow with the nodes: 5 and 200 authors, 5 and 200 papers, the same count', async () => {
    const statements = server().database.statements;
    const count = async (params: Record<string, unknown>) => {
      await download(url('graphml', params));
      statements.length = 0;
      const file = await download(url('graphml', params));
      expect(file.status).toBe(200);
      return statements.length;
    };
    const authors = (await server().query(`query($f: AuthorSetFilter) { collaborationGraph(authorFilter: $f) { nodes { authorId } } }`, { f: { venueId: emnlp } }))
      .data.collaborationGraph.nodes.map((n: any) => n.authorId as string);
    const papers = (await server().query(`query($f: PaperFilter) { citationGraph(filter: $f) { nodes { paperId } } }`, { f: { venueId: emnlp } })).data.citationGraph.nodes.map(
      (n: any) => n.paperId as string,
    );
    expect(authors.length).toBeGreaterThanOrEqual(200);
    expect(papers.length).toBeGreaterThanOrEqual(200);
    const fewAuthors = await count({ network: 'collaborationGraph', authorIds: authors.slice(0, 5) });
    expect(fewAuthors).toBeGreaterThan(0);
    expect(await count({ network: 'collaborationGraph', authorIds: authors.slice(0, 200) })).toBe(fewAuthors);
    const fewPapers = await count({ network: 'citationGraph', paperIds: papers.slice(0, 5) });
    expect(fewPapers).toBeGreaterThan(0);
    expect(await count({ network: 'citationGraph', paperIds: papers.slice(0, 200) })).toBe(fewPapers);
  });
});

describe('bad input for the graph exports', () => {
  async function refused(path: string, status: number, code: string, argument: string) {
    const response = await server().yoga.fetch(`http://test${path}`);
    const text = await response.text();
    expect(response.status, text).toBe(status);
    const body = JSON.parse(text) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions).toMatchObject({ code, argument });
    expect(text).not.toMatch(/select|postgres|stack/i);
    return body.errors[0]!.extensions;
  }
  const many = (typename: string) => Array.from({ length: 5001 }, (_, i) => encodeGlobalID(typename, i + 1));
  const someAuthor = async () => (await server().query(`{ authors(first: 1) { nodes { id } } }`)).data.authors.nodes[0].id as string;

  it('refuses more than 5,000 IDs, and a filter matching more than 5,000, with the count and the limit', async () => {
    for (const format of ['gexf', 'csv']) {
      const table = format === 'csv' ? { table: 'nodes' } : {};
      expect(await refused(url(format, { network: 'collaborationGraph', authorIds: many('Author'), ...table }), 400, 'BAD_USER_INPUT', 'authorIds')).toMatchObject({
        count: 5001,
        limit: 5000,
      });
      expect(await refused(url(format, { network: 'citationGraph', paperIds: many('Paper'), ...table }), 400, 'BAD_USER_INPUT', 'paperIds')).toMatchObject({
        count: 5001,
        limit: 5000,
      });
    }
    const authors = await refused(url('graphml', { network: 'collaborationGraph', authorFilter: { yearFrom: 2008 } }), 400, 'BAD_USER_INPUT', 'authorFilter');
    expect(authors.count).toBeGreaterThan(5000);
    const papers = await refused(url('graphml', { network: 'citationGraph', filter: { yearFrom: 2008 } }), 400, 'BAD_USER_INPUT', 'filter');
    expect(papers.count).toBeGreaterThan(5000);
  });

  it('refuses lists and filters that are not JSON, both or neither of IDs and filter, and unknown IDs', async () => {
    const author = await someAuthor();
    await refused(`/export/gexf?network=collaborationGraph&authorIds=${encodeURIComponent(`${author},${author}`)}`, 400, 'BAD_USER_INPUT', 'authorIds');
    await refused(`/export/gexf?network=citationGraph&filter=${encodeURIComponent('{yearFrom: 2010}')}`, 400, 'BAD_USER_INPUT', 'filter');
    await refused(url('gexf', { network: 'collaborationGraph', authorIds: [author], authorFilter: { yearFrom: 2010 } }), 400, 'BAD_USER_INPUT', 'authorIds');
    await refused(url('gexf', { network: 'collaborationGraph' }), 400, 'BAD_USER_INPUT', 'authorIds');
    await refused(url('vosviewer', { network: 'citationGraph', kinds: ['CITED_BY'], filter: { yearFrom: 2011 } }), 400, 'BAD_USER_INPUT', 'kinds');
    await refused(url('gexf', { network: 'collaborationGraph', authorIds: [author, encodeGlobalID('Author', 2_000_000_000)] }), 404, 'NOT_FOUND', 'authorIds');
    await refused(url('gexf', { network: 'citationGraph', paperIds: [encodeGlobalID('Paper', 2_000_000_000)] }), 404, 'NOT_FOUND', 'paperIds');
  });
});
