// Which methods a URL answers. A request whose path exists under another method gets 405
// `method-not-allowed` with `Allow`, not 404; a bare OPTIONS (not a CORS preflight) gets 204 with
// `Allow`. The route table is collected as routes are added, so it is always the server's own.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

interface RoutePattern {
  pattern: RegExp
  methods: Set<string>
}

function toPattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*'
      if (segment.startsWith(':')) return '[^/]+'
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  return new RegExp(`^${source}/?$`)
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The methods the server answers at a path (HEAD and OPTIONS included), sorted; empty when none. */
    allowedMethods(path: string): string[]
  }
}

export default fp(
  async function methods(app: FastifyInstance) {
    const routes = new Map<string, RoutePattern>()
    app.addHook('onRoute', (route) => {
      // The CORS plugin's catch-all OPTIONS route says nothing about which paths exist.
      if (route.url === '*' || route.url === '/*') return
      const entry = routes.get(route.url) ?? { pattern: toPattern(route.url), methods: new Set<string>() }
      for (const method of Array.isArray(route.method) ? route.method : [route.method]) entry.methods.add(method)
      routes.set(route.url, entry)
    })

    app.decorate('allowedMethods', (path: string) => {
      const allowed = new Set<string>()
      for (const { pattern, methods } of routes.values()) {
        if (!pattern.test(path)) continue
        for (const method of methods) allowed.add(method)
      }
      if (allowed.size === 0) return []
      if (allowed.has('GET')) allowed.add('HEAD')
      allowed.add('OPTIONS')
      return [...allowed].sort()
    })

    // A bare OPTIONS asks which methods the resource answers; a CORS preflight carries
    // Access-Control-Request-Method and is left to the CORS plugin.
    app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
      if (request.method !== 'OPTIONS' || request.headers['access-control-request-method'] !== undefined) return done()
      const allowed = app.allowedMethods(request.url.split('?')[0] ?? '')
      if (allowed.length === 0) return done()
      reply.code(204).header('allow', allowed.join(', ')).send()
    })
  },
  { name: 'methods' },
)

/** The answer for a request that matched no route: 405 when the path answers other methods. */
export function methodNotAllowed(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): boolean {
  const path = request.url.split('?')[0] ?? ''
  const allowed = app.allowedMethods(path)
  if (allowed.length === 0) return false
  if (request.method === 'OPTIONS') {
    reply.code(204).header('allow', allowed.join(', ')).send()
    return true
  }
  reply
    .header('allow', allowed.join(', '))
    .problem('method-not-allowed', `${path} answers ${allowed.join(', ')}, not ${request.method}.`)
  return true
}
