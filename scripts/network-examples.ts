/**
 * npm run examples:networks
 *
 * The README's network examples, produced by running them: loads the demo data (the seed profile, the ACL
 * Anthology Network, the NeurIPS lists) into an embedded database in memory (PGlite), asks `collaborationGraph` for the authors of EMNLP 2009,
 * `collaborationTrend` for one of them and `citationGraph` for the EMNLP papers of 2010, and prints each
 * query with its answer (long lists cut to their first items, as the README shows them).
 */
import { openDatabase } from '../db/client.js';
import { loadDemoData } from '../src/demo-data.js';
import { createServer } from '../src/server.js';

/** JSON indented down to the items of lists and the figures; each item on one line. */
function compactJson(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => `${inner}${JSON.stringify(v)}`).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

async function main() {
  const handle = await openDatabase({});
  try {
    await handle.migrate();
    console.error('loading the demo data…');
    await loadDemoData(handle.db, { profileYear: 2026 });
    console.error('loaded');
    const yoga = createServer({ db: handle.db, graphiql: false });
    const ask = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await yoga.fetch('http://examples/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const show = (query: string, data: unknown) => console.log(`\`\`\`graphql\n${query.trim()}\n\`\`\`\n\`\`\`json\n${compactJson(data)}\n\`\`\`\n`);
    const cut = (list: unknown[], n: number) => (list.length > n ? [...list.slice(0, n), `… ${list.length - n} more`] : list);

    const venues = await ask(`{ venues(search: "EMNLP", first: 10) { nodes { id name } } }`);
    const emnlp = venues.venues.nodes.find((v: any) => v.name === 'EMNLP').id;
    const graphQuery = `{
  collaborationGraph(authorFilter: { venueId: "${emnlp}", yearFrom: 2009, yearTo: 2009 }, yearFrom: 2009, yearTo: 2011) {
    figures { nodeCount edgeCount density componentCount largestComponentSize isolatedShare meanPapersPerEdge communityCount modularity }
    nodes { authorId author { name } paperCount degree weightedDegree component community }
    edges { source target paperCount firstYear lastYear }
  }
}`;
    const graph = (await ask(graphQuery)).collaborationGraph;
    // The most connected authors first, to show something of the largest component.
    graph.nodes.sort((a: any, b: any) => b.weightedDegree - a.weightedDegree);
    const top = new Set(graph.nodes.slice(0, 3).map((n: any) => n.authorId));
    show(graphQuery, { collaborationGraph: { figures: graph.figures, nodes: cut(graph.nodes, 3), edges: cut(graph.edges.filter((e: any) => top.has(e.source) || top.has(e.target)), 3) } });

    const hub = graph.nodes[0];
    const trendQuery = `{
  collaborationTrend(authorId: "${hub.authorId}", yearFrom: 2004, yearTo: 2011) {
    years { year paperCount meanTeamSize medianTeamSize repeatCollaboratorShare newCollaborators }
  }
}`;
    show(trendQuery, await ask(trendQuery));

    const citationQuery = `{
  citationGraph(filter: { venueId: "${emnlp}", yearFrom: 2010, yearTo: 2010 }, kinds: [CITES, CO_CITATION, COUPLING], minWeight: 2) {
    figures { nodeCount edgeCount citationCount coCitationCount couplingCount density componentCount largestComponentSize isolatedShare communityCount modularity }
    nodes { paperId paper { title } year inDegree outDegree component community }
    edges { source target kind weight }
  }
}`;
    const citations = (await ask(citationQuery)).citationGraph;
    citations.nodes.sort((a: any, b: any) => b.inDegree - a.inDegree);
    const kinds = ['CITES', 'CO_CITATION', 'COUPLING'].map((k) => citations.edges.find((e: any) => e.kind === k)).filter(Boolean);
    show(citationQuery, { citationGraph: { figures: citations.figures, nodes: cut(citations.nodes, 2), edges: [...kinds, `… ${citations.edges.length - kinds.length} more`] } });
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
