/**
 * `collaborationTrend`: an author's (or a group's) collaboration year by year, from the in-memory paper
 * facts (src/networks/collaboration-trend.ts holds the computation and the exact definitions).
 */
import { badInput } from '../src/errors.js';
import { collaborationTrend, type TrendYear } from '../src/networks/collaboration-trend.js';
import { builder } from './builder.js';
import { checkAuthorsExist, checkYearWindow, decodeIdList, exactlyOne, MAX_NETWORK_NODES } from './network-arguments.js';

/** Most years one trend may span when its window is given (a window from the data spans what the data does). */
export const MAX_TREND_YEARS = 500;

const CollaborationYear = builder.objectRef<TrendYear>('CollaborationYear').implement({
  description: 'One year of a collaboration trend. Papers without a year are in no year.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The year.' }),
    paperCount: t.int({ description: 'Papers of the year with at least one of the authors.', resolve: (y) => y.papers }),
    meanTeamSize: t.exposeFloat('meanTeamSize', { nullable: true, description: 'Mean number of authors per paper; null in a year without papers.' }),
    medianTeamSize: t.exposeFloat('medianTeamSize', { nullable: true, description: 'Median number of authors per paper; null in a year without papers.' }),
    repeatCollaboratorShare: t.float({
      nullable: true,
      description:
        'Share of the papers on which one of the authors writes with someone they had already shared a paper with in an earlier year (papers before the window count); null in a year without papers.',
      resolve: (y) => y.repeatShare,
    }),
    newCollaborators: t.exposeInt('newCollaborators', {
      description: 'Authors who share a paper with one of the authors (other than themselves) for the first time this year.',
    }),
    newTiesInside: t.exposeInt('newTiesInside', {
      nullable: true,
      description: 'Pairs of the given authors whose first shared paper is of this year; null when one author is given.',
    }),
  }),
});

const CollaborationTrend = builder.objectRef<{ authorCount: number; years: TrendYear[] }>('CollaborationTrend').implement({
  description: 'Collaboration figures of one author or a group, year by year.',
  fields: (t) => ({
    authorCount: t.exposeInt('authorCount', { description: 'Distinct authors the figures are about.' }),
    years: t.field({
      type: [CollaborationYear],
      description: 'Every year of the window, oldest first, with no gaps (years without papers included).',
      resolve: (trend) => trend.years,
    }),
  }),
});

builder.queryFields((t) => ({
  collaborationTrend: t.field({
    type: CollaborationTrend,
    description: 'How one author or a group collaborates, year by year: papers, team sizes, repeat and new collaborators, ties formed inside the group.',
    args: {
      authorId: t.arg.id({ description: 'One author. Give this or `authorIds`.' }),
      authorIds: t.arg.idList({ description: `A group of authors (at most ${MAX_NETWORK_NODES}), taken together. Give this or \`authorId\`.` }),
      yearFrom: t.arg.int({ description: 'First year shown; by default the year of the first dated paper.' }),
      yearTo: t.arg.int({ description: 'Last year shown; by default the year of the latest dated paper.' }),
    },
    resolve: async (_root, args, ctx) => {
      exactlyOne(args.authorId, args.authorIds, ['authorId', 'authorIds']);
      const argument = args.authorId != null ? 'authorId' : 'authorIds';
      const window = checkYearWindow(args.yearFrom, args.yearTo);
      if (window.yearFrom != null && window.yearTo != null && window.yearTo - window.yearFrom + 1 > MAX_TREND_YEARS) {
        throw badInput(`The window spans ${window.yearTo - window.yearFrom + 1} years, over the limit of ${MAX_TREND_YEARS}.`, 'yearFrom');
      }
      const given = decodeIdList('Author', args.authorId != null ? [args.authorId] : args.authorIds!, argument);
      if (given.ids.length === 0) throw badInput('"authorIds" must name at least one author.', 'authorIds');
      return ctx.scope.heavy(async () => {
        const facts = await ctx.paperFacts.current();
        await checkAuthorsExist(ctx, facts, given.ids, given.globalIds, argument);
        ctx.scope.signal.throwIfAborted();
        return { authorCount: given.ids.length, years: collaborationTrend(facts, given.ids, window) };
      });
    },
  }),
}));
