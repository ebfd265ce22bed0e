/**
 * A small scholarly dataset for the metrics tests and brute-force answers over it, computed from the
 * records alone (not from the database or the server's code): citation counts from the references,
 * h-index by sorting, roll-ups by walking the topic tree.
 */
import type { ImportBatch, PaperRecord, TopicRecord } from '../../src/import/records.js';
import { SYNTHETIC_TOPICS, syntheticBatch } from './synthetic.js';

export function metricsBatch(): ImportBatch {
  const batch = syntheticBatch({ authors: 40, papers: 160, authorsPerPaper: 3, referencesPerPaper: 4, seed: 7 });
  // A paper under two sibling topics: their parent must count it once.
  batch.papers[5]!.topics.push({ topic: SYNTHETIC_TOPICS[(5 + 1) % SYNTHETIC_TOPICS.length]!, primary: false });
  // A paper with no year or date, and an author whose only paper nobody cites.
  const lonely: PaperRecord = {
    identity: { doi: '10.5555/uncited' },
    title: 'An uncited note without a date',
    hasCode: false,
    authorListComplete: true,
    authorships: [{ author: { identity: { sourceKey: 'synthetic:uncited' }, displayName: 'Nobody Cites Me' }, position: 1 }],
    topics: [{ topic: { code: 'syn.alpha.sub', name: 'Synthetic alpha detail', parent: SYNTHETIC_TOPICS[0] }, primary: true }],
  };
  batch.papers.push(lonely);
  return batch;
}

export interface BrutePaper {
  record: PaperRecord;
  doi: string;
  year: number | null;
  graphCitations: number;
  reported: number | null;
  /** Years of the papers citing this one (one entry per citing paper). */
  citingYears: (number | null)[];
  authors: string[];
  topics: string[];
}

export type Basis = 'REPORTED_ELSE_GRAPH' | 'GRAPH';

export const countOf = (p: BrutePaper, basis: Basis) => (basis === 'GRAPH' ? p.graphCitations : (p.reported ?? p.graphCitations));

export function brutePapers(batch: ImportBatch): BrutePaper[] {
  const citing = new Map<string, Set<string>>();
  for (const p of batch.papers) {
    for (const ref of p.references ?? []) {
      if (ref.doi === p.identity.doi) continue;
      const set = citing.get(ref.doi!) ?? new Set();
      set.add(p.identity.doi!);
      citing.set(ref.doi!, set);
    }
  }
  const yearOf = new Map(batch.papers.map((p) => [p.identity.doi!, p.year ?? null]));
  return batch.papers.map((p) => {
    const citers = [...(citing.get(p.identity.doi!) ?? [])];
    return {
      record: p,
      doi: p.identity.doi!,
      year: p.year ?? null,
      graphCitations: citers.length,
      reported: p.reportedCitationCount ?? null,
      citingYears: citers.map((d) => yearOf.get(d) ?? null),
      authors: p.authorships.map((a) => a.author.displayName),
      topics: p.topics.map((t) => t.topic.code),
    };
  });
}

/** h-index the way it is defined: sort descending, the last rank whose paper has at least that many. */
export function bruteHIndex(counts: number[]): number {
  const sorted = [...counts].sort((a, b) => b - a);
  let h = 0;
  sorted.forEach((c, i) => {
    if (c >= i + 1) h = i + 1;
  });
  return h;
}

/** Every year from the first to the last with a count, zeros between. */
export function bruteSeries(years: number[]): { year: number; count: number }[] {
  if (years.length === 0) return [];
  const out = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) out.push({ year: y, count: years.filter((x) => x === y).length });
  return out;
}

/** The codes of a topic and every topic below it, from the records' parent links. */
export function subtreeCodes(batch: ImportBatch, code: string): Set<string> {
  const parentOf = new Map<string, string | undefined>();
  const visit = (t: TopicRecord) => {
    parentOf.set(t.code, t.parent?.code);
    if (t.parent) visit(t.parent);
  };
  for (const p of batch.papers) for (const t of p.topics) visit(t.topic);
  const inTree = (c: string | undefined): boolean => c !== undefined && (c === code || inTree(parentOf.get(c)));
  return new Set([...parentOf.keys()].filter((c) => inTree(c)));
}

export function bruteSetFigures(papers: BrutePaper[], basis: Basis) {
  const counts = papers.map((p) => countOf(p, basis));
  const years = papers.map((p) => p.year).filter((y): y is number => y != null);
  return {
    paperCount: papers.length,
    citationCount: counts.reduce((a, b) => a + b, 0),
    hIndex: bruteHIndex(counts),
    i10Index: counts.filter((c) => c >= 10).length,
    firstYear: years.length ? Math.min(...years) : null,
    lastYear: years.length ? Math.max(...years) : null,
  };
}
