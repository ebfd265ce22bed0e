/**
 * Topic groupings: what an author or venue works on (`topics`), who leads a topic (`topAuthors`) and how
 * it grows (`trend`), and `paperGroups`, counts of papers by year, topic, venue, author or code over any
 * paper filter.
 */
import { paperGroups, type PaperGroupBy, type PaperGroupRow } from '../db/queries/paper-groups.js';
import type { CitationBasis } from '../db/queries/metrics.js';
import type { Context } from '../src/context.js';
import { topicSharesOf } from '../src/metrics/collection-figures.js';
import { groupPapers } from '../src/metrics/group-papers.js';
import { PaperFacts } from '../src/metrics/paper-facts.js';
import { builder, OrderDirection } from './builder.js';
import { checkIntRange } from './int-argument.js';
import { encodeGlobalID } from './global-id.js';
import { checkFirst, CitationBasisEnum, papersByYear, topAuthors, AuthorCountRef, TopAuthorsByEnum, YearCountRef } from './metrics.js';
import { PaperFilterInput, parsePaperFilter } from './paper-filter.js';
import { AuthorRef, TopicRef, VenueRef } from './refs.js';

interface TopicShareShape {
  topicId: number;
  paperCount: number;
  citationCount: number;
  share: number;
}

const TopicShareRef = builder.objectRef<TopicShareShape>('TopicShare').implement({
  description: "A topic of an author's or venue's papers: how many carry it, what share of all, and their citations.",
  fields: (t) => ({
    topic: t.field({ type: TopicRef, description: 'The topic.', resolve: (r, _a, ctx) => ctx.loaders.topic.load(r.topicId).then((v) => v!) }),
    paperCount: t.exposeInt('paperCount', { description: 'Papers carrying this topic.' }),
    share: t.exposeFloat('share', {
      description: 'Those papers as a share of all the papers (0 to 1); papers with several topics count in each.',
    }),
    citationCount: t.exposeInt('citationCount', { description: 'Citations of those papers, summed.' }),
  }),
});

/** Topic shares of an author's or venue's papers, from the in-memory paper facts. */
async function topicShares(ctx: Context, kind: 'author' | 'venue', ownerId: number, basis: CitationBasis, first: number) {
  const shares = async () => {
    const facts = await ctx.paperFacts.current();
    const papers = PaperFacts.slice(kind === 'author' ? facts.papersOfAuthor : facts.papersOfVenue, ownerId);
    return topicSharesOf(facts, papers, first, basis);
  };
  // An author's papers are few; a venue's can be thousands: heavy work, admitted through the gate.
  return kind === 'venue' ? ctx.scope.heavy(shares) : shares();
}

const topicsDescription = (whose: string) =>
  `Topics of ${whose} papers, most papers first (the topic id breaks ties), each with its share and citations.`;

builder.objectField(AuthorRef, 'topics', (t) =>
  t.field({
    type: [TopicShareRef],
    description: topicsDescription("the author's"),
    args: {
      first: t.arg.int({ defaultValue: 20, description: 'How many (1 to 100).' }),
      citations: t.arg({ type: CitationBasisEnum, defaultValue: 'REPORTED_ELSE_GRAPH', description: 'Which citation count of each paper to add up.' }),
    },
    resolve: (author, args, ctx) => topicShares(ctx, 'author', author.id, args.citations ?? 'REPORTED_ELSE_GRAPH', checkFirst(args.first, 20)),
  }),
);

builder.objectField(VenueRef, 'topics', (t) =>
  t.field({
    type: [TopicShareRef],
    description: topicsDescription("the venue's"),
    args: {
      first: t.arg.int({ defaultValue: 20, description: 'How many (1 to 100).' }),
      citations: t.arg({ type: CitationBasisEnum, defaultValue: 'REPORTED_ELSE_GRAPH', description: 'Which citation count of each paper to add up.' }),
    },
    resolve: (venue, args, ctx) => topicShares(ctx, 'venue', venue.id, args.citations ?? 'REPORTED_ELSE_GRAPH', checkFirst(args.first, 20)),
  }),
);

builder.objectFields(TopicRef, (t) => ({
  topAuthors: t.field({
    type: [AuthorCountRef],
    description: 'The authors with the most papers (or citations) under this topic or any topic below it.',
    args: {
      first: t.arg.int({ defaultValue: 10, description: 'How many (1 to 100).' }),
      by: t.arg({ type: TopAuthorsByEnum, defaultValue: 'PAPERS', description: 'What ranks them.' }),
      citations: t.arg({ type: CitationBasisEnum, defaultValue: 'REPORTED_ELSE_GRAPH', description: 'Which citation count of each paper to add up.' }),
    },
    resolve: (topic, args, ctx) =>
      topAuthors(ctx, { kind: 'topic', topicId: topic.id }, args.by ?? 'PAPERS', checkFirst(args.first, 10), args.citations ?? 'REPORTED_ELSE_GRAPH'),
  }),
  trend: t.field({
    type: [YearCountRef],
    description: 'Papers per year under this topic or any topic below it (each once), every year from the first to the last.',
    resolve: (topic, _args, ctx) => papersByYear(ctx, { kind: 'topic', topicId: topic.id }),
  }),
}));

const PaperGroupByEnum = builder.enumType('PaperGroupBy', {
  description: 'What to group papers by.',
  values: {
    YEAR: { description: 'Publication year.' },
    TOPIC: { description: 'Topic as filed (a paper with several topics counts in each; no roll-up to parents).' },
    VENUE: { description: 'Venue.' },
    AUTHOR: { description: 'Author (a paper counts once for each of its authors).' },
    HAS_CODE: { description: 'Whether code is available.' },
  } as const,
});

const PaperGroupOrderField = builder.enumType('PaperGroupOrderField', {
  description: 'What to sort groups by; the key breaks ties.',
  values: {
    COUNT: { description: 'Number of papers.' },
    CITATION_COUNT: { description: 'Citations of the papers, summed.' },
    KEY: { description: 'The key: the year, the id, false before true.' },
  } as const,
});

const PaperGroupOrder = builder.inputType('PaperGroupOrder', {
  description: 'Ordering of groups. The group of papers with no value (no year, no venue…) always comes last.',
  fields: (t) => ({
    field: t.field({ type: PaperGroupOrderField, required: true, description: 'The sort key.' }),
    direction: t.field({ type: OrderDirection, required: true, defaultValue: 'DESC', description: 'The direction.' }),
  }),
});

interface PaperGroupShape {
  by: PaperGroupBy;
  row: PaperGroupRow;
}

const idOf = (g: PaperGroupShape, by: PaperGroupBy) => (g.by === by && g.row.key != null ? Number(g.row.key) : null);

const PaperGroupRef = builder.objectRef<PaperGroupShape>('PaperGroup').implement({
  description: 'Papers sharing one value of the grouping, counted.',
  fields: (t) => ({
    key: t.string({
      nullable: true,
      description: 'The value: a year, a Topic/Venue/Author ID, or `true`/`false`; null for the papers that have none.',
      resolve: ({ by, row }) => {
        if (row.key == null) return null;
        if (by === 'TOPIC' || by === 'VENUE' || by === 'AUTHOR') {
          return encodeGlobalID(by === 'TOPIC' ? 'Topic' : by === 'VENUE' ? 'Venue' : 'Author', Number(row.key));
        }
        return String(row.key);
      },
    }),
    label: t.string({
      description: 'A human-readable name of the value: the year, the name, "with code"; "unknown" for papers that have none.',
      resolve: async ({ by, row }, _a, ctx) => {
        if (row.key == null) return by === 'TOPIC' ? 'no topic' : by === 'AUTHOR' ? 'no author' : by === 'VENUE' ? 'no venue' : 'unknown';
        const id = Number(row.key);
        switch (by) {
          case 'YEAR':
            return String(row.key);
          case 'HAS_CODE':
            return row.key ? 'with code' : 'without code';
          case 'TOPIC':
            return (await ctx.loaders.topic.load(id))?.name ?? String(id);
          case 'VENUE':
            return (await ctx.loaders.venue.load(id))?.name ?? String(id);
          case 'AUTHOR':
            return (await ctx.loaders.author.load(id))?.displayName ?? String(id);
        }
      },
    }),
    count: t.int({ description: 'Papers in the group.', resolve: (g) => g.row.count }),
    citationCount: t.int({ description: 'Citations of those papers, summed.', resolve: (g) => g.row.citation_count }),
    year: t.int({ nullable: true, description: 'The year, when grouping by YEAR.', resolve: (g) => idOf(g, 'YEAR') }),
    topic: t.field({
      type: TopicRef,
      nullable: true,
      description: 'The topic, when grouping by TOPIC.',
      resolve: (g, _a, ctx) => (idOf(g, 'TOPIC') == null ? null : ctx.loaders.topic.load(idOf(g, 'TOPIC')!)),
    }),
    venue: t.field({
      type: VenueRef,
      nullable: true,
      description: 'The venue, when grouping by VENUE.',
      resolve: (g, _a, ctx) => (idOf(g, 'VENUE') == null ? null : ctx.loaders.venue.load(idOf(g, 'VENUE')!)),
    }),
    author: t.field({
      type: AuthorRef,
      nullable: true,
      description: 'The author, when grouping by AUTHOR.',
      resolve: (g, _a, ctx) => (idOf(g, 'AUTHOR') == null ? null : ctx.loaders.author.load(idOf(g, 'AUTHOR')!)),
    }),
  }),
});

export const MAX_GROUPS = 1000;

builder.queryField('paperGroups', (t) =>
  t.field({
    type: [PaperGroupRef],
    description:
      'Count the papers matching a filter, grouped by year, topic, venue, author or code availability: "papers per year of this author", "top venues of this topic", "top authors in cs.CL since 2023".',
    args: {
      filter: t.arg({ type: PaperFilterInput, description: 'Which papers to count; all when absent.' }),
      by: t.arg({ type: PaperGroupByEnum, required: true, description: 'What to group by.' }),
      first: t.arg.int({ defaultValue: 20, description: `How many groups (1 to ${MAX_GROUPS}).` }),
      orderBy: t.arg({ type: PaperGroupOrder, description: 'Ordering; most papers first by default.' }),
      citations: t.arg({ type: CitationBasisEnum, defaultValue: 'REPORTED_ELSE_GRAPH', description: 'Which citation count of each paper to add up.' }),
    },
    resolve: async (_root, args, ctx) => {
      const first = checkIntRange(args.first ?? 20, 1, MAX_GROUPS, 'first');
      const filter = parsePaperFilter(args.filter);
      if (filter.topicId != null) filter.topicIds = await ctx.loaders.topicSubtree.load(filter.topicId);
      const query = {
        filter,
        by: args.by,
        first,
        order: { field: args.orderBy?.field ?? 'COUNT', descending: (args.orderBy?.direction ?? 'DESC') === 'DESC' },
        basis: args.citations ?? 'REPORTED_ELSE_GRAPH',
      } as const;
      // Full-text search and update times are the database's (the in-memory facts hold neither); every other
      // filter is answered from the in-memory facts. Either counts over up to every paper: heavy work,
      // admitted through the gate.
      const inDatabase = filter.search != null || filter.updatedSince != null;
      const rows = await ctx.scope.heavy(async () =>
        inDatabase ? paperGroups(ctx.db(), query) : groupPapers(await ctx.paperFacts.current(), query),
      );
      return rows.map((row) => ({ by: args.by, row }));
    },
  }),
);
