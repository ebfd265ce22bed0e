/**
 * Print the schema as SDL into schema/schema.graphql, or with --check fail when the committed file
 * differs from what the code builds (CI runs the check so the SDL never drifts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../schema/index.js';

const target = fileURLToPath(new URL('../schema/schema.graphql', import.meta.url));
const sdl = `${printSchema(lexicographicSortSchema(schema))}\n`;

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== sdl) {
    console.error('schema/schema.graphql is out of date with the code: run `npm run schema:print` and commit it.');
    process.exit(1);
  }
  console.log('schema/schema.graphql matches the code');
} else {
  await writeFile(target, sdl);
  console.log(`wrote ${target}`);
}
