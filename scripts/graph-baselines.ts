/**
 * The SQL a user would write without the in-memory coauthor graph: recursive CTEs over `authorships`
 * (or over a coauthor-pair table, the other design the benchmark weighs), for the baselines of
 * `npm run bench:graph`. Parameters: $1 the start author, $2 the target author where there is one.
 */

/** One step of the recursive walk from `reach r`: over authorships, or over the pair table. */
const steps = {
  authorships: `select o.author_id, r.depth + 1 from reach r
      join authorships me on me.author_id = r.author_id join authorships o on o.paper_id = me.paper_id`,
  pairs: 'select t.b, r.depth + 1 from reach r join bench_coauthor_pairs t on t.a = r.author_id',
};
export type WalkStep = keyof typeof steps;

const reach = (step: WalkStep, maxDepth: number) =>
  `with recursive reach(author_id, depth) as (select $1::int, 0 union ${steps[step]} where r.depth < ${maxDepth})`;

/** Hops from $1 to $2 within `maxLength`, or null. */
export const pathDistanceSql = (step: WalkStep, maxLength: number) =>
  `${reach(step, maxLength)} select min(depth) from reach where author_id = $2`;

/** Only the ids of the authors within `depth` hops and their distances: part of the question. */
export const egoNodeIdsSql = (depth: number) =>
  `${reach('authorships', depth)} select author_id, min(depth) from reach group by author_id`;

/**
 * The whole answer `coauthorNetwork` gives: the authors within `depth` hops, cut to `limit` nearest first
 * and, within the cut layer, by the strongest tie into the layer before (author id breaking ties); every
 * tie between two kept authors with its shared papers and first and last year; and whether anything was
 * cut. Returns one row: `nodes` and `edges` as JSON, `truncated`.
 */
export const egoNetworkSql = (depth: number, limit: number) => `${reach('authorships', depth)},
  dist as (select author_id, min(depth) as d from reach group by author_id),
  strength as (
    select n.author_id, n.d, coalesce((
      select max(c.n) from (
        select count(*) as n from authorships x
        join authorships y on y.paper_id = x.paper_id
        join dist p on p.author_id = y.author_id and p.d = n.d - 1
        where x.author_id = n.author_id group by y.author_id
      ) c), 0) as s
    from dist n
  ),
  kept as (select author_id, d from strength order by d, s desc, author_id limit ${limit}),
  edges as (
    select x.author_id as source, y.author_id as target, count(*) as paper_count,
      min(p.year) as first_year, max(p.year) as last_year
    from kept k
    join authorships x on x.author_id = k.author_id
    join authorships y on y.paper_id = x.paper_id and y.author_id > x.author_id
    join kept k2 on k2.author_id = y.author_id
    join papers p on p.id = x.paper_id
    group by 1, 2
  )
  select (select json_agg(json_build_object('id', author_id, 'distance', d) order by d, author_id) from kept) as nodes,
    (select json_agg(edges order by source, target) from edges) as edges,
    (select count(*) > ${limit} from dist) as truncated`;

/** The pair table the other design would maintain: both directions of every tie, indexed by author. */
export const pairTableSetupSql = [
  `create table if not exists bench_coauthor_pairs as
      select x.author_id as a, y.author_id as b, count(*)::int as papers
      from authorships x join authorships y on y.paper_id = x.paper_id and y.author_id <> x.author_id
      group by 1, 2`,
  'create index if not exists bench_coauthor_pairs_a on bench_coauthor_pairs (a, b)',
  'analyze bench_coauthor_pairs',
];
