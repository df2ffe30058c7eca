// The PostgreSQL schema: what every replica shares. The scale and the institution documents (each as
// its canonical JSON, in jsonb, with the SHA-256 of that canonical text: the digest the data version
// is combined from), the source texts the documents quote, the data version (one row:
// the content hash every replica computes from the same data, and a counter that grows by one per
// write), the change log and the API keys. Everything a read needs is built from these into each
// replica's memory; reads never query PostgreSQL.
// The change log and the API keys have the columns of their SQLite tables (src/db/schema.ts).
import { sql } from 'drizzle-orm'
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core'

/** Timestamps are kept to the millisecond, like the ISO strings of the SQLite tables. */
const instant = () => timestamp({ withTimezone: true, precision: 3 })

export const institutionDocuments = pgTable('institutions', {
  slug: text().primaryKey(),
  /** The document; its key order is restored by canonicalJson (jsonb keeps its own order). */
  document: jsonb().$type<Record<string, unknown>>().notNull(),
  /** SHA-256 (hex) of the canonical JSON text the document was written from. */
  canonicalSha256: text().notNull(),
  updatedAt: instant().notNull().defaultNow(),
})

/**
 * The scale (one row, id = 1): loaded from data/ with the first documents and never written by the
 * API. It lives here, not in each replica's data/ folder, so that every replica validates against
 * the same scale and computes the same data version.
 */
export const scale = pgTable(
  'scale',
  {
    id: smallint().primaryKey().default(1),
    document: jsonb().$type<Record<string, unknown>>().notNull(),
    /** SHA-256 (hex) of the scale's canonical JSON: the first part of the data version. */
    digest: text().notNull(),
  },
  (table) => [check('scale_single_row', sql`${table.id} = 1`)],
)

/** The source documents' texts, by file name: stored once, never replaced (as in SQLite). */
export const sourceTexts = pgTable('source_texts', {
  file: text().primaryKey(),
  text: text().notNull(),
})

/** One row (id = 1), locked by every write: writers on any machine take turns on it. */
export const dataVersion = pgTable(
  'data_version',
  {
    id: smallint().primaryKey().default(1),
    /** The content hash of the scale and every document; empty until the first load. */
    version: text().notNull(),
    /** Committed writes so far: a replica that has seen counter n has seen every write up to n. */
    counter: bigint({ mode: 'number' }).notNull().default(0),
    changedAt: instant().notNull().defaultNow(),
  },
  (table) => [check('data_version_single_row', sql`${table.id} = 1`)],
)

/** API keys for the write routes: only a SHA-256 hash of the key is stored. */
export const apiKeys = pgTable(
  'api_keys',
  {
    name: text().primaryKey(),
    keyHash: text().notNull().unique(),
    scope: text({ enum: ['read', 'write'] }).notNull(),
    createdAt: instant().notNull().defaultNow(),
    revokedAt: instant(),
  },
  (table) => [check('api_keys_scope', sql`${table.scope} in ('read', 'write')`)],
)

/** The change log: one row per committed write. */
export const changes = pgTable(
  'changes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    at: instant().notNull().defaultNow(),
    keyName: text().notNull(),
    institution: text().notNull(),
    kind: text({ enum: ['create', 'replace', 'delete'] }).notNull(),
    versionBefore: text().notNull(),
    versionAfter: text().notNull(),
  },
  (table) => [
    index('changes_at_idx').on(table.at),
    index('changes_version_after_idx').on(table.versionAfter),
    check('changes_kind', sql`${table.kind} in ('create', 'replace', 'delete')`),
  ],
)

/** Leveling drafts under review, as the SQLite table of the same name (src/db/schema.ts). */
export const drafts = pgTable(
  'drafts',
  {
    slug: text().primaryKey(),
    state: text({ enum: ['draft', 'in-review', 'published', 'discarded'] }).notNull(),
    revision: integer().notNull(),
    jobs: integer().notNull(),
    decided: integer().notNull(),
    createdAt: instant().notNull().defaultNow(),
    updatedAt: instant().notNull().defaultNow(),
    body: jsonb().$type<unknown>().notNull(),
  },
  (table) => [check('drafts_state', sql`${table.state} in ('draft', 'in-review', 'published', 'discarded')`)],
)

/** Every write to a draft, with the key that made it. */
export const draftLog = pgTable(
  'draft_log',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    at: instant().notNull().defaultNow(),
    draft: text().notNull(),
    revision: integer().notNull(),
    keyName: text().notNull(),
    action: text().notNull(),
    job: integer(),
    detail: jsonb().$type<unknown>().notNull(),
  },
  (table) => [index('draft_log_draft_idx').on(table.draft, table.id)],
)

/** Every published version of every institution document, as the SQLite table of the same name. */
export const institutionVersions = pgTable(
  'institution_versions',
  {
    slug: text().notNull(),
    n: integer().notNull(),
    kind: text({ enum: ['create', 'replace', 'delete'] }).notNull(),
    digest: text(),
    document: jsonb().$type<Record<string, unknown>>(),
    changeId: integer(),
    keyName: text().notNull(),
    at: instant().notNull(),
    effectiveDate: text(),
  },
  (table) => [
    primaryKey({ columns: [table.slug, table.n] }),
    index('institution_versions_at_idx').on(table.at),
    check('institution_versions_kind', sql`${table.kind} in ('create', 'replace', 'delete')`),
  ],
)
