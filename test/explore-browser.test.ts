/**
 * The collaboration explorer in headless Chromium, against a real server on the demo data, with every
 * request to another host blocked and recorded: the seed researcher's network drawn with as many nodes as
 * the API answers, type-ahead search, recentering by a click on the canvas and from the keyboard (the URL
 * follows, the back button returns), depth, a highlighted collaboration path, and the states a person must
 * understand (unknown author, no path, truncated network, server unreachable). Screenshots go to
 * test/artifacts/ (UPDATE_EXPLORE_SCREENSHOT=1 also refreshes the README's src/explore/screenshot.png).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/demo-data.js';
import type { PaperRecord } from '../src/import/records.js';
import { writeBatch } from '../src/import/writer.js';
import { hasChromium, launchBrowser, noChromiumMessage, openIsolatedPage, type IsolatedPage } from './helpers/browser.js';
import { builtExplorePage, drawnGraph, nodeOnScreen, waitForGraph } from './helpers/explore-page.js';
import { listen, type Listening } from './helpers/http-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));
const readmeScreenshot = fileURLToPath(new URL('../src/explore/screenshot.png', import.meta.url));

/** Two authors who wrote only with each other: no path leads to them from the seed researcher. */
const loners: PaperRecord = {
  identity: { doi: '10.5555/explore.loners' },
  title: 'A paper of two',
  year: 2001,
  hasCode: false,
  authorListComplete: true,
  authorships: ['Lone Wolf', 'Lone Hawk'].map((name, i) => ({ author: { identity: { sourceKey: `loner:${i}` }, displayName: name }, position: i + 1 })),
  topics: [],
};

describe.skipIf(!hasChromium)(hasChromium ? 'the explorer in headless Chromium, offline' : `the explorer (skipped: ${noChromiumMessage})`, () => {
  let server: TestServer;
  let http: Listening;
  let browser: Browser;
  const ids: Record<string, string> = {};

  /** The API's own node count for the same arguments the page uses. */
  const apiNodeCount = async (authorId: string, depth = 1, limit = 200) => {
    const { data } = await server.query('query($a: ID!, $d: Int!, $l: Int!) { coauthorNetwork(authorId: $a, depth: $d, limit: $l) { nodes { authorId } } }', { a: authorId, d: depth, l: limit });
    return data.coauthorNetwork.nodes.length as number;
  };

  beforeAll(async () => {
    const [assetsDir] = await Promise.all([builtExplorePage(), (async () => (server = await startTestServer()))()]);
    expect(assetsDir).toMatch(/explore/);
    await loadDemoData(server.database.handle.db, { profileYear: 2026, dataset: 'profile' });
    await writeBatch(server.database.handle.db, { source: 'test', papers: [loners], authors: [] });
    for (const name of ['Zhepei Wei', 'Xinyu Zhu', 'Wei-Lin Chen', 'Yuan Tian', 'Lone Wolf']) {
      const { data } = await server.query('query($n: String!) { authors(search: $n, first: 1) { nodes { id } } }', { n: name });
      ids[name] = data.authors.nodes[0].id;
    }
    http = await listen(server.yoga);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await http?.close();
    await server?.database.close();
  });

  /** A page of its own for each test; checks it made no foreign request and threw nothing, and keeps a screenshot. */
  async function withPage(name: string, body: (page: Page, isolated: IsolatedPage) => Promise<void>): Promise<void> {
    const isolated = await openIsolatedPage(browser, http.origin);
    try {
      await body(isolated.page, isolated);
      expect(isolated.foreignRequests(), 'requests to other hosts').toEqual([]);
      expect(isolated.pageErrors.map(String), 'uncaught errors in the page').toEqual([]);
    } finally {
      mkdirSync(artifacts, { recursive: true });
      await isolated.page.screenshot({ path: `${artifacts}explore-${name}.png` }).catch(() => {});
      await isolated.context.close();
    }
  }

  it("opens on the seed researcher's network, drawn with as many authors as the API answers", async () => {
    await withPage('seed', async (page) => {
      await page.goto(`${http.origin}/explore`);
      const drawn = await waitForGraph(page);
      expect(drawn.center).toBe(ids['Zhepei Wei']);
      expect(new URL(page.url()).searchParams.get('author')).toBe(ids['Zhepei Wei']);
      expect(drawn.nodeCount).toBe(await apiNodeCount(ids['Zhepei Wei']!));
      expect(drawn.nodeCount).toBeGreaterThan(10);
      expect(await page.evaluate(() => window.scholargraphExplorer.nodes().length)).toBe(drawn.nodeCount);
      expect(drawn.firstFrameMs).toBeLessThan(1000);
      await expect.poll(() => page.getByRole('heading', { level: 2 }).innerText()).toBe('Zhepei Wei');
      await expect.poll(() => page.locator('#status').innerText()).toContain(`${drawn.nodeCount} authors`);
      const panel = page.getByRole('region', { name: 'Zhepei Wei' });
      await expect.poll(() => panel.innerText()).toContain('Strongest collaborators');
      expect(await panel.innerText()).toMatch(/h-index/);
      expect(await panel.getByRole('button', { name: 'Recenter on Xinyu Zhu' }).count()).toBe(1);
      expect(server.unexpectedErrors).toEqual([]);
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: `${artifacts}explore.png` });
      if (process.env.UPDATE_EXPLORE_SCREENSHOT) copyFileSync(`${artifacts}explore.png`, readmeScreenshot);

      // Colour by main topic: the topics come in a second request, and the legend names them.
      await page.getByLabel('Colour by').selectOption('topic');
      const coloured = await waitForGraph(page, { after: drawn.draws });
      expect(coloured.nodeCount).toBe(drawn.nodeCount);
      expect(new URL(page.url()).searchParams.get('color')).toBe('topic');
      expect(await page.getByRole('list', { name: 'Colours' }).innerText()).toContain('Computation and Language');
    });
  });

  it('finds an author by type-ahead with the keyboard, recenters by a click on a node, and the back button returns', async () => {
    await withPage('search-click-back', async (page) => {
      await page.goto(`${http.origin}/explore?author=${encodeURIComponent(ids['Wei-Lin Chen']!)}`);
      const first = await waitForGraph(page);
      expect(first.center).toBe(ids['Wei-Lin Chen']);

      const search = page.getByRole('combobox', { name: 'Author' });
      await search.fill('');
      await search.pressSequentially('Zhepei');
      const option = page.getByRole('option', { name: /Zhepei Wei/ });
      await option.waitFor();
      await search.press('ArrowDown');
      expect(await option.getAttribute('aria-selected')).toBe('true');
      await search.press('Enter');
      const searched = await waitForGraph(page, { after: first.draws });
      expect(searched.center).toBe(ids['Zhepei Wei']);
      expect(searched.nodeCount).toBe(await apiNodeCount(ids['Zhepei Wei']!));

      // A click on Xinyu Zhu's node on the canvas recenters on them and changes the URL.
      const node = await nodeOnScreen(page, ids['Xinyu Zhu']!);
      await page.mouse.move(node.x, node.y);
      await expect.poll(() => page.locator('#hover-card').innerText()).toMatch(/Xinyu Zhu[\s\S]*papers?/);
      await page.mouse.click(node.x, node.y);
      const clicked = await waitForGraph(page, { after: searched.draws });
      expect(clicked.center).toBe(ids['Xinyu Zhu']);
      expect(new URL(page.url()).searchParams.get('author')).toBe(ids['Xinyu Zhu']);
      expect(clicked.nodeCount).toBe(await apiNodeCount(ids['Xinyu Zhu']!));

      await page.goBack();
      const back = await waitForGraph(page, { after: clicked.draws });
      expect(back.center).toBe(ids['Zhepei Wei']);
      expect(new URL(page.url()).searchParams.get('author')).toBe(ids['Zhepei Wei']);
      await page.goBack();
      expect((await waitForGraph(page, { after: back.draws })).center).toBe(ids['Wei-Lin Chen']);
    });
  });

  it('is usable from the keyboard: labelled controls, depth as radio buttons, recentering from the panel', async () => {
    await withPage('keyboard', async (page) => {
      await page.goto(`${http.origin}/explore?author=${encodeURIComponent(ids['Zhepei Wei']!)}`);
      const first = await waitForGraph(page);
      expect(await page.getByRole('group', { name: 'Depth' }).getByRole('radio').count()).toBe(2);
      expect(await page.getByRole('radio', { name: 'coauthors', exact: true }).isChecked()).toBe(true);
      expect(await page.getByRole('combobox', { name: 'Path to' }).count()).toBe(1);
      expect(await page.getByLabel('Min. shared papers').count()).toBe(1);

      // Depth 2 with the keyboard: Tab to the radio group, arrow to the second radio.
      await page.getByRole('radio', { name: 'coauthors', exact: true }).focus();
      await page.keyboard.press('ArrowRight');
      const deeper = await waitForGraph(page, { after: first.draws });
      expect(await page.getByRole('radio', { name: 'and theirs' }).isChecked()).toBe(true);
      expect(new URL(page.url()).searchParams.get('depth')).toBe('2');
      expect(deeper.nodeCount).toBe(await apiNodeCount(ids['Zhepei Wei']!, 2));

      // The panel's collaborators are buttons: Enter on one recenters.
      const collaborator = page.getByRole('region', { name: 'Zhepei Wei' }).getByRole('button', { name: 'Recenter on Wei-Lin Chen' });
      await collaborator.focus();
      await page.keyboard.press('Enter');
      const recentered = await waitForGraph(page, { after: deeper.draws });
      expect(recentered.center).toBe(ids['Wei-Lin Chen']);
      await expect.poll(() => page.getByRole('region', { name: 'Wei-Lin Chen' }).count()).toBe(1);
    });
  });

  it('highlights the shortest collaboration path to a second author, each hop with its paper', async () => {
    await withPage('path', async (page) => {
      // Yuan Tian wrote with Zhepei Wei only, not with Xinyu Zhu: two hops, the far end outside Xinyu Zhu's network.
      await page.goto(`${http.origin}/explore?author=${encodeURIComponent(ids['Xinyu Zhu']!)}`);
      const first = await waitForGraph(page);
      const { data } = await server.query('query($f: ID!, $t: ID!) { collaborationPath(from: $f, to: $t) { hops { from { id } to { id } paper { title } } } }', {
        f: ids['Xinyu Zhu'],
        t: ids['Yuan Tian'],
      });
      const hops = data.collaborationPath.hops as { from: { id: string }; to: { id: string }; paper: { title: string } }[];
      expect(hops.length).toBe(2);

      const pathSearch = page.getByRole('combobox', { name: 'Path to' });
      await pathSearch.pressSequentially('Yuan Tian');
      await page.getByRole('option', { name: /Yuan Tian/ }).click();
      await page.waitForFunction(() => Number(document.getElementById('graph')!.dataset.pathLength) > 0);
      expect(new URL(page.url()).searchParams.get('to')).toBe(ids['Yuan Tian']);
      const expected = [hops[0]!.from.id, ...hops.map((hop) => hop.to.id)];
      expect(await page.evaluate(() => window.scholargraphExplorer.highlighted())).toEqual(expected);
      const hopList = page.getByRole('list', { name: 'Hops of the path' });
      expect(await hopList.getByRole('listitem').count()).toBe(hops.length);
      for (const hop of hops) expect(await hopList.innerText()).toContain(hop.paper.title);
      // The network is not drawn again: the layout the person looked at stays.
      expect((await drawnGraph(page)).draws).toBe(first.draws);
      await page.screenshot({ path: `${artifacts}explore-path-highlighted.png` });

      await page.getByRole('button', { name: 'Clear path' }).click();
      await page.waitForFunction(() => document.getElementById('graph')!.dataset.pathLength === '0');
      expect(await page.evaluate(() => window.scholargraphExplorer.highlighted())).toEqual([]);
      expect(new URL(page.url()).searchParams.get('to')).toBeNull();
      // Yuan Tian was drawn only for the path.
      expect(await page.evaluate(() => window.scholargraphExplorer.nodes().length)).toBe(first.nodeCount);
    });
  });

  it('says so when no path exists, when an author has no coauthors and when the author is unknown', async () => {
    await withPage('no-path', async (page) => {
      await page.goto(`${http.origin}/explore?author=${encodeURIComponent(ids['Zhepei Wei']!)}&to=${encodeURIComponent(ids['Lone Wolf']!)}`);
      await waitForGraph(page);
      await expect.poll(() => page.locator('#path-body').innerText()).toMatch(/No collaboration path from Zhepei Wei to Lone Wolf: no chain of coauthors links them/);
      expect(await page.evaluate(() => window.scholargraphExplorer.highlighted())).toEqual([]);
    });
    await withPage('no-coauthors', async (page) => {
      await page.goto(`${http.origin}/explore?author=${encodeURIComponent(ids['Lone Wolf']!)}&minPapers=2`);
      const drawn = await waitForGraph(page, { state: 'empty' });
      expect(drawn.nodeCount).toBe(1);
      expect(await page.getByRole('status').innerText()).toContain('no coauthors with at least 2 shared papers');
    });
    await withPage('unknown-author', async (page) => {
      // A well-formed id of an author that does not exist.
      const unknown = Buffer.from('Author:999999').toString('base64');
      await page.goto(`${http.origin}/explore?author=${encodeURIComponent(unknown)}`);
      await waitForGraph(page, { state: 'error' });
      expect(await page.getByRole('status').innerText()).toContain('No author has this id');
      expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    });
  });

  it('says when the server truncated the network and raises the limit on request', async () => {
    await withPage('truncated', async (page) => {
      await page.goto(`${http.origin}/explore?author=${encodeURIComponent(ids['Zhepei Wei']!)}&limit=5`);
      const small = await waitForGraph(page);
      expect(small.nodeCount).toBe(5);
      const notice = page.locator('#truncated');
      await notice.waitFor();
      expect(await notice.innerText()).toContain('larger than 5 authors');
      await page.getByRole('button', { name: 'Show up to 200' }).click();
      const raised = await waitForGraph(page, { after: small.draws });
      expect(raised.nodeCount).toBe(await apiNodeCount(ids['Zhepei Wei']!));
      expect(await notice.isHidden()).toBe(true);
      expect(new URL(page.url()).searchParams.get('limit')).toBeNull();
    });
  });

  it('says when the server cannot be reached', async () => {
    await withPage('unreachable', async (page) => {
      await page.goto(`${http.origin}/explore?author=${encodeURIComponent(ids['Zhepei Wei']!)}`);
      const first = await waitForGraph(page);
      await page.route('**/graphql', (route) => route.abort('connectionrefused'));
      await page.getByRole('radio', { name: 'and theirs' }).check();
      await waitForGraph(page, { after: first.draws, state: 'error' });
      expect(await page.getByRole('status').innerText()).toContain('The server cannot be reached');
    });
  });
});
