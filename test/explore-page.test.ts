/**
 * Serving the explorer: /explore through yoga with the right content types, caching (hashed assets for a
 * year, the page revalidated), a Content-Security-Policy allowing only this server, 404 for unknown paths
 * under /explore, 405 for other methods, a clear 503 before the page is built; and the build hook that
 * `npm start` uses rebuilds only when the page's sources are newer than the build.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientBuildIsCurrent } from '../src/explore/client-build.js';
import { EXPLORE_CSP } from '../src/explore/explore-page.js';
import { createServer } from '../src/server.js';
import { createTestDatabase } from './helpers/database.js';

const fixture = mkdtempSync(join(tmpdir(), 'scholargraph-explore-'));
mkdirSync(join(fixture, 'assets'));
writeFileSync(join(fixture, 'index.html'), '<!doctype html><title>explorer</title><script type="module" src="/explore/assets/index-AbC123.js"></script>');
writeFileSync(join(fixture, 'assets', 'index-AbC123.js'), 'console.log("explorer");');
writeFileSync(join(fixture, 'assets', 'index-DeF456.css'), 'body { margin: 0 }');
writeFileSync(join(fixture, '.built-from'), '0');
const database = await createTestDatabase();
const yoga = createServer({ db: database.handle.db, explore: { assetsDir: fixture } });
const get = (path: string, init: RequestInit = {}) => yoga.fetch(`http://test${path}`, init);

afterAll(async () => {
  rmSync(fixture, { recursive: true, force: true });
  await database.close();
});

describe('GET /explore', () => {
  it('serves the page, never cached, with a CSP that allows only this server', async () => {
    for (const path of ['/explore', '/explore/', '/explore?author=QXV0aG9yOjE%3D&depth=2']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toBe(EXPLORE_CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      // Through yoga's plugins like any request: it has a request id.
      expect(response.headers.get('x-request-id')).toBeTruthy();
      expect(await response.text()).toContain('<title>explorer</title>');
    }
    const csp = EXPLORE_CSP.split('; ');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(EXPLORE_CSP).not.toMatch(/unsafe|https?:|\*/);
  });

  it('serves hashed assets with their type, cached for a year, and answers 304 to a matching ETag', async () => {
    const script = await get('/explore/assets/index-AbC123.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe('console.log("explorer");');
    const style = await get('/explore/assets/index-DeF456.css');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const etag = script.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/explore/assets/index-AbC123.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const head = await get('/explore', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 for unknown paths under /explore, hidden files and escapes, and 405 for other methods', async () => {
    for (const path of ['/explore/nope', '/explore/assets/missing.js', '/explore/.built-from', '/explore/..%2f..%2fpackage.json', '/explore/assets/%2e%2e/index.html/x']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toBe('text/plain; charset=utf-8');
    }
    // Not under /explore: left to the rest of the server.
    expect((await get('/explorer')).status).toBe(404);
    expect((await get('/explore', { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('says the page is not built rather than failing when there is no build, and is absent when turned off', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'scholargraph-explore-empty-'));
    try {
      const unbuilt = createServer({ db: database.handle.db, explore: { assetsDir: join(empty, 'missing') } });
      const response = await unbuilt.fetch('http://test/explore');
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build');
      const off = createServer({ db: database.handle.db, explore: false });
      expect((await off.fetch('http://test/explore')).status).toBe(404);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('the build hook of npm start', () => {
  it('takes a build as current only when it is complete and newer than every source of the page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scholargraph-explore-stamp-'));
    try {
      expect(clientBuildIsCurrent(dir)).toBe(false);
      writeFileSync(join(dir, 'index.html'), '');
      expect(clientBuildIsCurrent(dir)).toBe(false);
      writeFileSync(join(dir, '.built-from'), '0');
      expect(clientBuildIsCurrent(dir)).toBe(false);
      writeFileSync(join(dir, '.built-from'), String(Date.now() + 60_000));
      expect(clientBuildIsCurrent(dir)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
