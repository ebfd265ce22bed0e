/**
 * GET /export/<format>: every format of both networks read back with its own parser (graphology-gexf,
 * graphology-graphml, csv-parse, JSON) and compared with the GraphQL answer of the same field on the demo
 * profile; the README's examples. The ways to ask wrongly are in network-export-refusals.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/demo-data.js';
import { canonicalWithoutNulls as stripNulls, downloadExport, edgeKey as directedEdgeKey, everyFormat as downloadEveryFormat, exportUrl, type Canonical, type Cells } from './helpers/export-files.js';
import { useTestServer } from './helpers/server.js';

const server = useTestServer(async (s) => {
  await loadDemoData(s.database.handle.db, { profileYear: 2026, dataset: 'profile' });
});


const edgeKey = (source: string, target: string, directed: boolean) => directedEdgeKey(source, target, directed);

const download = (path: string) => downloadExport(server().yoga, path);

const url = exportUrl;

/** The seed researcher and their network, straight from the GraphQL API. */
async function seed() {
  const r = await server().query(`{ authors(search: "zhepei wei", first: 1) { nodes { id } } }`);
  return r.data.authors.nodes[0].id as string;
}

async function coauthorAnswer(args: { authorId: string; depth: number; minPapers: number; limit: number }) {
  const r = await server().query(
    `query($authorId: ID!, $depth: Int, $minPapers: Int, $limit: Int) {
      coauthorNetwork(authorId: $authorId, depth: $depth, minPapers: $minPapers, limit: $limit) {
        truncated center { id }
        nodes { authorId distance author { name paperCount affiliation } }
        edges { source target paperCount firstYear lastYear }
      }
    }`,
    args,
  );
  expect(r.errors).toBeUndefined();
  return r.data.coauthorNetwork;
}

/** What every file of a coauthor network must hold, mapped from the answer here (not by the server's code). */
function expectedCoauthors(answer: any): Canonical {
  return {
    nodes: new Map(
      answer.nodes.map((n: any) => [n.authorId, { label: n.author.name, distance: n.distance, paperCount: n.author.paperCount, affiliation: n.author.affiliation }]),
    ),
    edges: new Map(
      answer.edges.map((e: any) => [edgeKey(e.source, e.target, false), { weight: e.paperCount, firstYear: e.firstYear, lastYear: e.lastYear }]),
    ),
  };
}

async function pathAnswer(args: { from: string; to: string; maxLength?: number }) {
  const r = await server().query(
    `query($from: ID!, $to: ID!, $maxLength: Int) {
      collaborationPath(from: $from, to: $to, maxLength: $maxLength) {
        distance reason visited
        hops { from { id name paperCount } to { id name paperCount } paper { id title year } }
      }
    }`,
    args,
  );
  expect(r.errors).toBeUndefined();
  return r.data.collaborationPath;
}

function expectedPath(answer: any): Canonical {
  const authors = answer.hops.length ? [answer.hops[0].from, ...answer.hops.map((h: any) => h.to)] : [];
  return {
    nodes: new Map(authors.map((a: any, step: number) => [a.id, { label: a.name, step, paperCount: a.paperCount }])),
    edges: new Map(
      answer.hops.map((h: any, i: number) => [
        edgeKey(h.from.id, h.to.id, true),
        { weight: 1, step: i + 1, paperId: h.paper.id, paperTitle: h.paper.title, paperYear: h.paper.year },
      ]),
    ),
  };
}

/** Every format of a network, read back; `numeric`: the CSV columns that hold numbers. */
const everyFormat = (params: Record<string, string | number>, directed: boolean, numeric: Set<string>) =>
  downloadEveryFormat(server().yoga, params, directed, (column) => numeric.has(column));

describe('coauthorNetwork exports', () => {
  it('hold the same authors, ties, weights and attributes as the GraphQL answer, in every format', async () => {
    const authorId = await seed();
    const args = { authorId, depth: 2, minPapers: 1, limit: 200 };
    const answer = await coauthorAnswer(args);
    expect(answer.edges.length).toBeGreaterThan(answer.nodes.length); // the seed's coauthors are tied among themselves too
    const expected = stripNulls(expectedCoauthors(answer));
    const files = await everyFormat({ network: 'coauthorNetwork', ...args }, false, new Set(['distance', 'paperCount', 'weight', 'firstYear', 'lastYear']));

    expect(files.gexf).toEqual(expected);
    expect(files.graphml).toEqual(expected);
    expect(files.csv).toEqual(expected);
    // GraphML says truncated and the center as typed graph data.
    expect(files.graphmlGraph.getAttributes()).toEqual({ id: 'coauthorNetwork', center: answer.center.id, truncated: answer.truncated });
    expect(files.gexfGraph.getAttribute('description')).toContain(`truncated: ${answer.truncated}`);

    // VOSviewer: items with papers as weight, distance as score and ring as cluster; links with strengths.
    const { items, links } = files.vosviewer.network;
    expect(new Map(items.map((i) => [i.id, i]))).toEqual(
      new Map(
        answer.nodes.map((n: any) => [
          n.authorId,
          { id: n.authorId, label: n.author.name, cluster: n.distance + 1, weights: { paperCount: n.author.paperCount }, scores: { distance: n.distance } },
        ]),
      ),
    );
    expect(new Map(links.map((l) => [edgeKey(l.source_id, l.target_id, false), l.strength]))).toEqual(
      new Map(answer.edges.map((e: any) => [edgeKey(e.source, e.target, false), e.paperCount])),
    );
    expect(links).toHaveLength(answer.edges.length);
  });

  it('follows its arguments: a smaller, stronger, truncated network', async () => {
    const authorId = await seed();
    const args = { authorId, depth: 1, minPapers: 2, limit: 3 };
    const answer = await coauthorAnswer(args);
    expect(answer.truncated).toBe(true);
    const files = await everyFormat({ network: 'coauthorNetwork', ...args }, false, new Set(['distance', 'paperCount', 'weight', 'firstYear', 'lastYear']));
    expect(files.graphml).toEqual(stripNulls(expectedCoauthors(answer)));
    expect(files.gexf).toEqual(stripNulls(expectedCoauthors(answer)));
    expect(files.graphml.nodes.size).toBe(3);
    for (const edge of files.graphml.edges.values()) expect(edge.weight).toBeGreaterThanOrEqual(2);
    expect(files.graphmlGraph.getAttribute('truncated')).toBe(true);
  });

  it('answers with a file: types, download names, RFC 4180 CSV, UTF-8 XML', async () => {
    const authorId = await seed();
    const params = { network: 'coauthorNetwork', authorId };
    const cases = [
      ['gexf', {}, 'application/gexf+xml; charset=utf-8', 'coauthorNetwork.gexf'],
      ['graphml', {}, 'application/graphml+xml; charset=utf-8', 'coauthorNetwork.graphml'],
      ['vosviewer', {}, 'application/json; charset=utf-8', 'coauthorNetwork.vosviewer.json'],
      ['csv', { table: 'nodes' }, 'text/csv; charset=utf-8; header=present', 'coauthorNetwork-nodes.csv'],
      ['csv', { table: 'edges' }, 'text/csv; charset=utf-8; header=present', 'coauthorNetwork-edges.csv'],
    ] as const;
    for (const [format, extra, type, filename] of cases) {
      const file = await download(url(format, { ...params, ...extra }));
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe(type);
      expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${filename}"`);
      expect(file.headers.get('cache-control')).toBe('no-store');
      expect(file.headers.get('x-request-id')).toBeTruthy();
      if (format === 'csv') {
        const lines = file.text.split('\r\n');
        expect(lines.at(-1)).toBe(''); // every record ends with CRLF, and only records
        expect(file.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
        expect(lines[0]).toBe(extra.table === 'nodes' ? 'id,label,distance,paperCount,affiliation' : 'source,target,weight,firstYear,lastYear');
      }
      if (format === 'gexf' || format === 'graphml') expect(file.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    }
    const head = await server().yoga.fetch(`http://test${url('gexf', params)}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/gexf+xml; charset=utf-8');
  });

  it('runs as many SQL statements for a depth-2 network as for depth 1 (no statement per node)', async () => {
    const authorId = await seed();
    const statements = server().database.statements;
    const count = async (depth: number) => {
      await download(url('graphml', { network: 'coauthorNetwork', authorId, depth }));
      statements.length = 0;
      const file = await download(url('graphml', { network: 'coauthorNetwork', authorId, depth }));
      expect(file.status).toBe(200);
      return statements.length;
    };
    const one = await count(1);
    expect(one).toBeGreaterThan(0);
    expect(await count(2)).toBe(one);
  });
});

describe('collaborationPath exports', () => {
  /** Two coauthors of the seed who never wrote together: a chain of two hops through the seed. */
  async function twoHopPair() {
    const authorId = await seed();
    const answer = await coauthorAnswer({ authorId, depth: 1, minPapers: 1, limit: 200 });
    const tied = new Set(answer.edges.map((e: any) => edgeKey(e.source, e.target, false)));
    const ring = answer.nodes.filter((n: any) => n.distance === 1).map((n: any) => n.authorId as string);
    for (const a of ring) for (const b of ring) if (a !== b && !tied.has(edgeKey(a, b, false))) return { from: a, to: b };
    throw new Error('the demo profile has no two-hop pair');
  }

  it('hold the chain hop by hop, as the GraphQL answer gives it, in every format', async () => {
    const args = await twoHopPair();
    const answer = await pathAnswer(args);
    expect(answer.distance).toBe(2);
    const expected = stripNulls(expectedPath(answer));
    const files = await everyFormat({ network: 'collaborationPath', ...args }, true, new Set(['step', 'paperCount', 'weight', 'paperYear']));
    expect(files.gexf).toEqual(expected);
    expect(files.graphml).toEqual(expected);
    expect(files.csv).toEqual(expected);
    expect(files.graphmlGraph.getAttributes()).toEqual({ id: 'collaborationPath', distance: 2, visited: answer.visited });
    const { items, links } = files.vosviewer.network;
    expect(items.map((i) => [i.id, i.label, i.weights.paperCount, i.scores.step])).toEqual(
      [...expected.nodes].map(([id, n]) => [id, n.label, n.paperCount, n.step]),
    );
    expect(links).toEqual(answer.hops.map((h: any) => ({ source_id: h.from.id, target_id: h.to.id, strength: 1 })));
  });

  it('write an empty network that says why when the chain is longer than maxLength', async () => {
    const args = { ...(await twoHopPair()), maxLength: 1 };
    const answer = await pathAnswer(args);
    expect(answer.reason).toBe('LONGER_THAN_MAX_LENGTH');
    const files = await everyFormat({ network: 'collaborationPath', ...args }, true, new Set());
    expect(files.graphmlGraph.order).toBe(0);
    expect(files.gexfGraph.order).toBe(0);
    expect(files.graphmlGraph.getAttributes()).toEqual({ id: 'collaborationPath', reason: 'LONGER_THAN_MAX_LENGTH', visited: answer.visited });
    expect(files.csvText.nodes).toBe('id,label,step,paperCount\r\n');
    expect(files.csvText.edges).toBe('source,target,weight,step,paperId,paperTitle,paperYear\r\n');
    expect(files.vosviewer).toEqual({ network: { items: [], links: [] } });
  });
});

describe('the README examples', () => {
  /** Every `$ curl '<url>'` block (or `curl -H 'content-type: application/json' -d '<json>' '<url>'`, a POST) of the README's "Network exports" section, with the output shown under it. */
  function examples() {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Network exports'), readme.indexOf('## Importing data'));
    const curls = /```console\n\$ curl (?:-H 'content-type: application\/json' -d '([^']+)' )?'(http:\/\/localhost:4000[^']+)'( \| python3 -m json\.tool)?\n([\s\S]*?)```/g;
    return [...section.matchAll(curls)].map((m) => ({
      body: m[1],
      path: m[2]!.slice('http://localhost:4000'.length),
      json: Boolean(m[3]),
      shown: m[4]!,
    }));
  }

  it('are what the server answers on the demo profile', async () => {
    const found = examples();
    expect(found.length).toBeGreaterThanOrEqual(7);
    expect(found.filter((example) => example.body !== undefined)).toHaveLength(1);
    for (const example of found) {
      const file =
        example.body === undefined
          ? await download(example.path)
          : await (async () => {
              const response = await server().yoga.fetch(`http://test${example.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: example.body });
              return { status: response.status, text: await response.text() };
            })();
      if (example.json) expect(JSON.parse(file.text), example.path).toEqual(JSON.parse(example.shown));
      else expect(file.text.replace(/\r\n/g, '\n').trimEnd(), example.path).toBe(example.shown.trimEnd());
    }
  });
});
