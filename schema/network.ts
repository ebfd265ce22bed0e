/**
 * Coauthor-network questions: the ego network around an author, the shortest chain of coauthors between
 * two authors. Both are answered from the in-memory coauthor graph; SQL only fetches the objects shown.
 */
import { sharedPaperOfPairs } from '../db/queries/network.js';
import { notFound } from '../src/errors.js';
import { collaborationPath } from '../src/graph/collaboration-path.js';
import { egoNetwork } from '../src/graph/ego-network.js';
import type { Context } from '../src/context.js';
import type { CoauthorGraph } from '../src/graph/coauthor-graph.js';
import { builder } from './builder.js';
import { checkIntRange } from './int-argument.js';
import { decodeIdOf, encodeGlobalID } from './global-id.js';
import { AuthorRef, PaperRef } from './refs.js';

/** At most this many authors are examined by one path search, whatever the graph's size. */
export const MAX_VISITED = 2_000_000;

/**
 * Decode an author id argument and find the author in the coauthor graph: -1 for an author with no paper
 * (not in the graph). An author in the graph exists; only one who is not costs a lookup, to tell "no
 * papers" from "no such author" (NOT_FOUND).
 */
async function authorInGraph(ctx: Context, graph: CoauthorGraph, globalId: string, argument: string): Promise<{ id: number; index: number }> {
  const id = decodeIdOf('Author', globalId, argument);
  const index = graph.indexOf(id);
  if (index < 0 && !(await ctx.loaders.author.load(id))) throw notFound(`No author has the ID given in "${argument}".`);
  return { id, index };
}

/**
 * Networks run to thousands of edges, each naming two nodes: global IDs are encoded once per node by the
 * resolver, and the fields below only read properties (resolver work per field is what an answer of a few
 * thousand fields spends its time on).
 */
interface NetworkNodeShape {
  /** The author's global ID. */
  authorId: string;
  /** The author's row id, for the `author` field. */
  author: number;
  distance: number;
}
interface NetworkEdgeShape {
  source: string;
  target: string;
  paperCount: number;
  firstYear: number | null;
  lastYear: number | null;
}

/**
 * A node is the author's place in one network (its distance depends on the center), so it has no `id`:
 * an `id` repeating the author's would make client caches that key objects by `id` (Relay, Apollo) merge
 * the node with the Author and the nodes of different networks with each other.
 */
const NetworkNode = builder.objectRef<NetworkNodeShape>('NetworkNode').implement({
  description:
    'An author in one coauthor network, with how many hops they are from its center. A part of its network, not an object of its own: it has no `id`.',
  fields: (t) => ({
    authorId: t.exposeID('authorId', {
      description: "The author's global ID (the same as `author.id`); the `source` and `target` of edges refer to nodes by it.",
    }),
    distance: t.exposeInt('distance', { description: 'Hops from the center (0 for the center itself).' }),
    author: t.field({ type: AuthorRef, description: 'The author.', resolve: (n, _a, ctx) => ctx.loaders.author.load(n.author).then((a) => a!) }),
  }),
});

const NetworkEdge = builder.objectRef<NetworkEdgeShape>('NetworkEdge').implement({
  description: 'A coauthor tie between two nodes of a network.',
  fields: (t) => ({
    source: t.exposeID('source', { description: 'Global ID of one author (the `authorId` of a node).' }),
    target: t.exposeID('target', { description: 'Global ID of the other author (the `authorId` of a node).' }),
    paperCount: t.exposeInt('paperCount', { description: 'Papers the two wrote together.' }),
    firstYear: t.exposeInt('firstYear', { nullable: true, description: 'Year of their first shared paper.' }),
    lastYear: t.exposeInt('lastYear', { nullable: true, description: 'Year of their latest shared paper.' }),
  }),
});

const CoauthorNetwork = builder
  .objectRef<{ center: number; nodes: NetworkNodeShape[]; edges: NetworkEdgeShape[]; truncated: boolean }>('CoauthorNetwork')
  .implement({
    description: 'The authors around one author and the ties between them: nodes and edges as graph libraries take them.',
    fields: (t) => ({
      center: t.field({ type: AuthorRef, description: 'The author at the center.', resolve: (n, _a, ctx) => ctx.loaders.author.load(n.center).then((a) => a!) }),
      nodes: t.field({ type: [NetworkNode], description: 'Authors in the network, nearest first.', resolve: (n) => n.nodes }),
      edges: t.field({ type: [NetworkEdge], description: 'Every tie between two authors of the network.', resolve: (n) => n.edges }),
      truncated: t.exposeBoolean('truncated', {
        description: 'True when the network was larger than `limit`: the strongest ties nearest the center were kept.',
      }),
    }),
  });

const NoPathReason = builder.enumType('NoPathReason', {
  description: 'Why no chain of coauthors was returned.',
  values: {
    NOT_CONNECTED: { description: 'No chain of coauthors links the two authors at all.' },
    LONGER_THAN_MAX_LENGTH: { description: 'Every chain is longer than `maxLength`.' },
    SEARCH_LIMIT: { description: 'The search examined its maximum number of authors without meeting.' },
  } as const,
});

const PathHop = builder.objectRef<{ from: number; to: number; paper: number | null }>('PathHop').implement({
  description: 'One link of a chain: two coauthors and a paper they wrote together.',
  fields: (t) => ({
    from: t.field({ type: AuthorRef, description: 'The author this hop starts from.', resolve: (h, _a, ctx) => ctx.loaders.author.load(h.from).then((a) => a!) }),
    to: t.field({ type: AuthorRef, description: 'The author this hop leads to.', resolve: (h, _a, ctx) => ctx.loaders.author.load(h.to).then((a) => a!) }),
    paper: t.field({
      type: PaperRef,
      description: 'A paper the two wrote together (their newest).',
      resolve: (h, _a, ctx) => ctx.loaders.paper.load(h.paper!).then((p) => p!),
    }),
  }),
});

type PathShape = { distance: number | null; hops: { from: number; to: number; paper: number | null }[]; reason: 'NOT_CONNECTED' | 'LONGER_THAN_MAX_LENGTH' | 'SEARCH_LIMIT' | null; visited: number };

const CollaborationPath = builder.objectRef<PathShape>('CollaborationPath').implement({
  description: 'A shortest chain of coauthors between two authors (the "Erdős number" question).',
  fields: (t) => ({
    distance: t.int({
      nullable: true,
      description: 'Number of hops: 0 for the same author, 1 for coauthors; null when no chain was found (see `reason`).',
      resolve: (p) => p.distance,
    }),
    hops: t.field({ type: [PathHop], description: 'The chain, hop by hop from `from` to `to`; empty when none.', resolve: (p) => p.hops }),
    reason: t.field({ type: NoPathReason, nullable: true, description: 'Why no chain is given; null when one is.', resolve: (p) => p.reason }),
    visited: t.exposeInt('visited', { description: 'Authors the search examined.' }),
  }),
});

builder.queryFields((t) => ({
  coauthorNetwork: t.field({
    type: CoauthorNetwork,
    description:
      'The coauthor network around an author, up to `depth` hops, for drawing with a graph library. Also as a file for Gephi, NetworkX, VOSviewer or a spreadsheet: `GET /export/{gexf|graphml|vosviewer|csv}?network=coauthorNetwork&authorId=…` with the same arguments (CSV also `table=nodes|edges`).',
    args: {
      authorId: t.arg.id({ required: true, description: 'The author at the center.' }),
      depth: t.arg.int({ defaultValue: 1, description: 'Hops from the center, 1 to 3.' }),
      minPapers: t.arg.int({ defaultValue: 1, description: 'Only ties with at least this many shared papers.' }),
      limit: t.arg.int({ defaultValue: 200, description: 'At most this many authors (1 to 2000), the center included.' }),
    },
    resolve: async (_root, args, ctx) => {
      const depth = checkIntRange(args.depth ?? 1, 1, 3, 'depth');
      const minPapers = checkIntRange(args.minPapers ?? 1, 1, 65535, 'minPapers');
      const limit = checkIntRange(args.limit ?? 200, 1, 2000, 'limit');
      decodeIdOf('Author', args.authorId, 'authorId'); // a malformed ID is refused before the graph is needed
      // A graph search and a network of thousands of ties: heavy work, admitted through the gate.
      return ctx.scope.heavy(async () => {
        const graph = await ctx.coauthors.current();
        const { id: center, index } = await authorInGraph(ctx, graph, args.authorId, 'authorId');
        if (index < 0) return { center, nodes: [{ authorId: encodeGlobalID('Author', center), author: center, distance: 0 }], edges: [], truncated: false };
        ctx.scope.signal.throwIfAborted(); // the graph may have taken a while: stop before the search if the request did
        const network = egoNetwork(graph, index, { depth, minPapers, limit });
        const globalIds = new Map<number, string>();
        const nodes = network.nodes.map((n) => {
          const author = graph.authorIds[n.index]!;
          const authorId = encodeGlobalID('Author', author);
          globalIds.set(n.index, authorId);
          return { authorId, author, distance: n.distance };
        });
        return {
          center,
          nodes,
          edges: network.edges.map((e) => ({
            source: globalIds.get(e.a)!,
            target: globalIds.get(e.b)!,
            paperCount: e.paperCount,
            firstYear: e.firstYear,
            lastYear: e.lastYear,
          })),
          truncated: network.truncated,
        };
      });
    },
  }),
  collaborationPath: t.field({
    type: CollaborationPath,
    description:
      'A shortest chain of coauthors from one author to another, each hop with a paper the two wrote. Also as a file: `GET /export/{gexf|graphml|vosviewer|csv}?network=collaborationPath&from=…&to=…` with the same arguments (CSV also `table=nodes|edges`).',
    args: {
      from: t.arg.id({ required: true, description: 'The author to start from.' }),
      to: t.arg.id({ required: true, description: 'The author to reach.' }),
      maxLength: t.arg.int({ defaultValue: 6, description: 'Longest chain to look for, 1 to 8 hops.' }),
    },
    resolve: async (_root, args, ctx): Promise<PathShape> => {
      const maxLength = checkIntRange(args.maxLength ?? 6, 1, 8, 'maxLength');
      decodeIdOf('Author', args.from, 'from'); // malformed IDs are refused before the graph is needed
      decodeIdOf('Author', args.to, 'to');
      return ctx.scope.heavy(async (): Promise<PathShape> => {
        const graph = await ctx.coauthors.current();
        const [{ id: from, index: a }, { id: to, index: b }] = await Promise.all([
          authorInGraph(ctx, graph, args.from, 'from'),
          authorInGraph(ctx, graph, args.to, 'to'),
        ]);
        if (from === to) return { distance: 0, hops: [], reason: null, visited: 0 };
        if (a < 0 || b < 0) return { distance: null, hops: [], reason: 'NOT_CONNECTED', visited: 0 };
        ctx.scope.signal.throwIfAborted();
        const result = collaborationPath(graph, a, b, { maxLength, maxVisited: MAX_VISITED });
        if (!result.found) {
          const reason = result.reason === 'NO_PATH' ? 'NOT_CONNECTED' : result.reason === 'TOO_FAR' ? 'LONGER_THAN_MAX_LENGTH' : 'SEARCH_LIMIT';
          return { distance: null, hops: [], reason, visited: result.visited };
        }
        const ids = result.path.map((i) => graph.authorIds[i]!);
        const pairs = ids.slice(1).map((id, i) => [ids[i]!, id] as [number, number]);
        const papers = await sharedPaperOfPairs(ctx.db(), pairs);
        return {
          distance: result.distance,
          hops: pairs.map(([f, t2], i) => ({ from: f, to: t2, paper: papers[i] ?? null })),
          reason: null,
          visited: result.visited,
        };
      });
    },
  }),
}));

