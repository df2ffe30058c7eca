CREATE TABLE `draft_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`draft` text NOT NULL,
	`revision` integer NOT NULL,
	`key_name` text NOT NULL,
	`action` text NOT NULL,
	`job` integer,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `draft_log_draft_idx` ON `draft_log` (`draft`,`id`);--> statement-breakpoint
CREATE TABLE `drafts` (
	`slug` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`revision` integer NOT NULL,
	`jobs` integer NOT NULL,
	`decided` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`body` text NOT NULL
);
