/**
 * Upserts of the entities papers point at: topics (parents first), venues and authors. Each returns a map
 * from the record's identity key to the database id, and adds to the import's counts. Unchanged rows are
 * not rewritten: the upsert's WHERE skips them, so a re-import touches nothing.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { recordset, reserveIds, textList } from '../../db/queries/bulk.js';
import { authors, topics, venues } from '../../db/tables.js';
import { chunked } from './chunks.js';
import { IMPORT_TIME } from './touch-updated.js';
import { normalizeName } from './normalize.js';
import type { AuthorRecord, TopicRecord, VenueRecord } from './records.js';
import type { EntityCounts } from './summary.js';

export type Executor = Database;

function tally(counts: EntityCounts, rows: { inserted: boolean }[], total: number): void {
  const inserted = rows.filter((r) => r.inserted).length;
  counts.inserted += inserted;
  counts.updated += rows.length - inserted;
  counts.unchanged += total - rows.length;
}

/** Topics and all their ancestors, parents before children, one statement per hierarchy level. */
export async function upsertTopics(
  tx: Executor,
  records: TopicRecord[],
  counts: EntityCounts,
): Promise<Map<string, number>> {
  const byCode = new Map<string, { record: TopicRecord; depth: number }>();
  const visit = (topic: TopicRecord, depth: number): void => {
    const seen = byCode.get(topic.code);
    if (!seen || seen.depth < depth) byCode.set(topic.code, { record: topic, depth });
    if (topic.parent) visit(topic.parent, depth + 1);
  };
  for (const record of records) visit(record, 0);

  const ids = new Map<string, number>();
  // Deepest "depth" here means furthest from the leaf, i.e. the roots: write those first.
  const levels = [...new Set([...byCode.values()].map((v) => v.depth))].sort((a, b) => b - a);
  for (const level of levels) {
    const rows = [...byCode.values()]
      .filter((v) => v.depth === level)
      .map(({ record }) => ({
        code: record.code,
        name: record.name,
        parentId: record.parent ? (ids.get(record.parent.code) ?? null) : null,
      }));
    for (const chunk of chunked(rows)) {
      const written = await tx
        .insert(topics)
        .values(chunk)
        .onConflictDoUpdate({
          target: topics.code,
          // A record without a parent means "parent unknown", not "make it a root".
          set: { name: sql`excluded.name`, parentId: sql`coalesce(excluded.parent_id, ${topics.parentId})` },
          setWhere: sql`(${topics.name}, ${topics.parentId}) is distinct from (excluded.name, coalesce(excluded.parent_id, ${topics.parentId}))`,
        })
        .returning({ id: topics.id, code: topics.code, inserted: sql<boolean>`xmax = 0` });
      tally(counts, written, chunk.length);
      for (const row of written) ids.set(row.code, row.id);
      const missing = chunk.filter((r) => !ids.has(r.code)).map((r) => r.code);
      if (missing.length > 0) {
        const existing = await tx.select({ id: topics.id, code: topics.code }).from(topics).where(inArray(topics.code, missing));
        for (const row of existing) ids.set(row.code, row.id);
      }
    }
  }
  return ids;
}

export function venueKey(venue: VenueRecord): string {
  return normalizeName(venue.name);
}

export async function upsertVenues(
  tx: Executor,
  records: VenueRecord[],
  counts: EntityCounts,
): Promise<Map<string, number>> {
  const unique = new Map<string, VenueRecord>();
  for (const record of records) unique.set(venueKey(record), record);
  const ids = new Map<string, number>();
  for (const chunk of chunked([...unique.entries()])) {
    const rows = chunk.map(([nameKey, v]) => ({ name: v.name, nameKey, shortName: v.shortName ?? null, kind: v.kind }));
    const written = await tx
      .insert(venues)
      .values(rows)
      .onConflictDoUpdate({
        target: venues.nameKey,
        set: {
          name: sql`excluded.name`,
          shortName: sql`coalesce(excluded.short_name, ${venues.shortName})`,
          kind: sql`excluded.kind`,
        },
        setWhere: sql`(${venues.name}, ${venues.shortName}, ${venues.kind}) is distinct from (excluded.name, coalesce(excluded.short_name, ${venues.shortName}), excluded.kind)`,
      })
      .returning({ id: venues.id, nameKey: venues.nameKey, inserted: sql<boolean>`xmax = 0` });
    tally(counts, written, rows.length);
    for (const row of written) ids.set(row.nameKey, row.id);
    const missing = rows.filter((r) => !ids.has(r.nameKey)).map((r) => r.nameKey);
    if (missing.length > 0) {
      const existing = await tx.select({ id: venues.id, nameKey: venues.nameKey }).from(venues).where(inArray(venues.nameKey, missing));
      for (const row of existing) ids.set(row.nameKey, row.id);
    }
  }
  return ids;
}

/** The key an author record is deduplicated by inside one batch: its strongest id. */
export function authorKey(record: AuthorRecord): string {
  const id = record.identity;
  if (id.orcid) return `orcid:${id.orcid}`;
  if (id.openalexId) return `openalex:${id.openalexId}`;
  if (id.dblpId) return `dblp:${id.dblpId}`;
  if (id.sourceKey) return `source:${id.sourceKey}`;
  throw new Error(`author "${record.displayName}" has no identity`);
}

/** Merge two records of one author: ids and fields the later one adds win, nothing known is lost. */
function mergeAuthor(a: AuthorRecord, b: AuthorRecord): AuthorRecord {
  return {
    identity: { ...a.identity, ...b.identity },
    displayName: b.displayName || a.displayName,
    affiliation: b.affiliation ?? a.affiliation,
    reportedMetrics: b.reportedMetrics ?? a.reportedMetrics,
  };
}

type ExistingAuthor = typeof authors.$inferSelect;

/** JSON with object keys sorted: jsonb gives keys back in its own order, so plain JSON would differ. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Find each record's author by ORCID, then OpenAlex, DBLP, and last the source-scoped name key. */
function indexExisting(existing: ExistingAuthor[]) {
  const by = (field: 'orcid' | 'openalexId' | 'dblpId' | 'sourceKey') =>
    new Map(existing.filter((e) => e[field]).map((e) => [e[field]!, e]));
  const orcid = by('orcid');
  const openalex = by('openalexId');
  const dblp = by('dblpId');
  const source = by('sourceKey');
  return (record: AuthorRecord): ExistingAuthor | undefined => {
    const id = record.identity;
    return (
      (id.orcid && orcid.get(id.orcid)) ||
      (id.openalexId && openalex.get(id.openalexId)) ||
      (id.dblpId && dblp.get(id.dblpId)) ||
      (id.sourceKey && source.get(id.sourceKey)) ||
      undefined
    );
  };
}

const AUTHOR_COLUMNS = [
  ['id', 'int'],
  ['display_name', 'text'],
  ['normalized_name', 'text'],
  ['orcid', 'text'],
  ['openalex_id', 'text'],
  ['dblp_id', 'text'],
  ['source_key', 'text'],
  ['affiliation', 'text'],
  ['reported_metrics', 'jsonb'],
] as const;

type AuthorValues = {
  displayName: string;
  normalizedName: string;
  orcid: string | null;
  openalexId: string | null;
  dblpId: string | null;
  sourceKey: string | null;
  affiliation: string | null;
  reportedMetrics: ExistingAuthor['reportedMetrics'];
};

function authorRow(id: number, v: AuthorValues) {
  return {
    id,
    display_name: v.displayName,
    normalized_name: v.normalizedName,
    orcid: v.orcid,
    openalex_id: v.openalexId,
    dblp_id: v.dblpId,
    source_key: v.sourceKey,
    affiliation: v.affiliation,
    reported_metrics: v.reportedMetrics,
  };
}

/** Insert new authors and update changed ones: four statements for any number of records. */
export async function upsertAuthors(
  tx: Executor,
  records: AuthorRecord[],
  counts: EntityCounts,
): Promise<Map<string, number>> {
  const unique = new Map<string, AuthorRecord>();
  for (const record of records) {
    const key = authorKey(record);
    const seen = unique.get(key);
    unique.set(key, seen ? mergeAuthor(seen, record) : record);
  }
  const ids = new Map<string, number>();
  if (unique.size === 0) return ids;
  const all = [...unique.values()];
  const lists = [
    [sql`orcid`, all.map((r) => r.identity.orcid)],
    [sql`openalex_id`, all.map((r) => r.identity.openalexId)],
    [sql`dblp_id`, all.map((r) => r.identity.dblpId)],
    [sql`source_key`, all.map((r) => r.identity.sourceKey)],
  ] as const;
  const conditions = lists
    .map(([column, values]) => [column, values.filter((v): v is string => Boolean(v))] as const)
    .filter(([, values]) => values.length > 0)
    .map(([column, values]) => sql`${column} in ${textList(values)}`);
  const existing = await tx.select().from(authors).where(sql.join(conditions, sql` or `));
  const match = indexExisting(existing);

  const inserts: [string, AuthorValues][] = [];
  const updates: ReturnType<typeof authorRow>[] = [];
  for (const [key, record] of unique) {
    const found = match(record);
    const values: AuthorValues = {
      displayName: record.displayName,
      normalizedName: normalizeName(record.displayName),
      orcid: record.identity.orcid ?? found?.orcid ?? null,
      openalexId: record.identity.openalexId ?? found?.openalexId ?? null,
      dblpId: record.identity.dblpId ?? found?.dblpId ?? null,
      // The first name-key an author was known by stays: it is how the source finds them again.
      sourceKey: found?.sourceKey ?? record.identity.sourceKey ?? null,
      affiliation: record.affiliation ?? found?.affiliation ?? null,
      reportedMetrics: record.reportedMetrics ?? found?.reportedMetrics ?? null,
    };
    if (!found) {
      inserts.push([key, values]);
      continue;
    }
    ids.set(key, found.id);
    const changed = (Object.keys(values) as (keyof AuthorValues)[]).some(
      (k) => canonicalJson(values[k] ?? null) !== canonicalJson(found[k] ?? null),
    );
    if (changed) {
      updates.push(authorRow(found.id, values));
      Object.assign(found, values);
    }
  }
  counts.unchanged += unique.size - inserts.length - updates.length;
  // Two records of one existing author (matched by different ids) are one update, not two.
  const updateRows = [...new Map(updates.map((u) => [u.id, u])).values()];
  counts.updated += updateRows.length;

  if (inserts.length > 0) {
    const newIds = await reserveIds(tx, 'authors', inserts.length);
    const rows = inserts.map(([key, values], i) => {
      ids.set(key, newIds[i]!);
      return authorRow(newIds[i]!, values);
    });
    for (const chunk of chunked(rows, 5000)) {
      await tx.execute(sql`insert into authors (id, display_name, normalized_name, orcid, openalex_id, dblp_id, source_key, affiliation, reported_metrics, updated_at)
        overriding system value
        select id, display_name, normalized_name, orcid, openalex_id, dblp_id, source_key, affiliation, reported_metrics, ${IMPORT_TIME}
        from ${recordset(chunk, AUTHOR_COLUMNS)}`);
    }
    counts.inserted += inserts.length;
  }
  for (const chunk of chunked(updateRows, 5000)) {
    await tx.execute(sql`update authors a set display_name = x.display_name, normalized_name = x.normalized_name,
        orcid = x.orcid, openalex_id = x.openalex_id, dblp_id = x.dblp_id, source_key = x.source_key,
        affiliation = x.affiliation, reported_metrics = x.reported_metrics, updated_at = ${IMPORT_TIME}
      from ${recordset(chunk, AUTHOR_COLUMNS)} where a.id = x.id`);
  }
  return ids;
}
