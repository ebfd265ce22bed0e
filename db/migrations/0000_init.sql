CREATE TYPE "public"."venue_kind" AS ENUM('conference', 'journal', 'preprint_server', 'workshop', 'other');--> statement-breakpoint
CREATE TABLE "authors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "authors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"display_name" text NOT NULL,
	"normalized_name" text NOT NULL,
	"orcid" text,
	"openalex_id" text,
	"dblp_id" text,
	"source_key" text,
	"affiliation" text,
	"reported_metrics" jsonb,
	"paper_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "authorships" (
	"paper_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"position" integer,
	"affiliation" text,
	CONSTRAINT "authorships_paper_id_author_id_pk" PRIMARY KEY("paper_id","author_id"),
	CONSTRAINT "authorships_position_positive" CHECK ("authorships"."position" is null or "authorships"."position" >= 1)
);
--> statement-breakpoint
CREATE TABLE "citations" (
	"citing_id" integer NOT NULL,
	"cited_id" integer NOT NULL,
	CONSTRAINT "citations_citing_id_cited_id_pk" PRIMARY KEY("citing_id","cited_id"),
	CONSTRAINT "citations_no_self" CHECK ("citations"."citing_id" <> "citations"."cited_id")
);
--> statement-breakpoint
CREATE TABLE "paper_topics" (
	"paper_id" integer NOT NULL,
	"topic_id" integer NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	CONSTRAINT "paper_topics_paper_id_topic_id_pk" PRIMARY KEY("paper_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "papers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "papers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"title_key" text NOT NULL,
	"abstract" text,
	"published_at" date,
	"year" integer,
	"sort_date" date GENERATED ALWAYS AS (coalesce("papers"."published_at", make_date("papers"."year", 1, 1), '0001-01-01'::date)) STORED NOT NULL,
	"venue_id" integer,
	"doi" text,
	"arxiv_id" text,
	"openalex_id" text,
	"acl_id" text,
	"code_url" text,
	"has_code" boolean DEFAULT false NOT NULL,
	"author_list_complete" boolean DEFAULT true NOT NULL,
	"reported_citation_count" integer,
	"cited_by_count" integer DEFAULT 0 NOT NULL,
	"citation_count" integer GENERATED ALWAYS AS (coalesce("papers"."reported_citation_count", "papers"."cited_by_count")) STORED NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', "papers"."title"), 'A') || setweight(to_tsvector('english', coalesce("papers"."abstract", '')), 'B')) STORED NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "topics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" integer,
	"paper_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "topics_not_own_parent" CHECK ("topics"."parent_id" is null or "topics"."parent_id" <> "topics"."id")
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "venues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"short_name" text,
	"kind" "venue_kind" DEFAULT 'other' NOT NULL,
	"paper_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "authorships" ADD CONSTRAINT "authorships_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorships" ADD CONSTRAINT "authorships_author_id_authors_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."authors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citations" ADD CONSTRAINT "citations_citing_id_papers_id_fk" FOREIGN KEY ("citing_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citations" ADD CONSTRAINT "citations_cited_id_papers_id_fk" FOREIGN KEY ("cited_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_topics" ADD CONSTRAINT "paper_topics_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_topics" ADD CONSTRAINT "paper_topics_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_parent_id_topics_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "authors_orcid_uq" ON "authors" USING btree ("orcid");--> statement-breakpoint
CREATE UNIQUE INDEX "authors_openalex_uq" ON "authors" USING btree ("openalex_id");--> statement-breakpoint
CREATE UNIQUE INDEX "authors_dblp_uq" ON "authors" USING btree ("dblp_id");--> statement-breakpoint
CREATE UNIQUE INDEX "authors_source_key_uq" ON "authors" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "authors_normalized_name_idx" ON "authors" USING btree ("normalized_name","id");--> statement-breakpoint
CREATE INDEX "authors_paper_count_idx" ON "authors" USING btree ("paper_count","id");--> statement-breakpoint
CREATE UNIQUE INDEX "authorships_paper_position_uq" ON "authorships" USING btree ("paper_id","position");--> statement-breakpoint
CREATE INDEX "authorships_author_idx" ON "authorships" USING btree ("author_id","paper_id");--> statement-breakpoint
CREATE INDEX "citations_cited_idx" ON "citations" USING btree ("cited_id","citing_id");--> statement-breakpoint
CREATE INDEX "paper_topics_topic_idx" ON "paper_topics" USING btree ("topic_id","paper_id");--> statement-breakpoint
CREATE UNIQUE INDEX "papers_doi_uq" ON "papers" USING btree ("doi");--> statement-breakpoint
CREATE UNIQUE INDEX "papers_arxiv_uq" ON "papers" USING btree ("arxiv_id");--> statement-breakpoint
CREATE UNIQUE INDEX "papers_openalex_uq" ON "papers" USING btree ("openalex_id");--> statement-breakpoint
CREATE UNIQUE INDEX "papers_acl_uq" ON "papers" USING btree ("acl_id");--> statement-breakpoint
CREATE INDEX "papers_title_key_idx" ON "papers" USING btree ("title_key","year");--> statement-breakpoint
CREATE INDEX "papers_sort_date_idx" ON "papers" USING btree ("sort_date","id");--> statement-breakpoint
CREATE INDEX "papers_citation_count_idx" ON "papers" USING btree ("citation_count","id");--> statement-breakpoint
CREATE INDEX "papers_venue_idx" ON "papers" USING btree ("venue_id","sort_date","id");--> statement-breakpoint
CREATE INDEX "papers_year_idx" ON "papers" USING btree ("year");--> statement-breakpoint
CREATE INDEX "papers_search_idx" ON "papers" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "topics_code_uq" ON "topics" USING btree ("code");--> statement-breakpoint
CREATE INDEX "topics_parent_idx" ON "topics" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "venues_name_key_uq" ON "venues" USING btree ("name_key");--> statement-breakpoint
CREATE INDEX "venues_paper_count_idx" ON "venues" USING btree ("paper_count","id");