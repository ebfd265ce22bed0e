/**
 * No N+1: the number of SQL statements a request runs depends on how deep the query goes, never on how
 * many objects it returns. The nested query below returns ≥ 50 rows at every level.
 */
import { describe, expect, it } from 'vitest';
import { writeBatch } from '../src/import/writer.js';
import { useTestServer } from './helpers/server.js';
import { syntheticBatch } from './helpers/synthetic.js';

const server = useTestServer(async (s) => {
  await writeBatch(s.database.handle.db, syntheticBatch({ authors: 60, papers: 400, authorsPerPaper: 4, referencesPerPaper: 3 }));
});

const nested = (first: number, inner = first) => `{
  authors(first: ${first}, orderBy: { field: PAPER_COUNT, direction: DESC }) {
    totalCount
    edges { node {
      name paperCount
      papers(first: ${inner}) {
        totalCount
        edges { position node {
          title venue { name }
          authors(first: ${inner}) {
            totalCount
            edges { position node { name topics { paperCount topic { code } } } }
          }
          topics { code parent { code } }
        } }
      }
    } }
  }
}`;

async function countStatements(first: number, inner = first) {
  const s = server();
  s.database.statements.length = 0;
  const response = await s.query(nested(first, inner));
  expect(response.errors).toBeUndefined();
  return { statements: s.database.statements.length, data: response.data };
}

describe('statement count of a nested query', () => {
  it('returns at least 50 rows at every level', async () => {
    const { data } = await countStatements(60, 4);
    const authors = data.authors.edges;
    const papers = authors.flatMap((a: any) => a.node.papers.edges);
    const paperAuthors = papers.flatMap((p: any) => p.node.authors.edges);
    const topics = paperAuthors.flatMap((a: any) => a.node.topics);
    expect(authors.length).toBeGreaterThanOrEqual(50);
    expect(papers.length).toBeGreaterThanOrEqual(50);
    expect(paperAuthors.length).toBeGreaterThanOrEqual(50);
    expect(topics.length).toBeGreaterThanOrEqual(50);
  });

  it('runs at most one statement per relation, however many items each level returns', async () => {
    // Level 1: authors page, count, nodes. Level 2: papers page, count, nodes; venues; topic links;
    // topics; topic parents. Level 3: paper authors page, count, nodes; author topic counts; topics.
    // Loads the request has already made are served from the loader cache, so fewer is possible.
    const bound = 15;
    const sizes = [
      [1, 1],
      [5, 5],
      [20, 4],
      [60, 4],
      [10, 12],
    ] as const;
    const counts = [];
    for (const [first, inner] of sizes) counts.push((await countStatements(first, inner)).statements);
    for (const count of counts) expect(count).toBeLessThanOrEqual(bound);
  });
});

describe('statement count of the pages a frontend sends', () => {
  const profile = (authorsArgs: string, authorsSelection = 'nodes { name }') => `query ($id: ID!) {
    author(id: $id) {
      name
      papers(first: 20) { nodes { title venue { name } authors(${authorsArgs}) { ${authorsSelection} } } }
    }
  }`;

  async function topAuthorId(): Promise<string> {
    const top = await server().query('{ authors(first: 1, orderBy: { field: PAPER_COUNT, direction: DESC }) { nodes { id } } }');
    return top.data.authors.nodes[0].id;
  }

  async function run(query: string, variables: Record<string, unknown>) {
    const s = server();
    s.database.statements.length = 0;
    const response = await s.query(query, variables);
    expect(response.errors).toBeUndefined();
    return { statements: s.database.statements.length, data: response.data };
  }

  it('brings an author, their papers with venues and each paper\'s first page of authors in one statement', async () => {
    const { statements, data } = await run(profile('first: 100'), { id: await topAuthorId() });
    const papers = data.author.papers.nodes;
    expect(papers.length).toBeGreaterThan(1);
    expect(papers.every((p: any) => p.authors.nodes.length > 0)).toBe(true);
    expect(statements).toBe(1);
  });

  it('brings the counts of nested pages in the same statement, equal to counting them apart', async () => {
    const id = await topAuthorId();
    const together = await run(profile('first: 2', 'totalCount nodes { name }'), { id });
    expect(together.statements).toBe(1);
    const papers = together.data.author.papers.nodes;
    // Counted apart: through `node`, which fetches level by level.
    const apart = await run(
      `query ($id: ID!) { node(id: $id) { ... on Author { papers(first: 20) { nodes { authors(first: 2) { totalCount nodes { name } } } } } } }`,
      { id },
    );
    expect(apart.statements).toBeGreaterThan(1);
    expect(papers.map((p: any) => p.authors)).toEqual(apart.data.node.papers.nodes.map((p: any) => p.authors));
    expect(papers.some((p: any) => p.authors.totalCount > 2)).toBe(true);
  });

  it('answers the same when a nested connection is asked for in a way the statement does not bring', async () => {
    const id = await topAuthorId();
    const together = await run(profile('first: 3'), { id });
    // The same connection twice under two names: each resolves its own page.
    const twice = await run(
      `query ($id: ID!) { author(id: $id) { name papers(first: 20) { nodes { title venue { name } authors(first: 3) { nodes { name } } again: authors(first: 3) { nodes { name } } } } } }`,
      { id },
    );
    expect(twice.statements).toBeGreaterThan(1);
    const papers = twice.data.author.papers.nodes;
    expect(papers.map((p: any) => p.authors.nodes)).toEqual(together.data.author.papers.nodes.map((p: any) => p.authors.nodes));
    expect(papers.map((p: any) => p.again.nodes)).toEqual(papers.map((p: any) => p.authors.nodes));
  });

  it('brings a paper with its authors, citing and cited papers and their counts in one statement', async () => {
    const list = await server().query('{ papers(first: 100) { nodes { id citedByCount references(first: 1) { totalCount } } } }');
    const id = list.data.papers.nodes.find((p: any) => p.citedByCount > 0 && p.references.totalCount > 0).id;
    const selection = `title venue { name } authors(first: 100) { nodes { name } }
      citedBy(first: 5) { totalCount nodes { title } } references(first: 5) { totalCount nodes { title } }`;
    const page = await run(`query ($id: ID!) { paper(id: $id) { ${selection} } }`, { id });
    expect(page.statements).toBe(1);
    expect(page.data.paper.citedBy.totalCount).toBeGreaterThan(0);
    expect(page.data.paper.references.totalCount).toBeGreaterThan(0);
    const apart = await run(`query ($id: ID!) { node(id: $id) { ... on Paper { ${selection} } } }`, { id });
    expect(apart.statements).toBeGreaterThan(1);
    expect(page.data.paper).toEqual(apart.data.node);
  });

  it("gives a paper page's head (title, abstract, venue) from its one statement as from the whole paper, and whole papers to other fields of the request", async () => {
    const list = await server().query('{ papers(first: 100) { nodes { id abstract venue { id } references(first: 1) { totalCount } } } }');
    const ids = list.data.papers.nodes.filter((p: any) => p.abstract && p.venue && p.references.totalCount > 0).map((p: any) => p.id).slice(0, 3);
    expect(ids.length).toBeGreaterThan(0);
    const head = 'id title year publishedAt abstract venue { id name }';
    for (const id of ids) {
      const page = await run(`query ($id: ID!) { paper(id: $id) { ${head} authors(first: 100) { nodes { name } } references(first: 5) { totalCount nodes { title } } } }`, { id });
      expect(page.statements).toBe(1);
      const whole = await run(`query ($id: ID!) { node(id: $id) { ... on Paper { ${head} authors(first: 100) { nodes { name } } references(first: 5) { totalCount nodes { title } } } } }`, { id });
      expect(page.data.paper).toEqual(whole.data.node);
      expect(page.data.paper.abstract).toBeTruthy();
      // The same paper reached again later in the request (among its authors' most cited papers, through
      // the paper loader) comes whole, not as the head the page brought.
      const wide = 'id doi citationCount hasCode authorListComplete updatedAt venue { kind }';
      const both = await run(
        `query ($id: ID!) { paper(id: $id) { ${head} authors(first: 100) { nodes { metrics { mostCited(first: 50) { ${wide} } } } } } }`,
        { id },
      );
      const again = both.data.paper.authors.nodes.flatMap((a: any) => a.metrics.mostCited).filter((p: any) => p.id === id);
      expect(again.length).toBeGreaterThan(0);
      const alone = await run(`query ($id: ID!) { node(id: $id) { ... on Paper { ${wide} } } }`, { id });
      for (const paper of again) expect(paper).toEqual(alone.data.node);
      expect(alone.data.node.updatedAt).toBeTruthy();
    }
  });

  it('gives the same fields from a page that brings only brief or core fields as from whole objects, and whole fields when asked', async () => {
    const id = await topAuthorId();
    const core = 'id title year publishedAt venue { id name } authors(first: 100) { nodes { id name } }';
    const page = await run(`query ($id: ID!) { author(id: $id) { papers(first: 20) { nodes { ${core} } } } }`, { id });
    const papers = page.data.author.papers.nodes;
    const ids = papers.map((p: any) => p.id);
    const whole = await run(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Paper { ${core} } } }`, { ids });
    expect(papers).toEqual(whole.data.nodes);

    // Without the venue, a brief node; with it in a fragment, the core one.
    const brief = 'id title year publishedAt';
    const briefPage = await run(`query ($id: ID!) { author(id: $id) { papers(first: 20) { nodes { ${brief} } } } }`, { id });
    const briefWhole = await run(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Paper { ${brief} } } }`, { ids });
    expect(briefPage.data.author.papers.nodes).toEqual(briefWhole.data.nodes);
    const withFragment = await run(
      `query ($id: ID!) { author(id: $id) { papers(first: 20) { nodes { ...P } } } } fragment P on Paper { ${brief} venue { name } }`,
      { id },
    );
    expect(withFragment.data.author.papers.nodes.map((p: any) => p.venue?.name)).toEqual(whole.data.nodes.map((p: any) => p.venue?.name));
    expect(whole.data.nodes.some((p: any) => p.venue?.name)).toBe(true);

    // A field outside the core (doi, citationCount, an author's paperCount) gets whole nodes.
    const more = 'id doi citationCount hasCode authors(first: 100) { nodes { id paperCount orcid } }';
    const wide = await run(`query ($id: ID!) { author(id: $id) { papers(first: 20) { nodes { ${more} } } } }`, { id });
    const wideWhole = await run(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Paper { ${more} } } }`, { ids });
    expect(wide.data.author.papers.nodes).toEqual(wideWhole.data.nodes);
    expect(wide.statements).toBe(1);

    // The core carries a venue's id and name only: any other venue field, directly or in a fragment, gets whole nodes.
    const venueWhole = await run(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Paper { id venue { id name shortName kind paperCount } } } }`, { ids });
    expect(venueWhole.data.nodes.some((p: any) => p.venue?.kind)).toBe(true);
    const direct = await run(`query ($id: ID!) { author(id: $id) { papers(first: 20) { nodes { id venue { id name shortName kind paperCount } } } } }`, { id });
    expect(direct.data.author.papers.nodes).toEqual(venueWhole.data.nodes);
    const inFragment = await run(`query ($id: ID!) { author(id: $id) { papers(first: 20) { nodes { id venue { ...V } } } } } fragment V on Venue { id name kind }`, { id });
    expect(inFragment.data.author.papers.nodes).toEqual(
      venueWhole.data.nodes.map((p: any) => ({ id: p.id, venue: p.venue && { id: p.venue.id, name: p.venue.name, kind: p.venue.kind } })),
    );
  });

  it('gives the same nodes, at every level, when a page is read only for its nodes as when read with edges and pageInfo', async () => {
    const id = await topAuthorId();
    const nodesOnly = await run(
      `query ($id: ID!) { author(id: $id) { papers(first: 5) { nodes { id title authors(first: 2) { nodes { id name } } } } } }`,
      { id },
    );
    const withEdges = await run(
      `query ($id: ID!) { author(id: $id) { papers(first: 5) { pageInfo { hasNextPage endCursor } edges { cursor node { id title authors(first: 2) { pageInfo { hasNextPage } edges { position node { id name } } } } } } } }`,
      { id },
    );
    expect(nodesOnly.statements).toBe(1);
    expect(withEdges.statements).toBe(1);
    const edges = withEdges.data.author.papers.edges;
    expect(nodesOnly.data.author.papers.nodes).toEqual(
      edges.map((e: any) => ({ id: e.node.id, title: e.node.title, authors: { nodes: e.node.authors.edges.map((a: any) => a.node) } })),
    );
    // The rows past the page are still read when pageInfo asks whether there are more.
    expect(nodesOnly.data.author.papers.nodes).toHaveLength(5);
    expect(withEdges.data.author.papers.pageInfo.hasNextPage).toBe(true);
    expect(edges.some((e: any) => e.node.authors.pageInfo.hasNextPage)).toBe(true);
    // And the cursor of the last edge goes on from where the nodes-only page ended.
    const next = await run(`query ($id: ID!, $after: String) { author(id: $id) { papers(first: 5, after: $after) { nodes { id } } } }`, {
      id,
      after: withEdges.data.author.papers.pageInfo.endCursor,
    });
    const ten = await run(`query ($id: ID!) { author(id: $id) { papers(first: 10) { nodes { id } } } }`, { id });
    expect([...nodesOnly.data.author.papers.nodes.map((p: any) => p.id), ...next.data.author.papers.nodes.map((p: any) => p.id)]).toEqual(
      ten.data.author.papers.nodes.map((p: any) => p.id),
    );
  });
});

describe('statement count of the network fields', () => {
  async function statementsOf(query: string, variables: Record<string, unknown>) {
    const s = server();
    s.database.statements.length = 0;
    const response = await s.query(query, variables);
    expect(response.errors).toBeUndefined();
    return { statements: s.database.statements.length, data: response.data };
  }
  const everyAuthor = async () => (await server().query('{ authors(first: 100) { nodes { id } } }')).data.authors.nodes.map((n: any) => n.id);
  const everyPaper = async () => (await server().query('{ papers(first: 100) { nodes { id } } }')).data.papers.nodes.map((n: any) => n.id);

  it('builds a collaboration graph of 2 or 60 authors, by IDs or a filter, with their names, in the same few statements', async () => {
    const ids = await everyAuthor();
    const byIds = `query($ids: [ID!]) { collaborationGraph(authorIds: $ids) { nodes { authorId author { name paperCount } } edges { source target weight } figures { modularity } } }`;
    const small = await statementsOf(byIds, { ids: ids.slice(0, 2) });
    const large = await statementsOf(byIds, { ids });
    expect(large.data.collaborationGraph.nodes).toHaveLength(60);
    expect(large.data.collaborationGraph.edges.length).toBeGreaterThan(60);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(3);
    const venues = (await server().query('{ venues(first: 3) { nodes { id } } }')).data.venues.nodes.map((v: any) => v.id);
    const byFilter = `query($venue: ID) { collaborationGraph(authorFilter: { venueId: $venue }) { nodes { author { name } } edges { source } } }`;
    const filtered = await statementsOf(byFilter, { venue: venues[0] });
    expect(filtered.data.collaborationGraph.nodes.length).toBeGreaterThan(30);
    expect(filtered.statements).toBeLessThanOrEqual(3);
  });

  it('builds a citation graph of 2 or 100 papers with their titles and venues, and a trend of 1 or 60 authors, in the same few statements', async () => {
    const ids = await everyPaper();
    const byIds = `query($ids: [ID!]) { citationGraph(paperIds: $ids, kinds: [CITES, CO_CITATION, COUPLING]) { nodes { paper { title venue { name } } } edges { source kind weight } } }`;
    const small = await statementsOf(byIds, { ids: ids.slice(0, 2) });
    const large = await statementsOf(byIds, { ids });
    expect(large.data.citationGraph.edges.length).toBeGreaterThan(50);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(3);
    const filtered = await statementsOf(`{ citationGraph(filter: { yearFrom: 2010 }) { nodes { paper { title } } } }`, {});
    expect(filtered.statements).toBeLessThanOrEqual(3);
    const authors = await everyAuthor();
    const trend = `query($ids: [ID!]) { collaborationTrend(authorIds: $ids) { years { paperCount newCollaborators } } }`;
    const one = await statementsOf(trend, { ids: authors.slice(0, 1) });
    const all = await statementsOf(trend, { ids: authors });
    expect(all.statements).toBe(one.statements);
    expect(all.statements).toBeLessThanOrEqual(2);
  });
});
