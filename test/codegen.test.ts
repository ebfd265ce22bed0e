/**
 * Typed clients: the GraphiQL example queries generate TypeScript types (scripts/codegen.ts) that compile,
 * with the documented scalar mapping; an example selecting a field the schema lacks is refused.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isScalarType, Kind, parse, specifiedScalarTypes, type GraphQLScalarType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../schema/index.js';
import { exampleDocuments, generateOperationTypes, scalarTypes, typeCheck, writeOperationTypes } from '../scripts/codegen.js';
import { networkQuery } from '../src/example-queries.js';

let dir: string;
/** The generated files, as `npm run codegen` writes them (it throws when they do not type-check). */
let generated: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scholargraph-codegen-'));
  generated = await writeOperationTypes(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const operationNames = exampleDocuments().map(({ document }) => {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operation!.name!.value;
});

/** Compile-time facts about the generated types: this file type-checks only when they hold. */
const usage = `import type { ${operationNames.map((n) => `${n}Query`).join(', ')} } from './operations';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type NetworkNode = NetworkQuery['coauthorNetwork']['nodes'][number];
export type EveryExample = [${operationNames.map((n) => `${n}Query`).join(', ')}];
export const facts: [
  Equal<NetworkNode['authorId'], string>,
  Equal<keyof NetworkNode, 'authorId' | 'distance' | 'author'>,
  Equal<PaperPageQuery['papers']['nodes'][number]['publishedAt'], string | null>,
  Equal<PaperPageQuery['papers']['nodes'][number]['id'], string>,
] = [true, true, true, true];
`;

describe('typed clients', () => {
  it('maps every scalar, and each custom scalar says what it holds', () => {
    const builtIn = new Set(specifiedScalarTypes.map((s) => s.name));
    const custom = Object.values(schema.getTypeMap()).filter((t): t is GraphQLScalarType => isScalarType(t) && !builtIn.has(t.name));
    expect(custom.map((s) => s.name)).toEqual(['Date', 'DateTime']);
    for (const scalar of custom) {
      expect(Object.keys(scalarTypes), scalar.name).toContain(scalar.name);
      expect(scalar.specifiedByURL, scalar.name).toMatch(/^https:\/\//);
    }
    expect(schema.getType('Date')!.description).toContain('YYYY-MM-DD');
    expect(schema.getType('DateTime')!.description).toContain('RFC 3339');
  });

  it('generates types for every example query that type-check, with the scalar mapping', async () => {
    expect(generated.map((f) => f.slice(dir.length + 1))).toEqual(['schema-types.ts', 'operations.ts']);
    const usageFile = join(dir, 'usage.ts');
    await writeFile(usageFile, usage);
    expect(typeCheck([...generated, usageFile])).toEqual([]);
  });

  it('the type check is not vacuous: a wrong fact fails it', async () => {
    const wrong = join(dir, 'wrong.ts');
    await writeFile(wrong, `import type { NetworkQuery } from './operations';\nexport const id: NetworkQuery['coauthorNetwork']['nodes'][number]['id'] = '';\n`);
    expect(typeCheck([wrong]).join('\n')).toMatch(/Property 'id' does not exist/);
  });

  it('refuses an example query that selects a field the schema lacks', async () => {
    const stale = networkQuery.replace('nodes { authorId distance', 'nodes { id distance');
    expect(stale).not.toBe(networkQuery);
    const documents = [...exampleDocuments().filter((d) => !d.location.includes('(Network)')), { location: 'stale Network', document: parse(stale) }];
    await expect(generateOperationTypes(documents)).rejects.toThrow(/Cannot query field "id" on type "NetworkNode"/);
  });
});
