/**
 * A small synthetic scholarly graph, the same for every run (seeded), written through the importer like
 * any other source. Tests derive their expectations from the batch itself, independently of the server.
 */
import { seededRandom } from '../../src/synthetic/random.js';
import type { ImportBatch, PaperRecord, TopicRecord, VenueRecord } from '../../src/import/records.js';

export interface SyntheticOptions {
  seed?: number;
  authors: number;
  papers: number;
  /** Authors per paper (each paper draws this many distinct authors). */
  authorsPerPaper: number;
  /** References per paper, to earlier papers. */
  referencesPerPaper?: number;
}

const ROOT: TopicRecord = { code: 'syn', name: 'Synthetic Science' };
export const SYNTHETIC_TOPICS: TopicRecord[] = ['alpha', 'beta', 'gamma', 'delta'].map((name) => ({
  code: `syn.${name}`,
  name: `Synthetic ${name}`,
  parent: ROOT,
}));
export const SYNTHETIC_VENUES: VenueRecord[] = [
  { name: 'Conference on Synthetic Results', shortName: 'CSR', kind: 'conference' },
  { name: 'Journal of Generated Data', shortName: 'JGD', kind: 'journal' },
  { name: 'Workshop on Seeded Graphs', shortName: 'WSG', kind: 'workshop' },
];
const WORDS = ['graph', 'neural', 'citation', 'network', 'learning', 'language', 'model', 'retrieval', 'parsing', 'topic'];

export function syntheticBatch(options: SyntheticOptions): ImportBatch {
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const authorNames = Array.from({ length: options.authors }, (_, i) => `Author ${String(i).padStart(4, '0')} Synth`);
  const papers: PaperRecord[] = [];
  for (let i = 0; i < options.papers; i++) {
    const team = new Set<number>();
    // The first author of each paper cycles, so every author leads some papers.
    team.add(i % options.authors);
    while (team.size < Math.min(options.authorsPerPaper, options.authors)) team.add(Math.floor(random() * options.authors));
    const year = 2000 + Math.floor(random() * 20);
    // Some papers have only a year (no day), and several share one date, to exercise tie-breaking.
    const publishedAt = i % 7 === 0 ? undefined : `${year}-${String(1 + (i % 12)).padStart(2, '0')}-01`;
    const topic = SYNTHETIC_TOPICS[i % SYNTHETIC_TOPICS.length]!;
    const references = Array.from({ length: i === 0 ? 0 : (options.referencesPerPaper ?? 0) }, () => ({
      doi: `10.5555/syn.${Math.floor(random() * i)}`,
    }));
    papers.push({
      identity: { doi: `10.5555/syn.${i}` },
      title: `${pick(WORDS)} ${pick(WORDS)} study number ${i}`,
      abstract: `We study ${pick(WORDS)} and ${pick(WORDS)} in synthetic setting ${i}.`,
      publishedAt,
      year,
      venue: i % 5 === 4 ? undefined : SYNTHETIC_VENUES[i % SYNTHETIC_VENUES.length],
      hasCode: i % 3 === 0,
      codeUrl: i % 3 === 0 ? `https://example.org/code/${i}` : undefined,
      authorListComplete: true,
      reportedCitationCount: i % 4 === 0 ? Math.floor(random() * 100) : undefined,
      authorships: [...team].map((a, position) => ({
        author: { identity: { sourceKey: `synthetic:${a}` }, displayName: authorNames[a]! },
        position: position + 1,
        affiliation: position === 0 ? 'Synthetic University' : undefined,
      })),
      topics: [{ topic, primary: true }],
      references,
    });
  }
  return { source: 'synthetic', papers, authors: [] };
}
