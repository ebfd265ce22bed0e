/**
 * The pages `npm run bench:pages` measures, each written twice as a frontend would write it: once against
 * this server's schema and once against the schema PostGraphile generates from the same tables. Both ask
 * for the same rows in the same order, and each answer maps to one plain structure (`normalize`), so the
 * benchmark can check, before timing anything, that the two servers return the same data for every id it
 * will send.
 *
 * Orders, with the tie-breakers both sides use:
 * - an author's papers and a paper's citing and cited papers: newest first, `papers.sort_date` descending
 *   (the publication date, else 1 January of the year), then paper id descending. Here: `orderBy:
 *   {field: PUBLISHED_AT, direction: DESC}` (this server always ends an ordering with the id, in the
 *   ordering's direction). PostGraphile: `PAPER_BY_PAPER_ID__SORT_DATE_DESC, PAPER_ID_DESC` on the
 *   authorships or citations (the related-column order comes from @graphile-contrib/pg-order-by-related).
 * - a paper's authors: position ascending, authors without a position (hidden behind "et al.") last,
 *   then author id. Here: `Paper.authors`' only order. PostGraphile: `POSITION_ASC, AUTHOR_ID_ASC`
 *   (PostgreSQL sorts nulls last in ascending order).
 * - the list: title ascending, then paper id ascending, both in the database's collation. Here: `orderBy:
 *   {field: TITLE, direction: ASC}`. PostGraphile: `TITLE_ASC, ID_ASC`.
 *
 * Ids: this server takes and returns opaque global ids (base64 of `Type:id`, schema/global-id.ts);
 * PostGraphile's `…ById` fields take the row id and its `id` fields return it. Every page also asks for
 * the ids of the papers, authors and venues it links to, as a page with links does, and the comparison
 * maps global ids back to row ids, so it checks which rows come back, not only their titles.
 */
import { decodeGlobalID, encodeGlobalID } from '../schema/global-id.js';

export type PageName = 'author' | 'paper' | 'list' | 'typename';
export const PAGE_NAMES: readonly PageName[] = ['author', 'paper', 'list', 'typename'];

export const PAGE_TITLES: Record<PageName, string> = {
  author: 'author profile',
  paper: 'paper page',
  list: 'list of a year',
  typename: '{ __typename }',
};

/** A paper's authors fit in one page on both servers (the demo data's longest list has 19). */
const AUTHORS_PER_PAPER = 100;

export const ourQueries: Record<PageName, string> = {
  author: `query AuthorPage($id: ID!) {
  author(id: $id) {
    id
    name
    affiliation
    papers(first: 20, orderBy: { field: PUBLISHED_AT, direction: DESC }) {
      nodes {
        id
        title
        year
        publishedAt
        venue { id name }
        authors(first: ${AUTHORS_PER_PAPER}) { nodes { id name } }
      }
    }
  }
}`,
  paper: `query PaperPage($id: ID!) {
  paper(id: $id) {
    id
    title
    year
    abstract
    venue { id name }
    authors(first: ${AUTHORS_PER_PAPER}) { nodes { id name } }
    citedBy(first: 20, orderBy: { field: PUBLISHED_AT, direction: DESC }) {
      totalCount
      nodes { id title year }
    }
    references(first: 20, orderBy: { field: PUBLISHED_AT, direction: DESC }) {
      totalCount
      nodes { id title year }
    }
  }
}`,
  list: `query YearPage($year: Int!) {
  papers(first: 50, filter: { yearFrom: $year, yearTo: $year }, orderBy: { field: TITLE, direction: ASC }) {
    totalCount
    nodes {
      id
      title
      year
      venue { id name }
      authors(first: ${AUTHORS_PER_PAPER}) { nodes { id name } }
    }
  }
}`,
  typename: '{ __typename }',
};

export const peerQueries: Record<PageName, string> = {
  author: `query AuthorPage($id: Int!) {
  authorById(id: $id) {
    id
    displayName
    affiliation
    authorshipsByAuthorId(first: 20, orderBy: [PAPER_BY_PAPER_ID__SORT_DATE_DESC, PAPER_ID_DESC]) {
      nodes {
        paperByPaperId {
          id
          title
          year
          publishedAt
          venueByVenueId { id name }
          authorshipsByPaperId(first: ${AUTHORS_PER_PAPER}, orderBy: [POSITION_ASC, AUTHOR_ID_ASC]) {
            nodes { authorByAuthorId { id displayName } }
          }
        }
      }
    }
  }
}`,
  paper: `query PaperPage($id: Int!) {
  paperById(id: $id) {
    id
    title
    year
    abstract
    venueByVenueId { id name }
    authorshipsByPaperId(first: ${AUTHORS_PER_PAPER}, orderBy: [POSITION_ASC, AUTHOR_ID_ASC]) {
      nodes { authorByAuthorId { id displayName } }
    }
    citationsByCitedId(first: 20, orderBy: [PAPER_BY_CITING_ID__SORT_DATE_DESC, CITING_ID_DESC]) {
      totalCount
      nodes { paperByCitingId { id title year } }
    }
    citationsByCitingId(first: 20, orderBy: [PAPER_BY_CITED_ID__SORT_DATE_DESC, CITED_ID_DESC]) {
      totalCount
      nodes { paperByCitedId { id title year } }
    }
  }
}`,
  list: `query YearPage($year: Int!) {
  allPapers(first: 50, condition: { year: $year }, orderBy: [TITLE_ASC, ID_ASC]) {
    totalCount
    nodes {
      id
      title
      year
      venueByVenueId { id name }
      authorshipsByPaperId(first: ${AUTHORS_PER_PAPER}, orderBy: [POSITION_ASC, AUTHOR_ID_ASC]) {
        nodes { authorByAuthorId { id displayName } }
      }
    }
  }
}`,
  typename: '{ __typename }',
};

/** The database row a page is about: an author id, a paper id, a year; `{ __typename }` has none. */
export type PageKey = number | null;

/** Request bodies for one page and one key, on each server. */
export function requestBodies(page: PageName, key: PageKey): { ours: string; peer: string } {
  switch (page) {
    case 'author':
      return {
        ours: JSON.stringify({ query: ourQueries.author, variables: { id: encodeGlobalID('Author', key!) } }),
        peer: JSON.stringify({ query: peerQueries.author, variables: { id: key } }),
      };
    case 'paper':
      return {
        ours: JSON.stringify({ query: ourQueries.paper, variables: { id: encodeGlobalID('Paper', key!) } }),
        peer: JSON.stringify({ query: peerQueries.paper, variables: { id: key } }),
      };
    case 'list':
      return {
        ours: JSON.stringify({ query: ourQueries.list, variables: { year: key } }),
        peer: JSON.stringify({ query: peerQueries.list, variables: { year: key } }),
      };
    case 'typename':
      return { ours: JSON.stringify({ query: ourQueries.typename }), peer: JSON.stringify({ query: peerQueries.typename }) };
  }
}

/** Answers are JSON of two schemas; comparing them is what checks their shape. */
type Json = any;

function rowId(globalId: string, typename: string): number {
  const decoded = decodeGlobalID(globalId);
  if (decoded.typename !== typename) throw new Error(`expected a ${typename} id, got ${decoded.typename}`);
  return Number(decoded.id);
}

const ourVenue = (v: Json) => (v ? { id: rowId(v.id, 'Venue'), name: v.name } : null);
const peerVenue = (v: Json) => (v ? { id: v.id, name: v.name } : null);
const ourAuthors = (c: Json) => c.nodes.map((a: Json) => ({ id: rowId(a.id, 'Author'), name: a.name }));
const peerAuthors = (c: Json) => c.nodes.map((n: Json) => ({ id: n.authorByAuthorId.id, name: n.authorByAuthorId.displayName }));
const ourBrief = (c: Json) => ({ totalCount: c.totalCount, papers: c.nodes.map((p: Json) => ({ id: rowId(p.id, 'Paper'), title: p.title, year: p.year })) });
const peerBrief = (c: Json, side: 'paperByCitingId' | 'paperByCitedId') => ({
  totalCount: c.totalCount,
  papers: c.nodes.map((n: Json) => ({ id: n[side].id, title: n[side].title, year: n[side].year })),
});

/** This server's `data`, as the plain structure both servers' answers are compared in. */
export function normalizeOurs(page: PageName, data: Json): Json {
  switch (page) {
    case 'author': {
      const a = data.author;
      if (!a) return null;
      return {
        id: rowId(a.id, 'Author'),
        name: a.name,
        affiliation: a.affiliation,
        papers: a.papers.nodes.map((p: Json) => ({
          id: rowId(p.id, 'Paper'),
          title: p.title,
          year: p.year,
          publishedAt: p.publishedAt,
          venue: ourVenue(p.venue),
          authors: ourAuthors(p.authors),
        })),
      };
    }
    case 'paper': {
      const p = data.paper;
      if (!p) return null;
      return {
        id: rowId(p.id, 'Paper'),
        title: p.title,
        year: p.year,
        abstract: p.abstract,
        venue: ourVenue(p.venue),
        authors: ourAuthors(p.authors),
        citedBy: ourBrief(p.citedBy),
        references: ourBrief(p.references),
      };
    }
    case 'list':
      return {
        totalCount: data.papers.totalCount,
        papers: data.papers.nodes.map((p: Json) => ({
          id: rowId(p.id, 'Paper'),
          title: p.title,
          year: p.year,
          venue: ourVenue(p.venue),
          authors: ourAuthors(p.authors),
        })),
      };
    case 'typename':
      return data;
  }
}

/** PostGraphile's `data`, as the same plain structure. */
export function normalizePeer(page: PageName, data: Json): Json {
  switch (page) {
    case 'author': {
      const a = data.authorById;
      if (!a) return null;
      return {
        id: a.id,
        name: a.displayName,
        affiliation: a.affiliation,
        papers: a.authorshipsByAuthorId.nodes.map(({ paperByPaperId: p }: Json) => ({
          id: p.id,
          title: p.title,
          year: p.year,
          publishedAt: p.publishedAt,
          venue: peerVenue(p.venueByVenueId),
          authors: peerAuthors(p.authorshipsByPaperId),
        })),
      };
    }
    case 'paper': {
      const p = data.paperById;
      if (!p) return null;
      return {
        id: p.id,
        title: p.title,
        year: p.year,
        abstract: p.abstract,
        venue: peerVenue(p.venueByVenueId),
        authors: peerAuthors(p.authorshipsByPaperId),
        citedBy: peerBrief(p.citationsByCitedId, 'paperByCitingId'),
        references: peerBrief(p.citationsByCitingId, 'paperByCitedId'),
      };
    }
    case 'list':
      return {
        totalCount: data.allPapers.totalCount,
        papers: data.allPapers.nodes.map((p: Json) => ({
          id: p.id,
          title: p.title,
          year: p.year,
          venue: peerVenue(p.venueByVenueId),
          authors: peerAuthors(p.authorshipsByPaperId),
        })),
      };
    case 'typename':
      return data;
  }
}

/**
 * Where two normalized answers first differ, as `path: left ≠ right` lines (at most `limit`); empty when
 * they are equal. Arrays are compared element by element, so a different order shows as a difference.
 */
export function differences(left: Json, right: Json, limit = 5, path = '$'): string[] {
  const out: string[] = [];
  const walk = (a: Json, b: Json, at: string) => {
    if (out.length >= limit) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) out.push(`${at}.length: ${a.length} ≠ ${b.length}`);
      for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${at}[${i}]`);
      return;
    }
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], `${at}.${k}`);
      return;
    }
    if (a !== b) out.push(`${at}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`);
  };
  walk(left, right, path);
  return out;
}
