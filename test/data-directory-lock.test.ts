/**
 * One process at a time in an embedded data directory: an import into the directory of a running server is
 * refused with the server's pid (before, its rows were silently lost when the server restarted), and a
 * server killed with SIGKILL does not lock the directory for good.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport } from './helpers/cli.js';
import { postQuery, startSourceServer, stopProcess } from './helpers/server-process.js';

const work = mkdtempSync(join(tmpdir(), 'scholargraph-lock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const dataDir = join(work, 'pglite');
/** One small paper, in the AAN metadata format. */
const paperFile = join(work, 'paper.txt');
writeFileSync(paperFile, 'id = {Z99-0001}\nauthor = {Lovelace, Ada}\ntitle = {Notes on the Analytical Engine}\nvenue = {ACL}\nyear = {1843}\n');

async function titles(url: string): Promise<string[]> {
  const body = await postQuery(url, '{ papers(filter: { search: "Analytical Engine" }) { nodes { title } } }');
  return body.data.papers.nodes.map((p: { title: string }) => p.title);
}

describe('the embedded data directory', () => {
  it('refuses an import while a server holds it, naming the server, and takes it once the server stopped', async () => {
    const server = await startSourceServer({ PGLITE_DIR: dataDir, DEMO_DATA: 'profile' });
    try {
      const refused = await runImport([paperFile], { PGLITE_DIR: dataDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`in use by process ${server.child.pid}`);
      expect(refused.stderr).toContain('nothing imported');
      // The server is untouched and still answers.
      expect(await titles(server.url)).toEqual([]);
    } finally {
      expect(await stopProcess(server.child)).toBe(0);
    }
    const imported = await runImport([paperFile], { PGLITE_DIR: dataDir });
    expect(imported.code, imported.stderr).toBe(0);
    const again = await startSourceServer({ PGLITE_DIR: dataDir, DEMO_DATA: 'profile' });
    try {
      expect(await titles(again.url)).toEqual(['Notes on the Analytical Engine']);
    } finally {
      await stopProcess(again.child);
    }
  });

  it('refuses a second server and is free again after its holder was killed with SIGKILL', async () => {
    const first = await startSourceServer({ PGLITE_DIR: dataDir, DEMO_DATA: 'profile' });
    await expect(startSourceServer({ PGLITE_DIR: dataDir })).rejects.toThrow(new RegExp(`in use by process ${first.child.pid} .*Only one process`, 's'));
    expect(await stopProcess(first.child, 'SIGKILL')).toBe(null);
    const second = await startSourceServer({ PGLITE_DIR: dataDir, DEMO_DATA: 'profile' });
    try {
      expect((await postQuery(second.url, '{ authors(search: "Zhepei Wei") { totalCount } }')).data.authors.totalCount).toBe(1);
    } finally {
      expect(await stopProcess(second.child)).toBe(0);
    }
  });
});
