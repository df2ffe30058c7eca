// What the PostgreSQL tests share: the real documents of data/, a fresh migrated and loaded
// database in a throwaway cluster, and documents changed just enough to hash to a new version.
import type pg from 'pg'
import { createPool, loadIfEmpty, migrate } from '../../src/db/postgres/store.js'
import { loadDataFiles } from '../../src/documents/files.js'
import type { InstitutionDocument } from '../../src/documents/schema.js'
import type { Cluster } from './cluster.js'

export const files = loadDataFiles()
export const scale = files.scale

/** An institution document from data/, changed in its notes so that it hashes to a new version. */
export function variant(slug: string, note: string): InstitutionDocument {
  const document = structuredClone(files.institutions.find((candidate) => candidate.slug === slug))
  if (!document) throw new Error(`no institution ${slug} in data/`)
  document.notes = [...document.notes, note]
  return document
}

/** A fresh database in the cluster, migrated (and, unless told otherwise, loaded from data/), with a pool whose errors are collected. */
export async function freshDatabase(
  cluster: Cluster,
  name: string,
  options: { load?: boolean } = {},
): Promise<{ pool: pg.Pool; url: string; poolErrors: Error[] }> {
  await cluster.query(`CREATE DATABASE "${name}"`, 'postgres')
  const url = cluster.url(name)
  const poolErrors: Error[] = []
  const pool = createPool(url, { onError: (error) => poolErrors.push(error), connectionTimeoutMillis: 2_000 })
  await migrate(pool)
  if (options.load !== false) await loadIfEmpty(pool)
  return { pool, url, poolErrors }
}
