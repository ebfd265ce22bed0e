/**
 * Derived data held in memory (the coauthor graph, the paper facts), kept as fresh as the database: every
 * import bumps a version row in its own transaction (`data_versions`), and `current()` checks it (one tiny
 * query) and rebuilds when it moved, so an answer is never older than the last committed import.
 * Concurrent requests share one rebuild. A domain object handed to the server, never a module singleton.
 */
import type { Database } from '../db/client.js';
import { dataVersion, type DataVersionName } from '../db/queries/data-versions.js';

export interface SnapshotBuild {
  bytes: number;
  milliseconds: number;
  /** The data version the build reflects. */
  version: number;
  /** When it finished (ms since the epoch). */
  finishedAt: number;
}

export class VersionedSnapshot<T extends { byteSize: number }> {
  private value: T | undefined;
  private version = -1;
  private building: Promise<T> | undefined;
  /** Figures of the last build, for logs, metrics and benchmarks. */
  lastBuild: SnapshotBuild | undefined;

  /** The data as last built, without checking freshness (for metrics and readiness); undefined before the first build. */
  get built(): T | undefined {
    return this.value;
  }

  constructor(
    private readonly db: Database,
    private readonly name: DataVersionName,
    private readonly load: (db: Database) => Promise<T>,
  ) {}

  /** The data as of the latest committed import. */
  async current(): Promise<T> {
    const version = await dataVersion(this.db, this.name);
    // A rebuild already under way may have taken its snapshot before that import committed: join it, and
    // build again if what it read is still older than the version just seen.
    while (!this.value || this.version < version) {
      this.building ??= this.rebuild().finally(() => (this.building = undefined));
      await this.building;
    }
    return this.value;
  }

  private async rebuild(): Promise<T> {
    const started = performance.now();
    // One snapshot for the version and every read: an import committing meanwhile is not half-read.
    const { value, version } = await this.db.transaction(
      async (tx) => {
        const snapshotVersion = await dataVersion(tx as unknown as Database, this.name);
        return { value: await this.load(tx as unknown as Database), version: snapshotVersion };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    this.value = value;
    this.version = version;
    this.lastBuild = { bytes: value.byteSize, milliseconds: performance.now() - started, version, finishedAt: Date.now() };
    return value;
  }
}
