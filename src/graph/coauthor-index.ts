/** Loading the coauthor graph from the database, and the server's copy of it (see versioned-snapshot.ts). */
import type { Database } from '../../db/client.js';
import { packedAuthorshipsInRange, packedPaperYearsInRange, paperIdBounds } from '../../db/queries/coauthor-ties.js';
import { CoauthorGraph } from './coauthor-graph.js';
import { KEY_BITS, TeamGraphBuilder } from './graph-from-teams.js';
import { VersionedSnapshot } from '../versioned-snapshot.js';

export interface LoadOptions {
  /** Paper ids per slice read. */
  sliceSize?: number;
  /** Exact-integer bits of a pair key (see graph-from-teams.ts); tests give fewer to split the sort. */
  keyBits?: number;
}

/**
 * Read every paper's team, one slice of paper ids at a time, and build the graph in memory (fast: see
 * graph-from-teams.ts). The next slice is requested before the current one is processed, so the database
 * reads while JS builds.
 */
export async function loadCoauthorGraph(db: Database, { sliceSize = 250_000, keyBits = KEY_BITS }: LoadOptions = {}): Promise<CoauthorGraph> {
  const range = await paperIdBounds(db);
  const builder = new TeamGraphBuilder(keyBits);
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
      builder.addSlice(from, to, authorships, years);
    }
  }
  return builder.build();
}

/** The server's coauthor graph, rebuilt after every import that changed authorships. */
export class CoauthorIndex extends VersionedSnapshot<CoauthorGraph> {
  constructor(db: Database) {
    super(db, 'coauthors', (tx) => loadCoauthorGraph(tx));
  }
}
