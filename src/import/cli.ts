/**
 * `import <file|dir|->... [--format F] [--dry-run] [--batch-size N] [--skip-invalid] [--profile-year Y]`:
 * load bibliographic files into the database named by DATABASE_URL, else the embedded one the server uses.
 * Each file is one transaction: all of it or nothing. Exit codes: 0 imported, 1 a file failed or nothing
 * given was importable, 2 usage.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { DataDirectoryLockedError } from '../../db/pglite-lock.js';
import { ConfigError, readConfig } from '../config.js';
import { ImportError } from './errors.js';
import { detectFormat, FORMAT_NAMES } from './formats/index.js';
import { createProgress } from './progress.js';
import { importSource, type ImportResult } from './run-import.js';
import { fileSource, stdinSource, type InputSource } from './source.js';
import type { ImportSummary } from './summary.js';

const USAGE = `usage: import <file|dir|->... [--format auto|${FORMAT_NAMES.join('|')}] [--dry-run] [--batch-size N] [--skip-invalid] [--profile-year YEAR]
Reads files (gzip or plain), every file of a directory, or standard input (-).
Writes to DATABASE_URL (postgres://…), else to the embedded database the server uses (.data/pglite, or PGLITE_DIR).`;

class UsageError extends Error {}

/** Expand directories into their files, name order, with citation edge lists after the papers they link. */
async function collectInputs(paths: string[]): Promise<{ inputs: InputSource[]; unrecognised: string[] }> {
  const files: string[] = [];
  for (const path of paths) {
    if (path === '-') files.push('-');
    else if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        const full = join(path, name);
        if (!name.startsWith('.') && statSync(full).isFile()) files.push(full);
      }
    } else if (statSync(path, { throwIfNoEntry: false })?.isFile()) files.push(path);
    else throw new UsageError(`no such file or directory: ${path}`);
  }
  const inputs = files.map((f) => (f === '-' ? stdinSource() : fileSource(f)));
  if (!paths.some((p) => p !== '-' && statSync(p).isDirectory())) return { inputs, unrecognised: [] };
  // In a directory, files no format recognises are reported and left out; the rest are ordered so that
  // edge lists come after the metadata whose papers they connect.
  const kept: { input: InputSource; edges: boolean }[] = [];
  const unrecognised: string[] = [];
  for (const input of inputs) {
    const format = await detectFormat(input);
    if (!format) unrecognised.push(input.name);
    else kept.push({ input, edges: await isEdgeList(input) });
  }
  kept.sort((a, b) => Number(a.edges) - Number(b.edges));
  return { inputs: kept.map((k) => k.input), unrecognised };
}

async function isEdgeList(input: InputSource): Promise<boolean> {
  for await (const line of input.lines()) if (line.text.trim() !== '') return / , /.test(line.text) && !line.text.includes('=');
  return false;
}

function printSummary(result: ImportResult, dryRun: boolean): void {
  const s: ImportSummary = result.summary;
  const rows = (['papers', 'authors', 'venues', 'topics', 'authorships', 'paperTopics', 'citations'] as const).map(
    (k) => `  ${k.padEnd(12)} ${[s[k].inserted, s[k].updated, s[k].unchanged, s[k].removed].map((n) => String(n).padStart(9)).join(' ')}`,
  );
  console.log(`${result.file} (${result.format})${dryRun ? ' — dry run, nothing written' : ''}: ${result.records} records`);
  console.log(`  ${''.padEnd(12)} ${['inserted', 'updated', 'unchanged', 'removed'].map((h) => h.padStart(9)).join(' ')}`);
  for (const row of rows) console.log(row);
  console.log(
    `  unresolved references: ${s.unresolvedReferences}, self-citations (not stored): ${s.selfCitations}, ` +
      `duplicate records merged: ${s.duplicateRecords}, skipped records: ${s.skippedRecords}`,
  );
}

export async function runImportCli(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'auto' },
        'dry-run': { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        'skip-invalid': { type: 'boolean', default: false },
        'profile-year': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const batchSize = values['batch-size'] === undefined ? 5000 : Number(values['batch-size']);
  const profileYear = values['profile-year'] === undefined ? undefined : Number(values['profile-year']);
  if (positionals.length === 0 || !Number.isInteger(batchSize) || batchSize < 1 || (profileYear !== undefined && !Number.isInteger(profileYear))) {
    console.error(USAGE);
    return 2;
  }
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`configuration error: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (!config.databaseUrl && !config.pgliteDir) {
    console.error('PGLITE_DIR=memory:// keeps the database in memory: an import there would be thrown away. Leave PGLITE_DIR unset (the embedded database in .data/pglite), name a directory, or set DATABASE_URL.');
    return 2;
  }

  let inputs: InputSource[];
  let unrecognised: string[];
  try {
    ({ inputs, unrecognised } = await collectInputs(positionals));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  for (const name of unrecognised) console.error(`${name}: not imported: no format recognises it (pass it alone with --format)`);
  if (inputs.length === 0) {
    // An import that imports nothing is a failure a script must see, not a quiet success.
    console.error(`nothing imported: no file given is in a format this command reads (${FORMAT_NAMES.join(', ')})`);
    return 1;
  }

  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
  } catch (error) {
    if (!(error instanceof DataDirectoryLockedError)) throw error;
    console.error(`${error.message}\nnothing imported`);
    return 1;
  }
  let failed = false;
  try {
    await handle.migrate();
    for (const input of inputs) {
      const progress = createProgress(input);
      try {
        const result = await importSource(handle.db, input, {
          format: values.format!,
          dryRun: values['dry-run'],
          batchSize,
          skipInvalid: values['skip-invalid'],
          currentYear: profileYear ?? config.profileYear,
          onProgress: (n) => progress.update(n),
          onSkipped: (s) => console.error(`${s.file}:${s.line}: skipped: ${s.reason}`),
        });
        progress.done(result.records);
        printSummary(result, values['dry-run']!);
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        console.error(`${error.message}\n${input.name}: nothing imported from this file (the database is as before)`);
        failed = true;
      }
    }
  } finally {
    await handle.close();
  }
  return failed ? 1 : 0;
}
