// History for the benchmark: a database of 1,000 institutions given 19 more versions of each
// (20 in all, published a day apart over the last 20 days), written straight into the versions
// table the way the write path writes them (the writes themselves are measured by the PUT figure).
// Each later version changes the document's notes, so every version has a digest of its own.
import { copyFileSync, statSync } from 'node:fs'
import { openDatabase } from '../../src/db/client.js'
import { institutions, institutionVersions } from '../../src/db/schema.js'
import { prepareDatabase } from '../../src/db/seed.js'
import type { InstitutionDocument } from '../../src/documents/schema.js'
import { canonicalInstitution, digestOf } from '../../src/documents/version.js'

export const dayMs = 86_400_000

/**
 * Loads `dataDir` into `file` (copied first to `baselineFile`, with one version each) and adds the
 * history; returns both files' sizes and the moment each day's versions were published.
 */
export function writeHistory(
  dataDir: string,
  file: string,
  baselineFile: string,
  versions = 20,
): { baselineBytes: number; historyBytes: number; institutions: number; rows: number; days: string[] } {
  const db = openDatabase(file)
  prepareDatabase(db, dataDir)
  db.$client.pragma('wal_checkpoint(TRUNCATE)')
  db.$client.close()
  copyFileSync(file, baselineFile)
  const again = openDatabase(file)
  const now = Date.now()
  const days = Array.from({ length: versions }, (_, index) => new Date(now - (versions - index) * dayMs).toISOString())
  const stored = again.select({ slug: institutions.slug, document: institutions.document }).from(institutions).all()
  let rows = 0
  again.transaction((tx) => {
    // The first load becomes the first day's version; every later day adds one per institution.
    tx.update(institutionVersions)
      .set({ at: days[0] as string })
      .run()
    for (const { slug, document } of stored) {
      const base = JSON.parse(document as string) as InstitutionDocument
      for (let n = 2; n <= versions; n++) {
        const next = { ...base, notes: [...base.notes, `Benchmark history: version ${n}.`] }
        const canonical = canonicalInstitution(next)
        tx.insert(institutionVersions)
          .values({
            slug,
            n,
            kind: 'replace',
            digest: digestOf(canonical),
            document: canonical,
            changeId: null,
            keyName: 'bench',
            at: days[n - 1] as string,
            effectiveDate: base.source.effectiveDate,
          })
          .run()
        rows++
      }
    }
  })
  again.$client.pragma('wal_checkpoint(TRUNCATE)')
  again.$client.close()
  return {
    baselineBytes: statSync(baselineFile).size,
    historyBytes: statSync(file).size,
    institutions: stored.length,
    rows: rows + stored.length,
    days,
  }
}
