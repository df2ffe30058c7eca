// Load shedding in a real server process that is descheduled: a process stopped with SIGSTOP and
// resumed has been late without being busy, which is no overload. (The in-process proofs, a
// saturated loop and one long synchronous step, are in test/http/plugins/limits.test.ts.)
import { describe, expect, it } from 'vitest'
import { startServer, stopServer } from '../helpers/server.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('load shedding', () => {
  it('does not shed when the process was descheduled (SIGSTOP for 1.5 s, then SIGCONT)', async () => {
    const server = await startServer({ LEVELMAP_DB: ':memory:', MAX_EVENT_LOOP_DELAY_MS: '100' })
    try {
      expect((await fetch(`${server.base}/v1/scale`)).status).toBe(200)
      const pid = server.child.pid as number
      process.kill(pid, 'SIGSTOP')
      await sleep(1500)
      process.kill(pid, 'SIGCONT')
      const statuses: number[] = []
      for (let i = 0; i < 15; i++) {
        statuses.push((await fetch(`${server.base}/v1/scale`)).status)
        await sleep(100)
      }
      expect(statuses).toEqual(Array(15).fill(200))
    } finally {
      await stopServer(server.child)
    }
  })
})
