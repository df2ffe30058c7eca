CREATE TABLE "scale" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"document" jsonb NOT NULL,
	"digest" text NOT NULL,
	CONSTRAINT "scale_single_row" CHECK ("scale"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "source_texts" (
	"file" text PRIMARY KEY NOT NULL,
	"text" text NOT NULL
);
