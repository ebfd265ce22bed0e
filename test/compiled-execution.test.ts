/**
 * Operations run as functions compiled once per document (src/compiled-execution.ts). What a client sees
 * must not depend on it: the operation named by `operationName`, variables coerced as graphql-js does
 * (defaults, a scalar's own error), the same answer on the first and every later run of a document.
 */
import { describe, expect, it } from 'vitest';
import { MAX_COMPILED_FIELDS } from '../src/compiled-execution.js';
import { writeBatch } from '../src/import/writer.js';
import { useTestServer } from './helpers/server.js';
import { syntheticBatch } from './helpers/synthetic.js';

const server = useTestServer(async (s) => {
  await writeBatch(s.database.handle.db, syntheticBatch({ authors: 12, papers: 30, authorsPerPaper: 3 }));
});

type Answer = { status: number; body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };

/**
 * A document runs interpreted the first time it is seen and compiled from then on: each request is sent
 * twice, and both answers must be the same.
 */
async function post(body: Record<string, unknown>): Promise<Answer> {
  const first = await postOnce(body);
  const again = await postOnce(body);
  expect(again, 'the answer of the compiled document').toEqual(first);
  return again;
}

async function postOnce(body: Record<string, unknown>): Promise<Answer> {
  const response = await server().yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

describe('compiled execution', () => {
  it('runs the operation operationName names, in turns, from one document', async () => {
    const query = `
      query Authors { authors(first: 2) { nodes { name } } }
      query Papers { papers(first: 3) { nodes { title } } }`;
    for (const round of [1, 2]) {
      const authors = await post({ query, operationName: 'Authors' });
      const papers = await post({ query, operationName: 'Papers' });
      expect(Object.keys(authors.body.data), `round ${round}`).toEqual(['authors']);
      expect(authors.body.data.authors.nodes).toHaveLength(2);
      expect(Object.keys(papers.body.data), `round ${round}`).toEqual(['papers']);
      expect(papers.body.data.papers.nodes).toHaveLength(3);
    }
    const unnamed = await post({ query });
    expect(unnamed.body.errors?.[0]?.message).toMatch(/operation/i);
    const unknown = await post({ query, operationName: 'Venues' });
    expect(unknown.body.errors?.[0]?.message).toMatch(/operation/i);
  });

  it("uses a variable's default from the operation when the variable is not sent, and the sent value otherwise", async () => {
    const query = 'query ($n: Int = 2) { authors(first: $n) { nodes { name } } }';
    expect((await post({ query })).body.data.authors.nodes).toHaveLength(2);
    expect((await post({ query, variables: { n: 4 } })).body.data.authors.nodes).toHaveLength(4);
    expect((await post({ query })).body.data.authors.nodes).toHaveLength(2);
  });

  it('fills in the default of a required input field left out of a variable', async () => {
    const query = 'query ($order: AuthorOrder) { authors(first: 12, orderBy: $order) { nodes { name } } }';
    const withDefault = await post({ query, variables: { order: { field: 'NAME' } } });
    const ascending = await post({ query, variables: { order: { field: 'NAME', direction: 'ASC' } } });
    expect(withDefault.body.errors).toBeUndefined();
    expect(withDefault.body.data.authors.nodes).toEqual(ascending.body.data.authors.nodes);
    const names = withDefault.body.data.authors.nodes.map((a: { name: string }) => a.name);
    expect(names).toEqual([...names].sort());
  });

  it("refuses a bad variable with graphql-js's message, the scalar's own reason included, and runs nothing", async () => {
    const s = server();
    s.database.statements.length = 0;
    const query = 'query ($since: DateTime, $order: AuthorOrder) { authors(first: 2, updatedSince: $since, orderBy: $order) { nodes { name } } }';
    const badInstant = await post({ query, variables: { since: '2024-02-30T00:00:00Z' } });
    expect(badInstant.status).toBe(400);
    expect(badInstant.body.data).toBeUndefined();
    expect(badInstant.body.errors?.[0]?.message).toMatch(/^Variable "\$since" got invalid value "2024-02-30T00:00:00Z".*A DateTime is/);
    const badEnum = await post({ query, variables: { order: { field: 'NAME', direction: 'SIDEWAYS' } } });
    expect(badEnum.body.errors?.[0]?.message).toMatch(/Value "SIDEWAYS" does not exist in "OrderDirection" enum/);
    expect(s.database.statements).toHaveLength(0);
  });
});

describe('compiled execution of a large document', () => {
  it('answers a document whose fragments spread past the compiled size the same on every run', async () => {
    // Each level spreads the one below under three aliases: 2 × (2 + 2 + 3 × (6 + 2 + 3 × (6 + 3))) = 218 fields,
    // over MAX_COMPILED_FIELDS.
    expect(MAX_COMPILED_FIELDS).toBeLessThan(218);
    const query = `{ a: authors(first: 2) { nodes { ...L2 } } b: authors(first: 2) { nodes { ...L2 } } }
      fragment L0 on Author { id name affiliation }
      fragment L1 on Author { id name ${[0, 1, 2].map((i) => `p${i}: papers(first: 1) { nodes { id title authors(first: 2) { nodes { ...L0 } } } }`).join(' ')} }
      fragment L2 on Author { id name ${[0, 1, 2].map((i) => `p${i}: papers(first: 1) { nodes { id title authors(first: 2) { nodes { ...L1 } } } }`).join(' ')} }`;
    const answer = await post({ query });
    expect(answer.body.errors).toBeUndefined();
    const first = answer.body.data.b.nodes[0];
    expect(first.p2.nodes[0].authors.nodes[0].p1.nodes[0].authors.nodes[0]).toHaveProperty('affiliation');
    // A third run, after the document was seen twice, still answers the same.
    expect((await postOnce({ query })).body).toEqual(answer.body);
  });
});
