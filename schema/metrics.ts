/**
 * Citation metrics: `Author.metrics`, `Venue.metrics`, `Topic.metrics`, and where a paper's citation count
 * comes from. Computed from the graph on request (batched per level), beside what sources reported.
 */
import type { CitationBasis, TopAuthorsBy } from '../db/queries/metrics.js';
import { citationsByYear, collectionFigures, mostCitedOf, papersByYearOf, topAuthorsOf, type CollectionFigures } from '../src/metrics/collection-figures.js';
import { papersOfCollection } from '../src/metrics/group-papers.js';
import { PaperFacts } from '../src/metrics/paper-facts.js';
import { isPresent, loadAll } from '../src/loaders/by-key.js';
import type { Context } from '../src/context.js';
import { builder } from './builder.js';
import { checkIntRange } from './int-argument.js';
import { AuthorRef, PaperRef, TopicRef, VenueRef } from './refs.js';

export const CitationBasisEnum = builder.enumType('CitationBasis', {
  description: 'Which citation count of each paper a figure adds up.',
  values: {
    REPORTED_ELSE_GRAPH: {
      description:
        "Each paper's `citationCount`: the count its source reported when it has one (OpenAlex, Google Scholar via paper lists), else citations from papers in this database.",
    },
    GRAPH: { description: 'Only citations between papers in this database (`citedByCount`): every one can be listed.' },
  } as const,
});

export const CitationCountSource = builder.enumType('CitationCountSource', {
  description: 'Where a paper\'s `citationCount` comes from.',
  values: {
    REPORTED: { description: 'The count the source reported (it counts citations from papers outside this database too).' },
    GRAPH: { description: 'Citations from papers in this database; the source reported none.' },
  } as const,
});

builder.objectField(PaperRef, 'citationCountSource', (t) =>
  t.field({
    type: CitationCountSource,
    description: 'Where `citationCount` comes from: the source\'s reported figure, or citations within this database.',
    resolve: (paper) => (paper.reportedCitationCount != null ? 'REPORTED' : 'GRAPH'),
  }),
);

export const YearCountRef = builder.objectRef<{ year: number; count: number }>('YearCount').implement({
  description: 'A count for one year.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The year.' }),
    count: t.exposeInt('count', { description: 'How many in that year (0 for a year in a gap).' }),
  }),
});

export const MAX_LIST = 100;

/** The `first` of a plain (unpaged) list. */
export const checkFirst = (value: number | null | undefined, fallback: number) => checkIntRange(value ?? fallback, 1, MAX_LIST, 'first');

interface AuthorMetricsShape {
  authorId: number;
  basis: CitationBasis;
  facts: PaperFacts;
  /** The author's papers (indices into `facts`). */
  papers: ArrayLike<number>;
  figures: CollectionFigures;
}

const AuthorMetricsRef = builder.objectRef<AuthorMetricsShape>('AuthorMetrics').implement({
  description:
    "An author's figures computed from this graph, over their papers in this database (compare with `reportedMetrics`, what a source said).",
  fields: (t) => ({
    basis: t.field({ type: CitationBasisEnum, description: 'Which citation counts these figures add up.', resolve: (m) => m.basis }),
    paperCount: t.int({ description: 'Papers in this database.', resolve: (m) => m.figures.paperCount }),
    citationCount: t.int({ description: 'Citations of those papers, summed.', resolve: (m) => m.figures.citationCount }),
    hIndex: t.int({ description: 'The largest h such that h papers have at least h citations each.', resolve: (m) => m.figures.hIndex }),
    i10Index: t.int({ description: 'Papers with at least 10 citations.', resolve: (m) => m.figures.i10Index }),
    firstYear: t.int({ nullable: true, description: 'Year of the earliest paper; null when no paper has a year.', resolve: (m) => m.figures.firstYear }),
    lastYear: t.int({ nullable: true, description: 'Year of the latest paper; null when no paper has a year.', resolve: (m) => m.figures.lastYear }),
    papersByYear: t.field({
      type: [YearCountRef],
      description: 'Papers per year, every year from the first to the last (zeros in gaps).',
      resolve: (m) => m.figures.papersByYear,
    }),
    citationsByYear: t.field({
      type: [YearCountRef],
      description:
        'Citations received per year, by the year of the citing paper, every year from the first to the last (zeros in gaps). Only citations from papers in this database have a year, so this counts those whatever the basis.',
      resolve: (m) => citationsByYear(m.facts, m.authorId),
    }),
    mostCited: t.field({
      type: [PaperRef],
      description: 'The most cited papers, most first (by the basis of these figures).',
      args: { first: t.arg.int({ defaultValue: 5, description: `How many (1 to ${MAX_LIST}).` }) },
      resolve: async (m, args, ctx) => (await loadAll(ctx.loaders.paper, mostCitedOf(m.facts, m.papers, checkFirst(args.first, 5), m.basis))).filter(isPresent),
    }),
  }),
});

/** An author's papers and figures, from the in-memory paper facts. */
async function authorMetrics(ctx: Context, authorId: number, basis: CitationBasis): Promise<AuthorMetricsShape> {
  const facts = await ctx.paperFacts.current();
  const papers = PaperFacts.slice(facts.papersOfAuthor, authorId);
  return { authorId, basis, facts, papers, figures: collectionFigures(facts, papers, basis) };
}

builder.objectField(AuthorRef, 'metrics', (t) =>
  t.field({
    type: AuthorMetricsRef,
    description: 'Paper and citation figures computed from this graph: h-index, i10-index, papers and citations per year.',
    args: {
      citations: t.arg({ type: CitationBasisEnum, defaultValue: 'REPORTED_ELSE_GRAPH', description: 'Which citation count of each paper to add up.' }),
    },
    resolve: (author, args, ctx) => authorMetrics(ctx, author.id, args.citations ?? 'REPORTED_ELSE_GRAPH'),
  }),
);

export const TopAuthorsByEnum = builder.enumType('TopAuthorsBy', {
  description: 'What ranks the top authors of a venue or topic.',
  values: {
    PAPERS: { description: 'Most papers there (citations break ties).' },
    CITATIONS: { description: 'Most citations of their papers there (papers break ties).' },
  } as const,
});

export const AuthorCountRef = builder
  .objectRef<{ authorId: number; paperCount: number; citationCount: number }>('AuthorContribution')
  .implement({
    description: "An author's share of a venue or topic: their papers there and those papers' citations.",
    fields: (t) => ({
      author: t.field({ type: AuthorRef, description: 'The author.', resolve: (r, _a, ctx) => ctx.loaders.author.load(r.authorId).then((a) => a!) }),
      paperCount: t.exposeInt('paperCount', { description: 'Their papers there.' }),
      citationCount: t.exposeInt('citationCount', { description: 'Citations of those papers.' }),
    }),
  });

type Collection = { kind: 'venue'; venueId: number } | { kind: 'topic'; topicId: number };

/** The dense paper indices of a venue or a topic subtree in the current paper facts, each once. */
async function collectionPapers(ctx: Context, owner: Collection) {
  const facts = await ctx.paperFacts.current();
  const filter = owner.kind === 'venue' ? { venueId: owner.venueId } : { topicIds: await ctx.loaders.topicSubtree.load(owner.topicId) };
  return { facts, papers: papersOfCollection(facts, filter) };
}

/**
 * The top authors of a venue or topic subtree, from the in-memory paper facts. Figures over a whole venue
 * or topic subtree (up to every paper) are heavy work, admitted through the gate, here and below.
 */
export async function topAuthors(ctx: Context, owner: Collection, by: TopAuthorsBy, first: number, basis: CitationBasis) {
  return ctx.scope.heavy(async () => {
    const { facts, papers } = await collectionPapers(ctx, owner);
    return topAuthorsOf(facts, papers, by, first, basis);
  });
}

/** Papers per year of a venue or topic subtree, without gaps. */
export async function papersByYear(ctx: Context, owner: Collection) {
  return ctx.scope.heavy(async () => {
    const { facts, papers } = await collectionPapers(ctx, owner);
    return papersByYearOf(facts, papers);
  });
}

type CollectionMetricsShape = Collection & { basis: CitationBasis; figures?: Promise<CollectionFigures> };

/** Computed once per metrics object, however many of its fields are asked for. */
function figuresOf(ctx: Context, m: CollectionMetricsShape): Promise<CollectionFigures> {
  m.figures ??= ctx.scope.heavy(() => collectionPapers(ctx, m).then(({ facts, papers }) => collectionFigures(facts, papers, m.basis)));
  return m.figures;
}

const CollectionMetricsRef = builder.objectRef<CollectionMetricsShape>('CollectionMetrics').implement({
  description: "Figures of a venue's papers, or of a topic's papers including every topic below it (each paper once).",
  fields: (t) => ({
    basis: t.field({ type: CitationBasisEnum, description: 'Which citation counts these figures add up.', resolve: (m) => m.basis }),
    paperCount: t.int({ description: 'Papers.', resolve: async (m, _a, ctx) => (await figuresOf(ctx, m)).paperCount }),
    citationCount: t.int({ description: 'Citations of those papers, summed.', resolve: async (m, _a, ctx) => (await figuresOf(ctx, m)).citationCount }),
    hIndex: t.int({
      description: 'The largest h such that h papers have at least h citations each.',
      resolve: async (m, _a, ctx) => (await figuresOf(ctx, m)).hIndex,
    }),
    i10Index: t.int({ description: 'Papers with at least 10 citations.', resolve: async (m, _a, ctx) => (await figuresOf(ctx, m)).i10Index }),
    firstYear: t.int({ nullable: true, description: 'Year of the earliest paper.', resolve: async (m, _a, ctx) => (await figuresOf(ctx, m)).firstYear }),
    lastYear: t.int({ nullable: true, description: 'Year of the latest paper.', resolve: async (m, _a, ctx) => (await figuresOf(ctx, m)).lastYear }),
    papersByYear: t.field({
      type: [YearCountRef],
      description: 'Papers per year, every year from the first to the last (zeros in gaps).',
      resolve: async (m, _a, ctx) => (await figuresOf(ctx, m)).papersByYear,
    }),
    topAuthors: t.field({
      type: [AuthorCountRef],
      description: 'The authors with the most papers (or citations) here.',
      args: {
        first: t.arg.int({ defaultValue: 10, description: `How many (1 to ${MAX_LIST}).` }),
        by: t.arg({ type: TopAuthorsByEnum, defaultValue: 'PAPERS', description: 'What ranks them.' }),
      },
      resolve: (m, args, ctx) => topAuthors(ctx, m, args.by ?? 'PAPERS', checkFirst(args.first, 10), m.basis),
    }),
  }),
});

const collectionDescription = (what: string) =>
  `Paper and citation figures of ${what}: h-index, i10-index, papers per year, top authors.`;

builder.objectField(VenueRef, 'metrics', (t) =>
  t.field({
    type: CollectionMetricsRef,
    description: collectionDescription("the venue's papers"),
    args: { citations: t.arg({ type: CitationBasisEnum, defaultValue: 'REPORTED_ELSE_GRAPH', description: 'Which citation count of each paper to add up.' }) },
    resolve: (venue, args) => ({ kind: 'venue' as const, venueId: venue.id, basis: args.citations ?? 'REPORTED_ELSE_GRAPH' }),
  }),
);

builder.objectField(TopicRef, 'metrics', (t) =>
  t.field({
    type: CollectionMetricsRef,
    description: collectionDescription("the topic's papers, including those of every topic below it (each paper once)"),
    args: { citations: t.arg({ type: CitationBasisEnum, defaultValue: 'REPORTED_ELSE_GRAPH', description: 'Which citation count of each paper to add up.' }) },
    resolve: (topic, args) => ({ kind: 'topic' as const, topicId: topic.id, basis: args.citations ?? 'REPORTED_ELSE_GRAPH' }),
  }),
);
