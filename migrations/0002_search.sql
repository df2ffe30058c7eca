-- Full-text search over job levels: title, job code, family name and duties. The trigram
-- tokenizer matches any substring of three or more characters, case- and accent-insensitively,
-- so prefixes ("senior tech"), codes ("IEUP") and word parts ("service spec") all match.
-- Rows are written in the same transaction as the data (src/search/index.ts).
CREATE VIRTUAL TABLE `level_search` USING fts5(
	`level_id` UNINDEXED,
	`institution` UNINDEXED,
	`tracks` UNINDEXED,
	`title`,
	`job_code`,
	`family`,
	`duties`,
	tokenize = 'trigram remove_diacritics 1'
);
--> statement-breakpoint
-- Index what an existing database already holds.
INSERT INTO `level_search` (`level_id`, `institution`, `tracks`, `title`, `job_code`, `family`, `duties`)
SELECT
	`jobs`.`id`,
	`jobs`.`institution_slug`,
	coalesce((SELECT group_concat(`value`, ' ') FROM json_each(`jobs`.`tracks`)), ''),
	`jobs`.`title`,
	coalesce(`jobs`.`job_code`, ''),
	`families`.`name`,
	coalesce((SELECT group_concat(`value`, char(10)) FROM json_each(`jobs`.`duties`)), '')
FROM `jobs` JOIN `families` ON `families`.`id` = `jobs`.`family_id`
ORDER BY `jobs`.`institution_slug`, `jobs`.`position`;
