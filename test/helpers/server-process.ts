/**
 * The server as a process of its own, started the way a user starts it (`node --import tsx src/main.ts`,
 * `npm start`, the compiled `node dist/src/main.js`), waited for until it says where it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/**
 * The environment of a user who configured nothing: the test run's own DATABASE_URL / PGLITE_DIR are left
 * out, so a process uses the embedded default unless `env` says otherwise. It listens on a free port.
 */
export function userEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _a, PGLITE_DIR: _b, ...inherited } = process.env;
  return { ...inherited, HOST: '127.0.0.1', PORT: '0', ...env };
}

/** Start a server command; resolves once it prints its GraphiQL address, rejects if it exits first. */
export function startServerProcess(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const child = spawn(command, args, { cwd: options.cwd ?? repo, env: userEnv(options.env ?? {}) });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 150_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphiQL at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

/** `node --import tsx src/main.ts`: Node itself with tsx as a loader, so a signal reaches the server directly. */
export const startSourceServer = (env: Record<string, string> = {}) =>
  startServerProcess(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env });

/** Send a signal and resolve with the exit code (null when killed by the signal). */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.on('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

export async function postQuery(url: string, query: string): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return response.json();
}

/** True while something answers HTTP at `url`. */
export async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}
