/**
 * The queries GraphiQL opens with: one per page a frontend would build. They look things up by search, not
 * by id, so they work on any database that holds the demo data.
 */
export const authorProfileQuery = `# An author profile: figures computed from the graph beside what the source reported, topics,
# papers with the author's place on each, strongest coauthors
query AuthorProfile {
  authors(search: "Zhepei Wei", first: 1) {
    nodes {
      id
      name
      paperCount
      metrics { hIndex i10Index citationCount firstYear lastYear papersByYear { year count } mostCited(first: 3) { title citationCount citationCountSource } }
      reportedMetrics { hIndex citationCount paperCount novelty aiScore primaryTopic { code name } }
      topics(first: 5) { topic { code name } paperCount share citationCount }
      papers(first: 5) {
        totalCount
        edges { position node { title publishedAt hasCode codeUrl authorListComplete } }
        pageInfo { hasNextPage endCursor }
      }
      coauthors(first: 5) {
        totalCount
        edges { paperCount firstYear lastYear node { name } }
      }
    }
  }
}
`;

export const paperPageQuery = `# A paper page: authors in order, topics, citations both ways
query PaperPage {
  papers(filter: { search: "InstructRAG" }, first: 1) {
    nodes {
      id
      title
      publishedAt
      abstract
      authorListComplete
      authors(first: 10) { edges { position affiliation node { id name } } }
      topics { code name parent { name } }
      citationCount
      references(first: 5) { totalCount nodes { title } }
      citedBy(first: 5) { totalCount nodes { title } }
    }
  }
}
`;

export const searchQuery = `# Full-text search, newest first, only papers with code
query Search {
  papers(
    filter: { search: "reinforcement learning", hasCode: true }
    orderBy: { field: PUBLISHED_AT, direction: DESC }
    first: 10
  ) {
    totalCount
    edges { cursor node { title year codeUrl authors(first: 3) { nodes { name } } } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

export const coauthorQuery = `# Who works with whom: the strongest collaborators of an ACL author, with the years they span
query Collaborators {
  authors(search: "Daume III", first: 1) {
    nodes {
      name
      paperCount
      coauthors(first: 10) {
        totalCount
        edges { paperCount firstYear lastYear node { name paperCount } }
      }
    }
  }
}
`;

export const citationQuery = `# How work is cited: the most-cited ACL Anthology papers on machine translation, and who cites them
query MostCited {
  papers(
    filter: { search: "machine translation", yearTo: 2011 }
    orderBy: { field: CITATION_COUNT, direction: DESC }
    first: 5
  ) {
    totalCount
    nodes {
      title
      year
      venue { name }
      citationCount
      references { totalCount }
      citedBy(first: 3, orderBy: { field: PUBLISHED_AT, direction: DESC }) { totalCount nodes { title year } }
    }
  }
}
`;

export const topicQuery = `# Topics: the hierarchy with paper counts; one topic's figures, leading authors, trend and most-cited papers
query Topics {
  topics { code name paperCount children { code name paperCount } }
  topic(code: "cs.CL") {
    name
    metrics(citations: GRAPH) { paperCount citationCount hIndex topAuthors(first: 5, by: CITATIONS) { author { name } paperCount citationCount } }
    trend { year count }
    papers(first: 5, orderBy: { field: CITATION_COUNT, direction: DESC }) {
      nodes { title year citationCount authors(first: 3) { nodes { name } } }
    }
  }
}
`;

export const groupsQuery = `# Counting papers by a dimension over any filter (like OpenAlex's group_by)
query Groups {
  papersPerYear: paperGroups(by: YEAR, filter: { search: "machine translation" }, first: 60, orderBy: { field: KEY, direction: ASC }) {
    label count citationCount
  }
  topVenuesWithCode: paperGroups(by: VENUE, filter: { hasCode: true }, first: 5) { label count venue { shortName kind } }
  topAuthorsSince2010: paperGroups(by: AUTHOR, filter: { yearFrom: 2010 }, first: 5) { label count citationCount }
}
`;

/** The IDs in these two examples are those of a fresh database loaded with the full demo data. */
export const pathQuery = `# How far apart are two researchers: a shortest chain of coauthors, each hop with a paper they wrote
# (Hal Daumé III to Kathleen R. McKeown in the demo data; find IDs with authors(search: ...))
query Path($from: ID! = "QXV0aG9yOjU4", $to: ID! = "QXV0aG9yOjEyMzI=") {
  collaborationPath(from: $from, to: $to, maxLength: 6) {
    distance
    reason
    hops { from { name } to { name } paper { title year } }
  }
}
`;

export const networkQuery = `# An ego network for a graph library: nodes with their distance, edges naming nodes by author ID
# (Christopher D. Manning in the demo data)
query Network($author: ID! = "QXV0aG9yOjE3OA==") {
  coauthorNetwork(authorId: $author, depth: 2, minPapers: 2, limit: 100) {
    truncated
    center { name collaborationStats { coauthorCount repeatCoauthorShare medianTeamSize maxTeamSize } }
    nodes { authorId distance author { name paperCount } }
    edges { source target paperCount firstYear lastYear }
  }
}
`;

export const exampleQueries = [
  authorProfileQuery,
  coauthorQuery,
  pathQuery,
  networkQuery,
  citationQuery,
  topicQuery,
  groupsQuery,
  paperPageQuery,
  searchQuery,
];
