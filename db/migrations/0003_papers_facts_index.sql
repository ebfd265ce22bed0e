-- Written by hand: drizzle-kit cannot declare INCLUDE columns.
-- The narrow columns of every paper, in id order, for index-only reads of whole slices of papers (the
-- in-memory coauthor graph's years and the paper facts index): the table's rows are wide (title, abstract,
-- search vector), and reading them was ten times slower at two million papers.
CREATE INDEX IF NOT EXISTS "papers_facts_idx" ON "papers" ("id") INCLUDE ("year", "venue_id", "citation_count", "cited_by_count", "has_code");
