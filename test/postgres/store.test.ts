// The PostgreSQL store against a throwaway cluster: migrations, the first load, the documents'
// round trip through jsonb, and the write path's atomicity (a rejected write, an exception after
// the upsert and a writer killed mid-transaction commit nothing; two writers take turns), the
// change log and the API keys.
import { type ChildProcess, spawn } from 'node:child_process'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KeyError } from '../../src/auth/keys.js'
import { dataVersion } from '../../src/catalog/model.js'
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
  readAllDocuments,
  readChanges,
  readDocument,
  readVersion,
  revokeApiKey,
  StoreUnavailableError,
  sha256,
} from '../../src/db/postgres/store.js'
import { freePort, root } from '../helpers/server.js'
import { Cluster, postgresUnavailable, stopAll } from './cluster.js'
import {
  canonical,
  canonicalOf,
  dataDocuments,
  files,
  fileText,
  freshDatabase,
  scale,
  validateFor,
  variant,
  versionOf,
} from './fixtures.js'

const unavailable = postgresUnavailable()
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
      ;({ pool, poolErrors } = await freshDatabase(cluster, 'levelmap_store'))
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
      expect(Number(rows[0]?.n)).toBe(2)
    })

    it('loads data/ into an empty store once; documents come back byte for byte and the version is the catalog’s', async () => {
      const first = await loadIfEmpty(pool, dataDocuments(), versionOf)
      expect(first.loaded).toBe(true)
      expect(first.state).toMatchObject({ version: dataVersion(scale, files.institutions), counter: 1 })
      const again = await loadIfEmpty(pool, dataDocuments(), versionOf)
      expect(again).toMatchObject({ loaded: false, state: { counter: 1 } })

      const { state, documents } = await readAllDocuments(pool)
      expect(state.version).toBe(dataVersion(scale, files.institutions))
      expect(documents.map((document) => document.slug)).toEqual(
        files.institutions.map((document) => document.slug).sort(),
      )
      for (const stored of documents) {
        // jsonb keeps neither key order nor whitespace; canonicalJson restores both.
        expect(canonicalOf(stored)).toBe(fileText(stored.slug))
        expect(stored.canonicalSha256).toBe(sha256(fileText(stored.slug)))
      }
      const one = await readDocument(pool, 'harvard')
      expect(one.document && canonicalOf(one.document)).toBe(fileText('harvard'))
      expect((await readDocument(pool, 'nowhere')).document).toBeUndefined()
    })

    it('replaces a document: the change is logged, the version is the new content hash and the counter moves on', async () => {
      const before = await readVersion(pool)
      const document = variant('columbia', 'replaced by the store test')
      const outcome = await putDocument(pool, {
        slug: 'columbia',
        canonicalJson: canonical(document),
        validate: validateFor(document, 'columbia'),
        keyName: 'store-test',
        versionOf,
      })
      if (outcome.outcome !== 'committed') throw new Error(JSON.stringify(outcome))
      const expected = dataVersion(scale, [...files.institutions.filter((each) => each.slug !== 'columbia'), document])
      expect(outcome.change).toMatchObject({
        keyName: 'store-test',
        institution: 'columbia',
        kind: 'replace',
        versionBefore: before.version,
        versionAfter: expected,
      })
      expect(outcome.state).toMatchObject({ version: expected, counter: before.counter + 1 })
      expect(await readVersion(pool)).toEqual(outcome.state)
      const stored = await readDocument(pool, 'columbia')
      expect(stored.document && canonicalOf(stored.document)).toBe(canonical(document))
      expect(stored.state).toEqual(outcome.state)
    })

    it('writes nothing for a document that fails validation', async () => {
      const before = await readAllDocuments(pool)
      const changesBefore = await readChanges(pool, {}, { limit: 100, offset: 0 })
      const document = { ...variant('harvard', 'invalid'), grades: 'none' }
      const outcome = await putDocument(pool, {
        slug: 'harvard',
        canonicalJson: JSON.stringify(document),
        validate: validateFor(document, 'harvard'),
        keyName: 'store-test',
        versionOf,
      })
      expect(outcome.outcome).toBe('rejected')
      expect(outcome.outcome === 'rejected' && outcome.rejection.length).toBeGreaterThan(0)
      expect(await readAllDocuments(pool)).toEqual(before)
      expect(await readChanges(pool, {}, { limit: 100, offset: 0 })).toEqual(changesBefore)
    })

    it('rolls back a write that fails after its upsert', async () => {
      const before = await readAllDocuments(pool)
      const document = variant('missouri', 'never committed')
      await expect(
        putDocument(pool, {
          slug: 'missouri',
          canonicalJson: canonical(document),
          validate: () => undefined,
          keyName: 'store-test',
          versionOf: () => {
            throw new Error('the hash failed')
          },
        }),
      ).rejects.toThrow('the hash failed')
      expect(await readAllDocuments(pool)).toEqual(before)
    })

    it('creates and deletes; refuses what validation refuses and deletes of unknown institutions', async () => {
      const extra = { ...variant('new-mexico', 'a copy'), slug: 'store-test-copy' }
      const created = await putDocument(pool, {
        slug: extra.slug,
        canonicalJson: canonical(extra),
        validate: () => undefined,
        keyName: 'store-test',
        versionOf,
      })
      expect(created.outcome === 'committed' && created.change.kind).toBe('create')
      const refused = await deleteDocument(pool, {
        slug: 'harvard',
        validate: ({ current }) =>
          scale.calibration.grades.some((anchor) => anchor.institution === current.slug) ? 'calibrated' : undefined,
        keyName: 'store-test',
        versionOf,
      })
      expect(refused).toEqual({ outcome: 'rejected', rejection: 'calibrated' })
      const deleted = await deleteDocument(pool, {
        slug: extra.slug,
        validate: () => undefined,
        keyName: 'store-test',
        versionOf,
      })
      if (deleted.outcome !== 'committed') throw new Error(JSON.stringify(deleted))
      expect(deleted.change).toMatchObject({ kind: 'delete', institution: extra.slug })
      expect(deleted.documents.some((document) => document.slug === extra.slug)).toBe(false)
      expect(
        await deleteDocument(pool, { slug: extra.slug, validate: () => undefined, keyName: 'store-test', versionOf }),
      ).toEqual({ outcome: 'not-found' })
    })

    it('makes two writers on two pools take turns: every change starts from the version the previous one left', async () => {
      const other = createPool(cluster.url('levelmap_store'))
      pools.push(other)
      const before = await readVersion(pool)
      const rounds = 8
      const writes = [pool, other].flatMap((writer, w) =>
        Array.from({ length: rounds }, (_, round) => {
          const slug = w === 0 ? 'harvard' : 'north-carolina'
          const document = variant(slug, `turn ${round} of writer ${w}`)
          return putDocument(writer, {
            slug,
            canonicalJson: canonical(document),
            validate: () => undefined,
            keyName: `writer-${w}`,
            versionOf,
          })
        }),
      )
      const outcomes = await Promise.all(writes)
      expect(outcomes.every((outcome) => outcome.outcome === 'committed')).toBe(true)
      const after = await readVersion(pool)
      expect(after.counter).toBe(before.counter + 2 * rounds)
      const log = (await readChanges(pool, {}, { limit: 100, offset: 0 })).items
      const these = log.slice(-2 * rounds)
      expect(these[0]?.versionBefore).toBe(before.version)
      for (let i = 1; i < these.length; i++) expect(these[i]?.versionBefore).toBe(these[i - 1]?.versionAfter)
      expect(these.at(-1)?.versionAfter).toBe(after.version)
      const { documents } = await readAllDocuments(pool)
      expect(after.version).toBe(versionOf(documents))
    })

    it('commits nothing of a writer killed with SIGKILL in the middle of its transaction, and the next writer goes on', async () => {
      const { pool: killPool, url } = await freshDatabase(cluster, 'levelmap_kill')
      pools.push(killPool)
      await loadIfEmpty(killPool, dataDocuments(), versionOf)
      // The killed writer's upsert sleeps, so the kill lands after its lock and its upsert, before COMMIT.
      await killPool.query(`
      CREATE FUNCTION slow_upsert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.slug = 'slow' THEN PERFORM pg_sleep(3); END IF; RETURN NEW; END $$;
      CREATE TRIGGER slow_upsert AFTER INSERT OR UPDATE ON institutions FOR EACH ROW EXECUTE FUNCTION slow_upsert();
    `)
      const before = await readAllDocuments(killPool)
      const child: ChildProcess = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/postgres/child.ts', 'slow-writer', url, 'slow'],
        {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      let stdout = ''
      child.stdout?.on('data', (chunk) => {
        stdout += chunk
      })
      const activity = () =>
        killPool.query<{ wait_event: string | null; state: string }>(
          "SELECT wait_event, state FROM pg_stat_activity WHERE datname = 'levelmap_kill' AND application_name = 'levelmap' AND query LIKE 'insert into \"institutions\"%'",
        )
      for (let waited = 0; ; waited += 50) {
        if ((await activity()).rows.some((row) => row.wait_event === 'PgSleep')) break
        if (waited > 20_000) throw new Error(`the slow writer never reached its upsert: ${stdout}`)
        await sleep(50)
      }
      // A second writer queues behind the lock the killed one holds.
      const next = variant('harvard', 'after the kill')
      const waiting = putDocument(killPool, {
        slug: 'harvard',
        canonicalJson: canonical(next),
        validate: () => undefined,
        keyName: 'next-writer',
        versionOf,
      })
      child.kill('SIGKILL')
      expect(await exited).toBeNull()
      expect(stdout).not.toContain('committed')
      const outcome = await waiting
      if (outcome.outcome !== 'committed') throw new Error(JSON.stringify(outcome))
      expect(outcome.change.versionBefore).toBe(before.state.version)
      expect(outcome.state.counter).toBe(before.state.counter + 1)
      const after = await readAllDocuments(killPool)
      expect(after.documents.map((document) => document.slug)).toEqual(
        before.documents.map((document) => document.slug),
      )
      const log = await readChanges(killPool, {}, { limit: 100, offset: 0 })
      expect(log.items.map((change) => change.keyName)).toEqual(['next-writer'])
    }, 60_000)

    it('lists the change log from an id, a time or a version', async () => {
      const all = await readChanges(pool, {}, { limit: 100, offset: 0 })
      expect(all.total).toBe(all.items.length)
      expect(all.items.length).toBeGreaterThan(10)
      const third = all.items[2]
      if (!third) throw new Error('no third change')
      expect((await readChanges(pool, { fromId: third.id }, { limit: 2, offset: 1 })).items).toEqual(
        all.items.slice(3, 5),
      )
      const fromTime = await readChanges(pool, { at: third.at }, { limit: 100, offset: 0 })
      expect(fromTime.items[0]?.id).toBeLessThanOrEqual(third.id)
      expect(fromTime.items.map((change) => change.id)).toContain(third.id)
      expect(await changesSinceVersion(pool, third.versionBefore)).toEqual({ fromId: all.items[2]?.id })
      expect(await changesSinceVersion(pool, 'no-such-version')).toBeUndefined()
    })

    it('creates, lists, authenticates and revokes API keys like the SQLite store', async () => {
      const created = await createApiKey(pool, 'editor', 'write')
      expect(created.key).toMatch(/^lmk_/)
      await expect(createApiKey(pool, 'editor', 'read')).rejects.toThrow(KeyError)
      await expect(createApiKey(pool, 'cli', 'read')).rejects.toThrow(/reserved/)
      await expect(createApiKey(pool, 'bad name', 'read')).rejects.toThrow(/invalid key name/)
      expect(await authenticate(pool, created.key)).toEqual({ name: 'editor', scope: 'write' })
      expect(await authenticate(pool, `${created.key}x`)).toBeUndefined()
      const listed = await listApiKeys(pool)
      expect(listed).toEqual([{ name: 'editor', scope: 'write', createdAt: expect.any(String), revokedAt: null }])
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
      const error = await readVersion(nowhere).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(StoreUnavailableError)
      expect(isUnavailable(error)).toBe(true)
      expect(poolErrors).toEqual([])
    })
  },
)
