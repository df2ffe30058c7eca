// The history of every institution in the PostgreSQL store, as db/versions.ts keeps it in SQLite:
// the next version is added in the write's own transaction (under the version row's lock, so
// writers take turns and version numbers never collide), a delete adds a version with no document.
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm'
import type pg from 'pg'
import { type InstitutionDocument, InstitutionDocumentSchema } from '../../documents/schema.js'
import {
  nextVersion,
  type StoredVersion,
  type VersionListing,
  type VersionRow,
  type VersionWrite,
  versionFromRow,
} from '../versions.js'
import { institutionVersions } from './schema.js'
import { fromJsonb, type PgDatabase, withConnection } from './store.js'

type Transaction = Parameters<Parameters<PgDatabase['transaction']>[0]>[0]

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

type ListingRow = Omit<VersionListing, 'at'> & { at: Date }

const toListing = <T extends ListingRow>(row: T): Omit<T, 'at'> & { at: string } => ({
  ...row,
  at: row.at.toISOString(),
})

export async function recordVersion(tx: Transaction | PgDatabase, write: VersionWrite): Promise<void> {
  const [last] = await tx
    .select({ n: institutionVersions.n, kind: institutionVersions.kind, digest: institutionVersions.digest })
    .from(institutionVersions)
    .where(eq(institutionVersions.slug, write.slug))
    .orderBy(desc(institutionVersions.n))
    .limit(1)
  const next = nextVersion(last, write)
  if (!next) return
  await tx.insert(institutionVersions).values({
    slug: write.slug,
    ...next,
    digest: write.document?.digest ?? null,
    document: write.document ? (JSON.parse(write.document.canonical) as Record<string, unknown>) : null,
    changeId: write.changeId,
    keyName: write.keyName,
    at: new Date(write.at),
    effectiveDate: write.document?.effectiveDate ?? null,
  })
}

export function listInstitutionVersions(pool: pg.Pool, slug: string): Promise<VersionListing[]> {
  return withConnection(pool, async (db) =>
    (
      await db
        .select(listing)
        .from(institutionVersions)
        .where(eq(institutionVersions.slug, slug))
        .orderBy(asc(institutionVersions.n))
    ).map(toListing),
  )
}

function withDocument(row: ListingRow & { document: Record<string, unknown> | null }): StoredVersion {
  return {
    ...toListing(row),
    document: row.document === null ? null : fromJsonb<InstitutionDocument>(InstitutionDocumentSchema, row.document),
  }
}

export function readInstitutionVersion(pool: pg.Pool, slug: string, n: number): Promise<StoredVersion | undefined> {
  return withConnection(pool, async (db) => {
    const [row] = await db
      .select({ ...listing, document: institutionVersions.document })
      .from(institutionVersions)
      .where(and(eq(institutionVersions.slug, slug), eq(institutionVersions.n, n)))
    return row ? withDocument(row) : undefined
  })
}

export function institutionVersionAt(pool: pg.Pool, slug: string, at: string): Promise<StoredVersion | undefined> {
  return withConnection(pool, async (db) => {
    const [row] = await db
      .select({ ...listing, document: institutionVersions.document })
      .from(institutionVersions)
      .where(and(eq(institutionVersions.slug, slug), lte(institutionVersions.at, new Date(at))))
      .orderBy(desc(institutionVersions.n))
      .limit(1)
    return row ? withDocument(row) : undefined
  })
}

/** The version of every institution in force at `at`, as versionsInForce of the SQLite store: one statement. */
export function versionsInForce(pool: pg.Pool, at: string): Promise<VersionListing[]> {
  return withConnection(pool, async (db) => {
    const result = await db.execute(
      sql`SELECT v.slug, v.n, v.kind, v.digest, v.change_id, v.key_name,
                 to_char(v.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, v.effective_date
          FROM ${institutionVersions} v
          JOIN (SELECT slug, max(n) AS n FROM ${institutionVersions} WHERE at <= ${new Date(at)} GROUP BY slug) l
            ON v.slug = l.slug AND v.n = l.n
          WHERE v.kind <> 'delete' ORDER BY v.slug`,
    )
    return (result.rows as unknown as Omit<VersionRow, 'document'>[]).map((row) => {
      const { document: _document, ...listing } = versionFromRow({ ...row, document: null }, null)
      return listing
    })
  })
}
