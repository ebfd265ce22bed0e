/**
 * Synthetic works in the shape the OpenAlex API and snapshot return them, reproducible from a seed: for
 * benchmarks and tests of the importer at sizes no fixture file has. Teams are 1–8 authors drawn from a
 * pool with a skew toward productive authors; each work cites up to 10 earlier works.
 */
import { seededRandom } from './random.js';

export interface SyntheticWorksOptions {
  works: number;
  seed?: number;
  /** Size of the author pool (default: works / 2). */
  authors?: number;
}

const WORDS = ['graph', 'neural', 'citation', 'network', 'learning', 'language', 'model', 'retrieval', 'parsing', 'topic', 'sparse', 'robust'];
const TOPICS = Array.from({ length: 12 }, (_, i) => ({
  id: `https://openalex.org/T${10000 + i}`,
  display_name: `Synthetic topic ${i}`,
  subfield: { id: `https://openalex.org/subfields/${1700 + (i % 4)}`, display_name: `Subfield ${i % 4}` },
  field: { id: 'https://openalex.org/fields/17', display_name: 'Computer Science' },
  domain: { id: 'https://openalex.org/domains/3', display_name: 'Physical Sciences' },
}));
const SOURCES = Array.from({ length: 20 }, (_, i) => ({
  id: `https://openalex.org/S${5000 + i}`,
  display_name: `Synthetic ${i % 2 ? 'Journal' : 'Conference'} ${i}`,
  type: i % 2 ? 'journal' : 'conference',
}));

export function* syntheticOpenAlexWorks(options: SyntheticWorksOptions): Generator<Record<string, unknown>> {
  const random = seededRandom(options.seed ?? 1);
  const pool = options.authors ?? Math.max(1, Math.floor(options.works / 2));
  // Squaring a uniform draw skews toward low indices: a few authors write many papers.
  const author = () => Math.floor(random() * random() * pool);
  for (let i = 0; i < options.works; i++) {
    const teamSize = 1 + Math.floor(random() * random() * 8);
    const team = new Set<number>();
    while (team.size < teamSize) team.add(author());
    const year = 1990 + Math.floor(random() * 35);
    const month = 1 + Math.floor(random() * 12);
    const words = Array.from({ length: 6 }, () => WORDS[Math.floor(random() * WORDS.length)]!);
    const inverted: Record<string, number[]> = {};
    words.concat(['for', 'work', String(i)]).forEach((w, p) => (inverted[w] ??= []).push(p));
    const topic = TOPICS[i % TOPICS.length]!;
    const references = i === 0 ? [] : Array.from({ length: Math.floor(random() * 11) }, () => `https://openalex.org/W${1 + Math.floor(random() * i)}`);
    yield {
      id: `https://openalex.org/W${i + 1}`,
      doi: `https://doi.org/10.9999/synthetic.${i + 1}`,
      title: `${words.slice(0, 4).join(' ')} (synthetic work ${i + 1})`,
      display_name: `${words.slice(0, 4).join(' ')} (synthetic work ${i + 1})`,
      publication_year: year,
      publication_date: `${year}-${String(month).padStart(2, '0')}-01`,
      primary_location: { source: SOURCES[i % SOURCES.length] },
      authorships: [...team].map((a, position) => ({
        author_position: position === 0 ? 'first' : position === team.size - 1 ? 'last' : 'middle',
        author: { id: `https://openalex.org/A${a + 1}`, display_name: `Synthetic Author ${a + 1}`, orcid: null },
        institutions: [{ display_name: `Institute ${a % 50}` }],
      })),
      primary_topic: topic,
      topics: [topic],
      referenced_works: references,
      cited_by_count: Math.floor(random() * 50),
      abstract_inverted_index: inverted,
    };
  }
}
