CREATE TABLE `institution_versions` (
	`slug` text NOT NULL,
	`n` integer NOT NULL,
	`kind` text NOT NULL,
	`digest` text,
	`document` text,
	`change_id` integer,
	`key_name` text NOT NULL,
	`at` text NOT NULL,
	`effective_date` text,
	PRIMARY KEY(`slug`, `n`)
);
--> statement-breakpoint
CREATE INDEX `institution_versions_at_idx` ON `institution_versions` (`at`);--> statement-breakpoint
-- A database written before history was kept: each document it holds becomes its version 1, published when it was last written.
INSERT INTO `institution_versions` (`slug`, `n`, `kind`, `digest`, `document`, `change_id`, `key_name`, `at`, `effective_date`)
SELECT `slug`, 1, 'create', `digest`, `document`, NULL, 'before-history', `updated_at`, json_extract(`document`, '$.source.effectiveDate')
FROM `institutions` WHERE `document` IS NOT NULL;
