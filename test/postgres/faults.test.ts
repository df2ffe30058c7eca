// Replicas (apps built in this process, each with its own pool and listener) on one throwaway
// PostgreSQL, under the writes and faults that once left one of them wrong:
// - PUT B then PUT A again, and an unchanged re-PUT: both replicas' change feeds and /v1/meta show
//   every logged write at once, under new ETags;
// - a replica whose reloads fail (its role loses the right to read the documents) while writes go
//   on elsewhere serves the new document within 2 s of the fault clearing;
// - a write the replica is never notified of is picked up by the poll, though writes never pause;
// - a request that waits too long for a pool connection or the write lock is 503 `store-busy`, one
//   that finds PostgreSQL down is 503 `store-unavailable`, and a read never says "nothing was
//   written";
// - an outage is logged once when it starts and once when it ends, without connection objects or
//   the password of the connection string.
import { execFile } from 'node:child_process'
import { Writable } from 'node:stream'
import { promisify } from 'node:util'
import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { storedForm } from '../../src/db/institutions.js'
import { createApiKey, putDocument } from '../../src/db/postgres/store.js'
import { StoreBusyError } from '../../src/db/store.js'
import type { InstitutionDocument } from '../../src/documents/schema.js'
import { canonicalInstitution, combineVersion, digestOf } from '../../src/documents/version.js'
import { buildTestApp } from '../helpers/app.js'
import { root } from '../helpers/server.js'
import { Cluster, postgresUnavailable, stopAll } from './cluster.js'
import { files, freshDatabase, variant } from './fixtures.js'

const unavailable = postgresUnavailable()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `check` every 20 ms until it holds; throws after `ms`. Returns the time it took. */
async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<number> {
  const started = Date.now()
  for (;;) {
    if (await check().catch(() => false)) return Date.now() - started
    if (Date.now() - started > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await sleep(20)
  }
}

interface Change {
  id: number
  at: string
  institution: string
  kind: string
  versionBefore: string
  versionAfter: string
}

describe.skipIf(unavailable !== undefined)(
  `replicas on PostgreSQL under writes and faults${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let cluster: Cluster
    let pool: pg.Pool
    let url: string
    let key: string
    const apps: FastifyInstance[] = []
    let round = 0

    const replica = async (options: { url?: string; pollMs?: number } = {}, fastify = {}) => {
      const app = await buildTestApp({ database: options.url ?? url, changeCheckMs: options.pollMs }, fastify)
      apps.push(app)
      return app
    }

    const put = (app: FastifyInstance, document: InstitutionDocument, slug = document.slug) =>
      app.inject({
        method: 'PUT',
        url: `/v1/institutions/${slug}`,
        headers: { authorization: `Bearer ${key}` },
        payload: document,
      })

    const serves = async (app: FastifyInstance, slug: string, note: string) => {
      const response = await app.inject({ method: 'GET', url: `/v1/institutions/${slug}/document` })
      return response.statusCode === 200 && response.body.includes(JSON.stringify(note))
    }

    /** Writes to columbia through `app` every `everyMs` until stopped: writes that never pause. */
    const keepWriting = (app: FastifyInstance, everyMs = 150) => {
      let running = true
      let written = 0
      const loop = (async () => {
        while (running) {
          const response = await put(app, variant('columbia', `steady write ${++round}`))
          if (response.statusCode === 200) written++
          await sleep(everyMs)
        }
      })()
      return {
        async stop() {
          running = false
          await loop
          return written
        },
      }
    }

    beforeAll(async () => {
      cluster = await Cluster.start()
      ;({ pool, url } = await freshDatabase(cluster, 'levelmap_faults'))
      key = (await createApiKey(pool, 'editor', 'write')).key
    }, 60_000)

    afterAll(async () => {
      try {
        // An app that cannot close within 20 s must not keep the cluster running.
        await Promise.race([Promise.all(apps.map((app) => app.close().catch(() => {}))), sleep(20_000)])
        await pool?.end().catch(() => {})
      } finally {
        await stopAll()
      }
    }, 60_000)

    it('shows PUT B then PUT A, and an unchanged re-PUT, in both replicas’ feeds and meta at once', async () => {
      const [a, b] = [await replica(), await replica()]
      const feed = async (app: FastifyInstance) => {
        const changes = await app.inject({ method: 'GET', url: '/v1/changes?limit=100' })
        const meta = await app.inject({ method: 'GET', url: '/v1/meta' })
        return {
          items: changes.json().items as Change[],
          changesTag: changes.headers.etag,
          changedAt: meta.json().changedAt as string,
          dataVersion: meta.json().dataVersion as string,
          metaTag: meta.headers.etag,
        }
      }
      const before = await Promise.all([feed(a), feed(b)])
      const original = files.institutions.find((document) => document.slug === 'missouri') as InstitutionDocument
      expect((await put(a, variant('missouri', `undone at once ${++round}`))).statusCode).toBe(200)
      expect((await put(a, original)).statusCode).toBe(200)
      expect((await put(a, original)).statusCode).toBe(200)
      const last = (await pool.query<{ id: number; at: Date }>('SELECT id, at FROM changes ORDER BY id DESC LIMIT 1'))
        .rows[0]
      for (const [index, app] of [a, b].entries()) {
        const earlier = before[index] as Awaited<ReturnType<typeof feed>>
        // b learns of a's writes through notifications: wait until its meta shows the last one.
        await until(async () => (await feed(app)).changedAt === last?.at.toISOString(), 2_000, 'meta to move')
        const now = await feed(app)
        expect(now.dataVersion).toBe(earlier.dataVersion)
        expect(now.items.length).toBe(earlier.items.length + 3)
        const [edit, undo, same] = now.items.slice(-3) as [Change, Change, Change]
        expect(edit.versionBefore).toBe(earlier.dataVersion)
        expect(undo.versionAfter).toBe(earlier.dataVersion)
        expect(same.versionBefore).toBe(same.versionAfter)
        expect(same.id).toBe(last?.id)
        expect(now.changedAt).toBe(same.at)
        expect(now.changesTag).not.toBe(earlier.changesTag)
        expect(now.metaTag).not.toBe(earlier.metaTag)
        const revalidated = await app.inject({
          method: 'GET',
          url: '/v1/meta',
          headers: { 'if-none-match': String(earlier.metaTag) },
        })
        expect(revalidated.statusCode).toBe(200)
      }
    }, 60_000)

    it('serves the new document within 2 s of a failed reload’s fault clearing, while writes go on elsewhere', async () => {
      // The follower connects as a role of its own, so its reads can be refused on purpose.
      await pool.query(`
        CREATE ROLE follower LOGIN;
        GRANT CREATE ON DATABASE levelmap_faults TO follower;
        GRANT ALL ON SCHEMA public, drizzle TO follower;
        GRANT ALL ON ALL TABLES IN SCHEMA public, drizzle TO follower;
        GRANT ALL ON ALL SEQUENCES IN SCHEMA public, drizzle TO follower;
      `)
      const writer = await replica()
      const follower = await replica({ url: cluster.url('levelmap_faults').replace('postgres@', 'follower@') })
      const writes = keepWriting(writer)
      try {
        await pool.query('REVOKE SELECT ON institutions FROM follower')
        const note = `written while the follower cannot reload ${++round}`
        expect((await put(writer, variant('harvard', note))).statusCode).toBe(200)
        await sleep(1_500)
        expect(await serves(writer, 'harvard', note)).toBe(true)
        expect(await serves(follower, 'harvard', note)).toBe(false)
        await pool.query('GRANT SELECT ON institutions TO follower')
        const caughtUp = await until(() => serves(follower, 'harvard', note), 2_000, 'the follower to catch up')
        console.log(`a replica whose reloads failed for 1.5 s served the write ${caughtUp} ms after the fault cleared`)
        // Writes went on all along, more often than the poll: the follower caught up anyway.
        const version = async (app: FastifyInstance) =>
          (await app.inject({ method: 'GET', url: '/readyz' })).json().dataVersion
        await writes.stop()
        await until(async () => (await version(follower)) === (await version(writer)), 2_000, 'the same version')
      } finally {
        await writes.stop()
        await pool.query('GRANT SELECT ON institutions TO follower')
      }
    }, 60_000)

    it('picks up a write it was never notified of at the next polls, though writes never pause', async () => {
      const writer = await replica()
      const follower = await replica({ pollMs: 300 })
      const writes = keepWriting(writer, 100)
      try {
        await sleep(300)
        const note = `written without a notification ${++round}`
        await writeWithoutNotice(pool, variant('north-carolina', note))
        const took = await until(() => serves(follower, 'north-carolina', note), 3_000, 'the poll to notice')
        console.log(`a write without a notification was served ${took} ms later (polls every 300 ms)`)
      } finally {
        await writes.stop()
      }
    }, 60_000)

    it('answers 503 store-busy when every connection waits on another write’s lock, and a read does not speak of writing', async () => {
      const app = await replica()
      const holder = await pool.connect()
      let writes: Promise<{ statusCode: number }[]> | undefined
      try {
        await holder.query('BEGIN')
        await holder.query('SELECT * FROM data_version WHERE id = 1 FOR UPDATE')
        // Four writes take the replica's four connections and wait on the lock.
        writes = Promise.all([1, 2, 3, 4].map(() => put(app, variant('missouri', `queued ${++round}`))))
        await until(
          async () =>
            (
              await pool.query(
                "SELECT 1 FROM pg_stat_activity WHERE application_name = 'levelmap' AND wait_event_type = 'Lock'",
              )
            ).rowCount === 4,
          10_000,
          'four writes to wait on the lock',
        )
        const [read, write] = await Promise.all([
          app.inject({ method: 'GET', url: '/v1/changes' }),
          put(app, variant('missouri', `refused as busy ${++round}`)),
        ])
        for (const response of [read, write]) {
          expect(response.statusCode).toBe(503)
          expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
          expect(response.headers['retry-after']).toBe('1')
          expect(response.json()).toMatchObject({ code: 'store-busy', type: '/problems/store-busy' })
        }
        expect(read.json().detail).not.toMatch(/written/)
        expect(write.json().detail).toMatch(/nothing was written/)
      } finally {
        await holder.query('ROLLBACK')
        holder.release()
      }
      expect((await writes)?.map((response) => response.statusCode)).toEqual([200, 200, 200, 200])
      const problem = await app.inject({ method: 'GET', url: '/problems/store-busy' })
      expect(problem.json()).toMatchObject({ code: 'store-busy', status: 503 })
    }, 60_000)

    it('gives up a write waiting on the lock after its lock timeout as StoreBusyError, writing nothing', async () => {
      const holder = await pool.connect()
      const before = (await pool.query('SELECT counter FROM data_version')).rows[0]
      try {
        await holder.query('BEGIN')
        await holder.query('SELECT * FROM data_version WHERE id = 1 FOR UPDATE')
        const error = await putDocument(pool, variant('harvard', `never written ${++round}`), 'editor', {
          lockTimeoutMs: 200,
        }).catch((caught: unknown) => caught)
        expect(error).toBeInstanceOf(StoreBusyError)
      } finally {
        await holder.query('ROLLBACK')
        holder.release()
      }
      expect((await pool.query('SELECT counter FROM data_version')).rows[0]).toEqual(before)
    }, 30_000)

    it('refuses to start with a message that holds no password when PostgreSQL cannot be reached', async () => {
      const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        cwd: root,
        env: {
          ...process.env,
          LEVELMAP_DB: 'postgres://levelmap:s3cret-pass@127.0.0.1:1/levelmap',
          PORT: '0',
          LOG_LEVEL: 'info',
        },
        encoding: 'utf8',
        timeout: 60_000,
      }).catch((error: { code?: number; stdout: string; stderr: string }) => error)
      expect((result as { code?: number }).code).toBe(1)
      expect(result.stderr).toMatch(/cannot start/)
      expect(`${result.stdout}${result.stderr}`).not.toContain('s3cret-pass')
    }, 60_000)

    it('logs an outage once when it starts and once when it ends, with neither connection objects nor the password', async () => {
      const lines: Record<string, unknown>[] = []
      const stream = new Writable({
        write(chunk, _encoding, done) {
          for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line))
          done()
        },
      })
      const secretUrl = cluster.url('levelmap_faults').replace('postgres@', 'postgres:s3cret-pass@')
      const app = await replica({ url: secretUrl }, { logger: { level: 'info', stream } })
      const start = lines.length
      await cluster.kill()
      const refused: { read?: Record<string, unknown>; write?: Record<string, unknown> } = {}
      try {
        const until = Date.now() + 3_000
        while (Date.now() < until) {
          const [read, write, crosswalk] = await Promise.all([
            app.inject({ method: 'GET', url: '/v1/changes' }),
            put(app, variant('harvard', `refused ${++round}`)),
            app.inject({ method: 'GET', url: '/v1/crosswalk?from=harvard&grade=57' }),
          ])
          expect(crosswalk.statusCode).toBe(200)
          expect(read.statusCode).toBe(503)
          expect(write.statusCode).toBe(503)
          expect(read.headers['retry-after']).toBe('5')
          refused.read = read.json()
          refused.write = write.json()
          await sleep(50)
        }
      } finally {
        await cluster.startServer()
      }
      await until(async () => (await app.inject({ method: 'GET', url: '/readyz' })).statusCode === 200, 30_000, 'ready')
      await sleep(200)
      expect(refused.read).toMatchObject({ code: 'store-unavailable' })
      expect(String(refused.read?.detail)).not.toMatch(/written/)
      expect(refused.write).toMatchObject({ code: 'store-unavailable' })
      expect(String(refused.write?.detail)).toMatch(/nothing was written/)
      const outage = lines.slice(start).filter((line) => !('req' in line) && !('res' in line))
      const messages = outage.map((line) => line.msg)
      expect(messages.filter((message) => message === 'the PostgreSQL store is unreachable')).toHaveLength(1)
      expect(messages.filter((message) => message === 'the PostgreSQL store is reachable again')).toHaveLength(1)
      // Besides those two: at most a reload that failed and its recovery.
      expect(outage.length).toBeLessThanOrEqual(4)
      const text = JSON.stringify(lines)
      expect(text).not.toContain('s3cret-pass')
      expect(text).not.toContain('"client"')
      expect(text).not.toContain('connectionParameters')
      expect(text).not.toContain('"stack"')
    }, 90_000)
  },
)

/**
 * A write as another writer would make it but without its notification (as if it were lost): the
 * document, the change log and the version row in one transaction, no pg_notify.
 */
async function writeWithoutNotice(pool: pg.Pool, document: InstitutionDocument): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const before = (await client.query('SELECT version FROM data_version WHERE id = 1 FOR UPDATE')).rows[0]
    const canonical = canonicalInstitution(storedForm(document))
    await client.query('UPDATE institutions SET document = $1::jsonb, canonical_sha256 = $2 WHERE slug = $3', [
      canonical,
      digestOf(canonical),
      document.slug,
    ])
    const scale = (await client.query('SELECT digest FROM scale WHERE id = 1')).rows[0]
    const digests = (await client.query('SELECT slug, canonical_sha256 AS digest FROM institutions')).rows
    const version = combineVersion(scale.digest, digests)
    await client.query(
      'INSERT INTO changes (key_name, institution, kind, version_before, version_after) VALUES ($1, $2, $3, $4, $5)',
      ['unnotified', document.slug, 'replace', before.version, version],
    )
    await client.query('UPDATE data_version SET version = $1, counter = counter + 1, changed_at = now() WHERE id = 1', [
      version,
    ])
    await client.query('COMMIT')
  } finally {
    client.release()
  }
}
