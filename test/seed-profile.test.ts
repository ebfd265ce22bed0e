/**
 * The seed researcher's real profile page, imported through the importer and read back through the API.
 * Expected figures are counted from the text file itself, not taken from the parser.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../src/import/profile.js';
import { writeBatch } from '../src/import/writer.js';
import { seedProfilePath } from '../src/demo-data.js';
import { useTestServer } from './helpers/server.js';

const text = readFileSync(seedProfilePath, 'utf8');
const lines = text.split(/\r?\n/);
const OWNER = 'Zhepei Wei';
// Paper header lines: a category tag glued to a month ("CLNov 1, 2025", "LGMay 20Code").
const headers = lines.filter((l) => /^[A-Z]{2,}(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d/.test(l));
// Author lines: the line two below each header.
const authorLines = lines.flatMap((l, i) => (headers.includes(l) ? [lines[i + 3]!] : []));
const tagCount = (tag: string) => headers.filter((h) => h.startsWith(tag)).length;
const listed = (name: string) => authorLines.filter((l) => l.split(/,| et al\.| · /).map((s) => s.trim()).includes(name));

const server = useTestServer(async (s) => {
  await writeBatch(s.database.handle.db, parseProfile(text, { fileName: seedProfilePath, currentYear: 2026 }));
});

const PROFILE = `query Profile($search: String!) {
  authors(search: $search, first: 5) {
    totalCount
    nodes {
      id name paperCount
      reportedMetrics { source hIndex paperCount citationCount novelty aiScore primaryTopic { code name parent { name } } }
      topics { paperCount topic { code name parent { code name } } }
      papers(first: 100) { totalCount edges { position node { id title publishedAt year hasCode codeUrl authorListComplete } } }
      coauthors(first: 100) { totalCount edges { paperCount firstYear lastYear node { name } sharedPapers(first: 100) { totalCount } } }
    }
  }
}`;

async function profile() {
  const response = await server().query(PROFILE, { search: OWNER });
  expect(response.errors).toBeUndefined();
  expect(response.data.authors.totalCount).toBe(1);
  return response.data.authors.nodes[0];
}

describe('the seed researcher through the API', () => {
  it('has the 18 papers of the page and the reported figures as given', async () => {
    expect(headers).toHaveLength(18);
    const author = await profile();
    expect(author.name).toBe(OWNER);
    expect(author.paperCount).toBe(18);
    expect(author.papers.totalCount).toBe(18);
    expect(author.reportedMetrics).toEqual({
      source: 'profile',
      hIndex: 38,
      paperCount: 18,
      citationCount: 1749,
      novelty: 57,
      aiScore: 64,
      primaryTopic: { code: 'cs.CL', name: 'Computation and Language', parent: { name: 'Computer Science' } },
    });
  });

  it('files papers under arXiv-style topics below Computer Science, counted per author', async () => {
    const author = await profile();
    const byCode = Object.fromEntries(author.topics.map((t: any) => [t.topic.code, t.paperCount]));
    expect(byCode).toEqual({ 'cs.CL': tagCount('CL'), 'cs.LG': tagCount('LG'), 'cs.AI': tagCount('AI') });
    for (const t of author.topics) expect(t.topic.parent).toEqual({ code: 'cs', name: 'Computer Science' });
    const root = await server().query(`{ topic(code: "cs") { paperCount children { code paperCount } } }`);
    expect(root.data.topic.paperCount).toBe(18);
  });

  it("records the owner's position where listed and null where hidden behind et al.", async () => {
    const author = await profile();
    const hidden = authorLines.filter((l) => !listed(OWNER).includes(l)).length;
    const positions = author.papers.edges.map((e: any) => e.position);
    expect(positions.filter((p: unknown) => p === null)).toHaveLength(hidden);
    expect(hidden).toBeGreaterThan(0);
    const incomplete = authorLines.filter((l) => /et al\./.test(l)).length;
    expect(author.papers.edges.filter((e: any) => !e.node.authorListComplete)).toHaveLength(incomplete);
  });

  it('lists papers newest first, with dates without a year in the page year', async () => {
    const author = await profile();
    const dates = author.papers.edges.map((e: any) => e.node.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates[0]).toBe('2026-05-27');
    expect(dates).toContain('2025-11-01');
    const withCode = author.papers.edges.filter((e: any) => e.node.hasCode);
    expect(withCode).toHaveLength(headers.filter((h) => h.endsWith('Code')).length);
    expect(withCode.map((e: any) => e.node.codeUrl)).toContain('https://github.com/weizhepei/RELEX');
  });

  it('derives coauthors and shared-paper counts from the author lists', async () => {
    const author = await profile();
    const names = new Set(authorLines.flatMap((l) => l.replace(/ · .*$/, '').replace(/ et al\.$/, '').split(', ')));
    names.delete(OWNER);
    expect(author.coauthors.totalCount).toBe(names.size);
    for (const edge of author.coauthors.edges) {
      expect(edge.paperCount).toBe(listed(edge.node.name).length);
      expect(edge.sharedPapers.totalCount).toBe(edge.paperCount);
    }
    const counts = author.coauthors.edges.map((e: any) => e.paperCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const zhu = author.coauthors.edges.find((e: any) => e.node.name === 'Xinyu Zhu');
    expect(zhu.paperCount).toBe(listed('Xinyu Zhu').length);
    expect(zhu.firstYear).toBeLessThanOrEqual(zhu.lastYear);
  });

  it('serves a paper page with authors in order and the affiliation tag on the lead author', async () => {
    const response = await server().query(`{
      papers(filter: { search: "Decoupling Search and Answering" }, first: 1) {
        nodes { title authorListComplete authors(first: 10) { edges { position affiliation node { name } } } topics { code } }
      }
    }`);
    const paper = response.data.papers.nodes[0];
    expect(paper.title).toBe('Beyond Outcome Reward: Decoupling Search and Answering Improves LLM Agents');
    expect(paper.authorListComplete).toBe(false);
    expect(paper.authors.edges.map((e: any) => [e.position, e.node.name])).toEqual([
      [1, 'Yiding Wang'],
      [2, OWNER],
      [3, 'Xinyu Zhu'],
    ]);
    expect(paper.authors.edges[0].affiliation).toBe('pku');
    expect(paper.topics).toEqual([{ code: 'cs.AI' }]);
  });

  it('refetches every object through node(id:)', async () => {
    const author = await profile();
    const ids = [author.id, ...author.papers.edges.map((e: any) => e.node.id)];
    const response = await server().query(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids });
    expect(response.data.nodes.map((n: any) => n.id)).toEqual(ids);
    expect(response.data.nodes[0].__typename).toBe('Author');
  });

  it('is idempotent: importing the page again changes nothing', async () => {
    const before = await profile();
    const summary = await writeBatch(server().database.handle.db, parseProfile(text, { currentYear: 2026 }));
    for (const entity of ['papers', 'authors', 'topics', 'authorships', 'paperTopics'] as const) {
      expect(summary[entity].inserted + summary[entity].updated + summary[entity].removed, entity).toBe(0);
    }
    expect(summary.papers.unchanged).toBe(18);
    expect(await profile()).toEqual(before);
  });
});
