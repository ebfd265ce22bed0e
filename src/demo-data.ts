/**
 * The demo dataset `npm start` loads into an empty database, through the same parsers and writer as any
 * import: the seed researcher's profile page, the whole ACL Anthology Network (papers and citations) and
 * the NeurIPS paper lists 1987–2018. One transaction: a failed load leaves the database empty.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { papers } from '../db/tables.js';
import { aanFormat } from './import/formats/aan.js';
import { paperlistFormat } from './import/formats/paperlist.js';
import { profileFormat } from './import/formats/profile.js';
import type { FormatParser } from './import/formats/types.js';
import { parseOffThread } from './import/parse-off-thread.js';
import { feedItems } from './import/run-import.js';
import type { ImportSummary } from './import/summary.js';
import { withImportTransaction } from './import/writer.js';

/**
 * `data/demo/` in the repository (copied beside the compiled code by `npm run build`, so the same relative
 * path holds from `src/` and from `dist/src/`). Sources and licences: `data/demo/README.md`.
 */
export const demoDataDir = fileURLToPath(new URL('../data/demo/', import.meta.url));
export const seedProfilePath = join(demoDataDir, 'seed-profile.txt');
/** The ACL Anthology Network files, gzipped (the importer detects gzip by its magic bytes). */
export const aanFiles = {
  metadata: join(demoDataDir, 'aan', 'acl-metadata.txt.gz'),
  citations: join(demoDataDir, 'aan', 'acl.txt.gz'),
  collaborationNetwork: join(demoDataDir, 'aan', 'AAN-author-collaboration-network.txt.gz'),
};
export const neuripsDir = join(demoDataDir, 'neurips');

/** `profile`: the seed researcher only (quick); `full`: with the ACL Anthology Network and NeurIPS lists. */
export type DemoDataset = 'profile' | 'full';

export function demoFiles(dataset: DemoDataset): { parser: FormatParser; path: string }[] {
  const files = [{ parser: profileFormat, path: seedProfilePath }];
  if (dataset === 'profile') return files;
  return [
    ...files,
    // Papers before the citation edges that connect them.
    { parser: aanFormat, path: aanFiles.metadata },
    { parser: aanFormat, path: aanFiles.citations },
    ...readdirSync(neuripsDir)
      .filter((f) => f.endsWith('.json.gz'))
      .sort()
      .map((f) => ({ parser: paperlistFormat, path: join(neuripsDir, f) })),
  ];
}

export async function databaseIsEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(papers);
  return (row?.n ?? 0) === 0;
}

export async function loadDemoData(
  db: Database,
  options: { profileYear: number; dataset?: DemoDataset },
): Promise<ImportSummary> {
  const files = demoFiles(options.dataset ?? 'full');
  // Parsed on a worker thread while this one writes (on PGlite, the database works on this thread).
  const parsing = parseOffThread({
    files: files.map(({ parser, path }) => ({ format: parser.name, path })),
    options: { currentYear: options.profileYear },
  });
  try {
    // Loaded before the server listens, so nobody reads the tables meanwhile.
    return await withImportTransaction(db, { exclusive: true }, async (writer) => {
      for (const [index, { path }] of files.entries()) {
        await feedItems(writer, parsing.items(index), path, { currentYear: options.profileYear });
      }
    });
  } finally {
    await parsing.close();
  }
}
