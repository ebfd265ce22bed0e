/**
 * `npm run build`: compile the server, its schema, database code and command-line scripts into `dist/`, and
 * copy beside them what they read at run time (the SQL migrations and the demo data), in the same relative
 * places as in the repository, so `node dist/src/main.js` needs neither tsx nor the sources; and build the
 * explorer's page with Vite into `dist/explore/`.
 * `--out-dir DIR` builds somewhere else (the tests build into a directory of their own).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildClient } from '../src/explore/client-build.js';
import { packageRoot } from '../src/package-root.js';

const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
const dist = values['out-dir'] ? resolve(values['out-dir']) : join(packageRoot, 'dist');
rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(packageRoot, 'tsconfig.build.json'), '--outDir', dist], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

for (const assets of ['db/migrations', 'data/demo']) {
  cpSync(join(packageRoot, assets), join(dist, assets), { recursive: true });
}
// The explorer's page, where the compiled server looks for it (src/explore/assets-location.ts).
await buildClient(join(dist, 'explore'));
console.log(`built ${dist}: start it with \`node ${relative(process.cwd(), join(dist, 'src', 'main.js'))}\``);
