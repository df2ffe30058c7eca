// CORS for reads: browsers on the configured origins may GET; writes are never cross-origin (a
// preflight allows GET and HEAD only). The headers of a simple request are computed once at
// start; with a list of origins only the request's Origin is looked up, in a set. A preflight
// (OPTIONS with Origin and Access-Control-Request-Method) is answered 204 here, before routing
// matters; an OPTIONS that carries only one of the two is refused 400, as a malformed preflight.
import type { FastifyInstance, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'

export interface CorsOptions {
  /** Origins allowed to GET: ['*'], a list, or [] for no CORS. */
  corsOrigins: string[]
}

const exposedHeaders = 'ETag, Link, X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset'
const allowedMethods = 'GET, HEAD'
const maxAgeSeconds = '600'

/** Adds a field name to Vary unless it is there already (or Vary is `*`). */
function addVary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader('vary')
  if (current === undefined || current === '') {
    reply.header('vary', field)
    return
  }
  const text = String(current)
  if (text === '*') return
  const lower = field.toLowerCase()
  if (text.split(',').some((item) => item.trim().toLowerCase() === lower)) return
  reply.header('vary', `${text}, ${field}`)
}

export default fp<CorsOptions>(
  async function corsForReads(app: FastifyInstance, options: CorsOptions) {
    if (options.corsOrigins.length === 0) return
    const anyOrigin = options.corsOrigins.includes('*')
    const origins = new Set(options.corsOrigins)
    const forAnyOrigin = { 'access-control-allow-origin': '*', 'access-control-expose-headers': exposedHeaders }
    app.decorateRequest('corsPreflightEnabled', false)

    app.addHook('onRequest', (request, reply, done) => {
      if (anyOrigin) {
        reply.headers(forAnyOrigin)
      } else {
        addVary(reply, 'Origin')
        const origin = request.headers.origin
        if (origin !== undefined && origins.has(origin)) reply.header('access-control-allow-origin', origin)
        reply.header('access-control-expose-headers', exposedHeaders)
      }
      if (request.method !== 'OPTIONS') return done()
      if (request.headers.origin === undefined || request.headers['access-control-request-method'] === undefined) {
        const missing = request.headers.origin === undefined ? 'Origin' : 'Access-Control-Request-Method'
        reply.problem(
          'bad-request',
          `A CORS preflight (OPTIONS) needs Origin and Access-Control-Request-Method; ${missing} is missing.`,
          {
            errors: [{ location: 'headers', name: missing.toLowerCase(), message: 'missing' }],
          },
        )
        return
      }
      request.corsPreflightEnabled = true
      reply.header('access-control-allow-methods', allowedMethods)
      addVary(reply, 'Access-Control-Request-Headers')
      const requested = request.headers['access-control-request-headers']
      if (requested !== undefined) reply.header('access-control-allow-headers', requested)
      reply.header('access-control-max-age', maxAgeSeconds).code(204).header('content-length', '0').send()
    })

    // Preflights to any path, also those no route answers (they are answered in the hook above).
    app.options('*', { schema: { hide: true } }, (request, reply) => {
      if (!request.corsPreflightEnabled) return reply.callNotFound()
      return reply.send()
    })
  },
  { name: 'cors', dependencies: ['errors'] },
)

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the request is a CORS preflight this plugin answered. */
    corsPreflightEnabled: boolean
  }
}
