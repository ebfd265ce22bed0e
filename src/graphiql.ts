/**
 * GraphiQL served entirely by this server, so it works on a machine without internet.
 *
 * Yoga's built-in page loads GraphiQL's script, styles and editor workers from a public CDN: offline it never
 * gets past "Loading…". `@graphql-yoga/render-graphiql` ships the same GraphiQL with everything inlined
 * into one HTML page (script, styles, fonts and favicon as data URLs, the Monaco editor workers as blobs),
 * which then needs no other host. That page weighs about 9 MB and takes tens of milliseconds to build and
 * encode, so it is imported on the first GraphiQL request only (a server nobody opens GraphiQL on never
 * loads it) and built once per set of options; later requests send the same bytes.
 */
import type { GraphiQLOptions } from 'graphql-yoga';
import { exampleQueries } from './example-queries.js';

/** The example queries as tabs, the first one open. */
export const graphiqlOptions: GraphiQLOptions = {
  title: 'scholargraph',
  defaultQuery: exampleQueries[0],
  defaultTabs: exampleQueries.map((query) => ({ query })),
};

const pages = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

async function buildPage(options: GraphiQLOptions | undefined): Promise<Uint8Array<ArrayBuffer>> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  const html = renderGraphiQL(options);
  const bytes = new Uint8Array(Buffer.byteLength(html, 'utf8'));
  new TextEncoder().encodeInto(html, bytes);
  return bytes;
}

/** For createYoga's `renderGraphiQL`: the self-contained page, as UTF-8 bytes. */
export function renderOfflineGraphiQL(options?: GraphiQLOptions): Promise<Uint8Array<ArrayBuffer>> {
  // Yoga passes a fresh copy of the options on every request, so they are compared by value.
  const key = JSON.stringify(options ?? {});
  let page = pages.get(key);
  if (!page) {
    page = buildPage(options);
    pages.set(key, page);
    // A failed build is not kept: the next request tries again.
    page.catch(() => pages.delete(key));
  }
  return page;
}
