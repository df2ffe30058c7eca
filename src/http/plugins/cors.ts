// CORS for reads: browsers on the configured origins may GET; writes are never cross-origin.
import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

export interface CorsOptions {
  /** Origins allowed to GET: ['*'], a list, or [] for no CORS. */
  corsOrigins: string[]
}

export default fp<CorsOptions>(
  async function corsForReads(app: FastifyInstance, options: CorsOptions) {
    if (options.corsOrigins.length > 0) {
      await app.register(cors, {
        origin: options.corsOrigins.includes('*') ? '*' : options.corsOrigins,
        methods: ['GET', 'HEAD'],
        exposedHeaders: ['ETag', 'Link', 'X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
        maxAge: 600,
      })
    }
  },
  { name: 'cors' },
)
