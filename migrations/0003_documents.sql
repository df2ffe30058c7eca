CREATE TABLE `data_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`changed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `institutions` ADD `document` text;--> statement-breakpoint
ALTER TABLE `institutions` ADD `digest` text;