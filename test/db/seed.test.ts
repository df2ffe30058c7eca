import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.js'
import { readDataVersion, readStoredDocuments } from '../../src/db/institutions.js'
import { prepareDatabase } from '../../src/db/seed.js'
import { loadDataFiles } from '../../src/documents/files.js'
import { dataVersion } from '../../src/documents/version.js'

describe('prepareDatabase', () => {
  it('loads a new database from the data files and records the data version', () => {
    const db = openDatabase(':memory:')
    expect(prepareDatabase(db)).toEqual({ loaded: 'data-files', institutions: 5 })
    const files = loadDataFiles()
    expect(readDataVersion(db)?.version).toBe(dataVersion(files.scale, files.institutions))
    expect(readStoredDocuments(db).map((stored) => stored.document)).toEqual(
      [...files.institutions].sort((a, b) => a.slug.localeCompare(b.slug)),
    )
    expect(prepareDatabase(db)).toEqual({ loaded: 'nothing' })
    db.$client.close()
  })

  it('stores the documents and the version of a database written before they were kept whole', () => {
    const db = openDatabase(':memory:')
    prepareDatabase(db)
    const version = readDataVersion(db)?.version
    const documents = readStoredDocuments(db)
    db.run(sql`UPDATE institutions SET document = NULL, digest = NULL`)
    db.run(sql`DELETE FROM data_state`)
    expect(prepareDatabase(db)).toEqual({ loaded: 'documents' })
    expect(readDataVersion(db)?.version).toBe(version)
    expect(readStoredDocuments(db)).toEqual(documents)
    db.$client.close()
  })
})
