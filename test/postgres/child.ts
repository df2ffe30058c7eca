// A separate process for the PostgreSQL tests, run with `node --import tsx`.
//   slow-writer <url> <slug>: one write through the real write path (the test's trigger makes its
//     upsert sleep), so the test can kill -9 this process in the middle of the transaction.
//   survivor <url>: a pool and a listener that live through the server's death: it writes every
//     100 ms and prints one JSON line per event, until it reads "exit" on stdin; then it closes
//     everything and exits 0. An uncaught pg error would end it early with another code.
import { createInterface } from 'node:readline'
import { startListener } from '../../src/db/postgres/listener.js'
import { createPool, isUnavailable, putDocument } from '../../src/db/postgres/store.js'
import { variant } from './fixtures.js'

const [mode, url, slug] = process.argv.slice(2)
if (!url) throw new Error('usage: child.ts slow-writer|survivor <url> [slug]')
const print = (event: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(event)}\n`)
}

if (mode === 'slow-writer') {
  const pool = createPool(url)
  print({ event: 'writing' })
  const outcome = await putDocument(pool, variant(slug ?? 'harvard', 'the slow writer'), 'slow-writer')
  print({ event: 'committed', outcome: outcome.outcome })
  await pool.end()
} else if (mode === 'survivor') {
  const pool = createPool(url, { onError: (error) => print({ event: 'pool-error', message: error.message }) })
  const listener = startListener({
    url,
    pollIntervalMs: 300,
    timeoutMs: 1_000,
    backoff: { initialMs: 50, maxMs: 500 },
    onNotify: (notice) => print({ event: 'notify', counter: notice.counter }),
    onReconnect: () => print({ event: 'reconnected' }),
    onPoll: () => {},
    onStatus: (status, error) => print({ event: 'status', status, message: error?.message }),
    onError: (error) => print({ event: 'listener-error', message: error.message }),
  })
  await listener.ready
  let n = 0
  let stopping = false
  const writing = (async () => {
    while (!stopping) {
      n++
      try {
        const outcome = await putDocument(pool, variant('columbia', `survivor write ${n}`), 'survivor')
        if (outcome.outcome === 'committed') print({ event: 'write', n, counter: outcome.counter })
      } catch (error) {
        print({ event: 'write-failed', n, unavailable: isUnavailable(error), message: (error as Error).message })
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  print({ event: 'ready' })
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'exit') break
  }
  // Nothing else may keep the process alive: it must end by itself once all is closed.
  process.stdin.destroy()
  stopping = true
  await writing
  await listener.close()
  await pool.end()
  print({ event: 'closed' })
} else {
  throw new Error(`unknown mode ${mode}`)
}
