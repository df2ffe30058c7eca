CREATE TABLE `api_keys` (
	`name` text PRIMARY KEY NOT NULL,
	`key_hash` text NOT NULL,
	`scope` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_keyHash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`key_name` text NOT NULL,
	`institution` text NOT NULL,
	`kind` text NOT NULL,
	`version_before` text NOT NULL,
	`version_after` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `changes_at_idx` ON `changes` (`at`);--> statement-breakpoint
CREATE INDEX `changes_version_after_idx` ON `changes` (`version_after`);