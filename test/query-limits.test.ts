/** A query whose shape would fan out to millions of rows is refused before any SQL runs. */
import { describe, expect, it } from 'vitest';
import { writeBatch } from '../src/import/writer.js';
import { useTestServer } from './helpers/server.js';
import { syntheticBatch } from './helpers/synthetic.js';

const server = useTestServer(async (s) => {
  await writeBatch(s.database.handle.db, syntheticBatch({ authors: 20, papers: 60, authorsPerPaper: 3 }));
});

const fanOut = `{
  authors(first: 100) { nodes { papers(first: 100) { nodes { authors(first: 100) { nodes {
    papers(first: 100) { nodes { title } }
  } } } } } }
}`;

describe('query limits', () => {
  it('refuses a query whose estimated cost is over the limit, running no SQL', async () => {
    const s = server();
    s.database.statements.length = 0;
    const response = await s.query(fanOut);
    expect(response.status).toBeLessThan(500);
    expect(response.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors?.[0]?.message).toMatch(/complexity is \d+, over the limit of 100000/);
    expect(s.database.statements).toHaveLength(0);
  });

  it('runs no SQL for a refused query either when it asks for fields served from memory', async () => {
    const s = server();
    s.database.statements.length = 0;
    const response = await s.query(fanOut.replace('title', 'title topics { code } authors(first: 100) { nodes { metrics { hIndex } } }'));
    expect(response.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(s.database.statements).toHaveLength(0);
  });

  it('refuses a query nested deeper than the limit', async () => {
    let query = 'name';
    for (let i = 0; i < 8; i++) query = `coauthors(first: 1) { nodes { ${query} } }`;
    const response = await server().query(`{ authors(first: 1) { nodes { ${query} } } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors?.[0]?.message).toMatch(/depth/);
  });

  it('accepts what a page needs: a profile with 100 papers and their authors', async () => {
    const response = await server().query(`{
      authors(first: 1) { nodes { name papers(first: 100) { nodes { title authors(first: 20) { nodes { name } } } } } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data.authors.nodes[0].papers.nodes.length).toBeGreaterThan(0);
  });

  it('prices the numbers and list lengths among the variables, whatever their strings, request after request', async () => {
    const s = server();
    const query = `query ($first: Int!, $search: String) {
      authors(first: $first, search: $search) { nodes { papers(first: $first) { nodes { authors(first: $first) { nodes { papers(first: $first) { nodes { title } } } } } } } }
    }`;
    // The same document, alternating a cheap and a costly page size, and different strings: each answer as its numbers say.
    for (const [first, search] of [[2, null], [100, null], [2, 'a'], [100, 'b'], [3, 'zz']] as const) {
      s.database.statements.length = 0;
      const response = await s.query(query, { first, search });
      if (first === 100) {
        expect(response.errors?.[0]?.extensions?.code, `first ${first}`).toBe('QUERY_TOO_COMPLEX');
        expect(s.database.statements).toHaveLength(0);
      } else {
        expect(response.errors, `first ${first}`).toBeUndefined();
      }
    }
    // An ID list is priced by its length: five IDs pass, and the limit of nodes(ids:) is the field's own refusal.
    const ids = (await s.query(`{ authors(first: 5) { nodes { id } } }`)).data.authors.nodes.map((n: { id: string }) => n.id);
    const nodes = `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    expect((await s.query(nodes, { ids })).errors).toBeUndefined();
    expect((await s.query(nodes, { ids: [...ids].reverse() })).data.nodes.map((n: { id: string }) => n.id)).toEqual([...ids].reverse());
  });

  it('still prices a request after one of the same shape whose variables did not coerce', async () => {
    const s = server();
    const query = `query ($first: Int!, $field: PaperOrderField!) {
      authors(first: $first) { nodes { papers(first: $first, orderBy: { field: $field, direction: DESC }) { nodes { authors(first: $first) { nodes { papers(first: $first) { nodes { title } } } } } } } }
    }`;
    const invalid = await s.query(query, { first: 100, field: 'NOT_A_FIELD' });
    expect(invalid.errors?.[0]?.extensions?.code).not.toBe('QUERY_TOO_COMPLEX');
    s.database.statements.length = 0;
    const costly = await s.query(query, { first: 100, field: 'TITLE' });
    expect(costly.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(s.database.statements).toHaveLength(0);
  });

  it('prices the operation that runs, in a document of several', async () => {
    const document = `query Cheap { authors(first: 1) { nodes { name } } } query Costly ${fanOut}`;
    const run = async (operationName: string) => {
      const response = await server().yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: document, operationName }),
      });
      return (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    };
    for (const name of ['Cheap', 'Costly', 'Cheap']) {
      const answer = await run(name);
      if (name === 'Cheap') expect(answer.errors).toBeUndefined();
      else expect(answer.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    }
  });
});
