/** An import given nothing it can read fails (exit 1) with a clear line, and writes nothing. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliDatabase, runImport, type CliDatabase } from './helpers/cli.js';

const temp = mkdtempSync(join(tmpdir(), 'scholargraph-import-nothing-'));
let db: CliDatabase;

beforeAll(async () => {
  db = await createCliDatabase();
});
afterAll(async () => db?.close());

describe('import of nothing importable', () => {
  it('a directory holding only unrecognised files: exit 1, each named, nothing written', async () => {
    const dir = join(temp, 'unrecognised');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'shopping list: milk, eggs\n');
    writeFileSync(join(dir, 'image.bin'), Buffer.from([0, 1, 2, 3, 255, 254]));
    const before = await db.counts();
    const run = await runImport([dir], db.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/notes\.txt: not imported: no format recognises it/);
    expect(run.stderr).toMatch(/image\.bin: not imported/);
    expect(run.stderr).toMatch(/^nothing imported: no file given is in a format this command reads/m);
    expect(await db.counts()).toEqual(before);
  });

  it('an empty directory: exit 1', async () => {
    const dir = join(temp, 'empty');
    mkdirSync(dir);
    const run = await runImport([dir], db.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^nothing imported/m);
  });
});
