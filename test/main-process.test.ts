/**
 * `npm start` as a newcomer runs it: no configuration, no database server. The process migrates an
 * embedded PGlite, loads the demo data, serves GraphiQL, and stops cleanly on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answers, postQuery, startServerProcess, startSourceServer, stopProcess } from './helpers/server-process.js';

const start = startSourceServer;
const stop = stopProcess;

async function ownerPaperCount(url: string): Promise<number> {
  const body = await postQuery(url, '{ authors(search: "Zhepei Wei", first: 1) { nodes { paperCount } } }');
  return body.data.authors.nodes[0].paperCount;
}

const dataDir = mkdtempSync(join(tmpdir(), 'scholargraph-pglite-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the server process on the embedded default', () => {
  it('starts with the full demo data and GraphiQL, and stops on SIGTERM', async () => {
    const server = await start({ PGLITE_DIR: 'memory://' });
    expect(server.output()).toContain('PGlite in memory');
    expect(server.output()).toMatch(/demo data loaded in [\d.]+ s: 26312 papers/);
    expect(await ownerPaperCount(server.url)).toBe(18);
    const aan = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ topic(code: "cs.CL") { paperCount metrics(citations: GRAPH) { citationCount hIndex } }
          venues(search: "neural information") { nodes { paperCount } } paperGroups(by: HAS_CODE) { count } }`,
      }),
    });
    const body = (await aan.json()) as any;
    expect(server.output()).toMatch(/coauthor graph: \d+ authors, \d+ ties .*paper facts: 26312 papers/);
    expect(body.data.topic.paperCount).toBeGreaterThan(18000);
    // Every demo citation is between two ACL Anthology papers, all filed under cs.CL.
    expect(body.data.topic.metrics.citationCount).toBe(82898);
    expect(body.data.topic.metrics.hIndex).toBeGreaterThan(50);
    expect(body.data.paperGroups.reduce((n: number, g: any) => n + g.count, 0)).toBe(26312);
    expect(body.data.venues.nodes[0].paperCount).toBeGreaterThan(8000);
    const page = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('GraphiQL');
    expect(await stop(server.child)).toBe(0);
  }, 180_000);

  it('keeps its data in PGLITE_DIR and does not load the demo twice', async () => {
    const first = await start({ PGLITE_DIR: dataDir, DEMO_DATA: 'profile' });
    expect(first.output()).toMatch(/demo data loaded/);
    expect(await stop(first.child)).toBe(0);
    const second = await start({ PGLITE_DIR: dataDir, DEMO_DATA: 'profile' });
    expect(second.output()).not.toMatch(/demo data loaded/);
    expect(await ownerPaperCount(second.url)).toBe(18);
    expect(await stop(second.child)).toBe(0);
  });

  it('stops when SIGTERM is sent to the npm start process', async () => {
    // npm relays the signal to its script; the script execs node, so the signal reaches the server itself.
    const server = await startServerProcess('npm', ['start', '--silent'], { env: { PGLITE_DIR: 'memory://', DEMO_DATA: 'profile' } });
    expect(await ownerPaperCount(server.url)).toBe(18);
    expect(await stop(server.child)).toBe(0);
    expect(await answers(server.url)).toBe(false);
  });

  it('refuses a bad configuration with a clear message', async () => {
    await expect(start({ PORT: 'eighty' })).rejects.toThrow(/PORT must be a whole number/);
    await expect(start({ DATABASE_URL: 'mysql://x' })).rejects.toThrow(/DATABASE_URL must start with postgres/);
    await expect(start({ DEMO_DATA: 'some' })).rejects.toThrow(/DEMO_DATA must be full, profile or none/);
  });
});
