// Keeps the full-text search table (level_search, migrations/0002_search.sql and
// 0004_search_inferred_codes.sql) in step with the
// data: every write of an institution re-indexes its levels inside the same transaction, so the
// search never sees a level the catalog does not hold, or misses one it does.
import { sql } from 'drizzle-orm'
import type { InstitutionDocument } from '../documents/schema.js'
import type { Writer } from './client.js'

export function indexInstitution(db: Writer, document: InstitutionDocument): void {
  const familyNames = new Map(document.families.map((family) => [family.id, family.name]))
  for (const job of document.jobs) {
    db.run(sql`
      INSERT INTO level_search (level_id, institution, tracks, title, job_code, family, duties, inferred_codes)
      VALUES (${job.id}, ${document.slug}, ${job.tracks.join(' ')}, ${job.title}, ${job.jobCode ?? ''},
              ${familyNames.get(job.family) ?? ''}, ${job.duties.join('\n')},
              ${(job.inferredCodes ?? []).map((inferred) => inferred.code).join(' ')})`)
  }
}

export function unindexInstitution(db: Writer, slug: string): void {
  db.run(sql`DELETE FROM level_search WHERE institution = ${slug}`)
}

export function clearIndex(db: Writer): void {
  db.run(sql`DELETE FROM level_search`)
}
