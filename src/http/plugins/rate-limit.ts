// Per-client rate limits: reads (GET/HEAD) and, counted apart and tighter, everything else
// (writes, batch requests). Each client address has a fixed one-minute window per kind, started
// by its first request; every counted answer carries the RateLimit headers
// (draft-ietf-httpapi-ratelimit-headers), and a refusal is a 429 problem with Retry-After.
// A request costs one map lookup and an increment; windows that have ended are swept once a
// window, off the request path.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { HttpProblem, problem } from '../problems.js'

export interface RateLimitOptions {
  /** Requests per client per minute: reads and writes; 0 turns one off. */
  rateLimit: { read: number; write: number }
  /** Window length in ms (default one minute). */
  windowMs?: number
}

interface Window {
  count: number
  /** When the window ends (ms since the epoch). */
  endsAt: number
}

const unlimited = new Set(['/healthz', '/readyz'])

/** A duration in words, as in "retry in 1 minute" or "retry in 42 seconds". */
export function inWords(seconds: number): string {
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ]
  for (const [size, name] of units) {
    if (seconds >= size) {
      const count = Math.round(seconds / size)
      return `${count} ${name}${seconds >= size * 1.5 ? 's' : ''}`
    }
  }
  return `${seconds * 1000} ms`
}

function pathOf(url: string): string {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}

export default fp<RateLimitOptions>(
  async function rateLimits(app: FastifyInstance, options: RateLimitOptions) {
    const { read, write } = options.rateLimit
    if (read <= 0 && write <= 0) return
    const windowMs = options.windowMs ?? 60_000
    const reads = new Map<string, Window>()
    const writes = new Map<string, Window>()

    const sweep = setInterval(() => {
      const now = Date.now()
      for (const windows of [reads, writes]) {
        for (const [key, window] of windows) if (window.endsAt <= now) windows.delete(key)
      }
    }, windowMs)
    sweep.unref()
    app.addHook('onClose', async () => clearInterval(sweep))

    // One instance-wide onRequest hook, registered before the answer cache, so an answer sent from
    // the cache is counted and carries the headers too.
    app.addHook('onRequest', (request, reply, done) => {
      const isRead = request.method === 'GET' || request.method === 'HEAD'
      const max = isRead ? read : write
      if (max <= 0 || unlimited.has(pathOf(request.url))) return done()
      const windows = isRead ? reads : writes
      const key = request.ip
      const now = Date.now()
      let window = windows.get(key)
      if (window === undefined || window.endsAt <= now) {
        window = { count: 0, endsAt: now + windowMs }
        windows.set(key, window)
      }
      window.count++
      const reset = Math.ceil((window.endsAt - now) / 1000)
      reply.header('ratelimit-limit', max)
      if (window.count <= max) {
        reply.header('ratelimit-remaining', max - window.count).header('ratelimit-reset', reset)
        return done()
      }
      reply.header('ratelimit-remaining', 0).header('ratelimit-reset', reset).header('retry-after', reset)
      done(
        new HttpProblem(
          problem(
            'rate-limited',
            `More than ${max} ${isRead ? 'reads' : 'writes'} a minute from this client; retry in ${inWords(reset)}.`,
          ),
        ),
      )
    })
  },
  { name: 'rate-limit', dependencies: ['errors'] },
)
