// What the PostgreSQL store tests share: the real documents of data/ in their canonical form, the
// real validation and the real data version (the content hash of the scale and the documents).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type pg from 'pg'
import { canonicalJson } from '../../src/catalog/canonical.js'
import { defaultDataDir, loadDataFiles } from '../../src/catalog/files.js'
import { dataVersion } from '../../src/catalog/model.js'
import type { DocumentIssue } from '../../src/catalog/validate.js'
import { documentIssues } from '../../src/catalog/writes.js'
import { createPool, migrate, type StoredDocument, type VersionOf } from '../../src/db/postgres/store.js'
import { type InstitutionDocument, InstitutionDocumentSchema } from '../../src/schemas/document.js'
import type { Cluster } from './cluster.js'

export const files = loadDataFiles()
export const scale = files.scale

export const canonical = (document: unknown) => canonicalJson(InstitutionDocumentSchema, document)

/** The data version every replica computes: dataVersion of the scale and the stored documents. */
export const versionOf: VersionOf = (documents) =>
  dataVersion(
    scale,
    documents.map((stored) => stored.document as unknown as InstitutionDocument),
  )

/** The canonical text of a stored document: its key order restored from the schema. */
export const canonicalOf = (stored: StoredDocument) => canonical(stored.document)

/** The file in data/institutions, byte for byte. */
export const fileText = (slug: string) => readFileSync(join(defaultDataDir, 'institutions', `${slug}.json`), 'utf8')

export const dataDocuments = () =>
  files.institutions.map((document) => ({ slug: document.slug, canonicalJson: canonical(document) }))

/** The write path's validation: every problem with a document sent to /v1/institutions/{slug}. */
export const validateFor = (document: unknown, slug: string) => (): DocumentIssue[] | undefined => {
  const issues = documentIssues(document, scale, slug)
  return issues.length > 0 ? issues : undefined
}

/** An institution document from data/, changed in its notes so that it hashes to a new version. */
export function variant(slug: string, note: string): InstitutionDocument {
  const document = structuredClone(files.institutions.find((candidate) => candidate.slug === slug))
  if (!document) throw new Error(`no institution ${slug} in data/`)
  document.notes = [...document.notes, note]
  return document
}

/** A fresh database in the cluster, migrated, with a pool whose errors are collected. */
export async function freshDatabase(
  cluster: Cluster,
  name: string,
): Promise<{ pool: pg.Pool; url: string; poolErrors: Error[] }> {
  await cluster.query(`CREATE DATABASE "${name}"`, 'postgres')
  const url = cluster.url(name)
  const poolErrors: Error[] = []
  const pool = createPool(url, { onError: (error) => poolErrors.push(error), connectionTimeoutMillis: 2_000 })
  await migrate(pool)
  return { pool, url, poolErrors }
}
