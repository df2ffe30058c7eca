// GET /metrics of replicas (apps built in this process) on one throwaway PostgreSQL: the pool's
// gauges are read at scrape time, and a write on one replica is timed on the other from its
// notification until it is served, with the data-version gauge moving to the writer's version.
import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey } from '../../src/db/postgres/store.js'
import { buildTestApp } from '../helpers/app.js'
import { eventually } from '../helpers/wait.js'
import { Cluster, postgresUnavailable, stopAll } from './cluster.js'
import { freshDatabase, variant } from './fixtures.js'

const unavailable = postgresUnavailable()

/** The value of one unlabelled sample, or of the first with these labels. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}${labels} `))
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1))
}

describe.skipIf(unavailable !== undefined)(
  `GET /metrics on PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let cluster: Cluster
    let pool: pg.Pool
    let url: string
    let key: string
    const apps: FastifyInstance[] = []

    beforeAll(async () => {
      cluster = await Cluster.start()
      ;({ pool, url } = await freshDatabase(cluster, 'levelmap_metrics'))
      key = (await createApiKey(pool, 'editor', 'write')).key
    }, 60_000)

    afterAll(async () => {
      try {
        await Promise.all(apps.map((app) => app.close().catch(() => {})))
        await pool?.end().catch(() => {})
      } finally {
        await stopAll()
      }
    }, 60_000)

    const replica = async () => {
      const app = await buildTestApp({ database: url, metrics: true })
      apps.push(app)
      return app
    }
    const scrape = async (app: FastifyInstance) => (await app.inject({ method: 'GET', url: '/metrics' })).body

    it("gives the pool's open, idle and waiting counts, and times a change made on another replica", async () => {
      const [writer, reader] = [await replica(), await replica()]
      const before = await scrape(reader)
      const open = sample(before, 'levelmap_store_pool_connections')
      const idle = sample(before, 'levelmap_store_pool_idle_connections')
      // The load used the pool; its connections stay open, idle, until the idle timeout.
      expect(open).toBeGreaterThanOrEqual(1)
      expect(idle).toBeGreaterThanOrEqual(0)
      expect(idle).toBeLessThanOrEqual(open as number)
      expect(sample(before, 'levelmap_store_pool_waiting_requests')).toBe(0)
      expect(sample(before, 'levelmap_change_follow_seconds_count')).toBe(0)

      const written = await writer.inject({
        method: 'PUT',
        url: '/v1/institutions/columbia',
        headers: { authorization: `Bearer ${key}` },
        payload: variant('columbia', 'written for the metrics test'),
      })
      expect(written.statusCode).toBe(200)
      const version = writer.levelmap.current.catalog.version
      let after = ''
      await eventually(
        async () => {
          after = await scrape(reader)
          return (sample(after, 'levelmap_change_follow_seconds_count') ?? 0) >= 1
        },
        'the reader follows the write',
        { budgetMs: 10_000, everyMs: 20 },
      )
      expect(reader.levelmap.current.catalog.version).toBe(version)
      expect(sample(after, 'levelmap_data_version_info', `{version="${version}"}`)).toBe(1)
      // The writer applied its own write: nothing to follow.
      expect(sample(await scrape(writer), 'levelmap_change_follow_seconds_count')).toBe(0)
    })
  },
)
