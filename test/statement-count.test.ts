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

describe('statement count of an author profile page', () => {
  const profile = (authorsArgs: string, authorsSelection = 'nodes { name }') => `query ($id: ID!) {
    author(id: $id) {
      name
      papers(first: 20) { nodes { title venue { name } authors(${authorsArgs}) { ${authorsSelection} } } }
    }
  }`;

  async function run(query: string) {
    const s = server();
    const top = await s.query('{ authors(first: 1, orderBy: { field: PAPER_COUNT, direction: DESC }) { nodes { id } } }');
    const id = top.data.authors.nodes[0].id;
    s.database.statements.length = 0;
    const response = await s.query(query, { id });
    expect(response.errors).toBeUndefined();
    return { statements: s.database.statements.length, papers: response.data.author.papers.nodes };
  }

  it('brings each paper with its venue and its first page of authors in the papers statement', async () => {
    const { statements, papers } = await run(profile('first: 100'));
    expect(papers.length).toBeGreaterThan(1);
    expect(papers.every((p: any) => p.authors.nodes.length > 0)).toBe(true);
    // The author; their papers with venues and authors.
    expect(statements).toBe(2);
  });

  it('answers the same when the authors are asked for in a way the papers statement does not bring', async () => {
    const together = await run(profile('first: 3'));
    const withCount = await run(profile('first: 3', 'totalCount nodes { name }'));
    expect(withCount.papers.map((p: any) => p.authors.nodes)).toEqual(together.papers.map((p: any) => p.authors.nodes));
    expect(withCount.statements).toBe(3);
  });
});
