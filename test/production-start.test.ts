/**
 * The production start, as the Dockerfile runs it but outside a container: `npm run build` compiles into a
 * directory, which is started with plain `node` (no tsx, no sources beside it) from an installation that
 * holds only the build, package.json and node_modules. The embedded database then lives in that
 * installation's `.data/pglite`, is reused by the next start, and the compiled import command writes to it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postQuery, repo, startServerProcess, stopProcess, userEnv } from './helpers/server-process.js';

const app = mkdtempSync(join(tmpdir(), 'scholargraph-app-'));
afterAll(() => rmSync(app, { recursive: true, force: true }));

const startCompiled = () =>
  startServerProcess(process.execPath, ['dist/src/main.js'], { cwd: app, env: { NODE_ENV: 'production', DEMO_DATA: 'profile' } });

beforeAll(() => {
  const build = spawnSync('npm', ['run', 'build', '--', '--out-dir', join(app, 'dist')], { cwd: repo, encoding: 'utf8' });
  expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
  copyFileSync(join(repo, 'package.json'), join(app, 'package.json'));
  symlinkSync(join(repo, 'node_modules'), join(app, 'node_modules'), 'dir');
}, 240_000);

describe('the compiled server', () => {
  it('holds what it needs at run time and nothing to run through tsx', () => {
    for (const file of ['src/main.js', 'scripts/import.js', 'db/migrations/meta/_journal.json', 'data/demo/seed-profile.txt', 'explore/index.html']) {
      expect(existsSync(join(app, 'dist', file)), file).toBe(true);
    }
    expect(existsSync(join(app, 'src'))).toBe(false);
  });

  it('starts with plain node, keeps its data in the installation, and exits 0 on SIGTERM', async () => {
    const first = await startCompiled();
    expect(first.output()).toContain(`PGlite in ${join(app, '.data', 'pglite')}`);
    expect(first.output()).toMatch(/demo data loaded in [\d.]+ s: 18 papers/);
    const body = await postQuery(first.url, '{ authors(search: "Zhepei Wei") { nodes { paperCount } } }');
    expect(body.data.authors.nodes).toEqual([{ paperCount: 18 }]);
    const graphiql = await fetch(first.url, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toContain('GraphiQL');
    // The explorer's page and its hashed script, from the build's dist/explore/.
    const explorer = await fetch(first.url.replace(/\/graphql$/, '/explore'));
    expect(explorer.status).toBe(200);
    const script = /src="(\/explore\/assets\/[^"]+\.js)"/.exec(await explorer.text())?.[1];
    expect(script).toBeDefined();
    expect((await fetch(new URL(script!, first.url))).headers.get('cache-control')).toContain('immutable');
    expect(await stopProcess(first.child)).toBe(0);

    // The compiled import command writes to the same embedded database with no configuration.
    const paper = join(app, 'paper.txt');
    spawnSync('sh', ['-c', `printf 'id = {Z99-0002}\\nauthor = {Hopper, Grace}\\ntitle = {Compiling Routines}\\nvenue = {ACL}\\nyear = {1952}\\n' > ${paper}`]);
    const imported = spawnSync(process.execPath, ['dist/scripts/import.js', paper], { cwd: app, env: userEnv({}), encoding: 'utf8' });
    expect(imported.status, imported.stderr).toBe(0);

    const second = await startCompiled();
    expect(second.output()).not.toContain('demo data loaded');
    const after = await postQuery(second.url, '{ authors(search: "Zhepei Wei") { totalCount } papers(filter: { search: "Compiling Routines" }) { nodes { year } } }');
    expect(after.data).toEqual({ authors: { totalCount: 1 }, papers: { nodes: [{ year: 1952 }] } });
    expect(await stopProcess(second.child)).toBe(0);
  });
});
