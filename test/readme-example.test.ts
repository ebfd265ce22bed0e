/** The example in README.md is real: its query, run on the demo data, returns exactly the output shown. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/demo-data.js';
import { exampleQueries } from '../src/example-queries.js';
import { useTestServer } from './helpers/server.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const query = /```graphql\n([\s\S]*?)```/.exec(readme)?.[1];
const output = /```graphql\n[\s\S]*?```\s*```json\n([\s\S]*?)```/.exec(readme)?.[1];

const server = useTestServer(async (s) => {
  // The README shows a server started in 2026.
  await loadDemoData(s.database.handle.db, { profileYear: 2026 });
});

describe('GraphiQL examples', () => {
  it('every example query answers on the demo data without errors', async () => {
    for (const example of exampleQueries) {
      const response = await server().query(example);
      expect(response.errors, example.split('\n')[0]).toBeUndefined();
      // Every root field answers with something: the IDs and searches in the examples match the demo data.
      for (const [field, value] of Object.entries(response.data)) expect(value, field).not.toBeNull();
    }
  });
});

describe('README example', () => {
  it('shows the output the server returns for its query', async () => {
    expect(query).toBeDefined();
    expect(output).toBeDefined();
    const response = await server().query(query!);
    expect({ data: response.data }).toEqual(JSON.parse(output!));
  });
});
