// Conditional GETs for everything under /v1. Every answer is a pure function of the loaded data
// (its content hash, `catalog.version`), the URL and the negotiated media type, so the ETag is
// computed from those three before the handler runs: a matching If-None-Match answers 304 without
// building or serializing a body. The same step negotiates the representation (JSON, CSV or
// NDJSON, as the route offers) once, for the handler to read from `request.representation`.
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type Format, type MediaType, mediaTypes, negotiate } from '../formats/media.js'
import { HttpProblem } from '../problems.js'
import { problemResponse } from '../schemas/common.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Media types the route can answer with, preferred first. Default: JSON only. */
    representations?: readonly MediaType[]
  }
  interface FastifyRequest {
    /** The negotiated media type of the answer (GET routes under /v1). */
    representation: MediaType
  }
}

export const cacheControl = 'public, max-age=60'

const jsonOnly: readonly MediaType[] = [mediaTypes.json]

const cacheHeaders = {
  ETag: { type: 'string', description: 'Strong validator: the data version and a digest of URL and media type.' },
  'Cache-Control': { type: 'string', description: `\`${cacheControl}\`` },
  Vary: { type: 'string', description: '`Accept`' },
}

/** The 304 and 406 answers every cached GET can give, for its OpenAPI description. */
const conditionalResponses = {
  304: {
    description: 'Not modified: the ETag in If-None-Match is still current. No body.',
    type: 'null',
    headers: cacheHeaders,
  },
  406: problemResponse('The Accept header allows none of the media types this resource is available in.'),
}

function cached(url: string | undefined, method: string | string[]): boolean {
  const methods = Array.isArray(method) ? method : [method]
  return url?.startsWith('/v1/') === true && methods.every((name) => name === 'GET' || name === 'HEAD')
}

/** A strong ETag: the data version and a digest of the URL and media type. */
export function entityTag(version: string, url: string, media: MediaType): string {
  const digest = createHash('sha1').update(url).update('\n').update(media).digest('base64url').slice(0, 16)
  return `"${version}-${digest}"`
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ is ignored; `*` matches anything. */
function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)
}

export default fp(
  async function caching(app: FastifyInstance) {
    app.decorateRequest('representation', mediaTypes.json)

    app.addHook('onRoute', (route) => {
      if (!cached(route.url, route.method) || route.schema?.hide) return
      const responses = (route.schema?.response ?? {}) as Record<string, object>
      const ok = responses[200] ? { 200: { ...responses[200], headers: cacheHeaders } } : {}
      route.schema = { ...route.schema, response: { ...conditionalResponses, ...responses, ...ok } }
    })

    app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!cached(request.routeOptions.url, request.method)) return
      const offers = request.routeOptions.config.representations ?? jsonOnly
      const format = (request.query as { format?: Format } | undefined)?.format
      const media = format !== undefined ? mediaTypes[format] : negotiate(request.headers.accept, offers)
      reply.header('vary', 'Accept')
      if (media === null) {
        const detail = `This resource is available as ${offers.join(', ')}; the Accept header allows none of them.`
        throw HttpProblem.of('not-acceptable', detail, { errors: [{ in: 'headers', name: 'accept', message: detail }] })
      }
      request.representation = media
      const etag = entityTag(app.levelmap.current.catalog.version, request.url, media)
      reply.header('etag', etag).header('cache-control', cacheControl)
      const ifNoneMatch = request.headers['if-none-match']
      if (ifNoneMatch !== undefined && matches(ifNoneMatch, etag)) {
        return reply.code(304).send()
      }
    })

    // Only a successful answer is a cacheable representation of the resource.
    app.addHook('onSend', async (_request, reply, payload) => {
      if (reply.statusCode >= 300 && reply.statusCode !== 304 && reply.hasHeader('etag')) {
        reply.removeHeader('etag')
        reply.removeHeader('cache-control')
      }
      return payload
    })
  },
  { name: 'caching', dependencies: ['catalog', 'errors'] },
)
