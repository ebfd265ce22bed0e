/**
 * Upserts of the entities papers point at: topics (parents first), venues and authors. Each returns a map
 * from the record's identity key to the database id, and adds to the import's counts. Unchanged rows are
 * not rewritten: the upsert's WHERE skips them, so a re-import touches nothing.
 */
import { eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { authors, topics, venues } from '../../db/tables.js';
import { chunked } from './chunks.js';
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
function matchExisting(record: AuthorRecord, existing: ExistingAuthor[]): ExistingAuthor | undefined {
  const id = record.identity;
  return (
    (id.orcid && existing.find((e) => e.orcid === id.orcid)) ||
    (id.openalexId && existing.find((e) => e.openalexId === id.openalexId)) ||
    (id.dblpId && existing.find((e) => e.dblpId === id.dblpId)) ||
    (id.sourceKey && existing.find((e) => e.sourceKey === id.sourceKey)) ||
    undefined
  );
}

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
  for (const chunk of chunked([...unique.entries()])) {
    const pick = (f: (r: AuthorRecord) => string | undefined) =>
      chunk.map(([, r]) => f(r)).filter((v): v is string => Boolean(v));
    const conditions = [
      [authors.orcid, pick((r) => r.identity.orcid)],
      [authors.openalexId, pick((r) => r.identity.openalexId)],
      [authors.dblpId, pick((r) => r.identity.dblpId)],
      [authors.sourceKey, pick((r) => r.identity.sourceKey)],
    ] as const;
    const where = or(...conditions.filter(([, values]) => values.length > 0).map(([col, values]) => inArray(col, values)));
    const existing = where ? await tx.select().from(authors).where(where) : [];

    const toInsert: [string, AuthorRecord][] = [];
    for (const [key, record] of chunk) {
      const found = matchExisting(record, existing);
      if (!found) {
        toInsert.push([key, record]);
        continue;
      }
      ids.set(key, found.id);
      const next = {
        displayName: record.displayName,
        normalizedName: normalizeName(record.displayName),
        orcid: record.identity.orcid ?? found.orcid,
        openalexId: record.identity.openalexId ?? found.openalexId,
        dblpId: record.identity.dblpId ?? found.dblpId,
        sourceKey: found.sourceKey ?? record.identity.sourceKey ?? null,
        affiliation: record.affiliation ?? found.affiliation,
        reportedMetrics: record.reportedMetrics ?? found.reportedMetrics,
      };
      const changed = (Object.keys(next) as (keyof typeof next)[]).some(
        (k) => canonicalJson(next[k] ?? null) !== canonicalJson(found[k] ?? null),
      );
      if (!changed) {
        counts.unchanged += 1;
        continue;
      }
      await tx.update(authors).set(next).where(eq(authors.id, found.id));
      counts.updated += 1;
    }
    if (toInsert.length > 0) {
      const written = await tx
        .insert(authors)
        .values(
          toInsert.map(([, r]) => ({
            displayName: r.displayName,
            normalizedName: normalizeName(r.displayName),
            orcid: r.identity.orcid ?? null,
            openalexId: r.identity.openalexId ?? null,
            dblpId: r.identity.dblpId ?? null,
            sourceKey: r.identity.sourceKey ?? null,
            affiliation: r.affiliation ?? null,
            reportedMetrics: r.reportedMetrics ?? null,
          })),
        )
        .returning({ id: authors.id });
      written.forEach((row, i) => ids.set(toInsert[i]![0], row.id));
      counts.inserted += written.length;
    }
  }
  return ids;
}
