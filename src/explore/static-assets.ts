/**
 * The built page's files, read into memory once (the whole build is a few hundred KiB), each with its
 * content type and an ETag. Only files found in the build directory can be served: request paths are
 * looked up in this map, never joined onto the file system.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

export interface StaticAsset {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
  etag: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Files a build leaves that are not for browsers. */
const hidden = (name: string) => name.startsWith('.');

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (hidden(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** Every file of `dir`, keyed by its path relative to it with forward slashes (`assets/index-AbC123.js`). */
export function loadStaticAssets(dir: string): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  for (const file of filesUnder(dir)) {
    const data = readFileSync(file);
    const bytes = new Uint8Array(new ArrayBuffer(data.byteLength));
    bytes.set(data);
    assets.set(relative(dir, file).split(sep).join('/'), {
      bytes,
      contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(data).digest('base64url').slice(0, 22)}"`,
    });
  }
  return assets;
}
