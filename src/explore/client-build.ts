/**
 * Building the explorer's page with Vite: `npm run build` builds it into `dist/explore/`, and `npm start`
 * (running from the sources) into `.data/explore/` when that copy is missing or older than the page's
 * sources. Vite is a development dependency and is imported only here, only when a build is needed: the
 * compiled server never loads it.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPLORE_PATH } from './explore-route.js';

export const clientSourceDir = fileURLToPath(new URL('./client/', import.meta.url));

/** Written last by a build: its presence says the build finished, its content which sources it saw. */
const STAMP = '.built-from';

/** Newest modification time among the page's sources (files under src/explore/client/). */
function newestSourceMtime(dir = clientSourceDir): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether `outDir` holds a finished build of the current sources. */
export function clientBuildIsCurrent(outDir: string): boolean {
  const stamp = join(outDir, STAMP);
  if (!existsSync(stamp) || !existsSync(join(outDir, 'index.html'))) return false;
  return Number(readFileSync(stamp, 'utf8')) >= newestSourceMtime();
}

/**
 * Build the page into `outDir`, replacing what it held. The build goes to a directory of its own first and
 * is moved into place when complete, so a server reading `outDir` (or another process building it at the
 * same time, as several `npm start`s may) never sees half a build.
 */
export async function buildClient(outDir: string): Promise<void> {
  const sourcesAt = newestSourceMtime();
  const staging = `${outDir.replace(/[\\/]+$/, '')}.building-${process.pid}-${Date.now()}`;
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: clientSourceDir,
    base: `${EXPLORE_PATH}/`,
    logLevel: 'warn',
    build: {
      outDir: staging,
      emptyOutDir: true,
      // Hashed names under assets/: the server lets browsers keep them for a year.
      assetsDir: 'assets',
      // No inline data: URLs for small assets, so every asset is a file the server types and caches.
      assetsInlineLimit: 0,
      // Vite's module-preload polyfill is an inline script in index.html, which the page's CSP refuses.
      modulePreload: { polyfill: false },
      target: 'es2022',
      reportCompressedSize: false,
      chunkSizeWarningLimit: 1000,
    },
  });
  writeFileSync(join(staging, STAMP), String(sourcesAt));
  rmSync(outDir, { recursive: true, force: true });
  try {
    renameSync(staging, outDir);
  } catch (error) {
    // Another process moved its build into place between the two calls: that build is as good as ours.
    rmSync(staging, { recursive: true, force: true });
    if (!clientBuildIsCurrent(outDir)) throw error;
  }
}

/** Build into `outDir` unless it already holds a build of the current sources; true when it built. */
export async function ensureClientBuilt(outDir: string): Promise<boolean> {
  if (clientBuildIsCurrent(outDir)) return false;
  await buildClient(outDir);
  return true;
}
