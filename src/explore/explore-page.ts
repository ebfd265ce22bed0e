/**
 * GET /explore and its assets, served through yoga (a plugin answering in `onRequest`, as /ready does),
 * so request ids, logging and limits treat them like any other request. `/explore` is the page (never
 * cached: it names the current hashed assets); `/explore/assets/<name>-<hash>.<ext>` are kept by browsers
 * for a year; any other path under /explore is a 404. Every response carries a Content-Security-Policy
 * that allows only this server, which is also what keeps the page from reaching the internet.
 */
import type { Plugin } from 'graphql-yoga';
import { EXPLORE_PATH } from './explore-route.js';
import { loadStaticAssets, type StaticAsset } from './static-assets.js';

export interface ExplorePageOptions {
  /** The directory a client build wrote (index.html, assets/). */
  assetsDir: string;
}

/**
 * Only this origin. Styles set from scripts (sigma sizes its canvases, the page sets custom properties)
 * go through the CSSOM, which `style-src 'self'` allows; inline <style> and style="" are refused.
 */
export const EXPLORE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

const notBuiltPage = `<!doctype html><meta charset="utf-8"><title>Explorer not built</title>
<p>The explorer has not been built. Run <code>npm run build</code> (or start the server with <code>npm start</code>, which builds it).</p>`;

function headersFor(asset: StaticAsset, cacheControl: string): Record<string, string> {
  return {
    'content-type': asset.contentType,
    'cache-control': cacheControl,
    etag: asset.etag,
    'content-security-policy': EXPLORE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
}

export function useExplorePage(options: ExplorePageOptions): Plugin {
  let assets: Map<string, StaticAsset> | null = null;
  /** Read on the first request, and again while there is no build yet (one may appear meanwhile). */
  const current = () => {
    if (assets?.has('index.html')) return assets;
    try {
      assets = loadStaticAssets(options.assetsDir);
    } catch {
      assets = new Map();
    }
    return assets;
  };

  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      const path = url.pathname;
      if (path !== EXPLORE_PATH && !path.startsWith(`${EXPLORE_PATH}/`)) return;
      const plain = (status: number, body: string, type = 'text/plain; charset=utf-8') =>
        endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
            status,
            headers: { 'content-type': type, 'cache-control': 'no-store', 'content-security-policy': EXPLORE_CSP, 'x-content-type-options': 'nosniff' },
          }),
        );
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return endResponse(new fetchAPI.Response('Method not allowed\n', { status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' } }));
      }
      const files = current();
      const isPage = path === EXPLORE_PATH || path === `${EXPLORE_PATH}/`;
      const name = isPage ? 'index.html' : path.slice(EXPLORE_PATH.length + 1);
      const asset = files.get(name);
      if (!asset) {
        if (isPage) return plain(503, notBuiltPage, 'text/html; charset=utf-8');
        return plain(404, `Not found: ${path}\n`);
      }
      // index.html changes with each build and names the hashed assets: always revalidated.
      const headers = headersFor(asset, name.startsWith('assets/') ? IMMUTABLE : 'no-cache');
      if (request.headers.get('if-none-match') === asset.etag) {
        return endResponse(new fetchAPI.Response(null, { status: 304, headers }));
      }
      return endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : asset.bytes, { status: 200, headers }));
    },
  };
}
