// The PostgreSQL store's data access against a throwaway cluster: migrations, the first load (the
// same data version as SQLite for the same data), the write path's validation and outcomes (the
// shapes of the SQLite store's), atomicity (an invalid write, an exception before COMMIT and a
// writer killed mid-transaction commit nothing; two writers take turns), the change log, the API
// keys, and StoreUnavailableError when PostgreSQL cannot be reached.
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.js'
import { readDataVersion } from '../../src/db/institutions.js'
import { KeyError } from '../../src/db/keys.js'
import {
  authenticate,
  changesSinceVersion,
  createApiKey,
  createPool,
  deleteDocument,
  isUnavailable,
  listApiKeys,
  loadIfEmpty,
  migrate,
  putDocument,
  readChanges,
  readEverything,
  readInstitution,
  readVersion,
  revokeApiKey,
} from '../../src/db/postgres/store.js'
import { prepareDatabase } from '../../src/db/seed.js'
import { StoreUnavailableError } from '../../src/db/store.js'
import { canonicalJson } from '../../src/documents/canonical.js'
import { type InstitutionDocument, InstitutionDocumentSchema } from '../../src/documents/schema.js'
import { combineVersion, dataVersion, scaleDigest } from '../../src/documents/version.js'
import { documentAs } from '../helpers/documents.js'
import { freePort, root } from '../helpers/server.js'
import { Cluster, postgresUnavailable, stopAll } from './cluster.js'
import { files, freshDatabase, scale, variant } from './fixtures.js'

const unavailable = postgresUnavailable()

/** The source files a document's citations name. */
const filesCited = (document: InstitutionDocument) => [
  ...new Set(
    [...JSON.stringify(document).matchAll(/"file":("(?:[^"\\]|\\.)*")/g)].map(
      (match) => JSON.parse(match[1] ?? '""') as string,
    ),
  ),
]

/** The document with every citation (and its source) naming `file` instead. */
const citing = (document: InstitutionDocument, file: string): InstitutionDocument =>
  JSON.parse(JSON.stringify(document).replace(/"file":"(?:[^"\\]|\\.)*"/g, `"file":${JSON.stringify(file)}`))
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.skipIf(unavailable !== undefined)(
  `the PostgreSQL store${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let cluster: Cluster
    let pool: pg.Pool
    let poolErrors: Error[]
    const pools: pg.Pool[] = []

    beforeAll(async () => {
      cluster = await Cluster.start()
      ;({ pool, poolErrors } = await freshDatabase(cluster, 'levelmap_store', { load: false }))
      pools.push(pool)
    }, 60_000)

    afterAll(async () => {
      for (const each of pools) await each.end().catch(() => {})
      await stopAll()
    }, 60_000)

    it('migrates idempotently, also when replicas migrate at once, with the version row in place', async () => {
      await Promise.all([migrate(pool), migrate(pool), migrate(pool)])
      expect(await readVersion(pool)).toMatchObject({ version: '', counter: 0 })
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations')
      // One row per committed migration (migrations/postgres/meta/_journal.json).
      const journal = JSON.parse(readFileSync(join(root, 'migrations', 'postgres', 'meta', '_journal.json'), 'utf8'))
      expect(Number(rows[0]?.n)).toBe(journal.entries.length)
    })

    it('loads data/ into an empty store once, at the data version SQLite gives the same data', async () => {
      const [first, second] = await Promise.all([loadIfEmpty(pool), loadIfEmpty(pool)])
      expect([first.loaded, second.loaded].sort()).toEqual([false, true])
      const everything = await readEverything(pool)
      expect(everything.state.counter).toBe(1)
      expect(everything.state.version).toBe(dataVersion(files.scale, files.institutions))
      const sqlite = openDatabase(':memory:')
      prepareDatabase(sqlite)
      expect(everything.state.version).toBe(readDataVersion(sqlite)?.version)
      sqlite.$client.close()
      expect(everything.scale).toEqual(files.scale)
      expect(everything.sources).toEqual(files.sources)
      // jsonb keeps keys in its own order; documents come back in the canonical order, byte for byte.
      for (const { document } of everything.institutions) {
        const original = files.institutions.find((candidate) => candidate.slug === document.slug)
        expect(JSON.stringify(document)).toBe(
          JSON.stringify(JSON.parse(canonicalJson(InstitutionDocumentSchema, original))),
        )
      }
    })

    it('replaces a document: the change is logged, the version is the new content hash, the counter moves on', async () => {
      const before = await readVersion(pool)
      const document = variant('harvard', 'a replacement')
      const outcome = await putDocument(pool, document, 'editor', { urlSlug: 'harvard' })
      if (outcome.outcome !== 'committed') throw new Error(JSON.stringify(outcome))
      const everything = await readEverything(pool)
      const documents = everything.institutions.map((stored) => stored.document)
      expect(outcome.version).toBe(dataVersion(scale, documents))
      expect(outcome.version).toBe(
        combineVersion(
          scaleDigest(scale),
          everything.institutions.map((stored) => ({ slug: stored.document.slug, digest: stored.digest })),
        ),
      )
      expect(outcome.counter).toBe(before.counter + 1)
      expect(outcome.change).toMatchObject({
        keyName: 'editor',
        institution: 'harvard',
        kind: 'replace',
        versionBefore: before.version,
        versionAfter: outcome.version,
      })
      expect(outcome.institution?.document.notes.at(-1)).toBe('a replacement')
      const one = await readInstitution(pool, 'harvard', new Set(everything.sources.keys()))
      expect(one.institution).toEqual(outcome.institution)
      expect(one.sources).toEqual([])
    })

    it('writes nothing for a document that fails validation, a URL naming another slug, or a quote of an unknown source', async () => {
      const before = await readEverything(pool)
      const broken = { ...variant('harvard', 'broken'), grades: [] }
      const invalid = await putDocument(pool, broken, 'editor')
      expect(invalid.outcome).toBe('invalid')
      const elsewhere = await putDocument(pool, variant('harvard', 'elsewhere'), 'editor', { urlSlug: 'columbia' })
      expect(elsewhere).toMatchObject({ outcome: 'invalid', issues: [{ path: '/slug' }] })
      const unknownSource = citing(variant('harvard', 'unknown source'), 'nowhere.txt')
      const refused = await putDocument(pool, unknownSource, 'editor')
      expect(refused.outcome).toBe('invalid')
      expect(await readEverything(pool)).toEqual(before)
    })

    it('stores the source texts a document carries, once, and hands them to a replica that lacks them', async () => {
      const document = documentAs('carrier')
      const [file] = filesCited(document)
      const text = files.sources.get(file ?? '') ?? ''
      const cited = { ...citing(document, 'carrier-grades.txt'), sources: [{ file: 'carrier-grades.txt', text }] }
      const outcome = await putDocument(pool, cited, 'editor')
      if (outcome.outcome !== 'committed') throw new Error(JSON.stringify(outcome))
      expect(outcome.sources).toEqual([{ file: 'carrier-grades.txt', text }])
      expect(outcome.institution?.document).not.toHaveProperty('sources')
      const one = await readInstitution(pool, 'carrier', new Set(files.sources.keys()))
      expect(one.sources).toEqual([{ file: 'carrier-grades.txt', text }])
      const different = { ...cited, sources: [{ file: 'carrier-grades.txt', text: `${text} Changed.` }] }
      expect((await putDocument(pool, different, 'editor')).outcome).toBe('invalid')
      expect((await deleteDocument(pool, 'carrier', 'editor')).outcome).toBe('committed')
    })

    it('rolls back a write that fails after its upsert', async () => {
      const before = await readEverything(pool)
      await expect(
        putDocument(pool, variant('harvard', 'never committed'), 'editor', {
          beforeCommit: async () => {
            throw new Error('failure after the upsert')
          },
        }),
      ).rejects.toThrow('failure after the upsert')
      expect(await readEverything(pool)).toEqual(before)
    })

    it('creates and deletes with the SQLite store’s outcomes; refuses deleting what the scale is calibrated on', async () => {
      const created = await putDocument(pool, documentAs('yale'), 'editor')
      expect(created).toMatchObject({ outcome: 'committed', change: { kind: 'create', institution: 'yale' } })
      const deleted = await deleteDocument(pool, 'yale', 'editor')
      expect(deleted).toMatchObject({ outcome: 'committed', change: { kind: 'delete' }, institution: null })
      expect(await deleteDocument(pool, 'yale', 'editor')).toEqual({ outcome: 'not-found' })
      expect(await deleteDocument(pool, 'harvard', 'editor')).toMatchObject({
        outcome: 'conflict',
        reason: expect.stringMatching(/^harvard cannot be deleted: the scale is calibrated on its grade/),
      })
      if (created.outcome === 'committed' && deleted.outcome === 'committed') {
        // Back to the same data, back to the same version: a content hash.
        expect(deleted.version).toBe(created.change.versionBefore)
      }
    })

    it('makes two writers on two pools take turns: every change starts from the version the previous one left', async () => {
      const other = createPool(cluster.url('levelmap_store'))
      pools.push(other)
      const before = await readVersion(pool)
      const rounds = 8
      const outcomes = await Promise.all(
        [pool, other].flatMap((writer, w) =>
          Array.from({ length: rounds }, (_, round) =>
            putDocument(
              writer,
              variant(w === 0 ? 'harvard' : 'north-carolina', `turn ${round} of ${w}`),
              `writer-${w}`,
            ),
          ),
        ),
      )
      expect(outcomes.every((outcome) => outcome.outcome === 'committed')).toBe(true)
      const after = await readVersion(pool)
      expect(after.counter).toBe(before.counter + 2 * rounds)
      const log = (await readChanges(pool, {}, { limit: 100, offset: 0 })).items
      const these = log.slice(-2 * rounds)
      expect(these[0]?.versionBefore).toBe(before.version)
      for (let i = 1; i < these.length; i++) expect(these[i]?.versionBefore).toBe(these[i - 1]?.versionAfter)
      expect(these.at(-1)?.versionAfter).toBe(after.version)
      const everything = await readEverything(pool)
      expect(after.version).toBe(
        dataVersion(
          scale,
          everything.institutions.map((stored) => stored.document),
        ),
      )
    })

    it('commits nothing of a writer killed with SIGKILL in the middle of its transaction, and the next writer goes on', async () => {
      const { pool: killPool, url } = await freshDatabase(cluster, 'levelmap_kill')
      pools.push(killPool)
      // The killed writer's upsert sleeps, so the kill lands after its lock and its upsert, before COMMIT.
      await killPool.query(`
      CREATE FUNCTION slow_upsert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.slug = 'missouri' THEN PERFORM pg_sleep(3); END IF; RETURN NEW; END $$;
      CREATE TRIGGER slow_upsert AFTER INSERT OR UPDATE ON institutions FOR EACH ROW EXECUTE FUNCTION slow_upsert();
    `)
      const before = await readEverything(killPool)
      const child: ChildProcess = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/postgres/child.ts', 'slow-writer', url, 'missouri'],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      let stdout = ''
      child.stdout?.on('data', (chunk) => {
        stdout += chunk
      })
      const activity = () =>
        killPool.query<{ wait_event: string | null }>(
          "SELECT wait_event FROM pg_stat_activity WHERE datname = 'levelmap_kill' AND application_name = 'levelmap' AND query LIKE 'insert into \"institutions\"%'",
        )
      for (let waited = 0; ; waited += 50) {
        if ((await activity()).rows.some((row) => row.wait_event === 'PgSleep')) break
        if (waited > 30_000) throw new Error(`the slow writer never reached its upsert: ${stdout}`)
        await sleep(50)
      }
      // A second writer queues behind the lock the killed one holds.
      const waiting = putDocument(killPool, variant('harvard', 'after the kill'), 'next-writer')
      child.kill('SIGKILL')
      expect(await exited).toBeNull()
      expect(stdout).not.toContain('committed')
      const outcome = await waiting
      if (outcome.outcome !== 'committed') throw new Error(JSON.stringify(outcome))
      expect(outcome.change.versionBefore).toBe(before.state.version)
      expect(outcome.counter).toBe(before.state.counter + 1)
      const after = await readEverything(killPool)
      expect(after.institutions.find((stored) => stored.document.slug === 'missouri')).toEqual(
        before.institutions.find((stored) => stored.document.slug === 'missouri'),
      )
      const log = await readChanges(killPool, {}, { limit: 100, offset: 0 })
      expect(log.items.map((change) => change.keyName)).toEqual(['next-writer'])
    }, 60_000)

    it('lists the change log from an id, a time or a version', async () => {
      const all = await readChanges(pool, {}, { limit: 1000, offset: 0 })
      expect(all.total).toBeGreaterThan(3)
      const third = all.items[2]
      if (!third) throw new Error('no third change')
      expect((await readChanges(pool, { fromId: third.id }, { limit: 1, offset: 0 })).items).toEqual([third])
      expect((await readChanges(pool, { at: third.at }, { limit: 1000, offset: 0 })).items[0]?.id).toBeLessThanOrEqual(
        third.id,
      )
      expect(await changesSinceVersion(pool, third.versionBefore)).toEqual({
        fromId: all.items.find((change) => change.versionBefore === third.versionBefore)?.id,
      })
      expect(await changesSinceVersion(pool, 'ffffffffffffffff')).toBeUndefined()
    })

    it('creates, lists, authenticates and revokes API keys like the SQLite store', async () => {
      const created = await createApiKey(pool, 'editor', 'write')
      expect(created.key).toMatch(/^lmk_/)
      await expect(createApiKey(pool, 'editor', 'read')).rejects.toThrow(KeyError)
      await expect(createApiKey(pool, 'cli', 'read')).rejects.toThrow(/reserved/)
      await expect(createApiKey(pool, 'bad name', 'read')).rejects.toThrow(/invalid key name/)
      expect(await authenticate(pool, created.key)).toEqual({ name: 'editor', scope: 'write' })
      expect(await authenticate(pool, `${created.key}x`)).toBeUndefined()
      expect(await listApiKeys(pool)).toEqual([
        { name: 'editor', scope: 'write', createdAt: expect.any(String), revokedAt: null },
      ])
      expect(await revokeApiKey(pool, 'editor')).toBe('revoked')
      expect(await revokeApiKey(pool, 'editor')).toBe('already-revoked')
      expect(await revokeApiKey(pool, 'nobody')).toBe('unknown')
      expect(await authenticate(pool, created.key)).toBeUndefined()
      await expect(createApiKey(pool, 'editor', 'write')).rejects.toThrow(/names are not reused/)
    })

    it('answers StoreUnavailableError, not a crash, when PostgreSQL cannot be reached', async () => {
      const nowhere = createPool(`postgres://postgres@127.0.0.1:${await freePort()}/levelmap`, {
        connectionTimeoutMillis: 1_000,
      })
      pools.push(nowhere)
      const error = await putDocument(nowhere, variant('harvard', 'nowhere'), 'editor').catch(
        (caught: unknown) => caught,
      )
      expect(error).toBeInstanceOf(StoreUnavailableError)
      expect(isUnavailable(error)).toBe(true)
      expect(poolErrors).toEqual([])
    })
  },
)
