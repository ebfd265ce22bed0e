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
});
