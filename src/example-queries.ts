/**
 * The queries GraphiQL opens with: one per page a frontend would build. They look things up by search, not
 * by id, so they work on any database that holds the demo data.
 */
export const authorProfileQuery = `# An author profile: reported figures, papers with the author's place on each, strongest coauthors
query AuthorProfile {
  authors(search: "Zhepei Wei", first: 1) {
    nodes {
      id
      name
      paperCount
      reportedMetrics { hIndex citationCount paperCount novelty aiScore primaryTopic { code name } }
      topics { topic { code name } paperCount }
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

export const exampleQueries = [authorProfileQuery, paperPageQuery, searchQuery];
