/**
 * The server's paper facts index: built from the database on first use and rebuilt whenever an import has
 * changed papers, authorships, topic links or citations since (each import bumps the `papers` version in
 * its own transaction; every request that groups papers checks it: one tiny query). Concurrent requests
 * share one rebuild. Same shape as the coauthor graph's index (src/graph/coauthor-index.ts).
 */
import type { Database } from '../../db/client.js';
import { packedAuthorshipsInRange } from '../../db/queries/coauthor-ties.js';
import { dataVersion, packedPapersInRange, packedTopicLinksInRange, paperIdBounds } from '../../db/queries/paper-facts.js';
import { PaperFacts, PaperFactsBuilder } from './paper-facts.js';

/** Read every slice (the next requested before the current is unpacked) and build the arrays. */
export async function loadPaperFacts(db: Database, sliceSize = 250_000): Promise<PaperFacts> {
  const bounds = await paperIdBounds(db);
  const builder = new PaperFactsBuilder();
  if (bounds) {
    const fetchSlice = (from: number) => {
      const to = Math.min(bounds.max, from + sliceSize - 1);
      const slice = Promise.all([packedPapersInRange(db, from, to), packedTopicLinksInRange(db, from, to), packedAuthorshipsInRange(db, from, to)]);
      slice.catch(() => {}); // awaited in its turn; no unhandled rejection meanwhile
      return { to, slice };
    };
    let next: ReturnType<typeof fetchSlice> | undefined = fetchSlice(bounds.min);
    while (next) {
      const current: ReturnType<typeof fetchSlice> = next;
      const [papers, links, authorships] = await current.slice;
      next = current.to < bounds.max ? fetchSlice(current.to + 1) : undefined;
      builder.addPapers(papers);
      builder.addPairs('topics', links);
      builder.addPairs('authors', authorships);
    }
  }
  return builder.build();
}

export interface FactsBuildStats {
  papers: number;
  bytes: number;
  milliseconds: number;
}

export class PaperFactsIndex {
  private facts: PaperFacts | undefined;
  private version = -1;
  private building: Promise<PaperFacts> | undefined;
  lastBuild: FactsBuildStats | undefined;

  constructor(private readonly db: Database) {}

  /** The facts as of the latest committed import. */
  async current(): Promise<PaperFacts> {
    const version = await dataVersion(this.db, 'papers');
    if (this.facts && version === this.version) return this.facts;
    this.building ??= this.rebuild().finally(() => (this.building = undefined));
    return this.building;
  }

  private async rebuild(): Promise<PaperFacts> {
    const started = performance.now();
    // One snapshot for the version and every slice: an import committing meanwhile is not half-read.
    const { facts, version } = await this.db.transaction(
      async (tx) => {
        const snapshotVersion = await dataVersion(tx as unknown as Database, 'papers');
        return { facts: await loadPaperFacts(tx as unknown as Database), version: snapshotVersion };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    this.facts = facts;
    this.version = version;
    this.lastBuild = { papers: facts.paperCount, bytes: facts.byteSize, milliseconds: performance.now() - started };
    return facts;
  }
}
