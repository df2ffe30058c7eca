CREATE TABLE `families` (
	`id` text PRIMARY KEY NOT NULL,
	`institution_slug` text NOT NULL,
	`name` text NOT NULL,
	`code` text,
	`summary` text NOT NULL,
	`position` integer NOT NULL,
	`sources` text NOT NULL,
	`notes` text NOT NULL,
	FOREIGN KEY (`institution_slug`) REFERENCES `institutions`(`slug`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `families_institution_position_unique` ON `families` (`institution_slug`,`position`);--> statement-breakpoint
CREATE TABLE `grades` (
	`id` text PRIMARY KEY NOT NULL,
	`institution_slug` text NOT NULL,
	`code` text NOT NULL,
	`label` text NOT NULL,
	`aliases` text NOT NULL,
	`position` integer NOT NULL,
	`seniority` real NOT NULL,
	`seniority_min` real NOT NULL,
	`seniority_max` real NOT NULL,
	`rationale` text NOT NULL,
	`evidence` text NOT NULL,
	FOREIGN KEY (`institution_slug`) REFERENCES `institutions`(`slug`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grades_institution_code_unique` ON `grades` (`institution_slug`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `grades_institution_position_unique` ON `grades` (`institution_slug`,`position`);--> statement-breakpoint
CREATE TABLE `institutions` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`publisher` text NOT NULL,
	`grade_system` text NOT NULL,
	`source_file` text NOT NULL,
	`source_title` text NOT NULL,
	`effective_date` text,
	`employer_named` integer NOT NULL,
	`identification` text NOT NULL,
	`source_quotes` text NOT NULL,
	`notes` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`institution_slug` text NOT NULL,
	`family_id` text NOT NULL,
	`grade_id` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`job_code` text,
	`tracks` text NOT NULL,
	`flsa` text,
	`summary` text NOT NULL,
	`education_minimum` text,
	`education_typical` text,
	`experience_min_years` real,
	`experience_typical_years` real,
	`experience_max_years` real,
	`experience_note` text,
	`supervision_received` text,
	`support_tier` text,
	`leads` text,
	`duties` text NOT NULL,
	`sources` text NOT NULL,
	`notes` text NOT NULL,
	FOREIGN KEY (`institution_slug`) REFERENCES `institutions`(`slug`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`grade_id`) REFERENCES `grades`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_institution_job_code_unique` ON `jobs` (`institution_slug`,`job_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_institution_position_unique` ON `jobs` (`institution_slug`,`position`);--> statement-breakpoint
CREATE INDEX `jobs_family_idx` ON `jobs` (`family_id`);--> statement-breakpoint
CREATE INDEX `jobs_grade_idx` ON `jobs` (`grade_id`);--> statement-breakpoint
CREATE TABLE `scale_points` (
	`value` integer PRIMARY KEY NOT NULL,
	`scale_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`summary` text NOT NULL,
	`experience` text NOT NULL,
	`autonomy` text NOT NULL,
	`complexity` text NOT NULL,
	`leadership` text NOT NULL,
	`references` text NOT NULL,
	FOREIGN KEY (`scale_id`) REFERENCES `scales`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scale_points_code_unique` ON `scale_points` (`code`);--> statement-breakpoint
CREATE TABLE `scales` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`version` text NOT NULL,
	`description` text NOT NULL,
	`calibration_statement` text NOT NULL,
	`calibration_seniority` integer NOT NULL,
	`calibration_grades` text NOT NULL
);
