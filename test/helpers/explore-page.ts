/**
 * The explorer page for browser tests and its benchmark: its build (made once, reused while current: the
 * same git-ignored copy `npm start` serves), and reading what the page drew.
 */
import type { Page } from 'playwright-core';
import { defaultExploreAssetsDir } from '../../src/explore/assets-location.js';
import { ensureClientBuilt } from '../../src/explore/client-build.js';

/** Build the page unless `.data/explore/` holds a build of the current sources; returns its directory. */
export async function builtExplorePage(): Promise<string> {
  await ensureClientBuilt(defaultExploreAssetsDir);
  return defaultExploreAssetsDir;
}

export interface DrawnGraph {
  state: string | undefined;
  nodeCount: number;
  center: string | undefined;
  pathLength: number;
  firstFrameMs: number;
  /** Networks (or failures) drawn since the page loaded. */
  draws: number;
}

/** What the graph container says it shows (its data attributes). */
export async function drawnGraph(page: Page): Promise<DrawnGraph> {
  const data = await page.locator('#graph').evaluate((element) => ({ ...(element as HTMLElement).dataset }));
  return {
    state: data.state,
    nodeCount: Number(data.nodeCount ?? NaN),
    center: data.center,
    pathLength: Number(data.pathLength ?? 0),
    firstFrameMs: Number(data.firstFrameMs ?? NaN),
    draws: Number(data.draws ?? 0),
  };
}

/**
 * Wait until the page has drawn more than `after` networks (or failures), the last one in `state`, with its
 * layout settled.
 */
export async function waitForGraph(page: Page, options: { after?: number; state?: 'ready' | 'empty' | 'error'; timeout?: number } = {}): Promise<DrawnGraph> {
  const { after = 0, state = 'ready', timeout = 20_000 } = options;
  await page.waitForFunction(
    ([after, state]) => {
      const graph = document.getElementById('graph');
      if (!graph || Number(graph.dataset.draws ?? 0) <= Number(after)) return false;
      return graph.dataset.state === state && (state === 'error' || graph.dataset.layout === 'done');
    },
    [after, state] as const,
    { timeout },
  );
  return drawnGraph(page);
}

/** Where a node is drawn, in page coordinates (sigma's graphToViewport, offset by the container). */
export async function nodeOnScreen(page: Page, authorId: string): Promise<{ x: number; y: number }> {
  const box = (await page.locator('#graph').boundingBox())!;
  const position = await page.evaluate((id) => window.scholargraphExplorer.nodePosition(id), authorId);
  if (!position) throw new Error(`node ${authorId} is not drawn`);
  return { x: box.x + position.x, y: box.y + position.y };
}
