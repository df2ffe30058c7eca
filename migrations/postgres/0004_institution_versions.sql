CREATE TABLE "institution_versions" (
	"slug" text NOT NULL,
	"n" integer NOT NULL,
	"kind" text NOT NULL,
	"digest" text,
	"document" jsonb,
	"change_id" integer,
	"key_name" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"effective_date" text,
	CONSTRAINT "institution_versions_slug_n_pk" PRIMARY KEY("slug","n"),
	CONSTRAINT "institution_versions_kind" CHECK ("institution_versions"."kind" in ('create', 'replace', 'delete'))
);
--> statement-breakpoint
CREATE INDEX "institution_versions_at_idx" ON "institution_versions" USING btree ("at");--> statement-breakpoint
-- A database written before history was kept: each document it holds becomes its version 1, published when it was last written.
INSERT INTO "institution_versions" ("slug", "n", "kind", "digest", "document", "change_id", "key_name", "at", "effective_date")
SELECT "slug", 1, 'create', "canonical_sha256", "document", NULL, 'before-history', "updated_at", "document"->'source'->>'effectiveDate'
FROM "institutions";
