CREATE TABLE "draft_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "draft_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"draft" text NOT NULL,
	"revision" integer NOT NULL,
	"key_name" text NOT NULL,
	"action" text NOT NULL,
	"job" integer,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"slug" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"revision" integer NOT NULL,
	"jobs" integer NOT NULL,
	"decided" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"body" jsonb NOT NULL,
	CONSTRAINT "drafts_state" CHECK ("drafts"."state" in ('draft', 'in-review', 'published', 'discarded'))
);
--> statement-breakpoint
CREATE INDEX "draft_log_draft_idx" ON "draft_log" USING btree ("draft","id");