/**
 * One process at a time in an embedded data directory. PGlite is PostgreSQL in a single process: a second
 * process opening the same directory (an import while the server runs) works on its own copy of the pages
 * and one of the two silently overwrites the other's writes. So whoever opens a directory holds a lock on it
 * for as long as it is open, and a second process is refused, told which process holds it.
 *
 * The lock itself is proper-lockfile's: an atomic `mkdir` of `<dir>.lock` whose modification time the holder
 * refreshes; a lock nobody refreshed for `STALE_MS` is taken over. Beside it, `<dir>.lock.json` names the
 * holder (pid, host, command, start time) for the refusal message. A holder killed with SIGKILL leaves both
 * behind: when the named process is no longer running on this host the lock is removed at once instead of
 * waiting for it to go stale.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * Long enough that a holder busy in one long embedded statement (PGlite runs SQL on the main thread, so the
 * refresh timer waits for it) is not taken for dead; a holder that is really gone is detected by its pid.
 */
const STALE_MS = 60_000;

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export class DataDirectoryLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | undefined,
  ) {
    const who = holder
      ? `process ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.since})`
      : 'another process';
    super(
      `The embedded database in ${dataDir} is in use by ${who}. Only one process may open it at a time: ` +
        'stop that process first (to import into the database a server is using, stop the server, import, then start it), ' +
        'or set DATABASE_URL to use a PostgreSQL server, which any number of processes can share.',
    );
    this.name = 'DataDirectoryLockedError';
  }
}

const holderFile = (dataDir: string) => `${dataDir}.lock.json`;
const lockDir = (dataDir: string) => `${dataDir}.lock`;

function readHolder(dataDir: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(holderFile(dataDir), 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/** True unless the holder is known to be gone: a process of this host that no longer exists (or is us). */
function holderMayBeAlive(holder: LockHolder | undefined): boolean {
  if (!holder || holder.host !== hostname()) return true;
  // Our own pid can only be in the file if an earlier process with the same pid (PID 1 in a container
  // restarted on the same volume) was killed while holding it.
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Lock `dataDir` (created if missing) for this process; resolves to the function that releases it. Throws
 * DataDirectoryLockedError when a live process holds it. `onLost` is called if the lock is taken from us
 * (its refresh fell more than STALE_MS behind), after which the caller must stop writing.
 */
export async function lockDataDirectory(dataDir: string, onLost: (error: Error) => void): Promise<() => Promise<void>> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const options = { stale: STALE_MS, realpath: false, lockfilePath: lockDir(dir), onCompromised: onLost };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const holder = readHolder(dir);
    if (holderMayBeAlive(holder)) throw new DataDirectoryLockedError(dir, holder);
    // Left behind by a process that was killed: take it over now.
    rmSync(lockDir(dir), { recursive: true, force: true });
    release = await lockfile.lock(dir, options);
  }
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: process.argv.slice(1).join(' '),
    since: new Date().toISOString(),
  };
  writeFileSync(holderFile(dir), `${JSON.stringify(holder)}\n`);
  return async () => {
    rmSync(holderFile(dir), { force: true });
    await release();
  };
}
