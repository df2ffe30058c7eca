// The throwaway cluster library itself: a primary starts and stops, a synchronous standby streams
// every acknowledged commit and applies it before the commit returns, a killed primary restarts
// with its data, and a promoted standby takes writes.
import { afterAll, describe, expect, it } from 'vitest'
import { Cluster, postgresUnavailable, stopAll } from './cluster.js'

const unavailable = postgresUnavailable()
if (unavailable) console.warn(`PostgreSQL cluster tests skipped: ${unavailable}`)

describe.skipIf(unavailable !== undefined)(
  `a throwaway PostgreSQL cluster${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    afterAll(stopAll, 60_000)

    it('starts, answers, keeps committed rows over kill -9 and stops', async () => {
      const primary = await Cluster.start({ database: 'levelmap_cluster' })
      expect(primary.pid).toBeGreaterThan(0)
      const { rows } = await primary.query<{ name: string }>('SELECT current_database() AS name')
      expect(rows[0]?.name).toBe('levelmap_cluster')
      await primary.query('CREATE TABLE t (n integer)')
      await primary.query('INSERT INTO t VALUES (1)')
      await primary.kill()
      await expect(primary.query('SELECT 1')).rejects.toThrow()
      await primary.startServer()
      expect((await primary.query<{ n: number }>('SELECT n FROM t')).rows).toEqual([{ n: 1 }])
      await primary.destroy()
      expect(primary.pid).toBeUndefined()
    }, 120_000)

    it('streams to a synchronous standby (remote_apply) that can be promoted', async () => {
      const primary = await Cluster.start({ database: 'levelmap_replica' })
      await primary.query('CREATE TABLE t (n integer)')
      const standby = await primary.startStandby({ synchronous: true, synchronousCommit: 'remote_apply' })
      const settings = await primary.query<{ name: string; setting: string }>(
        "SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'synchronous_standby_names') ORDER BY name",
      )
      expect(settings.rows).toEqual([
        { name: 'synchronous_commit', setting: 'remote_apply' },
        { name: 'synchronous_standby_names', setting: 'standby1' },
      ])
      // remote_apply: once the INSERT returns, the standby already shows the row.
      for (let n = 1; n <= 20; n++) {
        await primary.query('INSERT INTO t VALUES ($1)', primary.database, [n])
        const seen = await standby.query<{ count: string }>('SELECT count(*) FROM t')
        expect(Number(seen.rows[0]?.count)).toBe(n)
      }
      await expect(standby.query('INSERT INTO t VALUES (0)')).rejects.toThrow(/read-only/)
      await primary.kill()
      await standby.promote()
      await standby.query('INSERT INTO t VALUES (21)')
      const { rows } = await standby.query<{ count: string }>('SELECT count(*) FROM t')
      expect(Number(rows[0]?.count)).toBe(21)
    }, 120_000)
  },
)
