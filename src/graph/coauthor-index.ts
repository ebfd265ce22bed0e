/** Loading the coauthor graph from the database, and the server's copy of it (see versioned-snapshot.ts). */
import type { Database } from '../../db/client.js';
import {
  authorIdRange,
  authorIdsInRange,
  packedAuthorshipsInRange,
  packedPaperYearsInRange,
  paperIdBounds,
  tiesInRange,
} from '../../db/queries/coauthor-ties.js';
import { CoauthorGraph } from './coauthor-graph.js';
import { TeamGraphBuilder } from './graph-from-teams.js';
import { IntList } from '../int-list.js';
import { VersionedSnapshot } from '../versioned-snapshot.js';

/**
 * Read every paper's team, one slice of paper ids at a time, and build the graph in memory (fast: see
 * graph-from-teams.ts). The next slice is requested before the current one is processed, so the database
 * reads while JS builds. Author ids beyond the packed range fall back to ties aggregated in SQL.
 */
export async function loadCoauthorGraph(db: Database, sliceSize = 250_000): Promise<CoauthorGraph> {
  const range = await paperIdBounds(db);
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

/** The server's coauthor graph, rebuilt after every import that changed authorships. */
export class CoauthorIndex extends VersionedSnapshot<CoauthorGraph> {
  constructor(db: Database) {
    super(db, 'coauthors', (tx) => loadCoauthorGraph(tx));
  }
}
