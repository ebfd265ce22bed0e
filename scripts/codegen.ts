/**
 * TypeScript types for the GraphiQL example queries, as a typed client would generate them: the schema in
 * schema/schema.graphql and every query of src/example-queries.ts through @graphql-codegen's `typescript`
 * and `typescript-operations` plugins, then type-checked with the TypeScript compiler. A query that selects
 * a field the schema lacks fails here, before a client sees it.
 *
 * `npm run codegen [-- --out <dir>]` writes `schema-types.ts` and `operations.ts` into `generated/` (git-ignored);
 * test/codegen.test.ts runs the same functions into a temporary directory.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { codegen } from '@graphql-codegen/core';
import type { CodegenPlugin } from '@graphql-codegen/plugin-helpers';
import * as typescriptPlugin from '@graphql-codegen/typescript';
import * as operationsPlugin from '@graphql-codegen/typescript-operations';
import { Kind, parse, type DocumentNode } from 'graphql';
import ts from 'typescript';
import { exampleQueries } from '../src/example-queries.js';

const schemaPath = fileURLToPath(new URL('../schema/schema.graphql', import.meta.url));
export const defaultOutDir = fileURLToPath(new URL('../generated/', import.meta.url));

/**
 * What each scalar is in a JSON response, for clients to map the same way. Global IDs are opaque
 * strings; a Date is a string "YYYY-MM-DD" (its `@specifiedBy` URL says so), left as a string because a
 * JavaScript Date would add a time and a time zone the value does not have. `strictScalars` makes a new
 * custom scalar without an entry here an error, so the mapping stays complete.
 */
// A DateTime stays a string too: its six fractional digits are exact, and a Date keeps only milliseconds.
export const scalarTypes = { ID: 'string', Date: 'string', DateTime: 'string' } as const;

const pluginMap: Record<string, CodegenPlugin> = { typescript: typescriptPlugin, 'typescript-operations': operationsPlugin };

export interface OperationDocument {
  /** Where the query comes from, for error messages. */
  location: string;
  document: DocumentNode;
}

/** The GraphiQL example queries, each named by its operation. */
export function exampleDocuments(): OperationDocument[] {
  return exampleQueries.map((query) => {
    const document = parse(query);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    return { location: `src/example-queries.ts (${operation?.name?.value ?? 'anonymous'})`, document };
  });
}

/**
 * The generated TypeScript, file name to text: `schema-types.ts` (the `typescript` plugin: every schema
 * type, enum and input) and `operations.ts` (the `typescript-operations` plugin: a `<Name>Query` and
 * `<Name>QueryVariables` type per operation, importing enums and inputs from the first; in one file the two
 * plugins would both declare them). Throws when a document does not validate against the schema (an
 * unknown field, a wrong argument…).
 */
export async function generateOperationTypes(documents: OperationDocument[] = exampleDocuments()): Promise<Record<string, string>> {
  const schema = parse(await readFile(schemaPath, 'utf8'));
  const config = {
    scalars: scalarTypes,
    strictScalars: true,
    // String unions, as enums arrive in JSON; TypeScript enums would not accept the response's strings.
    enumsAsTypes: true,
  };
  const run = (filename: string, plugin: string, pluginConfig: Record<string, unknown>, docs: OperationDocument[]) =>
    codegen({ schema, documents: docs, filename, plugins: [{ [plugin]: pluginConfig }], pluginMap, config });
  return {
    'schema-types.ts': await run('schema-types.ts', 'typescript', {}, []),
    'operations.ts': await run('operations.ts', 'typescript-operations', { importSchemaTypesFrom: './schema-types.ts' }, documents),
  };
}

/** Type-check TypeScript files (paths) on their own, strictly; returns the diagnostics as text, none when sound. */
export function typeCheck(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    noUncheckedIndexedAccess: true,
    // The generated files need no DOM or Node types, and the standard library is checked by its authors:
    // leaving both out keeps the check to a second or two.
    lib: ['lib.es2022.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1}: ${message}`;
  });
}

/** Generate into `outDir` and type-check the files; returns the files written. */
export async function writeOperationTypes(outDir: string, documents?: OperationDocument[]): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  for (const [name, text] of Object.entries(await generateOperationTypes(documents))) {
    const file = join(outDir, name);
    await writeFile(file, text);
    files.push(file);
  }
  const diagnostics = typeCheck(files);
  if (diagnostics.length) throw new Error(`the generated types do not type-check:\n${diagnostics.join('\n')}`);
  return files;
}

// Run only as a command: the tests import the functions above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--out');
  const outDir = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]!) : defaultOutDir;
  try {
    const files = await writeOperationTypes(outDir);
    console.log(`wrote ${files.join(', ')}: types of ${exampleQueries.length} example queries, type-checked`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
