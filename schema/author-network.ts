/** Author fields about collaboration: coauthors shared with another author, and collaboration figures. */
import { commonCoauthorsOf, type CollaborationStatsRow } from '../db/queries/network.js';
import { badInput } from '../src/errors.js';
import { builder } from './builder.js';
import { decodeIdOf } from './global-id.js';
import { resolvePagedConnection } from './paged-connection.js';
import { AuthorRef } from './refs.js';

const CollaborationStats = builder.objectRef<CollaborationStatsRow>('CollaborationStats').implement({
  description: "How an author collaborates, from their papers' author lists in this database.",
  fields: (t) => ({
    coauthorCount: t.int({ description: 'Distinct coauthors.', resolve: (s) => Number(s.coauthor_count) }),
    repeatCoauthorShare: t.float({
      description: 'Share of coauthors (0 to 1) with whom the author wrote two papers or more; 0 without coauthors.',
      resolve: (s) => (Number(s.coauthor_count) === 0 ? 0 : Number(s.repeat_coauthor_count) / Number(s.coauthor_count)),
    }),
    medianTeamSize: t.float({
      nullable: true,
      description: "Median number of authors on the author's papers (the author included); null without papers.",
      resolve: (s) => (s.median_team_size == null ? null : Number(s.median_team_size)),
    }),
    maxTeamSize: t.int({
      nullable: true,
      description: "Largest number of authors on one of the author's papers; null without papers.",
      resolve: (s) => (s.max_team_size == null ? null : Number(s.max_team_size)),
    }),
  }),
});

builder.objectFields(AuthorRef, (t) => ({
  collaborationStats: t.field({
    type: CollaborationStats,
    description: 'Coauthor count, share of repeat collaborators, and team sizes. Lists hidden behind "et al." count only the authors shown.',
    resolve: async (author, _args, ctx) => (await ctx.loaders.collaborationStats.load(author.id))!,
  }),
  commonCoauthors: t.connection(
    {
      type: AuthorRef,
      description: 'Authors who wrote papers with both this author and another, most shared papers first.',
      args: { with: t.arg.id({ required: true, description: 'The other author.' }) },
      resolve: async (author, args, ctx) => {
        const other = decodeIdOf('Author', args.with, 'with');
        if (other === author.id) throw badInput('"with" must be another author.', 'with');
        return resolvePagedConnection(ctx, {
          name: 'Author.commonCoauthors',
          relation: commonCoauthorsOf(),
          parent: [author.id, other],
          args,
          orderTag: 'SHARED:DESC',
          descending: true,
          nodeLoader: ctx.loaders.author,
          nodeType: 'Author',
        });
      },
    },
    { name: 'CommonCoauthorConnection', description: 'A page of the coauthors two authors share.' },
    {
      name: 'CommonCoauthorEdge',
      description: 'A coauthor of both authors, with how many papers they wrote with each.',
      fields: (te) => ({
        paperCountWithAuthor: te.int({
          description: 'Papers this coauthor wrote with the author whose field this is.',
          resolve: (e) => Number(e.extras.papers_with_author),
        }),
        paperCountWithOther: te.int({
          description: 'Papers this coauthor wrote with the author given in `with`.',
          resolve: (e) => Number(e.extras.papers_with_other),
        }),
      }),
    },
  ),
}));
