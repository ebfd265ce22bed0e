/**
 * Headless Chromium for tests of pages the server serves. It drives Debian's `chromium` package through
 * playwright-core, so no browser is downloaded; tests skip when that package is not installed.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

/** False when Debian's chromium is not installed: browser tests skip instead of failing. */
export const hasChromium = existsSync(chromiumPath);

export const noChromiumMessage = `${chromiumPath} not found: install Debian's chromium package to run the browser tests`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // No sandbox: CI and containers run as root. The rest keeps Chromium from calling home on its own,
    // so every request the tests see comes from the page.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface IsolatedPage {
  context: BrowserContext;
  page: Page;
  /** Every URL the page and its workers requested, in order, including the blocked ones. */
  requests: string[];
  /** The requested URLs whose origin is not the allowed one (these were aborted). */
  foreignRequests: () => string[];
  /** Uncaught exceptions in the page. */
  pageErrors: Error[];
}

/** Where a request goes; `blob:` URLs belong to the origin that made them, `data:` URLs go nowhere. */
function requestOrigin(url: string): string | null {
  if (url.startsWith('data:')) return null;
  return new URL(url).origin;
}

/**
 * A fresh context whose pages may only reach `origin`: every request is recorded, and any request to
 * another host is aborted, so a page that depends on the internet fails here even on a machine that has it.
 */
export async function openIsolatedPage(browser: Browser, origin: string): Promise<IsolatedPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const requests: string[] = [];
  const isForeign = (url: string) => {
    const target = requestOrigin(url);
    return target !== null && target !== origin;
  };
  context.on('request', (request) => void requests.push(request.url()));
  await context.route(
    (url) => isForeign(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => void pageErrors.push(error));
  page.on('websocket', (socket) => void requests.push(socket.url()));
  return { context, page, requests, foreignRequests: () => requests.filter(isForeign), pageErrors };
}
