/**
 * GraphiQL works in a real browser with no internet: the page at /graphql loads everything it needs from
 * this server (any other host is blocked and fails the test), shows the example tabs, and runs the first
 * example against the database.
 */
import { mkdirSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/demo-data.js';
import { exampleQueries } from '../src/example-queries.js';
import { hasChromium, launchBrowser, noChromiumMessage, openIsolatedPage } from './helpers/browser.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const screenshotPath = fileURLToPath(new URL('./artifacts/graphiql.png', import.meta.url));

/** GraphiQL names each tab after the operation in it. */
const operationNames = exampleQueries.map((query) => /^(?:query|mutation|subscription)\s+(\w+)/m.exec(query)?.[1]);

/** The visible text of a Monaco editor, with its non-breaking spaces as plain ones. */
const editorText = (text: string) => text.replace(/\u00a0/g, ' ');

describe.skipIf(!hasChromium)(
  hasChromium ? 'GraphiQL in headless Chromium, offline' : `GraphiQL in headless Chromium (skipped: ${noChromiumMessage})`,
  () => {
    let server: TestServer;
    let http: HttpServer;
    let origin: string;
    let browser: Browser;

    beforeAll(async () => {
      server = await startTestServer();
      await loadDemoData(server.database.handle.db, { profileYear: 2026, dataset: 'profile' });
      http = createHttpServer(server.yoga);
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      if (http) {
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      }
      await server?.database.close();
    });

    it('loads from this server alone, shows the example tabs and runs the first example', async () => {
      const { context, page, requests, foreignRequests, pageErrors } = await openIsolatedPage(browser, origin);
      try {
        await page.goto(`${origin}/graphql`);
        // A page that reaches for a CDN has asked for its scripts by now: say so at once, not after a timeout.
        expect(foreignRequests(), 'requests to other hosts').toEqual([]);
        expect(pageErrors.map(String), 'uncaught errors in the page').toEqual([]);
        await page.locator('.graphiql-query-editor .monaco-editor').waitFor({ state: 'visible', timeout: 20_000 });

        const tabs = page.getByRole('tab');
        expect(await tabs.count()).toBe(exampleQueries.length);
        expect(await tabs.allInnerTexts()).toEqual(operationNames);
        expect(await page.getByRole('tab', { selected: true }).innerText()).toBe(operationNames[0]);
        expect(await page.title()).toBe('scholargraph');

        await page.getByRole('button', { name: /execute query/i }).click();
        const response = page.locator('.graphiql-response .monaco-editor .view-lines');
        await expect
          .poll(async () => editorText(await response.innerText()), { timeout: 15_000 })
          .toContain('"name": "Zhepei Wei"');
        const shown = editorText(await response.innerText());
        expect(shown).toContain('"paperCount": 18');
        expect(shown).not.toContain('"errors"');

        // Again once everything has run: editor workers and fonts load later than the page.
        expect(foreignRequests(), 'requests to other hosts').toEqual([]);
        expect(requests).toContain(`${origin}/graphql`);
        expect(pageErrors.map(String), 'uncaught errors in the page').toEqual([]);
        expect(server.unexpectedErrors).toEqual([]);
      } finally {
        // Kept whether the test passes or not: after a failure it shows what the page got to.
        mkdirSync(dirname(screenshotPath), { recursive: true });
        await page.screenshot({ path: screenshotPath }).catch(() => {});
        await context.close();
      }
    });

    it('blocks and reports a request to another host, so the test above cannot lean on the internet', async () => {
      const { context, page, foreignRequests } = await openIsolatedPage(browser, origin);
      try {
        await page.goto(`${origin}/health`);
        const failed = page.waitForEvent('requestfailed');
        await page.evaluate(() => void fetch('https://unpkg.com/graphiql').catch(() => {}));
        expect((await failed).failure()?.errorText).toMatch(/BLOCKED_BY_CLIENT/);
        expect(foreignRequests()).toEqual(['https://unpkg.com/graphiql']);
      } finally {
        await context.close();
      }
    });
  },
);
