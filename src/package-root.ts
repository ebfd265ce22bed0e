/**
 * The directory that holds this package's package.json: the clone when running from `src/` under tsx and
 * from `dist/src/` once compiled, `/app` in the container image. Paths that belong to an installation (the
 * default embedded data directory) hang off it, so they do not depend on the working directory.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** Where `npm start` and `npm run import` keep the embedded database unless PGLITE_DIR says otherwise. */
export const defaultPgliteDir = join(packageRoot, '.data', 'pglite');
