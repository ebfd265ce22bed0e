/** Loading the paper facts from the database, and the server's copy of them (see versioned-snapshot.ts). */
import type { Database } from '../../db/client.js';
import { packedAuthorshipsInRange, paperIdBounds } from '../../db/queries/coauthor-ties.js';
import { packedCitationsInRange, packedPapersInRange, packedTopicLinksInRange } from '../../db/queries/paper-facts.js';
import { VersionedSnapshot } from '../versioned-snapshot.js';
import { PaperFacts, PaperFactsBuilder } from './paper-facts.js';

/** Read every slice (the next requested before the current is unpacked) and build the arrays. */
export async function loadPaperFacts(db: Database, sliceSize = 250_000): Promise<PaperFacts> {
  const bounds = await paperIdBounds(db);
  const builder = new PaperFactsBuilder();
  if (bounds) {
    const fetchSlice = (from: number) => {
      const to = Math.min(bounds.max, from + sliceSize - 1);
      const slice = Promise.all([
        packedPapersInRange(db, from, to),
        packedTopicLinksInRange(db, from, to),
        packedAuthorshipsInRange(db, from, to),
        packedCitationsInRange(db, from, to),
      ]);
      slice.catch(() => {}); // awaited in its turn; no unhandled rejection meanwhile
      return { to, slice };
    };
    let next: ReturnType<typeof fetchSlice> | undefined = fetchSlice(bounds.min);
    while (next) {
      const current: ReturnType<typeof fetchSlice> = next;
      const [papers, links, authorships, citations] = await current.slice;
      next = current.to < bounds.max ? fetchSlice(current.to + 1) : undefined;
      builder.addPapers(papers);
      builder.addPairs('topics', links);
      builder.addPairs('authors', authorships);
      builder.addPairs('citers', citations);
    }
  }
  return builder.build();
}

/** The server's paper facts, rebuilt after every import that changed anything they hold. */
export class PaperFactsIndex extends VersionedSnapshot<PaperFacts> {
  constructor(db: Database) {
    super(db, 'papers', (tx) => loadPaperFacts(tx));
  }
}
