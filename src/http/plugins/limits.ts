// Protection for a public API: per-client rate limits (reads, and a tighter one for writes and
// batch requests), security headers and CORS for GET. Load shedding is its own plugin
// (load-shedding.ts).
// Every refusal is problem+json with Retry-After.
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { LimitsConfig } from '../../config.js'
import { HttpProblem, problem } from '../problems.js'

const isRead = (request: FastifyRequest) => request.method === 'GET' || request.method === 'HEAD'
const unlimited = new Set(['/healthz', '/readyz'])

export default fp<LimitsConfig>(
  async function limits(app: FastifyInstance, options: LimitsConfig) {
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

    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
      },
      // The API is meant to be read from other origins (CORS below decides which).
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    })

    if (options.corsOrigins.length > 0) {
      await app.register(cors, {
        origin: options.corsOrigins.includes('*') ? '*' : options.corsOrigins,
        methods: ['GET', 'HEAD'],
        exposedHeaders: ['ETag', 'Link', 'X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
        maxAge: 600,
      })
    }
  },
  { name: 'limits', dependencies: ['errors'] },
)
