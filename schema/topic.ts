/** The Topic type (a hierarchy: field → subfield) and the root fields that return topics. */
import { papersOfTopic } from '../db/queries/paper-pages.js';
import { badInput } from '../src/errors.js';
import { papersOfCollection } from '../src/metrics/group-papers.js';
import { loadAll } from '../src/loaders/by-key.js';
import { builder } from './builder.js';
import { decodeIdOf } from './global-id.js';
import { PaperOrder } from './paper-order.js';
import { resolvePaperList } from './paper.js';
import { PaperRef, TopicRef } from './refs.js';
import { rowNodeId } from './sync-node-ids.js';

builder.node(TopicRef, {
  description: 'A research topic. Topics form a hierarchy, e.g. Computer Science → Computation and Language.',
  id: rowNodeId,
  loadMany: (ids, ctx) => loadAll(ctx.loaders.topic, ids),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code, e.g. `cs.CL` (arXiv style where one exists).' }),
    name: t.exposeString('name', { description: 'Human-readable name.' }),
    parent: t.field({
      type: TopicRef,
      nullable: true,
      description: 'The broader topic; null for a root.',
      resolve: (topic, _args, ctx) => (topic.parentId == null ? null : ctx.loaders.topic.load(topic.parentId)),
    }),
    children: t.field({
      type: [TopicRef],
      description: 'The narrower topics directly below this one, by name.',
      resolve: (topic, _args, ctx) => ctx.loaders.childTopics.load(topic.id),
    }),
    paperCount: t.int({
      description: 'Papers filed under this topic or any topic below it, each counted once.',
      // From the in-memory paper facts: a root topic's subtree can hold millions of papers.
      resolve: async (topic, _args, ctx) => {
        const [facts, subtree] = await Promise.all([ctx.paperFacts.current(), ctx.loaders.topicSubtree.load(topic.id)]);
        return papersOfCollection(facts, { topicIds: subtree }).length;
      },
    }),
    papers: t.connection(
      {
        type: PaperRef,
        description: 'Papers filed under this topic or any topic below it, newest first unless ordered otherwise.',
        args: { orderBy: t.arg({ type: PaperOrder, description: 'Ordering; newest first by default.' }) },
        resolve: (topic, args, ctx, info) => resolvePaperList(ctx, 'Topic.papers', papersOfTopic, [topic.id], args, info),
      },
      { name: 'TopicPaperConnection', description: 'A page of the papers of a topic.' },
      { name: 'TopicPaperEdge', description: 'A paper of a topic.' },
    ),
  }),
});

builder.queryFields((t) => ({
  topic: t.field({
    type: TopicRef,
    nullable: true,
    description: 'One topic by exactly one of: ID or code. Null when there is none.',
    args: {
      id: t.arg.id({ description: 'The global ID of a Topic.' }),
      code: t.arg.string({ description: 'The topic code, e.g. `cs.CL`.' }),
    },
    resolve: (_root, args, ctx) => {
      if ((args.id == null) === (args.code == null)) throw badInput('Pass exactly one of "id" or "code".', 'id');
      if (args.id != null) return ctx.loaders.topic.load(decodeIdOf('Topic', args.id));
      const code = args.code!.trim();
      if (code === '') throw badInput('"code" must not be empty.', 'code');
      return ctx.loaders.topicByCode.load(code);
    },
  }),
  topics: t.field({
    type: [TopicRef],
    description: 'The root topics, by name; walk down with `children`.',
    resolve: (_root, _args, ctx) => ctx.loaders.rootTopics.load('roots'),
  }),
}));
