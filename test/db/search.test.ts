import { readFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { type LevelmapDatabase, openDatabase } from '../../src/db/client.js'
import { deleteInstitution, replaceAll, writeInstitution } from '../../src/db/institutions.js'
import { loadDataFiles } from '../../src/documents/files.js'

const files = loadDataFiles()

function loaded(): LevelmapDatabase {
  const db = openDatabase(':memory:')
  replaceAll(db, files.scale, files.institutions)
  return db
}

function indexed(db: LevelmapDatabase) {
  return db.all<Record<string, string>>(
    sql`SELECT level_id, institution, tracks, title, job_code, family, duties FROM level_search ORDER BY level_id`,
  )
}

describe('the search index', () => {
  it('holds one entry per level once the data is loaded', () => {
    const db = loaded()
    const rows = indexed(db)
    expect(rows).toHaveLength(24)
    expect(rows.find((row) => row.level_id === 'missouri.client-support-professional')).toMatchObject({
      institution: 'missouri',
      tracks: 'management individual_contributor',
      title: 'Client Support Professional',
      job_code: '',
      family: 'Technical Support',
    })
    db.$client.close()
  })

  it('drops an institution’s entries with deleteInstitution, in the same transaction', () => {
    const db = loaded()
    db.transaction((tx) => deleteInstitution(tx, 'harvard'))
    const rows = indexed(db)
    expect(rows).toHaveLength(18)
    expect(rows.some((row) => row.institution === 'harvard')).toBe(false)
    db.$client.close()
  })

  it('leaves the index untouched when the write that indexes fails', () => {
    const db = loaded()
    const harvard = files.institutions.find((document) => document.slug === 'harvard')
    if (!harvard) throw new Error('no harvard document')
    expect(() =>
      db.transaction((tx) => {
        deleteInstitution(tx, 'harvard')
        writeInstitution(tx, harvard)
        writeInstitution(tx, harvard)
      }),
    ).toThrow(/UNIQUE/)
    expect(indexed(db)).toHaveLength(24)
    expect(indexed(db).filter((row) => row.institution === 'harvard')).toHaveLength(6)
    db.$client.close()
  })

  it('is rebuilt by the migration’s backfill exactly as the writer builds it', () => {
    const db = loaded()
    const written = indexed(db)
    const migration = readFileSync(new URL('../../migrations/0002_search.sql', import.meta.url), 'utf8')
    const backfill = migration.split('--> statement-breakpoint')[1] ?? ''
    expect(backfill).toContain('INSERT INTO `level_search`')
    db.run(sql`DELETE FROM level_search`)
    db.$client.exec(backfill)
    expect(indexed(db)).toEqual(written)
    db.$client.close()
  })
})
