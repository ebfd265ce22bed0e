/**
 * The explorer's GraphQL documents are checked against the committed schema: their generated types
 * (committed in src/explore/client/generated/) are current, a document selecting a field the schema lacks
 * is refused, and the page imports only documents that exist.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { exploreDocuments, exploreDocumentsDir, generateExploreTypes, staleExploreTypes } from '../scripts/codegen-explore.js';

describe("the explorer's GraphQL documents", () => {
  it('have committed types that match what the documents generate (npm run codegen:explore)', async () => {
    expect(await staleExploreTypes()).toEqual([]);
  });

  it('are refused when one selects a field the schema lacks', async () => {
    const documents = exploreDocuments();
    const network = documents.find((d) => d.location.endsWith('ExploreNetwork.graphql'))!;
    const stale = readFileSync(join(exploreDocumentsDir, 'ExploreNetwork.graphql'), 'utf8').replace('authorId\n      distance', 'id\n      distance');
    const broken = [...documents.filter((d) => d !== network), { location: 'stale ExploreNetwork', document: parse(stale) }];
    await expect(generateExploreTypes(broken)).rejects.toThrow(/Cannot query field "id" on type "NetworkNode"/);
  });

  it('are the ones the page sends: every document api.ts imports exists, and every document is imported', () => {
    const api = readFileSync(new URL('../src/explore/client/api.ts', import.meta.url), 'utf8');
    const imported = [...api.matchAll(/from '\.\/graphql\/(\w+\.graphql)\?raw'/g)].map((m) => m[1]).sort();
    const files = exploreDocuments().map((d) => d.location.split('/').at(-1)).sort();
    expect(imported).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(5);
  });
});
