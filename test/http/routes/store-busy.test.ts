// A write that waits for SQLite's lock (held by another process, such as an import) longer than
// busy_timeout is 503 store-busy with Retry-After, nothing written; the change log still reads.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../helpers/app.js'
import { seedDocument } from '../../helpers/documents.js'
import { expectProblem, getJson, putDocument } from '../../helpers/http.js'
import { createTestKeys } from '../../helpers/keys.js'

const folder = mkdtempSync(join(tmpdir(), 'levelmap-busy-'))

afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})

describe('PUT /v1/institutions/{slug} while another process holds the SQLite write lock', () => {
  it('answers 503 store-busy with Retry-After, writes nothing, and the change log still reads', async () => {
    const file = join(folder, 'levelmap.sqlite')
    const app = await buildTestApp({ database: file, changeCheckMs: 0 })
    const other = new Database(file)
    try {
      const keys = createTestKeys(app)
      // Waiting the full five seconds would only slow the test down.
      app.db.$client.pragma('busy_timeout = 50')
      other.exec('BEGIN IMMEDIATE')
      const edited = seedDocument('missouri')
      edited.notes = [...edited.notes, 'never written']
      const refused = await putDocument(app, 'missouri', edited, keys.write)
      expectProblem(refused, 503, 'store-busy')
      expect(refused.headers['retry-after']).toBe('1')
      expect(refused.json().detail).toMatch(/nothing was written/)
      const changes = await getJson(app, '/v1/changes')
      expect(changes.response.statusCode).toBe(200)
      expect(changes.body.total).toBe(0)
      other.exec('ROLLBACK')
      expect((await putDocument(app, 'missouri', edited, keys.write)).statusCode).toBe(200)
    } finally {
      other.close()
      await app.close()
    }
  })
})
