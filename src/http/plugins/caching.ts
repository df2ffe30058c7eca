// Conditional GETs for everything under /v1. Every answer is a pure function of the loaded data
// (its content hash, `catalog.version`), the URL and the negotiated media type, so the ETag is
// computed from those three before the handler runs: a matching If-None-Match answers 304 without
// building or serializing a body, and an answer already given is sent again from the answer
// cache (src/cache/answers.ts) under the same key, brotli- or gzip-compressed when the client
// accepts it (compressed once, off the event loop, after the first answer). The same step
// negotiates the representation (JSON, CSV or NDJSON, as the route offers) once, for the handler
// to read from `request.representation`.
import { createHash } from 'node:crypto'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { AnswerCache, type CachedAnswer, type Coding, codings } from '../answers.js'
import { problem } from '../problems.js'
import { type Format, type MediaType, mediaTypes, negotiate, negotiateCoding } from '../representations/media.js'
import { problemResponse } from '../schemas/common.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Media types the route can answer with, preferred first. Default: JSON only. */
    representations?: readonly MediaType[]
    /** Set for every GET under /v1: answered with ETag, 304 and the answer cache. */
    conditional?: boolean
  }
  interface FastifyRequest {
    /** The negotiated media type of the answer (GET routes under /v1). */
    representation: MediaType
    /** The key under which a successful answer is to be kept; null when it is not to be kept. */
    answerKey: string | null
    /** Set when the Accept header allows none of the route's media types: the 406 detail. */
    notAcceptable: string | null
  }
  interface FastifyInstance {
    answers: AnswerCache
  }
}

export interface CachingOptions {
  /** Bytes of serialized answers kept in memory; 0 keeps none. */
  answerCacheBytes: number
}

export const cacheControl = 'public, max-age=60'

const jsonOnly: readonly MediaType[] = [mediaTypes.json]

const cacheHeaders = {
  ETag: { type: 'string', description: 'Strong validator: the data version and a digest of URL and media type.' },
  'Cache-Control': { type: 'string', description: `\`${cacheControl}\`` },
  Vary: { type: 'string', description: '`Accept, Accept-Encoding`' },
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

/** The ETag of a compressed form: the identity ETag with the coding appended inside the quotes. */
function codedTag(etag: string, coding: Coding): string {
  return `${etag.slice(0, -1)}-${coding}"`
}

const compressAbove = 1024

/** Compresses a stored answer off the event loop, and adds each form to it as it is ready. */
function compress(answers: AnswerCache, key: string, answer: CachedAnswer): void {
  if (answer.payload.length < compressAbove) return
  const attach = (coding: Coding) => (error: Error | null, body: Buffer) => {
    if (!error && body.length < answer.payload.length) answers.attach(key, answer, coding, body)
  }
  brotliCompress(
    answer.payload,
    {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: answer.payload.length,
      },
    },
    attach('br'),
  )
  gzip(answer.payload, { level: 6 }, attach('gzip'))
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ is ignored; `*` matches anything. */
function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)
}

export default fp<CachingOptions>(
  async function caching(app: FastifyInstance, options: CachingOptions) {
    const answers = new AnswerCache(options.answerCacheBytes)
    app.decorate('answers', answers)
    app.decorateRequest('representation', mediaTypes.json)
    app.decorateRequest('answerKey', null)
    app.decorateRequest('notAcceptable', null)

    app.addHook('onRoute', (route) => {
      if (!cached(route.url, route.method) || route.schema?.hide) return
      route.config = { ...route.config, conditional: true }
      const responses = (route.schema?.response ?? {}) as Record<string, object>
      const ok = responses[200] ? { 200: { ...responses[200], headers: cacheHeaders } } : {}
      route.schema = { ...route.schema, response: { ...conditionalResponses, ...responses, ...ok } }
    })

    // onRequest, so that a 304 or a stored answer costs no validation and no handler. Only an
    // answer that was a 200 is ever stored, so a stored URL is a valid one.
    app.addHook('onRequest', (request, reply, done) => {
      if (request.routeOptions.config.conditional !== true) return done()
      const offers = request.routeOptions.config.representations ?? jsonOnly
      const format = (request.query as { format?: unknown }).format
      const media =
        typeof format === 'string' && Object.hasOwn(mediaTypes, format)
          ? mediaTypes[format as Format]
          : negotiate(request.headers.accept, offers)
      reply.header('vary', 'Accept, Accept-Encoding')
      if (media === null) {
        // 404 before 406: the handler runs (as JSON) so that a resource that does not exist is
        // answered as missing whatever the Accept header says; a resource that exists is answered
        // 406 in onSend below. Nothing is cached for such a request.
        request.notAcceptable = `This resource is available as ${offers.join(', ')}; the Accept header allows none of them.`
        request.representation = offers[0] ?? mediaTypes.json
        return done()
      }
      request.representation = media
      const { version } = app.levelmap.current.catalog
      answers.useVersion(version)
      const key = `${media} ${request.url}`
      const answer = answers.maxBytes > 0 ? answers.get(key) : undefined
      const coding = answer
        ? negotiateCoding(
            request.headers['accept-encoding'],
            codings.filter((candidate) => answer.encoded[candidate]),
          )
        : null
      const etag = answer
        ? coding
          ? codedTag(answer.etag, coding)
          : answer.etag
        : entityTag(version, request.url, media)
      reply.header('etag', etag).header('cache-control', cacheControl)
      const ifNoneMatch = request.headers['if-none-match']
      if (ifNoneMatch !== undefined && matches(ifNoneMatch, etag)) {
        reply.code(304).send()
        return
      }
      if (!answer) {
        if (answers.maxBytes > 0) request.answerKey = key
        return done()
      }
      reply.header('content-type', answer.contentType)
      if (answer.link) reply.header('link', answer.link)
      if (coding) reply.header('content-encoding', coding)
      reply.send(coding ? answer.encoded[coding] : answer.payload)
    })

    app.addHook('onSend', async (request, reply, payload) => {
      // Routes registered before this plugin (the docs) lack the decorator: test for a value.
      if (request.notAcceptable) {
        if (reply.statusCode >= 300) return payload
        const detail = request.notAcceptable
        const body = problem('not-acceptable', detail, {
          errors: [{ location: 'headers', name: 'accept', message: detail }],
        })
        reply.code(406).type('application/problem+json; charset=utf-8').removeHeader('link')
        return JSON.stringify(body)
      }
      // Only a successful answer is a cacheable representation of the resource.
      if (reply.statusCode >= 300 && reply.statusCode !== 304 && reply.hasHeader('etag')) {
        reply.removeHeader('etag')
        reply.removeHeader('cache-control')
        return payload
      }
      const key = request.answerKey
      if (key === null || reply.statusCode !== 200 || request.method !== 'GET') return payload
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
      const body = typeof payload === 'string' ? Buffer.from(payload) : payload
      const link = reply.getHeader('link')
      const answer: CachedAnswer = {
        etag: String(reply.getHeader('etag')),
        payload: body,
        contentType: String(reply.getHeader('content-type')),
        link: typeof link === 'string' ? link : undefined,
        encoded: {},
      }
      if (answers.set(key, answer)) compress(answers, key, answer)
      return body
    })
  },
  { name: 'caching', dependencies: ['catalog', 'errors'] },
)
