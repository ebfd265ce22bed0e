/**
 * Papers and what hangs off them: authorships, topic links and citations, written set-based (a handful of
 * statements per chunk of records, whatever its size). A paper is recognised by its ids (DOI, arXiv,
 * OpenAlex, ACL); a record without any id falls back to normalized title + year. A paper's author and
 * topic lists in the incoming record replace the stored ones: the source is the authority on its paper.
 */
import { sql } from 'drizzle-orm';
import { recordset, reserveIds, textList } from '../../db/queries/bulk.js';
import { intArray, queryRows } from '../../db/queries/raw.js';
import { chunked } from './chunks.js';
import { IMPORT_TIME, touchPapers } from './touch-updated.js';
import { normalizeTitle } from './normalize.js';
import type { PaperIdentity, PaperRecord } from './records.js';
import type { EntityCounts } from './summary.js';
import type { Executor } from './write-entities.js';

export const PAPER_ID_FIELDS = ['doi', 'arxivId', 'openalexId', 'aclId'] as const;
const COLUMN_OF = { doi: 'doi', arxivId: 'arxiv_id', openalexId: 'openalex_id', aclId: 'acl_id' } as const;

/** Every key a paper can be found by: its ids, or (only when it has none) its title and year. */
export function paperKeys(identity: PaperIdentity, title?: string, year?: number | null): string[] {
  const keys = PAPER_ID_FIELDS.filter((f) => identity[f]).map((f) => `${f}:${identity[f]}`);
  if (keys.length === 0 && title !== undefined) keys.push(`title:${normalizeTitle(title)}|${year ?? ''}`);
  return keys;
}

const PAPER_COLUMNS = [
  ['id', 'int'],
  ['title', 'text'],
  ['title_key', 'text'],
  ['abstract', 'text'],
  ['published_at', 'date'],
  ['year', 'int'],
  ['venue_id', 'int'],
  ['doi', 'text'],
  ['arxiv_id', 'text'],
  ['openalex_id', 'text'],
  ['acl_id', 'text'],
  ['code_url', 'text'],
  ['has_code', 'boolean'],
  ['author_list_complete', 'boolean'],
  ['reported_citation_count', 'int'],
] as const;
type PaperRow = Record<(typeof PAPER_COLUMNS)[number][0], unknown> & { id: number };
const COMPARED = PAPER_COLUMNS.map(([name]) => name).filter((n) => n !== 'id');

function paperRow(id: number, record: PaperRecord, venueId: number | null): PaperRow {
  return {
    id,
    title: record.title,
    title_key: normalizeTitle(record.title),
    abstract: record.abstract ?? null,
    published_at: record.publishedAt ?? null,
    year: record.year ?? (record.publishedAt ? Number(record.publishedAt.slice(0, 4)) : null),
    venue_id: venueId,
    doi: record.identity.doi ?? null,
    arxiv_id: record.identity.arxivId ?? null,
    openalex_id: record.identity.openalexId ?? null,
    acl_id: record.identity.aclId ?? null,
    code_url: record.codeUrl ?? null,
    has_code: record.hasCode || Boolean(record.codeUrl),
    author_list_complete: record.authorListComplete,
    reported_citation_count: record.reportedCitationCount ?? null,
  };
}

type StoredPaper = PaperRow & { venue_kind: string | null };

/** Stored papers any of the records may be, by id and by title key: one statement. */
async function findStored(tx: Executor, records: PaperRecord[]) {
  const conditions = PAPER_ID_FIELDS.map((field) => {
    const values = records.map((r) => r.identity[field]).filter((v): v is string => Boolean(v));
    return values.length ? sql`p.${sql.raw(COLUMN_OF[field])} in ${textList(values)}` : null;
  }).filter((c) => c !== null);
  const withoutIds = records.filter((r) => paperKeys(r.identity).length === 0).map((r) => normalizeTitle(r.title));
  if (withoutIds.length) conditions.push(sql`p.title_key in ${textList(withoutIds)}`);
  // A record with ids may only take a stored paper that has none: the partial index holds just those.
  const withIds = records.filter((r) => paperKeys(r.identity).length > 0).map((r) => normalizeTitle(r.title));
  if (withIds.length) {
    conditions.push(
      sql`(p.title_key in ${textList(withIds)} and p.doi is null and p.arxiv_id is null and p.openalex_id is null and p.acl_id is null)`,
    );
  }
  const byId = new Map<string, StoredPaper>();
  const byTitle = new Map<string, StoredPaper[]>();
  if (conditions.length === 0) return { byId, byTitle };
  const rows = await queryRows<StoredPaper>(
    tx,
    sql`select p.id, p.title, p.title_key, p.abstract, p.published_at::text as published_at, p.year, p.venue_id,
          p.doi, p.arxiv_id, p.openalex_id, p.acl_id, p.code_url, p.has_code, p.author_list_complete,
          p.reported_citation_count, v.kind::text as venue_kind
        from papers p left join venues v on v.id = p.venue_id
        where ${sql.join(conditions, sql` or `)}`,
  );
  for (const row of rows) {
    for (const field of PAPER_ID_FIELDS) {
      const value = row[COLUMN_OF[field]];
      if (value) byId.set(`${field}:${value}`, row);
    }
    const key = `title:${row.title_key}|${row.year ?? ''}`;
    byTitle.set(key, [...(byTitle.get(key) ?? []), row]);
  }
  return { byId, byTitle };
}

/**
 * Title + year identify a paper only where the venues do not tell them apart: the same title in the same
 * year at two different venues (a workshop paper and a conference paper, say) is two papers. A preprint
 * server, or an unknown venue on either side, does not separate them.
 */
function sameVenue(record: PaperRecord, venueId: number | null, stored: StoredPaper): boolean {
  if (venueId === null || stored.venue_id === null || venueId === stored.venue_id) return true;
  return record.venue?.kind === 'preprint_server' || stored.venue_kind === 'preprint_server';
}

/**
 * Upsert a chunk of papers (already deduplicated by identity); returns their ids in record order, and
 * which of them are new (a new paper has no links yet to compare with).
 * Three statements: find, insert the new ones with reserved ids, update the changed ones.
 */
export async function upsertPapers(
  tx: Executor,
  records: PaperRecord[],
  venueIdOf: (record: PaperRecord) => number | null,
  counts: EntityCounts,
): Promise<{ ids: number[]; inserted: Set<number> }> {
  const { byId, byTitle } = await findStored(tx, records);
  const found = records.map((r) => {
    const hit = paperKeys(r.identity)
      .map((k) => byId.get(k))
      .find((row) => row !== undefined);
    if (hit) return hit;
    // No id matched: fall back to title + year. A record with ids only takes a stored paper that has none
    // (a profile page's paper, later found on arXiv), never one identified as another paper.
    const hasIds = paperKeys(r.identity).length > 0;
    return byTitle
      .get(`title:${normalizeTitle(r.title)}|${r.year ?? (r.publishedAt ? Number(r.publishedAt.slice(0, 4)) : '')}`)
      ?.find((row) => sameVenue(r, venueIdOf(r), row) && (!hasIds || PAPER_ID_FIELDS.every((f) => !row[COLUMN_OF[f]])));
  });
  const newIds = await reserveIds(tx, 'papers', found.filter((f) => !f).length);
  let next = 0;
  const inserts: PaperRow[] = [];
  const updates: PaperRow[] = [];
  const ids = records.map((record, i) => {
    const old = found[i];
    const row = paperRow(old?.id ?? newIds[next++]!, record, venueIdOf(record));
    if (!old) {
      inserts.push(row);
      return row.id;
    }
    // Ids a source does not know are kept: a later source without a DOI does not erase it.
    for (const field of PAPER_ID_FIELDS) row[COLUMN_OF[field]] ??= old[COLUMN_OF[field]];
    if (COMPARED.some((c) => (row[c] ?? null) !== (old[c] ?? null))) updates.push(row);
    return row.id;
  });
  counts.inserted += inserts.length;
  counts.updated += updates.length;
  counts.unchanged += records.length - inserts.length - updates.length;
  const columns = COMPARED.join(', ');
  for (const chunk of chunked(inserts, 5000)) {
    await tx.execute(sql`insert into papers (id, ${sql.raw(columns)}, updated_at) overriding system value
      select id, ${sql.raw(columns)}, ${IMPORT_TIME} from ${recordset(chunk, PAPER_COLUMNS)}`);
  }
  for (const chunk of chunked(updates, 5000)) {
    await tx.execute(sql`update papers p set ${sql.raw(COMPARED.map((c) => `${c} = x.${c}`).join(', '))}, updated_at = ${IMPORT_TIME}
      from ${recordset(chunk, PAPER_COLUMNS)} where p.id = x.id`);
  }
  return { ids, inserted: new Set(inserts.map((row) => row.id)) };
}

export interface LinkRow {
  paper_id: number;
  other_id: number;
  /** Everything else the link stores. */
  position?: number | null;
  affiliation?: string | null;
  is_primary?: boolean;
}

interface LinkTable {
  table: 'authorships' | 'paper_topics';
  other: 'author_id' | 'topic_id';
  payload: readonly (readonly [string, 'int' | 'text' | 'boolean'])[];
}
export const AUTHORSHIP_LINKS: LinkTable = {
  table: 'authorships',
  other: 'author_id',
  payload: [
    ['position', 'int'],
    ['affiliation', 'text'],
  ],
};
export const TOPIC_LINKS: LinkTable = { table: 'paper_topics', other: 'topic_id', payload: [['is_primary', 'boolean']] };

/**
 * Make the stored links of these papers equal to `wanted`, counting what changed. Papers whose links are
 * all unchanged are left alone; a paper with any change has its links rewritten, since unique author
 * positions would otherwise collide mid-update. Papers inserted by this import (`newPaperIds`) have no
 * links to read or delete. Returns every `other` id whose links may have changed.
 */
export async function replaceLinks(
  tx: Executor,
  spec: LinkTable,
  paperIds: number[],
  newPaperIds: ReadonlySet<number>,
  wanted: LinkRow[],
  counts: EntityCounts,
): Promise<number[]> {
  const payloadNames = spec.payload.map(([n]) => n);
  const storedPaperIds = paperIds.filter((id) => !newPaperIds.has(id));
  const existing = storedPaperIds.length
    ? await queryRows<Record<string, unknown>>(
        tx,
        sql`select paper_id, ${sql.raw(spec.other)} as other_id${sql.raw(payloadNames.map((n) => `, ${n}`).join(''))}
          from ${sql.raw(spec.table)} where paper_id = any(${intArray(storedPaperIds)})`,
      )
    : [];
  const key = (r: { paper_id: unknown; other_id: unknown }) => `${r.paper_id}:${r.other_id}`;
  const payload = (r: Record<string, unknown>) => JSON.stringify(payloadNames.map((n) => r[n] ?? null));
  const before = new Map(existing.map((r) => [key(r as { paper_id: unknown; other_id: unknown }), r]));
  const after = new Map(wanted.map((r) => [key(r), r as unknown as Record<string, unknown>]));
  const dirty = new Set<number>();
  for (const [k, row] of after) {
    const old = before.get(k);
    if (!old) counts.inserted += 1;
    else if (payload(old) !== payload(row)) counts.updated += 1;
    else {
      counts.unchanged += 1;
      continue;
    }
    dirty.add(Number(row.paper_id));
  }
  for (const [k, row] of before) {
    if (!after.has(k)) {
      counts.removed += 1;
      dirty.add(Number(row.paper_id));
    }
  }
  if (dirty.size > 0) {
    const storedDirty = [...dirty].filter((id) => !newPaperIds.has(id));
    if (storedDirty.length) await tx.execute(sql`delete from ${sql.raw(spec.table)} where paper_id = any(${intArray(storedDirty)})`);
    // A paper's author list and topics are part of it: their change is the paper's change.
    await touchPapers(tx, storedDirty);
    const rows = [...after.values()].filter((r) => dirty.has(Number(r.paper_id)));
    const columns = ['paper_id', 'other_id', ...payloadNames];
    for (const chunk of chunked(rows, 10000)) {
      await tx.execute(sql`insert into ${sql.raw(spec.table)} (paper_id, ${sql.raw(spec.other)}${sql.raw(payloadNames.map((n) => `, ${n}`).join(''))})
        select ${sql.raw(columns.join(', '))}
        from ${recordset(chunk, [['paper_id', 'int'], ['other_id', 'int'], ...spec.payload])}`);
    }
  }
  return [...new Set([...existing, ...wanted].map((r) => Number(r.other_id)))];
}

/** Look up paper ids for identities: one statement per id kind present. */
export async function resolvePaperIds(tx: Executor, identities: PaperIdentity[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const field of PAPER_ID_FIELDS) {
    const values = [...new Set(identities.map((i) => i[field]).filter((v): v is string => Boolean(v)))];
    for (const chunk of chunked(values, 50000)) {
      const rows = await queryRows<{ id: number; value: string }>(
        tx,
        sql`select id, ${sql.raw(COLUMN_OF[field])} as value from papers where ${sql.raw(COLUMN_OF[field])} in ${textList(chunk)}`,
      );
      for (const row of rows) found.set(`${field}:${row.value}`, Number(row.id));
    }
  }
  return found;
}

export function lookupPaper(ids: Map<string, number>, identity: PaperIdentity): number | undefined {
  for (const key of paperKeys(identity)) {
    const id = ids.get(key);
    if (id !== undefined) return id;
  }
  return undefined;
}

/** Add citation edges (existing ones are left as they are); returns the cited paper ids. */
export async function insertCitations(
  tx: Executor,
  edges: { citing_id: number; cited_id: number }[],
  counts: EntityCounts,
): Promise<number[]> {
  const unique = [...new Map(edges.map((e) => [`${e.citing_id}:${e.cited_id}`, e])).values()];
  for (const chunk of chunked(unique, 20000)) {
    const written = await queryRows<{ n: number }>(
      tx,
      // A paper's references are part of it: citing papers gaining one are stamped as changed in the
      // same statement (those inserted or changed by this import already carry its time and are skipped).
      sql`with added as (
            insert into citations (citing_id, cited_id)
            select citing_id, cited_id from ${recordset(chunk, [['citing_id', 'int'], ['cited_id', 'int']])}
            on conflict do nothing returning citing_id
          ), touched as (
            update papers set updated_at = ${IMPORT_TIME}
            where id in (select citing_id from added) and updated_at <> ${IMPORT_TIME}
          ) select count(*)::int as n from added`,
    );
    const inserted = Number(written[0]?.n ?? 0);
    counts.inserted += inserted;
    counts.unchanged += chunk.length - inserted;
  }
  return [...new Set(unique.map((e) => e.cited_id))];
}
