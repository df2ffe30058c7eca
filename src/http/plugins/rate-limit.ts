// Per-client rate limits: reads (GET/HEAD) and, counted apart and tighter, everything else
// (writes, batch requests). A refusal is a 429 problem with Retry-After and the RateLimit headers.
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { HttpProblem, problem } from '../problems.js'

export interface RateLimitOptions {
  /** Requests per client per minute: reads and writes; 0 turns one off. */
  rateLimit: { read: number; write: number }
}

const isRead = (request: FastifyRequest) => request.method === 'GET' || request.method === 'HEAD'
const unlimited = new Set(['/healthz', '/readyz'])

export default fp<RateLimitOptions>(
  async function rateLimits(app: FastifyInstance, options: RateLimitOptions) {
    const { read, write } = options.rateLimit
    if (read > 0 || write > 0) {
      // One instance-wide onRequest hook (not the plugin's per-route hooks), registered before the
      // answer cache, so an answer sent from the cache is counted and carries the headers too.
      await app.register(rateLimit, {
        global: false,
        timeWindow: 60_000,
        enableDraftSpec: true,
        // Reads and writes are counted apart, so a burst of reads never spends the write budget.
        keyGenerator: (request) => `${request.ip}|${isRead(request) ? 'read' : 'write'}`,
        max: (request) => (isRead(request) ? read : write),
        allowList: (request) =>
          unlimited.has(request.url.split('?')[0] ?? '') || (isRead(request) ? read === 0 : write === 0),
        errorResponseBuilder: (request, context) =>
          new HttpProblem(
            problem(
              'rate-limited',
              `More than ${context.max} ${isRead(request) ? 'reads' : 'writes'} a minute from this client; retry in ${context.after}.`,
            ),
          ),
      })
      app.addHook('onRequest', app.rateLimit())
    }
  },
  { name: 'rate-limit', dependencies: ['errors'] },
)
