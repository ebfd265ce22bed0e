/**
 * Where the built page is. The compiled server (`node dist/src/main.js`) serves the copy `npm run build`
 * put in `dist/explore/`, beside its code; running from the sources (`npm start`, tests through tsx), the
 * copy in the git-ignored `.data/explore/` of the clone, which `npm start` builds when needed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../package-root.js';

/** True when this module runs compiled from dist/ rather than from the TypeScript sources. */
export const runningCompiled = import.meta.url.endsWith('.js');

export const defaultExploreAssetsDir = runningCompiled
  ? fileURLToPath(new URL('../../explore/', import.meta.url))
  : join(packageRoot, '.data', 'explore');
