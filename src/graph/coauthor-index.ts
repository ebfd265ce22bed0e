/**
 * The server's coauthor graph: built from the database on first use, rebuilt whenever an import has
 * changed authorships since (each import bumps a version counter in its own transaction, and every request
 * that needs the graph checks it: one tiny query). Concurrent requests share one rebuild.
 */
import type { Database } from '../../db/client.js';
import {
  authorIdRange,
  authorIdsInRange,
  coauthorVersion,
  packedAuthorshipsInRange,
  packedPaperYearsInRange,
  paperIdRange,
  tiesInRange,
} from '../../db/queries/coauthor-ties.js';
import { CoauthorGraph } from './coauthor-graph.js';
import { TeamGraphBuilder } from './graph-from-teams.js';

/** Typed-array list that grows by doubling. */
class IntList {
  private data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export interface BuildStats {
  authors: number;
  ties: number;
  bytes: number;
  milliseconds: number;
}

/**
 * Read every paper's team, one slice of paper ids at a time, and build the graph in memory (fast: see
 * graph-from-teams.ts). The next slice is requested before the current one is processed, so the database
 * reads while JS builds. Author ids beyond the packed range fall back to ties aggregated in SQL.
 */
export async function loadCoauthorGraph(db: Database, sliceSize = 250_000): Promise<CoauthorGraph> {
  const range = await paperIdRange(db);
  const builder = new TeamGraphBuilder();
  if (range) {
    type Slice = { from: number; to: number; slice: Promise<[Uint8Array, Uint8Array]> };
    const fetchSlice = (from: number): Slice => {
      const to = Math.min(range.max, from + sliceSize - 1);
      const slice = Promise.all([packedAuthorshipsInRange(db, from, to), packedPaperYearsInRange(db, from, to)]);
      // Not awaited until its turn; a failure surfaces then, not as an unhandled rejection meanwhile.
      slice.catch(() => {});
      return { from, to, slice };
    };
    let next: Slice | undefined = fetchSlice(range.min);
    while (next) {
      const { from, to, slice }: Slice = next;
      const [authorships, years] = await slice;
      next = to < range.max ? fetchSlice(to + 1) : undefined;
      if (!builder.addSlice(from, to, authorships, years)) {
        if (next) await next.slice.catch(() => {});
        return loadCoauthorGraphFromTies(db);
      }
    }
  }
  return builder.build();
}

/** Ties aggregated by the database, one slice of author ids at a time: for any id range, but slower. */
export async function loadCoauthorGraphFromTies(db: Database, sliceSize = 50_000): Promise<CoauthorGraph> {
  const range = await authorIdRange(db);
  const ids = new IntList();
  const a = new IntList();
  const b = new IntList();
  const papers = new IntList();
  const firstYears = new IntList();
  const lastYears = new IntList();
  if (range) {
    for (let from = range.min; from <= range.max; from += sliceSize) {
      const to = Math.min(range.max, from + sliceSize - 1);
      for (const id of await authorIdsInRange(db, from, to)) ids.push(id);
      for (const tie of await tiesInRange(db, from, to)) {
        a.push(Number(tie.a));
        b.push(Number(tie.b));
        papers.push(Number(tie.papers));
        firstYears.push(Number(tie.first_year));
        lastYears.push(Number(tie.last_year));
      }
    }
  }
  // Slices are read in id order, so both lists arrive sorted as fromSortedTies requires.
  return CoauthorGraph.fromSortedTies(ids.toArray().sort(), {
    a: a.toArray(),
    b: b.toArray(),
    papers: papers.toArray(),
    firstYears: firstYears.toArray(),
    lastYears: lastYears.toArray(),
  });
}

export class CoauthorIndex {
  private graph: CoauthorGraph | undefined;
  private version = -1;
  private building: Promise<CoauthorGraph> | undefined;
  /** Figures of the last build, for logs and benchmarks. */
  lastBuild: BuildStats | undefined;

  constructor(private readonly db: Database) {}

  /** The graph as of the latest committed import. */
  async current(): Promise<CoauthorGraph> {
    const version = await coauthorVersion(this.db);
    if (this.graph && version === this.version) return this.graph;
    this.building ??= this.rebuild().finally(() => (this.building = undefined));
    return this.building;
  }

  private async rebuild(): Promise<CoauthorGraph> {
    const started = performance.now();
    // One snapshot for the version and every slice: an import committing meanwhile is not half-read.
    const { graph, version } = await this.db.transaction(
      async (tx) => {
        const snapshotVersion = await coauthorVersion(tx as unknown as Database);
        return { graph: await loadCoauthorGraph(tx as unknown as Database), version: snapshotVersion };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    this.graph = graph;
    this.version = version;
    this.lastBuild = {
      authors: graph.authorCount,
      ties: graph.tieCount,
      bytes: graph.byteSize,
      milliseconds: performance.now() - started,
    };
    return graph;
  }
}
