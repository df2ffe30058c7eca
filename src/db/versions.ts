// The history of every institution in the SQLite store: each write that changes a document adds
// its next version (the canonical JSON and its digest), a delete adds a version with no document,
// and nothing is ever rewritten. Written in the write's own transaction (writes.ts, and the first
// load in institutions.ts), so a version exists exactly when its write committed. The PostgreSQL
// store keeps the same rows (db/postgres/versions.ts).
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm'
import type { InstitutionDocument } from '../documents/schema.js'
import type { Writer } from './client.js'
import { institutionVersions } from './schema.js'

export type VersionKind = 'create' | 'replace' | 'delete'

export interface VersionListing {
  slug: string
  n: number
  kind: VersionKind
  digest: string | null
  changeId: number | null
  keyName: string
  at: string
  effectiveDate: string | null
}

export interface StoredVersion extends VersionListing {
  document: InstitutionDocument | null
}

/** What a write adds to the history: the document as stored (null for a delete). */
export interface VersionWrite {
  slug: string
  document: { canonical: string; digest: string; effectiveDate: string | null } | null
  changeId: number | null
  keyName: string
  at: string
}

/** The version a write makes, or null when the write leaves the document as the last version has it. */
export function nextVersion(
  last: { n: number; kind: VersionKind; digest: string | null } | undefined,
  write: VersionWrite,
): { n: number; kind: VersionKind } | null {
  const live = last !== undefined && last.kind !== 'delete'
  if (write.document === null) return live ? { n: (last?.n ?? 0) + 1, kind: 'delete' } : null
  if (live && last?.digest === write.document.digest) return null
  return { n: (last?.n ?? 0) + 1, kind: live ? 'replace' : 'create' }
}

const listing = {
  slug: institutionVersions.slug,
  n: institutionVersions.n,
  kind: institutionVersions.kind,
  digest: institutionVersions.digest,
  changeId: institutionVersions.changeId,
  keyName: institutionVersions.keyName,
  at: institutionVersions.at,
  effectiveDate: institutionVersions.effectiveDate,
}

export function recordVersion(tx: Writer, write: VersionWrite): void {
  const last = tx
    .select({ n: institutionVersions.n, kind: institutionVersions.kind, digest: institutionVersions.digest })
    .from(institutionVersions)
    .where(eq(institutionVersions.slug, write.slug))
    .orderBy(desc(institutionVersions.n))
    .limit(1)
    .get()
  const next = nextVersion(last, write)
  if (!next) return
  tx.insert(institutionVersions)
    .values({
      slug: write.slug,
      ...next,
      digest: write.document?.digest ?? null,
      document: write.document?.canonical ?? null,
      changeId: write.changeId,
      keyName: write.keyName,
      at: write.at,
      effectiveDate: write.document?.effectiveDate ?? null,
    })
    .run()
}

/** A slug's versions, oldest first (empty when it never existed). */
export function listInstitutionVersions(db: Writer, slug: string): VersionListing[] {
  return db
    .select(listing)
    .from(institutionVersions)
    .where(eq(institutionVersions.slug, slug))
    .orderBy(asc(institutionVersions.n))
    .all()
}

function withDocument(row: VersionListing & { document: string | null }): StoredVersion {
  return { ...row, document: row.document === null ? null : (JSON.parse(row.document) as InstitutionDocument) }
}

/** Version n of a slug, with its document. */
export function readInstitutionVersion(db: Writer, slug: string, n: number): StoredVersion | undefined {
  const row = db
    .select({ ...listing, document: institutionVersions.document })
    .from(institutionVersions)
    .where(and(eq(institutionVersions.slug, slug), eq(institutionVersions.n, n)))
    .get()
  return row ? withDocument(row) : undefined
}

/** The version of a slug in force at `at` (ISO 8601): the last one published at or before it. */
export function institutionVersionAt(db: Writer, slug: string, at: string): StoredVersion | undefined {
  const row = db
    .select({ ...listing, document: institutionVersions.document })
    .from(institutionVersions)
    .where(and(eq(institutionVersions.slug, slug), lte(institutionVersions.at, at)))
    .orderBy(desc(institutionVersions.n))
    .limit(1)
    .get()
  return row ? withDocument(row) : undefined
}

/** A row of institution_versions as a raw statement gives it (column names as stored). */
export interface VersionRow {
  slug: string
  n: number
  kind: VersionKind
  digest: string | null
  document: string | null
  change_id: number | null
  key_name: string
  at: string
  effective_date: string | null
}

export function versionFromRow(row: VersionRow, document: InstitutionDocument | null): StoredVersion {
  return {
    slug: row.slug,
    n: Number(row.n),
    kind: row.kind,
    digest: row.digest,
    changeId: row.change_id === null ? null : Number(row.change_id),
    keyName: row.key_name,
    at: row.at,
    effectiveDate: row.effective_date,
    document,
  }
}

/**
 * The version of every institution in force at `at` (ISO 8601): for each slug, the last version
 * published at or before it, unless that version is a delete. One statement, without documents,
 * however long the history: a reader fetches only the documents it has not built already.
 */
export function versionsInForce(db: Writer, at: string): VersionListing[] {
  return db
    .all<VersionRow>(
      sql`SELECT v.slug, v.n, v.kind, v.digest, NULL AS document, v.change_id, v.key_name, v.at, v.effective_date
          FROM ${institutionVersions} v
          JOIN (SELECT slug, max(n) AS n FROM ${institutionVersions} WHERE at <= ${at} GROUP BY slug) l
            ON v.slug = l.slug AND v.n = l.n
          WHERE v.kind <> 'delete' ORDER BY v.slug`,
    )
    .map((row) => {
      const { document: _document, ...listing } = versionFromRow(row, null)
      return listing
    })
}
