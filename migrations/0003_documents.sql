CREATE TABLE `data_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`changed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `source_texts` (
	`file` text PRIMARY KEY NOT NULL,
	`text` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `institutions` ADD `document` text;--> statement-breakpoint
ALTER TABLE `institutions` ADD `digest` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `placement` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `inferred_codes` text;