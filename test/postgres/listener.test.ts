// The replica's listener against a throwaway cluster: it delivers each committed write's
// notification (and the time it takes is printed), polls the version as a safety net, reconnects
// after a restart of the server and calls onReconnect, and a separate process holding a pool and a
// listener lives through kill -9 of PostgreSQL: its writes fail as "unavailable", it reconnects by
// itself, and it exits cleanly when told to.
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Listener, type ListenerStatus, startListener } from '../../src/db/postgres/listener.js'
import { type ChangeNotice, type DataState, putDocument, readVersion } from '../../src/db/postgres/store.js'
import { StoreUnavailableError } from '../../src/db/store.js'
import { root } from '../helpers/server.js'
import { Cluster, postgresUnavailable, stopAll } from './cluster.js'
import { freshDatabase, variant } from './fixtures.js'

const unavailable = postgresUnavailable()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: still waiting after its budget of ${ms} ms`)
    await sleep(20)
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

describe.skipIf(unavailable !== undefined)(
  `the change listener${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let cluster: Cluster
    let pool: pg.Pool
    let url: string
    const listeners: Listener[] = []

    beforeAll(async () => {
      cluster = await Cluster.start()
      ;({ pool, url } = await freshDatabase(cluster, 'levelmap_listener'))
    }, 60_000)

    afterAll(async () => {
      for (const listener of listeners) await listener.close()
      await pool?.end().catch(() => {})
      await stopAll()
    }, 60_000)

    let round = 0
    const write = (slug = 'harvard') => {
      return putDocument(pool, variant(slug, `listener test write ${++round}`), 'listener-test')
    }

    it('delivers every committed write, with its slug, version and counter', async () => {
      const notices: { notice: ChangeNotice; at: number }[] = []
      const listener = startListener({
        url,
        onNotify: (notice) => {
          notices.push({ notice, at: performance.now() })
        },
        onReconnect: () => {},
      })
      listeners.push(listener)
      await listener.ready
      expect(listener.status()).toBe('listening')
      const sinceStart: number[] = []
      const sinceAck: number[] = []
      for (let i = 0; i < 20; i++) {
        const started = performance.now()
        const outcome = await write(i % 2 === 0 ? 'harvard' : 'columbia')
        const acknowledged = performance.now()
        if (outcome.outcome !== 'committed') throw new Error('not committed')
        await until(() => notices.some((each) => each.notice.counter === outcome.counter), 2_000, 'the notification')
        const seen = notices.find((each) => each.notice.counter === outcome.counter)
        expect(seen?.notice).toEqual({
          slug: outcome.change.institution,
          kind: 'replace',
          version: outcome.version,
          counter: outcome.counter,
          changeId: outcome.change.id,
        })
        sinceStart.push((seen?.at ?? 0) - started)
        sinceAck.push(Math.max(0, (seen?.at ?? 0) - acknowledged))
      }
      console.log(
        `notification latency over 20 writes: from the write's start median ${median(sinceStart).toFixed(1)} ms (max ${Math.max(...sinceStart).toFixed(1)}); after the acknowledgement median ${median(sinceAck).toFixed(1)} ms (max ${Math.max(...sinceAck).toFixed(1)})`,
      )
      await listener.close()
      expect(listener.status()).toBe('closed')
    })

    it('polls the version as a safety net: a write it was not notified of shows in the next poll', async () => {
      const known = (await readVersion(pool)).counter
      const stale: DataState[] = []
      const listener = startListener({
        url,
        // Another channel: the writes' notifications never reach it, only the poll can notice them.
        channel: 'levelmap_elsewhere',
        pollIntervalMs: 200,
        onPoll: (state) => {
          if (state.counter !== known && !stale.some((seen) => seen.counter === state.counter)) stale.push(state)
        },
        onNotify: () => {
          throw new Error('no notification expected')
        },
        onReconnect: () => {},
      })
      listeners.push(listener)
      await listener.ready
      await sleep(500)
      expect(stale).toEqual([])
      const outcome = await write()
      await until(() => stale.length > 0, 2_000, 'the poll')
      expect(stale.map((state) => [state.counter, state.version])).toEqual([
        outcome.outcome === 'committed' ? [outcome.counter, outcome.version] : undefined,
      ])
      await listener.close()
    })

    it('reconnects after the server restarts and calls onReconnect; notifications flow again', async () => {
      const statuses: ListenerStatus[] = []
      let reconnects = 0
      const notices: ChangeNotice[] = []
      const errors: Error[] = []
      const listener = startListener({
        url,
        pollIntervalMs: 500,
        timeoutMs: 1_000,
        backoff: { initialMs: 50, maxMs: 500 },
        onNotify: (notice) => {
          notices.push(notice)
        },
        onReconnect: () => {
          reconnects++
        },
        onStatus: (status) => statuses.push(status),
        onError: (error) => errors.push(error),
      })
      listeners.push(listener)
      await listener.ready
      await cluster.restart()
      await until(() => reconnects === 1, 15_000, 'the reconnection')
      expect(statuses).toEqual(['listening', 'connecting', 'listening'])
      expect(listener.reconnections()).toBe(1)
      const outcome = await write()
      await until(
        () => notices.some((notice) => notice.counter === (outcome.outcome === 'committed' ? outcome.counter : -1)),
        2_000,
        'a notification after the restart',
      )
      expect(errors).toEqual([])
      await listener.close()
    }, 60_000)

    it('survives kill -9 of PostgreSQL in another process: writes fail as unavailable, then it reconnects by itself', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/postgres/child.ts', 'survivor', url], {
        cwd: root,
        stdio: ['pipe', 'pipe', 'pipe'],
      })
      const events: Record<string, unknown>[] = []
      let pending = ''
      let stderr = ''
      child.stdout?.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8')
        const lines = pending.split('\n')
        pending = lines.pop() ?? ''
        for (const line of lines) events.push(JSON.parse(line) as Record<string, unknown>)
      })
      child.stderr?.on('data', (chunk) => {
        stderr += chunk
      })
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      try {
        await until(
          () => events.filter((event) => event.event === 'write').length >= 3,
          20_000,
          `the survivor's writes ${stderr}`,
        )
        await cluster.kill()
        const killedAt = events.length
        await until(
          () => events.slice(killedAt).filter((event) => event.event === 'write-failed').length >= 3,
          10_000,
          'failed writes while PostgreSQL is down',
        )
        // Our own pool sees the same: unavailable, never a crash.
        await expect(readVersion(pool)).rejects.toBeInstanceOf(StoreUnavailableError)
        await sleep(1_000)
        // The child may reconnect before pg_ctl returns: count its events from before the start.
        const restartedAt = events.length
        await cluster.startServer()
        await until(
          () => events.slice(restartedAt).some((event) => event.event === 'reconnected'),
          15_000,
          'the reconnection',
        )
        await until(
          () => events.slice(restartedAt).some((event) => event.event === 'write'),
          15_000,
          'a write after recovery',
        )
        child.stdin?.write('exit\n')
        // It ends by itself once its pool and listener are closed: no timer or socket is left behind.
        const code = await Promise.race([exited, sleep(10_000).then(() => 'still running')])
        expect(code).toBe(0)
        expect(stderr).toBe('')
        const failed = events.filter((event) => event.event === 'write-failed')
        expect(failed.length).toBeGreaterThanOrEqual(3)
        expect(failed.every((event) => event.unavailable === true)).toBe(true)
        expect(events.at(-1)).toEqual({ event: 'closed' })
      } catch (error) {
        const recent = JSON.stringify(events.slice(-30))
        throw new Error(`${(error as Error).message}\nthe child's last events: ${recent}\nits stderr: ${stderr}`)
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL')
      }
    }, 90_000)
  },
)
