/**
 * A synthetic scholarly graph, reproducible from a seed, for benchmarks of coauthor-network queries at
 * 10k–1M authors. It yields normalized PaperRecords, so it is written through the importer's own writer.
 *
 * Shape, and why: authors belong to labs laid out on a ring. Most coauthors come from the paper's lab,
 * some from the next labs on the ring, a few from anywhere (Watts–Strogatz: communities, one giant
 * component, short paths); a few labs keep to themselves (the small components real networks have).
 * Productivity is a capped Pareto weight, and productive authors also have longer careers, so a few are on
 * hundreds of papers and most on 1–3. An author's first paper is in the first year of their career, with
 * a senior of their lab, so nobody is left out. Papers come out in year order (output grows 6% a year), so
 * references, drawn preferentially from an urn per topic (an entry per paper and per citation it got),
 * only ever point at earlier records.
 *
 * Memory: per-author state is typed arrays (~26 bytes an author), per-paper state ~9 bytes plus 4 per
 * citation; names are recomputed from a hash of (seed, author) whenever needed, never stored.
 */
import type { AuthorRecord, PaperRecord, TopicRecord, VenueRecord } from '../import/records.js';
import { IntList } from '../int-list.js';
import { seededRandom } from './random.js';

export interface ScholarlyGraphOptions {
  authors: number;
  seed?: number;
  /** Papers ≈ authors × this (default 2). */
  papersPerAuthor?: number;
  /** Mean references per paper (default 5): each costs the writer memory until the import finishes. */
  referencesPerPaper?: number;
}

export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2025;
const YEARS = LAST_YEAR - FIRST_YEAR + 1;
/** Yearly growth of output: 2025 publishes ~8× what 1990 did. */
const GROWTH = 1.06;
/** Pareto productivity: shape, and a cap so one author is not on a sizeable share of a year's papers. */
const PARETO_ALPHA = 1.1;
const WEIGHT_CAP = 150;
/** A lab's head is at least this productive: labs are built around someone who publishes a lot. */
const HEAD_WEIGHT = 8;
/** Where a coauthor slot is filled from: the paper's group, a neighbouring group, or anywhere. */
const SAME_GROUP = 0.8;
const NEAR_GROUP = 0.97;
/** Share of groups that never coauthor outside themselves: the small components real networks have. */
const ISOLATED_GROUPS = 0.06;
/** Team sizes 1..12 (index 0 is size 1): mostly 2–4 with a power-law-ish tail. */
const TEAM_SIZE_CDF = cumulative([8, 24, 26, 17, 9, 5, 3.5, 2.5, 1.8, 1.2, 0.8, 0.4]);

const TOPIC_NAMES = ['Graph Mining', 'Information Retrieval', 'Machine Translation', 'Computer Vision', 'Robotics',
  'Databases', 'Cryptography', 'Distributed Systems', 'Programming Languages', 'Computational Biology', 'Human-Computer Interaction',
  'Speech Processing', 'Reinforcement Learning', 'Optimization', 'Computer Networks', 'Formal Verification',
  'Computational Geometry', 'Quantum Computing', 'Social Networks', 'Recommender Systems'];
const ROOT_TOPIC: TopicRecord = { code: 'syn', name: 'Synthetic Science' };
/** Shared objects: the writer deduplicates topics by code, so one record per topic is all it needs. */
export const GRAPH_TOPICS: TopicRecord[] = TOPIC_NAMES.map((name, i) => ({ code: `syn.t${i}`, name, parent: ROOT_TOPIC }));

/** 50 venues: a conference and a journal per topic, and a workshop per pair of topics. */
export const GRAPH_VENUES: VenueRecord[] = [
  ...TOPIC_NAMES.map((t, i): VenueRecord => ({ name: `Synthetic Conference on ${t}`, shortName: `SC${i}`, kind: 'conference' })),
  ...TOPIC_NAMES.map((t, i): VenueRecord => ({ name: `Synthetic Journal of ${t}`, shortName: `SJ${i}`, kind: 'journal' })),
  ...Array.from({ length: 10 }, (_, i): VenueRecord => ({
    name: `Synthetic Workshop on ${TOPIC_NAMES[2 * i]} and ${TOPIC_NAMES[2 * i + 1]}`, shortName: `SW${i}`, kind: 'workshop',
  })),
];
/** A paper goes to its topic's conference, journal or workshop (in these shares), else anywhere. */
const VENUE_CDF = [0.5, 0.85, 1];

const ADJECTIVES = ['Scalable', 'Robust', 'Efficient', 'Sparse', 'Neural', 'Probabilistic', 'Adaptive', 'Incremental', 'Provable', 'Distributed', 'Interpretable', 'Fast'];
const NOUNS = ['Embeddings', 'Algorithms', 'Models', 'Indexes', 'Representations', 'Estimators', 'Architectures', 'Benchmarks', 'Heuristics', 'Protocols'];
const SYLLABLES = ['an', 'bel', 'car', 'da', 'el', 'fa', 'gi', 'ha', 'is', 'jo', 'ka', 'li', 'ma', 'no', 'ol', 'pa', 'ra', 'sa', 'ta', 'vi', 'yu', 'ze', 'mi', 'lu', 'ro', 'se', 'ti', 'na', 've', 'ar', 'ko', 'den'];
const SURNAME_ENDS = ['berg', 'son', 'ez', 'ova', 'ski', 'ura', 'mann', 'ini', 'sen', 'ard', 'ek', 'ou', 'ing', 'is', 'ani', 'hoff'];
const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', n: 'ñ', c: 'ç' };

function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w)).map((c) => c / sum);
}

/** Index of the first CDF entry above `u` (tables here are short: a linear scan is fastest). */
function draw(cdf: readonly number[], u: number): number {
  let i = 0;
  while (i < cdf.length - 1 && u >= cdf[i]!) i++;
  return i;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Put an accent on the last letter that can carry one (Daumé, Müller, Peña). */
const accentLast = (s: string) => s.replace(/[aeiounc](?=[^aeiounc]*$)/, (ch) => ACCENTED[ch]!);

/** A name from syllables, recomputed from (seed, author) on demand; ~1 in 8 gets an accent. */
export function syntheticName(seed: number, author: number): string {
  // No closures in here: it runs per authorship, and tsx wraps every closure it creates in a naming helper.
  const r = seededRandom(Math.imul(author + 1, 0x9e3779b1) ^ Math.imul(seed, 0x85ebca6b));
  let given = SYLLABLES[Math.floor(r() * SYLLABLES.length)]! + SYLLABLES[Math.floor(r() * SYLLABLES.length)]!;
  if (r() < 0.3) given += SYLLABLES[Math.floor(r() * SYLLABLES.length)]!;
  let family = SYLLABLES[Math.floor(r() * SYLLABLES.length)]!;
  if (r() < 0.5) family += SYLLABLES[Math.floor(r() * SYLLABLES.length)]!;
  family += SURNAME_ENDS[Math.floor(r() * SURNAME_ENDS.length)]!;
  if (r() < 0.12) [given, family] = r() < 0.5 ? [accentLast(given), family] : [given, accentLast(family)];
  const initial = r() < 0.3 ? ` ${String.fromCharCode(65 + Math.floor(r() * 26))}.` : '';
  return `${capitalize(given)}${initial} ${capitalize(family)}`;
}

export function* syntheticScholarlyGraph(options: ScholarlyGraphOptions): Generator<PaperRecord> {
  const n = options.authors;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`authors must be a positive integer; got ${n}`);
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`seed must be a whole number ≥ 0; got ${seed}`);
  const meanRefs = options.referencesPerPaper ?? 5;
  const totalPapers = Math.max(1, Math.round(n * (options.papersPerAuthor ?? 2)));
  const random = seededRandom(seed);

  // Papers per year, growing; exact total by rounding the cumulative share.
  const yearCdf = cumulative(Array.from({ length: YEARS }, (_, y) => GROWTH ** y));
  const papersInYear = yearCdf.map((c, y) => Math.round(totalPapers * c) - (y ? Math.round(totalPapers * yearCdf[y - 1]!) : 0));
  // Careers start as papers do (and never in a year without papers, where a newcomer would have no paper).
  const startCdf = cumulative(papersInYear);

  // Labs: contiguous author ranges (8..150 members over their lifetime, heavy tail) on a ring whose arcs
  // share a topic. A lab runs for an era; its head spans it and members come and go within it, so a lab
  // has a few members active in any year of its era to write with (quiet labs made coauthors global).
  const groupOf = new Int32Array(n);
  const starts: number[] = [];
  for (let a = 0, size = 0; a < n; a += size) {
    size = Math.min(n - a, 150, Math.floor(8 * (1 - random()) ** (-1 / 1.5)));
    groupOf.fill(starts.push(a) - 1, a, a + size);
  }
  const groups = starts.length;
  const groupStart = Int32Array.from([...starts, n]);
  const homeTopic = Uint8Array.from({ length: groups }, (_, g) => Math.floor((g * GRAPH_TOPICS.length) / groups));
  const sideTopic = Uint8Array.from({ length: groups }, () => Math.floor(random() * GRAPH_TOPICS.length));
  // Lab names are built once a group first publishes: a string per group, not per authorship.
  const labs: (string | undefined)[] = new Array<string | undefined>(groups);
  const isolated = Uint8Array.from({ length: groups }, () => (random() < ISOLATED_GROUPS ? 1 : 0));
  const eraFirst = Uint8Array.from({ length: groups }, () => draw(startCdf, random()));
  const eraLast = eraFirst.map((f) => Math.min(YEARS - 1, f + 5 + Math.floor(-15 * Math.log(1 - random()))));

  // Productivity weight and career window (years as offsets from FIRST_YEAR).
  const weight = new Float32Array(n);
  const first = new Uint8Array(n);
  const last = new Uint8Array(n);
  const startCount = new Int32Array(YEARS + 1);
  for (let a = 0; a < n; a++) {
    const g = groupOf[a]!;
    const head = a === groupStart[g];
    const w = Math.max(head ? HEAD_WEIGHT : 0, Math.min(WEIGHT_CAP, (1 - random()) ** (-1 / PARETO_ALPHA)));
    const career = 2 + Math.floor(-2 * Math.log(1 - random()) + 5 * Math.log(w));
    weight[a] = w;
    // Members start within the lab's era, in a year with papers (drawn from the CDF restricted to the era).
    const below = eraFirst[g]! > 0 ? startCdf[eraFirst[g]! - 1]! : 0;
    first[a] = head ? eraFirst[g]! : draw(startCdf, below + random() * (startCdf[eraLast[g]!]! - below));
    last[a] = head ? eraLast[g]! : Math.min(YEARS - 1, first[a]! + career - 1);
    startCount[first[a]! + 1]! += 1;
  }
  // Newcomers by start year (counting sort), shuffled within the year so labs interleave.
  for (let y = 1; y <= YEARS; y++) startCount[y]! += startCount[y - 1]!;
  const newcomers = new Int32Array(n);
  const fill = startCount.slice();
  for (let a = 0; a < n; a++) newcomers[fill[first[a]!]!++] = a;
  for (let y = 0; y < YEARS; y++) {
    for (let i = startCount[y + 1]! - 1; i > startCount[y]!; i--) {
      const j = startCount[y]! + Math.floor(random() * (i - startCount[y]! + 1));
      [newcomers[i], newcomers[j]] = [newcomers[j]!, newcomers[i]!];
    }
  }

  const active = new Int32Array(n);
  const activeCdf = new Float64Array(n);
  const paperTopic = new Uint8Array(totalPapers);
  const urns = GRAPH_TOPICS.map(() => new IntList());
  const papersOfTopic = GRAPH_TOPICS.map(() => new IntList());
  const team: number[] = [];
  const refs: number[] = [];
  let paper = 0;

  for (let y = 0; y < YEARS; y++) {
    // Authors active this year, with cumulative weights for a binary-search draw.
    let [activeCount, totalWeight] = [0, 0];
    for (let a = 0; a < n; a++) {
      if (first[a]! > y || last[a]! < y) continue;
      activeCdf[activeCount] = totalWeight += weight[a]!;
      active[activeCount++] = a;
    }
    const anyActive = (): number => {
      if (activeCount === 0) return Math.floor(random() * n);
      const u = random() * totalWeight;
      let [lo, hi] = [0, activeCount - 1];
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (activeCdf[mid]! > u) hi = mid;
        else lo = mid + 1;
      }
      return active[lo]!;
    };
    // A weighted draw among the group's active members not yet on the paper; -1 if there are none.
    const inGroup = (g: number): number => {
      let sum = 0;
      for (let a = groupStart[g]!; a < groupStart[g + 1]!; a++) {
        if (first[a]! <= y && last[a]! >= y && !team.includes(a)) sum += weight[a]!;
      }
      if (sum === 0) return -1;
      let u = random() * sum;
      for (let a = groupStart[g]!; a < groupStart[g + 1]!; a++) {
        if (first[a]! <= y && last[a]! >= y && !team.includes(a) && (u -= weight[a]!) <= 0) return a;
      }
      return -1;
    };

    const yearNewcomers = startCount[y + 1]! - startCount[y]!;
    const count = papersInYear[y]!;
    for (let j = 0; j < count; j++, paper++) {
      // Spread the year's newcomers evenly over its papers; each starts as first author.
      const fresh = Math.floor((yearNewcomers * (j + 1)) / count) - Math.floor((yearNewcomers * j) / count);
      team.length = 0;
      for (let i = 0; i < fresh; i++) team.push(newcomers[startCount[y]! + Math.floor((yearNewcomers * j) / count) + i]!);
      if (fresh === 0) team.push(anyActive());
      // A newcomer is joined by a senior (of the group, when it has one active), so nobody starts isolated.
      const size = Math.max(fresh > 0 ? fresh + 1 : 1, 1 + draw(TEAM_SIZE_CDF, random()));
      const group = groupOf[team[0]!]!;
      for (let tries = 0; team.length < size && tries < 4 * size; tries++) {
        const u = random();
        const near = (group + (random() < 0.5 ? -1 : 1) * (1 + Math.floor(random() * 2)) + groups) % groups;
        let a = -1;
        // The lab or a neighbour (each the other's fallback), else anyone: locality survives a quiet year.
        if (u < NEAR_GROUP) a = u < SAME_GROUP ? inGroup(group) : inGroup(near);
        if (a < 0 && u < NEAR_GROUP) a = u < SAME_GROUP ? inGroup(near) : inGroup(group);
        if (a < 0) a = anyActive();
        // Isolated groups only ever write among themselves (their members may then stay few on a paper).
        const outside = groupOf[a] !== group && (isolated[group] || isolated[groupOf[a]!]);
        if (!outside && !team.includes(a)) team.push(a);
      }
      // The most productive non-newcomer signs last, as lab heads do.
      if (team.length > fresh && (fresh > 0 || team.length > 2)) {
        let head = fresh;
        for (let i = fresh; i < team.length; i++) if (weight[team[i]!]! > weight[team[head]!]!) head = i;
        team.push(team.splice(head, 1)[0]!);
      }

      const u = random();
      const topic = u < 0.75 ? homeTopic[group]! : u < 0.95 ? sideTopic[group]! : Math.floor(random() * GRAPH_TOPICS.length);
      paperTopic[paper] = topic;
      // References: mostly the same topic; half the draws are recent work (the topic's newest quarter, the
      // last few years), half preferential (the urn: each citation a paper got is one more ticket).
      refs.length = 0;
      const wanted = meanRefs > 0 ? Math.min(paper, 50, Math.floor(-(meanRefs + 0.5) * Math.log(1 - random()))) : 0;
      for (let tries = 0; refs.length < wanted && tries < 3 * wanted; tries++) {
        const t = random() < 0.85 ? topic : Math.floor(random() * GRAPH_TOPICS.length);
        const [urn, recent] = [urns[t]!, papersOfTopic[t]!];
        let cited: number;
        if (urn.length === 0) cited = Math.floor(random() * paper);
        else if (random() < 0.5) cited = recent.data[recent.length - 1 - Math.floor(random() * Math.max(1, recent.length >> 2))]!;
        else cited = urn.data[Math.floor(random() * urn.length)]!;
        if (!refs.includes(cited)) refs.push(cited);
      }
      for (const cited of refs) urns[paperTopic[cited]!]!.push(cited);
      urns[topic]!.push(paper);
      papersOfTopic[topic]!.push(paper);

      const v = random();
      const place = [topic, topic + GRAPH_TOPICS.length, 2 * GRAPH_TOPICS.length + (topic >> 1)][draw(VENUE_CDF, random())]!;
      const year = FIRST_YEAR + y;
      const month = 1 + Math.floor((12 * j) / count);
      const words = `${ADJECTIVES[Math.floor(random() * ADJECTIVES.length)]} ${NOUNS[Math.floor(random() * NOUNS.length)]}`;
      const second = random() < 0.3 ? (topic + 1) % GRAPH_TOPICS.length : -1;
      const hasCode = year >= 2010 && random() < 0.3;
      yield {
        identity: { doi: `10.5555/sg.${seed}.${paper + 1}` },
        title: `${words} for ${GRAPH_TOPICS[topic]!.name}`,
        abstract: `We present ${words.toLowerCase()} for ${GRAPH_TOPICS[topic]!.name.toLowerCase()}, evaluated on synthetic data.`,
        publishedAt: `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
        year,
        venue: v < 0.04 ? undefined : v < 0.94 ? GRAPH_VENUES[place] : GRAPH_VENUES[Math.floor(random() * GRAPH_VENUES.length)],
        codeUrl: hasCode ? `https://example.org/sg/${seed}/${paper + 1}` : undefined,
        hasCode,
        authorListComplete: true,
        authorships: team.map((a, i) => ({ author: authorRecord(seed, a, (labs[groupOf[a]!] ??= labName(seed, groupOf[a]!))), position: i + 1 })),
        topics: [{ topic: GRAPH_TOPICS[topic]!, primary: true }, ...(second >= 0 ? [{ topic: GRAPH_TOPICS[second]!, primary: false }] : [])],
        references: refs.map((r) => ({ doi: `10.5555/sg.${seed}.${r + 1}` })),
      };
    }
  }
}

/** Identity by a synthetic OpenAlex-like id, so re-runs find the same rows; affiliation is the lab. */
function authorRecord(seed: number, author: number, lab: string): AuthorRecord {
  return { identity: { openalexId: `SA${author + 1}` }, displayName: syntheticName(seed, author), affiliation: lab };
}

/** Eight labs to a university, named like a family name ("Müllerberg University"). */
function labName(seed: number, group: number): string {
  return `Synthetic Lab ${group + 1}, ${syntheticName(seed, -1 - (group >> 3)).split(' ').pop()!} University`;
}
