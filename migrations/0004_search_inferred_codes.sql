-- Search finds inferred class codes too (Missouri 14TS40, North Carolina 12249): the codes the
-- public record gives for a job but its source does not print. An FTS5 table cannot gain a
-- column, so the table is made again with `inferred_codes` after `duties`, and filled from the
-- jobs as src/db/search-index.ts writes it.
DROP TABLE `level_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `level_search` USING fts5(
	`level_id` UNINDEXED,
	`institution` UNINDEXED,
	`tracks` UNINDEXED,
	`title`,
	`job_code`,
	`family`,
	`duties`,
	`inferred_codes`,
	tokenize = 'trigram remove_diacritics 1'
);
--> statement-breakpoint
INSERT INTO `level_search` (`level_id`, `institution`, `tracks`, `title`, `job_code`, `family`, `duties`, `inferred_codes`)
SELECT
	`jobs`.`id`,
	`jobs`.`institution_slug`,
	coalesce((SELECT group_concat(`value`, ' ') FROM json_each(`jobs`.`tracks`)), ''),
	`jobs`.`title`,
	coalesce(`jobs`.`job_code`, ''),
	`families`.`name`,
	coalesce((SELECT group_concat(`value`, char(10)) FROM json_each(`jobs`.`duties`)), ''),
	coalesce((SELECT group_concat(json_extract(`value`, '$.code'), ' ') FROM json_each(`jobs`.`inferred_codes`)), '')
FROM `jobs` JOIN `families` ON `families`.`id` = `jobs`.`family_id`
ORDER BY `jobs`.`institution_slug`, `jobs`.`position`;
