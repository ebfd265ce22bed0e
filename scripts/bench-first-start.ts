/**
 * npm run bench:first-start [-- --runs 3]
 *
 * What a newcomer waits for: `npm start`'s server process started on an empty embedded data directory
 * (it migrates and loads the full demo data, then builds its in-memory indexes), and started again on the
 * same directory (it loads nothing). Each run uses a fresh temporary directory. Prints the demo load time
 * the server reports, the time until it listens, and the restart's time until it listens; writes
 * bench/results/first-start.json.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { machine, writeResult } from './bench-support.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);

interface Start {
  /** The server's own figure: "demo data loaded in N s". */
  demoLoadSeconds?: number;
  /** From spawning the process to its "ready" line. */
  readySeconds: number;
}

/** Start the server on `dataDir`, wait for its ready line, stop it with SIGTERM. */
function startOnce(dataDir: string): Promise<Start> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PGLITE_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', DEMO_DATA: 'full' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    let demoLoadSeconds: number | undefined;
    let readySeconds: number | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const loaded = /demo data loaded in ([\d.]+) s/.exec(output);
      if (loaded) demoLoadSeconds = Number(loaded[1]);
      if (readySeconds === undefined && /scholargraph ready/.test(output)) {
        readySeconds = (performance.now() - started) / 1000;
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => {
      if (readySeconds === undefined) reject(new Error(`the server exited (code ${code}) before it was ready`));
      else resolve({ demoLoadSeconds, readySeconds });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const results: { first: Start; restart: Start }[] = [];
for (let i = 0; i < runs; i++) {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'scholargraph-first-start-')), 'pglite');
  try {
    const first = await startOnce(dataDir);
    const restart = await startOnce(dataDir);
    results.push({ first, restart });
    console.log(
      `run ${i + 1}: demo load ${first.demoLoadSeconds?.toFixed(1)} s, ready ${first.readySeconds.toFixed(1)} s; ` +
        `restart ready ${restart.readySeconds.toFixed(1)} s`,
    );
  } finally {
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  }
}

const summary = {
  demoLoadSeconds: median(results.map((r) => r.first.demoLoadSeconds ?? NaN)),
  firstReadySeconds: median(results.map((r) => r.first.readySeconds)),
  restartReadySeconds: median(results.map((r) => r.restart.readySeconds)),
};
console.log('');
console.log(`median of ${runs} runs (${machine().cpus} cores, ${machine().cpu}, Node ${process.version}):`);
console.log(`  first start: demo data loaded in ${summary.demoLoadSeconds.toFixed(1)} s, ready after ${summary.firstReadySeconds.toFixed(1)} s`);
console.log(`  restart:     ready after ${summary.restartReadySeconds.toFixed(1)} s`);
writeResult('first-start.json', { date: new Date().toISOString(), machine: machine(), runs: results, median: summary });
