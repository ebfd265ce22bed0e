/**
 * Import progress on stderr: a bar with records, rate and ETA on a terminal; a plain line every few
 * seconds otherwise (CI logs, pipes), so long imports are never silent.
 */
import type { InputSource } from './source.js';

export interface ProgressReporter {
  update(records: number): void;
  done(records: number): void;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function createProgress(
  input: InputSource,
  stream: NodeJS.WriteStream = process.stderr,
  intervalMs = 5000,
): ProgressReporter {
  const started = Date.now();
  // The first line comes after one interval: short imports print only their final line.
  let lastPrint = started;
  const label = input.name === '-' ? 'stdin' : input.name;
  const line = (records: number) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? records / seconds : 0;
    const { read, total } = input.progress();
    const share = total ? Math.min(1, read / total) : undefined;
    const eta = share && share > 0 ? (seconds / share) * (1 - share) : undefined;
    return { rate, share, eta, text: `${fmt(records)} records, ${fmt(rate)}/s` };
  };
  return {
    update(records) {
      const now = Date.now();
      if (stream.isTTY) {
        if (now - lastPrint < 100) return;
        lastPrint = now;
        const { share, eta, text } = line(records);
        const width = 24;
        const bar = share === undefined ? '' : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${Math.round(share * 100)}% `;
        stream.write(`\r${label}: ${bar}${text}${eta !== undefined ? `, ETA ${Math.ceil(eta)} s` : ''}   `);
      } else if (now - lastPrint >= intervalMs) {
        lastPrint = now;
        stream.write(`${label}: ${line(records).text}\n`);
      }
    },
    done(records) {
      const { text } = line(records);
      stream.write(`${stream.isTTY ? '\r' : ''}${label}: ${text}, done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    },
  };
}
