/**
 * npm run bench:explore [-- --authors 10000 --limit 2000 --pan-seconds 3]
 *
 * How the explorer copes with the largest network the API answers (`coauthorNetwork(limit: 2000)`), in
 * headless Chromium on this machine's software rendering (Debian's chromium, --disable-gpu: WebGL through
 * SwiftShader). It loads the synthetic graph of `--authors` authors into PostgreSQL (once, through
 * scripts/generate.ts, as bench:graph does), serves it with the explorer, picks the most productive author
 * whose depth-2 network reaches the limit, opens `/explore?author=<id>&depth=2&limit=2000` and measures:
 *   - response → first frame: from the GraphQL answer's arrival (parsed) to sigma's first drawn frame of
 *     it, as the page records it (the model mapping included);
 *   - navigation → drawn: from opening the URL to that frame (page load, requests and all);
 *   - panning: a scripted mouse drag for `--pan-seconds` once the layout has settled, counting the frames
 *     sigma drew and the browser's animation frames, with the longest gap between two; then as long a pan
 *     by camera animations (no mouse events).
 * Prints a table and writes bench/results/explore.json with the machine it ran on.
 */
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../db/client.js';
import { CoauthorIndex } from '../src/graph/coauthor-index.js';
import { createLogger } from '../src/logger.js';
import { createServer } from '../src/server.js';
import { launchBrowser, openIsolatedPage } from '../test/helpers/browser.js';
import { builtExplorePage, waitForGraph } from '../test/helpers/explore-page.js';
import { listen } from '../test/helpers/http-server.js';
import { ensureSyntheticDatabase, formatMs, machine, summarize, writeResult } from './bench-support.js';

const { values } = parseArgs({
  options: {
    authors: { type: 'string', default: '10000' },
    limit: { type: 'string', default: '2000' },
    'pan-seconds': { type: 'string', default: '3' },
    runs: { type: 'string', default: '3' },
    fresh: { type: 'boolean', default: false },
  },
});
const authors = Number(values.authors);
const limit = Number(values.limit);
const panSeconds = Number(values['pan-seconds']);
const runs = Math.max(1, Number(values.runs));

interface PanResult {
  seconds: number;
  sigmaFrames: number;
  animationFrames: number;
  longestGapMs: number;
}

/** Drag the empty corner of the canvas back and forth for `seconds`, counting frames in the page meanwhile. */
async function pan(page: Page, seconds: number): Promise<PanResult> {
  const box = (await page.locator('#graph').boundingBox())!;
  // A string, not a function: tsx would wrap the named callback in a helper the page does not have.
  await page.evaluate(`(() => {
    const probe = { frames: 0, last: performance.now(), longest: 0, stop: false };
    window.panProbe = probe;
    requestAnimationFrame(function tick(now) {
      probe.frames++;
      probe.longest = Math.max(probe.longest, now - probe.last);
      probe.last = now;
      if (!probe.stop) requestAnimationFrame(tick);
    });
  })()`);
  const rendersBefore = await page.evaluate(() => window.scholargraphExplorer.renderCount());
  const started = Date.now();
  // The top left corner: the layout is fitted to the middle of the canvas, so a drag there moves the camera,
  // not a node.
  const [x0, y0] = [box.x + 15, box.y + 15];
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 0; Date.now() - started < seconds * 1000; i++) {
    // A slow circle of 150 px: the camera moves on every step.
    const angle = i / 12;
    await page.mouse.move(x0 + 150 + 150 * Math.cos(angle + Math.PI), y0 + 150 * Math.sin(angle + Math.PI) + 150);
    await page.waitForTimeout(8);
  }
  await page.mouse.up();
  const elapsed = (Date.now() - started) / 1000;
  const probe = (await page.evaluate('(() => { window.panProbe.stop = true; return { frames: window.panProbe.frames, longest: window.panProbe.longest }; })()')) as {
    frames: number;
    longest: number;
  };
  const sigmaFrames = (await page.evaluate(() => window.scholargraphExplorer.renderCount())) - rendersBefore;
  return { seconds: elapsed, sigmaFrames, animationFrames: probe.frames, longestGapMs: probe.longest };
}

/**
 * Pan by camera animations (sigma's `camera.animate`, as a page's "go to" would) for `seconds`: the same
 * drawing as a drag, without the mouse events, whose hover checks read pixels back from the GPU.
 */
async function animatedPan(page: Page, seconds: number): Promise<{ seconds: number; sigmaFrames: number; animationFrames: number }> {
  return (await page.evaluate(`(async () => {
    const camera = window.scholargraphExplorer.sigma.getCamera();
    const before = window.scholargraphExplorer.renderCount();
    let animationFrames = 0;
    let stop = false;
    requestAnimationFrame(function tick() { animationFrames++; if (!stop) requestAnimationFrame(tick); });
    const start = performance.now();
    for (let i = 0; performance.now() - start < ${seconds * 1000}; i++) {
      await camera.animate({ x: 0.5 + 0.15 * Math.cos(i), y: 0.5 + 0.15 * Math.sin(i) }, { duration: 500 });
    }
    stop = true;
    return { seconds: (performance.now() - start) / 1000, sigmaFrames: window.scholargraphExplorer.renderCount() - before, animationFrames };
  })()`)) as { seconds: number; sigmaFrames: number; animationFrames: number };
}

async function main() {
  const url = await ensureSyntheticDatabase(authors, values.fresh);
  const handle = await openDatabase({ url, maxConnections: 4 });
  await handle.migrate();
  const coauthors = new CoauthorIndex(handle.db);
  await coauthors.current();
  const assetsDir = await builtExplorePage();
  const yoga = createServer({ db: handle.db, coauthors, explore: { assetsDir }, logger: createLogger({ level: 'warn' }) });
  const http = await listen(yoga);

  // The most productive authors first; the first whose depth-2 network reaches the limit is the subject.
  const query = async (q: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${http.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q, variables }) });
    return ((await response.json()) as { data: any }).data;
  };
  const candidates = (await query('{ authors(orderBy: { field: PAPER_COUNT, direction: DESC }, first: 30) { nodes { id name } } }')).authors.nodes as { id: string; name: string }[];
  let subject: { id: string; name: string; nodes: number; edges: number; truncated: boolean } | undefined;
  for (const author of candidates) {
    const network = (await query('query($a: ID!, $l: Int!) { coauthorNetwork(authorId: $a, depth: 2, limit: $l) { truncated nodes { authorId } edges { source } } }', { a: author.id, l: limit })).coauthorNetwork;
    if (network.nodes.length >= limit || !subject || network.nodes.length > subject.nodes) {
      subject = { ...author, nodes: network.nodes.length, edges: network.edges.length, truncated: network.truncated };
    }
    if (network.nodes.length >= limit) break;
  }
  if (!subject) throw new Error('the database holds no authors');
  console.log(`subject: ${subject.name}, depth 2: ${subject.nodes} authors, ${subject.edges} ties${subject.truncated ? ' (truncated)' : ''}`);

  /** One page load of `limit` authors at `depth`: its timings and both pans. */
  async function measure(browser: Browser, depth: number, pageLimit: number) {
    const { page, context, pageErrors, foreignRequests } = await openIsolatedPage(browser, http.origin);
    try {
      const opened = Date.now();
      await page.goto(`${http.origin}/explore?author=${encodeURIComponent(subject!.id)}&depth=${depth}&limit=${pageLimit}`);
      await page.waitForFunction(() => document.getElementById('graph')?.dataset.state === 'ready', undefined, { timeout: 60_000 });
      const drawnMs = Date.now() - opened;
      const drawn = await waitForGraph(page, { timeout: 120_000 });
      const layoutMs = Date.now() - opened;
      const responseAtMs = Number(await page.locator('#graph').getAttribute('data-response-at-ms'));
      const panned = await pan(page, panSeconds);
      const animated = await animatedPan(page, panSeconds);
      if (pageErrors.length || foreignRequests().length) throw new Error(`page errors ${pageErrors.join(', ')}; foreign requests ${foreignRequests().join(', ')}`);
      return { firstFrameMs: drawn.firstFrameMs, responseAtMs, drawnMs, layoutMs, pan: panned, animatedPan: animated, nodeCount: drawn.nodeCount };
    } finally {
      await context.close();
    }
  }

  const browser = await launchBrowser();
  const measured: Awaited<ReturnType<typeof measure>>[] = [];
  let small: Awaited<ReturnType<typeof measure>> | undefined;
  try {
    for (let run = 0; run < runs; run++) measured.push(await measure(browser, 2, limit));
    // The same author's 50 strongest coauthors: what panning costs on this rendering with a small graph.
    small = await measure(browser, 1, 50);
  } finally {
    await browser.close();
    await http.close();
    await handle.close();
  }

  const fps = measured.map((m) => m.pan.sigmaFrames / m.pan.seconds);
  const rafFps = measured.map((m) => m.pan.animationFrames / m.pan.seconds);
  const report = {
    machine: machine(),
    browser: 'Debian chromium, headless, --disable-gpu (WebGL on SwiftShader)',
    dataset: { authors, subject: subject.name, depth: 2, limit, nodes: subject.nodes, edges: subject.edges, truncated: subject.truncated },
    runs: measured,
    summary: {
      responseToFirstFrameMs: summarize(measured.map((m) => m.firstFrameMs)),
      navigationToDrawnMs: summarize(measured.map((m) => m.drawnMs)),
      navigationToLayoutSettledMs: summarize(measured.map((m) => m.layoutMs)),
      panningSigmaFps: summarize(fps),
      panningAnimationFps: summarize(rafFps),
      panningLongestFrameGapMs: summarize(measured.map((m) => m.pan.longestGapMs)),
      animatedPanSigmaFps: summarize(measured.map((m) => m.animatedPan.sigmaFrames / m.animatedPan.seconds)),
      navigationToResponseMs: summarize(measured.map((m) => m.responseAtMs)),
    },
    smallNetwork: small && {
      nodes: small.nodeCount,
      panningSigmaFps: small.pan.sigmaFrames / small.pan.seconds,
      panningAnimationFps: small.pan.animationFrames / small.pan.seconds,
      animatedPanSigmaFps: small.animatedPan.sigmaFrames / small.animatedPan.seconds,
    },
    targets: { responseToFirstFrameMs: 1000, panningFps: 30 },
  };
  const p50 = (s: { p50: number }) => formatMs(s.p50);
  console.table({
    'response → first frame (ms)': { p50: p50(report.summary.responseToFirstFrameMs), max: formatMs(report.summary.responseToFirstFrameMs.max), target: '< 1000' },
    'navigation → GraphQL response (ms)': { p50: p50(report.summary.navigationToResponseMs), max: formatMs(report.summary.navigationToResponseMs.max), target: '' },
    'navigation → drawn (ms)': { p50: p50(report.summary.navigationToDrawnMs), max: formatMs(report.summary.navigationToDrawnMs.max), target: '' },
    'navigation → layout settled (ms)': { p50: p50(report.summary.navigationToLayoutSettledMs), max: formatMs(report.summary.navigationToLayoutSettledMs.max), target: '' },
    'panning, frames drawn by sigma per s': { p50: p50(report.summary.panningSigmaFps), max: formatMs(report.summary.panningSigmaFps.max), target: '≥ 30' },
    'panning, animation frames per s': { p50: p50(report.summary.panningAnimationFps), max: formatMs(report.summary.panningAnimationFps.max), target: '' },
    'camera-animated pan, frames per s': { p50: p50(report.summary.animatedPanSigmaFps), max: formatMs(report.summary.animatedPanSigmaFps.max), target: '≥ 30' },
    'panning, longest frame gap (ms)': { p50: p50(report.summary.panningLongestFrameGapMs), max: formatMs(report.summary.panningLongestFrameGapMs.max), target: '' },
  });
  if (report.smallNetwork) {
    const smallFps = report.smallNetwork;
    console.log(`for comparison, ${smallFps.nodes} authors: drag ${formatMs(smallFps.panningSigmaFps)} frames/s (${formatMs(smallFps.panningAnimationFps)} animation frames/s), camera-animated ${formatMs(smallFps.animatedPanSigmaFps)} frames/s`);
  }
  console.log(`${measured[0]?.nodeCount} authors drawn; machine: ${report.machine.cpus} × ${report.machine.cpu}`);
  writeResult('explore.json', report);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
