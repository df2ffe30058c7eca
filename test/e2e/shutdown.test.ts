// Graceful shutdown: SIGTERM in the middle of a load. Readiness must turn 503 first, every request
// the server accepted must be answered in full, and the database must close cleanly.
//
// "Accepted" is read from the server's own log: every request it logged as incoming must also be
// logged as completed, and the client must have received each of those answers whole. A
// connection still waiting in the kernel's listen backlog when the socket closes is reset by the
// kernel (ECONNRESET before any byte) or refused (ECONNREFUSED): such a request was never
// accepted, and a client retries it against another instance.
import { existsSync, mkdtempSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { startServer } from '../helpers/server.js'

type Outcome = { status: number; complete: boolean } | { error: string }

/** One request on a fresh connection: either refused (never accepted) or answered. */
function getOnce(base: string, path: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(`${base}${path}`, { agent: false }, (res) => {
      const length = Number(res.headers['content-length'] ?? -1)
      let received = 0
      res.on('data', (chunk: Buffer) => {
        received += chunk.length
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, complete: length < 0 || received === length }))
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }))
    })
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }))
    req.end()
  })
}

describe('SIGTERM under load', () => {
  it('turns /readyz to 503, answers every accepted request and closes the database', async () => {
    const database = join(mkdtempSync(join(tmpdir(), 'levelmap-shutdown-')), 'levelmap.sqlite')
    const { child, base, stdout } = await startServer({
      LEVELMAP_DB: database,
      SHUTDOWN_GRACE_MS: '400',
      RATE_LIMIT_READ: '0',
      LOG_LEVEL: 'info',
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    const outcomes: Outcome[] = []
    let stop = false
    const worker = async () => {
      while (!stop) {
        const outcome = await getOnce(base, '/v1/crosswalk?from=harvard&grade=57')
        outcomes.push(outcome)
        if ('error' in outcome) return
      }
    }
    const workers = Array.from({ length: 12 }, worker)
    // Mid-load: wait until the load is flowing (bounded), then signal.
    const deadline = Date.now() + 10_000
    while (outcomes.length < 40 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    const beforeSignal = outcomes.length
    child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 100))
    const readiness = await getOnce(base, '/readyz')
    const code = await exited
    stop = true
    await Promise.all(workers)

    expect(beforeSignal).toBeGreaterThan(10)
    expect(readiness).toEqual({ status: 503, complete: true })
    expect(code).toBe(0)

    const log = stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map(
        (line) =>
          JSON.parse(line) as { msg: string; reqId?: string; req?: { url: string }; res?: { statusCode: number } },
      )
    const incoming = log.filter((line) => line.msg === 'incoming request' && line.req?.url.startsWith('/v1/'))
    const completed = new Map(log.filter((line) => line.msg === 'request completed').map((line) => [line.reqId, line]))
    expect(incoming.length).toBeGreaterThan(beforeSignal)
    for (const line of incoming) expect(completed.get(line.reqId)?.res?.statusCode, line.reqId).toBe(200)

    const answered = outcomes.filter((outcome) => 'status' in outcome)
    expect(answered.every((outcome) => outcome.status === 200 && outcome.complete)).toBe(true)
    expect(answered.length).toBe(incoming.length)
    const refused = outcomes.filter((outcome) => 'error' in outcome)
    expect(refused.every((outcome) => outcome.error === 'ECONNREFUSED' || outcome.error === 'ECONNRESET')).toBe(true)

    const wal = `${database}-wal`
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true)
    const check = new Database(database, { readonly: true })
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok')
    check.close()
  })
})
