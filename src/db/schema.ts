// The SQLite schema. Ids are the stable, readable ids of the API (never row numbers), and unique
// indexes hold the domain's invariants: one grade code and one job code per institution.
// JSON columns hold lists that are only ever read whole (citations, duties, notes).
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { Citation, Placement, Track } from '../documents/schema.js'

export const scales = sqliteTable('scales', {
  id: text().primaryKey(),
  name: text().notNull(),
  version: text().notNull(),
  description: text().notNull(),
  calibrationStatement: text().notNull(),
  calibrationSeniority: integer().notNull(),
  calibrationGrades: text({ mode: 'json' }).$type<{ institution: string; grade: string }[]>().notNull(),
})

export const scalePoints = sqliteTable('scale_points', {
  value: integer().primaryKey(),
  scaleId: text()
    .notNull()
    .references(() => scales.id, { onDelete: 'cascade' }),
  code: text().notNull().unique(),
  name: text().notNull(),
  summary: text().notNull(),
  experience: text().notNull(),
  autonomy: text().notNull(),
  complexity: text().notNull(),
  leadership: text().notNull(),
  references: text().notNull(),
})

export const institutions = sqliteTable('institutions', {
  slug: text().primaryKey(),
  name: text().notNull(),
  shortName: text().notNull(),
  publisher: text().notNull(),
  gradeSystem: text().notNull(),
  sourceFile: text().notNull(),
  sourceTitle: text().notNull(),
  effectiveDate: text(),
  employerNamed: integer({ mode: 'boolean' }).notNull(),
  identification: text().notNull(),
  sourceQuotes: text({ mode: 'json' }).$type<Citation[]>().notNull(),
  notes: text({ mode: 'json' }).$type<string[]>().notNull(),
  updatedAt: text().notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  /** The whole document in canonical JSON: what the catalog is built from and GET document answers. */
  document: text(),
  /** SHA-256 of `document`: the institution's part of the data version. */
  digest: text(),
})

/** The texts of the source documents that institution documents quote, by file name. */
export const sourceTexts = sqliteTable('source_texts', {
  file: text().primaryKey(),
  text: text().notNull(),
  createdAt: text().notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
})

/**
 * The data version, kept in the database (one row) and written in the same transaction as the
 * data, so a write never re-reads or re-hashes the documents it did not change.
 */
export const dataState = sqliteTable('data_state', {
  id: integer().primaryKey(),
  version: text().notNull(),
  changedAt: text().notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
})

export const grades = sqliteTable(
  'grades',
  {
    id: text().primaryKey(),
    institutionSlug: text()
      .notNull()
      .references(() => institutions.slug, { onDelete: 'cascade' }),
    code: text().notNull(),
    label: text().notNull(),
    aliases: text({ mode: 'json' }).$type<string[]>().notNull(),
    position: integer().notNull(),
    seniority: real().notNull(),
    seniorityMin: real().notNull(),
    seniorityMax: real().notNull(),
    rationale: text().notNull(),
    evidence: text({ mode: 'json' }).$type<Citation[]>().notNull(),
  },
  (table) => [
    uniqueIndex('grades_institution_code_unique').on(table.institutionSlug, table.code),
    uniqueIndex('grades_institution_position_unique').on(table.institutionSlug, table.position),
  ],
)

export const families = sqliteTable(
  'families',
  {
    id: text().primaryKey(),
    institutionSlug: text()
      .notNull()
      .references(() => institutions.slug, { onDelete: 'cascade' }),
    name: text().notNull(),
    code: text(),
    summary: text().notNull(),
    position: integer().notNull(),
    sources: text({ mode: 'json' }).$type<Citation[]>().notNull(),
    notes: text({ mode: 'json' }).$type<string[]>().notNull(),
  },
  (table) => [uniqueIndex('families_institution_position_unique').on(table.institutionSlug, table.position)],
)

export const jobs = sqliteTable(
  'jobs',
  {
    id: text().primaryKey(),
    institutionSlug: text()
      .notNull()
      .references(() => institutions.slug, { onDelete: 'cascade' }),
    familyId: text()
      .notNull()
      .references(() => families.id, { onDelete: 'cascade' }),
    gradeId: text()
      .notNull()
      .references(() => grades.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    title: text().notNull(),
    jobCode: text(),
    tracks: text({ mode: 'json' }).$type<Track[]>().notNull(),
    flsa: text({ enum: ['exempt', 'non_exempt'] }),
    summary: text().notNull(),
    educationMinimum: text(),
    educationTypical: text(),
    experienceMinYears: real(),
    experienceTypicalYears: real(),
    experienceMaxYears: real(),
    experienceNote: text(),
    supervisionReceived: text({ enum: ['direct', 'general', 'minimal', 'independent'] }),
    supportTier: text(),
    leads: text(),
    duties: text({ mode: 'json' }).$type<string[]>().notNull(),
    sources: text({ mode: 'json' }).$type<Citation[]>().notNull(),
    notes: text({ mode: 'json' }).$type<string[]>().notNull(),
    /** The job's own placement, where it differs from its grade's. */
    placement: text({ mode: 'json' }).$type<Placement>(),
    inferredCodes: text({ mode: 'json' }).$type<{ code: string; basis: string }[]>(),
  },
  (table) => [
    uniqueIndex('jobs_institution_job_code_unique').on(table.institutionSlug, table.jobCode),
    uniqueIndex('jobs_institution_position_unique').on(table.institutionSlug, table.position),
    index('jobs_family_idx').on(table.familyId),
    index('jobs_grade_idx').on(table.gradeId),
  ],
)

/** API keys for the write routes: only a SHA-256 hash of the key is stored. */
export const apiKeys = sqliteTable('api_keys', {
  name: text().primaryKey(),
  keyHash: text().notNull().unique(),
  scope: text({ enum: ['read', 'write'] }).notNull(),
  createdAt: text().notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  revokedAt: text(),
})

/** The change log: one row per committed write. */
export const changes = sqliteTable(
  'changes',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: text().notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    keyName: text().notNull(),
    institution: text().notNull(),
    kind: text({ enum: ['create', 'replace', 'delete'] }).notNull(),
    versionBefore: text().notNull(),
    versionAfter: text().notNull(),
  },
  (table) => [index('changes_at_idx').on(table.at), index('changes_version_after_idx').on(table.versionAfter)],
)

/**
 * Leveling drafts under review: one row per draft (named by the slug it will publish as), its whole
 * record as JSON (the proposal, the decisions, the institution's fields). `revision` grows by one
 * per write and is the draft's ETag; `jobs` and `decided` are kept for the listing.
 */
export const drafts = sqliteTable('drafts', {
  slug: text().primaryKey(),
  state: text({ enum: ['draft', 'in-review', 'published', 'discarded'] }).notNull(),
  revision: integer().notNull(),
  jobs: integer().notNull(),
  decided: integer().notNull(),
  createdAt: text().notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  updatedAt: text().notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  body: text({ mode: 'json' }).$type<unknown>().notNull(),
})

/** Every write to a draft, with the key that made it: created, a decision, fields, a state, published. */
export const draftLog = sqliteTable(
  'draft_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: text().notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    draft: text().notNull(),
    revision: integer().notNull(),
    keyName: text().notNull(),
    action: text().notNull(),
    job: integer(),
    detail: text({ mode: 'json' }).$type<unknown>().notNull(),
  },
  (table) => [index('draft_log_draft_idx').on(table.draft, table.id)],
)

/**
 * Every published version of every institution document, kept immutable: version n of a slug is
 * the document as a write stored it (canonical JSON and its digest), or, for a delete, a row with
 * no document that ends the history (it does not erase it). A write that stores the document
 * already stored adds no version. `effectiveDate` is the date the source says the structure took
 * effect, where it says one; otherwise the version is effective from `at`, when it was published.
 */
export const institutionVersions = sqliteTable(
  'institution_versions',
  {
    slug: text().notNull(),
    n: integer().notNull(),
    kind: text({ enum: ['create', 'replace', 'delete'] }).notNull(),
    digest: text(),
    document: text(),
    changeId: integer(),
    keyName: text().notNull(),
    at: text().notNull(),
    effectiveDate: text(),
  },
  (table) => [primaryKey({ columns: [table.slug, table.n] }), index('institution_versions_at_idx').on(table.at)],
)
