/**
 * Papers and what hangs off them: authorships, topic links and citations. A paper is recognised by its
 * ids (DOI, arXiv, OpenAlex, ACL) first and by normalized title + year when it has none that match.
 * A paper's author and topic lists in the incoming record replace the stored ones: the source is the
 * authority on who wrote its paper.
 */
import { eq, inArray, or, sql } from 'drizzle-orm';
import { authorships, citations, papers, paperTopics } from '../../db/tables.js';
import { chunked } from './chunks.js';
import { normalizeTitle } from './normalize.js';
import type { PaperIdentity, PaperRecord } from './records.js';
import type { EntityCounts } from './summary.js';
import type { Executor } from './write-entities.js';

type StoredPaper = typeof papers.$inferSelect;
const ID_FIELDS = ['doi', 'arxivId', 'openalexId', 'aclId'] as const;

function findStored(identity: PaperIdentity, title: string, year: number | undefined, stored: StoredPaper[]) {
  for (const field of ID_FIELDS) {
    const value = identity[field];
    if (value) {
      const hit = stored.find((p) => p[field] === value);
      if (hit) return hit;
    }
  }
  const key = normalizeTitle(title);
  return stored.find((p) => p.titleKey === key && p.year === (year ?? null));
}

/** Upsert papers; returns their ids in record order. */
export async function upsertPapers(
  tx: Executor,
  records: PaperRecord[],
  venueIds: (record: PaperRecord) => number | null,
  counts: EntityCounts,
): Promise<number[]> {
  const ids: number[] = [];
  for (const chunk of chunked(records, 500)) {
    const byField = (f: (typeof ID_FIELDS)[number]) =>
      chunk.map((r) => r.identity[f]).filter((v): v is string => Boolean(v));
    const idConditions = ID_FIELDS.map((f) => [papers[f], byField(f)] as const)
      .filter(([, values]) => values.length > 0)
      .map(([col, values]) => inArray(col, values));
    const titleKeys = chunk.map((r) => normalizeTitle(r.title));
    const stored = await tx
      .select()
      .from(papers)
      .where(or(inArray(papers.titleKey, titleKeys), ...idConditions));

    for (const record of chunk) {
      const values = {
        title: record.title,
        titleKey: normalizeTitle(record.title),
        abstract: record.abstract ?? null,
        publishedAt: record.publishedAt ?? null,
        year: record.year ?? (record.publishedAt ? Number(record.publishedAt.slice(0, 4)) : null),
        venueId: venueIds(record),
        doi: record.identity.doi ?? null,
        arxivId: record.identity.arxivId ?? null,
        openalexId: record.identity.openalexId ?? null,
        aclId: record.identity.aclId ?? null,
        codeUrl: record.codeUrl ?? null,
        hasCode: record.hasCode || Boolean(record.codeUrl),
        authorListComplete: record.authorListComplete,
        reportedCitationCount: record.reportedCitationCount ?? null,
      };
      const found = findStored(record.identity, record.title, values.year ?? undefined, stored);
      if (!found) {
        const [row] = await tx.insert(papers).values(values).returning();
        stored.push(row!);
        ids.push(row!.id);
        counts.inserted += 1;
        continue;
      }
      ids.push(found.id);
      // Ids a source does not know are kept: a later source without a DOI does not erase it.
      for (const field of ID_FIELDS) values[field] = values[field] ?? found[field];
      const changed = (Object.keys(values) as (keyof typeof values)[]).some((k) => values[k] !== found[k]);
      if (!changed) {
        counts.unchanged += 1;
        continue;
      }
      await tx.update(papers).set({ ...values, updatedAt: sql`now()` }).where(eq(papers.id, found.id));
      Object.assign(found, values);
      counts.updated += 1;
    }
  }
  return ids;
}

interface LinkRow {
  paperId: number;
  otherId: number;
  /** Everything else the link stores, serialised for comparison. */
  payload: string;
}

/**
 * Replace the link rows of the given papers with the wanted ones, counting what changed. Rows of a paper
 * whose links are all unchanged are left alone; a paper with any change has its links rewritten, since
 * unique positions would otherwise collide mid-update.
 */
async function replaceLinks(
  wanted: LinkRow[],
  existing: LinkRow[],
  paperIds: number[],
  counts: EntityCounts,
  rewrite: (paperIds: number[], rows: LinkRow[]) => Promise<void>,
): Promise<void> {
  const key = (r: LinkRow) => `${r.paperId}:${r.otherId}`;
  const before = new Map(existing.map((r) => [key(r), r]));
  const after = new Map(wanted.map((r) => [key(r), r]));
  const dirty = new Set<number>();
  for (const [k, row] of after) {
    const old = before.get(k);
    if (!old) counts.inserted += 1;
    else if (old.payload !== row.payload) counts.updated += 1;
    else {
      counts.unchanged += 1;
      continue;
    }
    dirty.add(row.paperId);
  }
  for (const [k, row] of before) {
    if (!after.has(k)) {
      counts.removed += 1;
      dirty.add(row.paperId);
    }
  }
  const dirtyIds = paperIds.filter((id) => dirty.has(id));
  if (dirtyIds.length === 0) return;
  await rewrite(
    dirtyIds,
    [...after.values()].filter((r) => dirty.has(r.paperId)),
  );
}

export interface AuthorshipRow {
  paperId: number;
  authorId: number;
  position: number | null;
  affiliation: string | null;
}

/** Returns every author whose paper list may have changed (old and new authors of these papers). */
export async function replaceAuthorships(
  tx: Executor,
  paperIds: number[],
  rows: AuthorshipRow[],
  counts: EntityCounts,
): Promise<number[]> {
  const toLink = (r: AuthorshipRow): LinkRow => ({
    paperId: r.paperId,
    otherId: r.authorId,
    payload: JSON.stringify([r.position, r.affiliation]),
  });
  const existing: AuthorshipRow[] = [];
  for (const chunk of chunked(paperIds)) {
    existing.push(...(await tx.select().from(authorships).where(inArray(authorships.paperId, chunk))));
  }
  const byKey = new Map(rows.map((r) => [`${r.paperId}:${r.authorId}`, r]));
  await replaceLinks(rows.map(toLink), existing.map(toLink), paperIds, counts, async (dirtyIds, links) => {
    for (const chunk of chunked(dirtyIds)) await tx.delete(authorships).where(inArray(authorships.paperId, chunk));
    const full = links.map((l) => byKey.get(`${l.paperId}:${l.otherId}`)!);
    for (const chunk of chunked(full)) await tx.insert(authorships).values(chunk);
  });
  return [...new Set([...existing, ...rows].map((r) => r.authorId))];
}

export interface PaperTopicRow {
  paperId: number;
  topicId: number;
  isPrimary: boolean;
}

export async function replacePaperTopics(tx: Executor, paperIds: number[], rows: PaperTopicRow[], counts: EntityCounts) {
  const toLink = (r: PaperTopicRow): LinkRow => ({ paperId: r.paperId, otherId: r.topicId, payload: String(r.isPrimary) });
  const existing: PaperTopicRow[] = [];
  for (const chunk of chunked(paperIds)) {
    existing.push(...(await tx.select().from(paperTopics).where(inArray(paperTopics.paperId, chunk))));
  }
  await replaceLinks(rows.map(toLink), existing.map(toLink), paperIds, counts, async (dirtyIds, links) => {
    for (const chunk of chunked(dirtyIds)) await tx.delete(paperTopics).where(inArray(paperTopics.paperId, chunk));
    const full = links.map((l) => ({ paperId: l.paperId, topicId: l.otherId, isPrimary: l.payload === 'true' }));
    for (const chunk of chunked(full)) await tx.insert(paperTopics).values(chunk);
  });
}

/** Resolve references to stored papers and add the citation edges; returns the ids of cited papers. */
export async function addCitations(
  tx: Executor,
  edges: { citingId: number; cited: PaperIdentity }[],
  counts: EntityCounts,
): Promise<{ citedIds: number[]; unresolved: number }> {
  if (edges.length === 0) return { citedIds: [], unresolved: 0 };
  const lookup = new Map<string, number>();
  for (const field of ID_FIELDS) {
    const values = [...new Set(edges.map((e) => e.cited[field]).filter((v): v is string => Boolean(v)))];
    for (const chunk of chunked(values)) {
      const rows = await tx.select({ id: papers.id, value: papers[field] }).from(papers).where(inArray(papers[field], chunk));
      for (const row of rows) lookup.set(`${field}:${row.value}`, row.id);
    }
  }
  let unresolved = 0;
  const pairs = new Map<string, { citingId: number; citedId: number }>();
  for (const edge of edges) {
    const field = ID_FIELDS.find((f) => edge.cited[f] && lookup.has(`${f}:${edge.cited[f]}`));
    const citedId = field ? lookup.get(`${field}:${edge.cited[field]}`) : undefined;
    if (citedId === undefined) unresolved += 1;
    else if (citedId !== edge.citingId) pairs.set(`${edge.citingId}:${citedId}`, { citingId: edge.citingId, citedId });
  }
  const rows = [...pairs.values()];
  for (const chunk of chunked(rows)) {
    const written = await tx.insert(citations).values(chunk).onConflictDoNothing().returning({ citedId: citations.citedId });
    counts.inserted += written.length;
    counts.unchanged += chunk.length - written.length;
  }
  return { citedIds: [...new Set(rows.map((r) => r.citedId))], unresolved };
}
