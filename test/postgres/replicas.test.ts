// Replicas on one PostgreSQL, as deployed: real server processes (src/server.ts) with
// LEVELMAP_DB=postgres://… against a throwaway cluster on 127.0.0.1.
// - two replicas load the same data and give the same data version and ETags;
// - the command-line tools (keys, import, export) work on the same database;
// - a PUT on one is served by the other within 2 s (the measured times are printed);
// - kill -9 of a replica loses no acknowledged write, and it restarts at the latest version;
// - kill -9 of a replica in the middle of a write's transaction commits nothing;
// - kill -9 of PostgreSQL: reads stay 200, /readyz and writes answer 503, and after the restart the
//   replicas reconnect by themselves with every acknowledged write there;
// - with a synchronous standby (synchronous_commit = remote_apply) an acknowledged write is readable
//   on the standby at once, and a replica started on the promoted standby serves it.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey, createPool, readChanges, readEverything } from '../../src/db/postgres/store.js'
import { canonicalJson } from '../../src/documents/canonical.js'
import { InstitutionDocumentSchema } from '../../src/documents/schema.js'
import { documentAs } from '../helpers/documents.js'
import { childEnv, type RunningServer, root, startServer } from '../helpers/server.js'
import { Cluster, postgresUnavailable, stopAll } from './cluster.js'
import { variant } from './fixtures.js'

const unavailable = postgresUnavailable()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `check` every `everyMs` until it holds; throws after `ms`. Returns the time it took. */
async function until(check: () => Promise<boolean>, ms: number, what: string, everyMs = 50): Promise<number> {
  const started = performance.now()
  for (;;) {
    if (await check().catch(() => false)) return performance.now() - started
    if (performance.now() - started > ms) throw new Error(`${what}: still waiting after its budget of ${ms} ms`)
    await sleep(everyMs)
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
const figures = (values: number[]) =>
  `median ${median(values).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms over ${values.length}`

describe.skipIf(unavailable !== undefined)(
  `replicas on one PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let cluster: Cluster
    let pool: pg.Pool
    let key: string
    /** Every server started, for the cleanup; `a` and `b` are the two replicas running now. */
    const servers: RunningServer[] = []
    let a: RunningServer
    let b: RunningServer
    let round = 0

    const start = async (url = cluster.url()) => {
      const server = await startServer({ LEVELMAP_DB: url, SHUTDOWN_GRACE_MS: '0' })
      servers.push(server)
      return server
    }

    const kill = async (server: RunningServer) => {
      if (server.child.exitCode !== null || server.child.signalCode !== null) return
      const exited = new Promise((resolve) => server.child.once('exit', resolve))
      server.child.kill('SIGKILL')
      await exited
    }

    const put = async (server: RunningServer, slug: string, note: string) => {
      const response = await fetch(`${server.base}/v1/institutions/${slug}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(variant(slug, note)),
      })
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        body: (await response.json()) as Record<string, unknown>,
      }
    }

    const serves = async (server: RunningServer, slug: string, note: string) => {
      const response = await fetch(`${server.base}/v1/institutions/${slug}/document`)
      return response.status === 200 && (await response.text()).includes(JSON.stringify(note))
    }

    const readiness = async (server: RunningServer) => {
      const response = await fetch(`${server.base}/readyz`)
      return { status: response.status, body: (await response.json()) as { dataVersion?: string; code?: string } }
    }

    beforeAll(async () => {
      cluster = await Cluster.start({ database: 'levelmap_replicas' })
      pool = createPool(cluster.url(), { connectionTimeoutMillis: 2_000 })
    }, 60_000)

    afterAll(async () => {
      for (const server of servers) await kill(server)
      await pool?.end().catch(() => {})
      await stopAll()
    }, 60_000)

    it('two replicas load one empty database together and serve the same data version and ETags', async () => {
      ;[a, b] = await Promise.all([start(), start()])
      key = (await createApiKey(pool, 'editor', 'write')).key
      const [readyA, readyB] = await Promise.all([readiness(a), readiness(b)])
      expect(readyA.status).toBe(200)
      expect(readyA.body.dataVersion).toBe(readyB.body.dataVersion)
      expect(readyA.body.dataVersion).toBe((await readEverything(pool)).state.version)
      const [etagA, etagB] = await Promise.all(
        [a, b].map(async (server) => (await fetch(`${server.base}/v1/institutions/harvard`)).headers.get('etag')),
      )
      expect(etagA).toBeTruthy()
      expect(etagA).toBe(etagB)
    }, 90_000)

    it('runs the command-line tools against PostgreSQL: a key they create, a document they import, both replicas follow', async () => {
      const cli = (script: string, ...args: string[]) =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
          cwd: root,
          env: childEnv({ LEVELMAP_DB: cluster.url() }),
          encoding: 'utf8',
        })
      const created = await cli('keys', 'create', '--name', 'cli-editor', '--scope', 'write')
      const cliKey = created.stdout.trim()
      expect(cliKey).toMatch(/^lmk_/)
      expect((await cli('keys', 'list')).stdout).toMatch(/\ncli-editor\s+write\s/)
      const response = await fetch(`${a.base}/v1/institutions/yale`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${cliKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(documentAs('yale')),
      })
      expect(response.status).toBe(201)
      const folder = mkdtempSync(join(tmpdir(), 'levelmap-pg-cli-'))
      try {
        const file = join(folder, 'princeton.json')
        writeFileSync(file, JSON.stringify(documentAs('princeton')))
        expect((await cli('import', file)).stdout).toMatch(/^created princeton from /)
        const exported = await cli('export', 'princeton')
        expect(exported.stdout).toBe(canonicalJson(InstitutionDocumentSchema, documentAs('princeton')))
      } finally {
        rmSync(folder, { recursive: true, force: true })
      }
      for (const server of [a, b]) {
        await until(
          async () => (await fetch(`${server.base}/v1/institutions/princeton`)).status === 200,
          10_000,
          'the replicas to serve the import',
        )
        await until(
          async () => (await fetch(`${server.base}/v1/institutions/yale`)).status === 200,
          10_000,
          'the replicas to serve the PUT',
        )
      }
      expect((await cli('keys', 'revoke', 'cli-editor')).stderr).toBe('Revoked key "cli-editor".\n')
    }, 90_000)

    it('serves a PUT on one replica from the other within 2 s', async () => {
      const times: number[] = []
      for (let i = 0; i < 20; i++) {
        const [writer, reader] = i % 2 === 0 ? [a, b] : [b, a]
        const slug = i % 3 === 0 ? 'columbia' : 'harvard'
        const note = `propagation ${++round}`
        const written = await put(writer, slug, note)
        expect(written.status).toBe(200)
        // From the acknowledgement until the other replica serves the write, polled every 20 ms.
        times.push(await until(() => serves(reader, slug, note), 10_000, `the other replica to serve ${note}`, 20))
      }
      console.log(`propagation from one replica's acknowledgement to the other serving the write: ${figures(times)}`)
      expect(
        Math.max(...times),
        `budget: the other replica serves a write within 2 s (${figures(times)})`,
      ).toBeLessThan(2_000)
      const [readyA, readyB] = await Promise.all([readiness(a), readiness(b)])
      expect(readyA.body.dataVersion).toBe(readyB.body.dataVersion)
      expect(readyA.body.dataVersion).toBe((await readEverything(pool)).state.version)
    }, 120_000)

    it('loses nothing when a replica is killed with SIGKILL, and restarts it at the latest version', async () => {
      const acknowledged = `acknowledged by the replica about to die ${++round}`
      expect((await put(b, 'harvard', acknowledged)).status).toBe(200)
      await kill(b)
      await until(() => serves(a, 'harvard', acknowledged), 10_000, 'the surviving replica to serve the write')
      const meanwhile = `written while a replica was down ${++round}`
      expect((await put(a, 'columbia', meanwhile)).status).toBe(200)
      b = await start()
      expect(await serves(b, 'harvard', acknowledged)).toBe(true)
      expect(await serves(b, 'columbia', meanwhile)).toBe(true)
      expect((await readiness(b)).body.dataVersion).toBe((await readEverything(pool)).state.version)
    }, 90_000)

    it('commits nothing of a write whose replica is killed with SIGKILL in the middle of its transaction', async () => {
      // The upsert of missouri sleeps, so the kill lands after the lock and the upsert, before COMMIT.
      await pool.query(`
        CREATE FUNCTION slow_upsert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.slug = 'missouri' THEN PERFORM pg_sleep(5); END IF; RETURN NEW; END $$;
        CREATE TRIGGER slow_upsert AFTER INSERT OR UPDATE ON institutions FOR EACH ROW EXECUTE FUNCTION slow_upsert();
      `)
      try {
        const before = await readEverything(pool)
        const changesBefore = (await readChanges(pool, {}, { limit: 1, offset: 0 })).total
        const note = `never committed ${++round}`
        const writing = put(a, 'missouri', note).catch((error: unknown) => error)
        let backend: number | undefined
        await until(
          async () => {
            const { rows } = await pool.query<{ pid: number }>(
              "SELECT pid FROM pg_stat_activity WHERE application_name = 'levelmap' AND wait_event = 'PgSleep'",
            )
            backend = rows[0]?.pid
            return backend !== undefined
          },
          30_000,
          'the write to reach its upsert',
        )
        await kill(a)
        expect(await writing).toBeInstanceOf(Error)
        // The server's connection is gone: PostgreSQL ends its backend and rolls the transaction back.
        await until(
          async () => (await pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [backend])).rowCount === 0,
          30_000,
          'the killed write to end',
        )
        const after = await readEverything(pool)
        expect(after.state).toEqual(before.state)
        expect(after.institutions).toEqual(before.institutions)
        expect((await readChanges(pool, {}, { limit: 1, offset: 0 })).total).toBe(changesBefore)
        expect(await serves(b, 'missouri', note)).toBe(false)
        expect((await readiness(b)).body.dataVersion).toBe(before.state.version)
      } finally {
        await pool.query('DROP TRIGGER slow_upsert ON institutions; DROP FUNCTION slow_upsert()')
      }
      a = await start()
    }, 120_000)

    it('keeps reads at 200 through kill -9 of PostgreSQL, answers writes 503, and reconnects with every acknowledged write', async () => {
      const acknowledged: { slug: string; note: string }[] = []
      for (const [server, slug] of [
        [a, 'harvard'],
        [b, 'columbia'],
      ] as const) {
        const note = `acknowledged before the crash ${++round}`
        expect((await put(server, slug, note)).status).toBe(200)
        acknowledged.push({ slug, note })
      }
      for (const server of [a, b]) {
        for (const { slug, note } of acknowledged) {
          await until(() => serves(server, slug, note), 10_000, 'both replicas to serve both writes')
        }
      }
      await cluster.kill()
      const downAt = performance.now()
      for (const server of [a, b]) {
        await until(async () => (await readiness(server)).status === 503, 15_000, '/readyz to answer 503')
        const ready = await readiness(server)
        expect(ready.body.code).toBe('not-ready')
        for (const path of [
          '/v1/institutions/harvard',
          '/v1/crosswalk?from=harvard&grade=57',
          '/v1/search?q=analyst',
        ]) {
          expect((await fetch(`${server.base}${path}`)).status).toBe(200)
        }
        for (const { slug, note } of acknowledged) expect(await serves(server, slug, note)).toBe(true)
        const refused = await put(server, 'harvard', `refused while PostgreSQL is down ${++round}`)
        expect(refused.status).toBe(503)
        expect(refused.type).toMatch(/^application\/problem\+json/)
        expect(refused.body.code).toBe('store-unavailable')
      }
      await cluster.startServer()
      const recovery = await Promise.all(
        [a, b].map((server) =>
          until(async () => (await readiness(server)).status === 200, 30_000, 'the replica to reconnect'),
        ),
      )
      console.log(
        `PostgreSQL killed and restarted after ${((performance.now() - downAt) / 1000).toFixed(1)} s down; the replicas were ready again ${recovery.map((ms) => `${ms.toFixed(0)} ms`).join(' and ')} after the restart`,
      )
      const stored = await readEverything(pool)
      for (const { slug, note } of acknowledged) {
        expect(stored.institutions.find((each) => each.document.slug === slug)?.document.notes).toContain(note)
      }
      const after = `written after the recovery ${++round}`
      expect((await put(a, 'harvard', after)).status).toBe(200)
      await until(() => serves(b, 'harvard', after), 10_000, 'the other replica to serve a write after the recovery')
      const [readyA, readyB] = await Promise.all([readiness(a), readiness(b)])
      expect(readyA.body.dataVersion).toBe(readyB.body.dataVersion)
    }, 180_000)

    it('with synchronous_commit = remote_apply, an acknowledged write is on the standby and survives its promotion', async () => {
      const standby = await cluster.startStandby({ synchronous: true, synchronousCommit: 'remote_apply' })
      let last: Record<string, unknown> = {}
      for (let i = 0; i < 10; i++) {
        const note = `synchronous ${++round}`
        const written = await put(a, 'harvard', note)
        expect(written.status).toBe(200)
        last = written.body
        // Readable on the standby the moment the primary acknowledged it: no waiting.
        const { rows } = await standby.query<{ version: string }>('SELECT version FROM data_version')
        expect(rows[0]?.version).toBe(written.body.versionAfter)
      }
      await cluster.kill()
      await standby.promote()
      const promoted = await start(standby.url())
      const ready = await readiness(promoted)
      expect(ready.body.dataVersion).toBe(last.versionAfter)
      const note = `written on the promoted standby ${++round}`
      expect((await put(promoted, 'harvard', note)).status).toBe(200)
      expect(await serves(promoted, 'harvard', note)).toBe(true)
    }, 180_000)
  },
)
