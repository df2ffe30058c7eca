// Conditional GETs and the answer cache, for everything under /v1. Every answer is a pure
// function of the loaded data (its content hash, `catalog.version`), the URL and the negotiated
// media type (`request.representation`, see negotiation.ts), so the ETag is computed from those
// three before the handler runs: a matching If-None-Match answers 304 without building or
// serializing a body, and an answer already given is sent again from the answer cache
// (src/http/answers.ts) under the same key, brotli- or gzip-compressed when the client accepts it
// (compressed once, off the event loop, after the first answer). A stored answer keeps its
// headers ready, per coding, so a hit sets them in one step and writes the stored bytes.
//
// A write can leave the data version where it was (an unchanged re-PUT, or PUT B then PUT A) and
// still add to the change log and move `changedAt`. So the answers that report those (routes with
// `config.reportsLog`: the change log, /v1/meta) are tagged with the log's head as well, and the
// cache is dropped whenever either moves; an answer of the data alone keeps its ETag, which is
// still right for the same data.
import { createHash } from 'node:crypto'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import fp from 'fastify-plugin'
import { AnswerCache, type CachedAnswer, type Coding, codings } from '../answers.js'
import type { MediaType } from '../representations/media.js'
import { negotiateCoding } from '../representations/media.js'
import { addRouteHook, isConditional } from './negotiation.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's own strong ETag for a request, in place of the data version's (undefined: use
     * that one). An institution's document is tagged with its digest, which If-Match compares.
     */
    entityTag?: (request: FastifyRequest) => string | undefined
    /** The answer reports the change log or when the data was written: its ETag carries the log's head too. */
    reportsLog?: boolean
  }
  interface FastifyRequest {
    /** The key under which a successful answer is to be kept; null when it is not to be kept. */
    answerKey: string | null
    /** The cache generation the answer was looked up in: it is kept only if that is still current. */
    answerGeneration: string | null
  }
  interface FastifyInstance {
    answers: AnswerCache
  }
}

export interface AnswerCacheOptions {
  /** Bytes of serialized answers kept in memory; 0 keeps none. */
  answerCacheBytes: number
}

export const cacheControl = 'public, max-age=60'
/** An answer for a settled past (asOf) never changes. */
export const settledCacheControl = 'public, max-age=31536000, immutable'

const cacheHeaders = {
  ETag: {
    type: 'string',
    description:
      'Strong validator: the data version and a digest of URL and media type (for the change log and /v1/meta, also the change log’s head, since a write may leave the data version as it was); for an institution’s document, the document’s own digest, which If-Match on PUT and DELETE compares.',
  },
  'Cache-Control': { type: 'string', description: `\`${cacheControl}\`` },
  Vary: { type: 'string', description: '`Accept, Accept-Encoding`' },
}

const notModified = {
  description: 'Not modified: the ETag in If-None-Match is still current. No body.',
  type: 'null',
  headers: cacheHeaders,
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

/** The headers a stored answer is sent with, in one coding (null: identity). */
function answerHeaders(answer: CachedAnswer, coding: Coding | null): Record<string, string> {
  const headers: Record<string, string> = {
    etag: coding ? codedTag(answer.etag, coding) : answer.etag,
    'cache-control': answer.cacheControl,
    'content-type': answer.contentType,
  }
  if (answer.link) headers.link = answer.link
  if (coding) headers['content-encoding'] = coding
  return headers
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

/** The coding to send a stored answer in: remembered per Accept-Encoding header and the forms ready. */
class CodingMemo {
  private readonly known = new Map<string, Coding | null>()
  get(header: string | undefined, answer: CachedAnswer): Coding | null {
    if (header === undefined) return null
    const ready = (answer.encoded.br ? 1 : 0) | (answer.encoded.gzip ? 2 : 0)
    if (ready === 0) return null
    const key = `${ready}${header}`
    let coding = this.known.get(key)
    if (coding === undefined) {
      coding = negotiateCoding(
        header,
        codings.filter((candidate) => answer.encoded[candidate]),
      )
      if (this.known.size >= 256) this.known.clear()
      this.known.set(key, coding)
    }
    return coding
  }
}

type Done = (error: Error | null, payload?: unknown) => void

export default fp<AnswerCacheOptions>(
  async function answerCache(app: FastifyInstance, options: AnswerCacheOptions) {
    const answers = new AnswerCache(options.answerCacheBytes)
    const codingMemo = new CodingMemo()
    /** Headers of each stored answer per coding, made on its first hit in that coding. */
    const prepared = new WeakMap<CachedAnswer, Partial<Record<Coding | 'identity', Record<string, string>>>>()
    app.decorate('answers', answers)
    app.decorateRequest('answerKey', null)
    app.decorateRequest('answerGeneration', null)

    // onRequest, after negotiation, so that a 304 or a stored answer costs no validation and no
    // handler. Only an answer that was a 200 is ever stored, so a stored URL is a valid one.
    const lookupFor =
      (tagOf: ((request: FastifyRequest) => string | undefined) | undefined, reportsLog: boolean) =>
      (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
        if (request.notAcceptable !== null) return done()
        const media = request.representation
        const { version: present, logHead } = app.levelmap.current.catalog
        const generation = `${present}.${logHead}`
        answers.useGeneration(generation)
        const key = `${media} ${request.url}`
        const answer = answers.maxBytes > 0 ? answers.get(key) : undefined
        const ifNoneMatch = request.headers['if-none-match']
        if (!answer) {
          // With asOf, the answer is the past catalog's: its version is in the ETag.
          const version = request.asOfVersion ?? present
          const etag =
            tagOf?.(request) ??
            entityTag(reportsLog && request.asOf === null ? generation : version, request.url, media)
          const lifetime = request.asOfSettled ? settledCacheControl : cacheControl
          reply.header('etag', etag).header('cache-control', lifetime)
          if (ifNoneMatch !== undefined && matches(ifNoneMatch, etag)) {
            app.metrics.answerLookup('not_modified')
            reply.code(304).send()
            return
          }
          app.metrics.answerLookup('miss')
          if (answers.maxBytes > 0) {
            request.answerKey = key
            request.answerGeneration = generation
          }
          return done()
        }
        app.metrics.answerLookup('hit')
        const coding = codingMemo.get(request.headers['accept-encoding'], answer)
        let forms = prepared.get(answer)
        if (!forms) {
          forms = {}
          prepared.set(answer, forms)
        }
        const form = coding ?? 'identity'
        let headers = forms[form]
        if (!headers) {
          headers = answerHeaders(answer, coding)
          forms[form] = headers
        }
        if (ifNoneMatch !== undefined && matches(ifNoneMatch, headers.etag as string)) {
          reply.header('etag', headers.etag).header('cache-control', answer.cacheControl).code(304).send()
          return
        }
        reply.headers(headers).send(coding ? answer.encoded[coding] : answer.payload)
      }

    const store = (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: Done) => {
      // Only a successful answer is a cacheable representation of the resource.
      if (reply.statusCode >= 300 && reply.statusCode !== 304 && reply.hasHeader('etag')) {
        reply.removeHeader('etag')
        reply.removeHeader('cache-control')
        return done(null, payload)
      }
      const key = request.answerKey
      if (key === null || reply.statusCode !== 200 || request.method !== 'GET') return done(null, payload)
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload)
      const body = typeof payload === 'string' ? Buffer.from(payload) : payload
      const link = reply.getHeader('link')
      const answer: CachedAnswer = {
        etag: String(reply.getHeader('etag')),
        payload: body,
        contentType: String(reply.getHeader('content-type')),
        cacheControl: String(reply.getHeader('cache-control') ?? cacheControl),
        link: typeof link === 'string' ? link : undefined,
        encoded: {},
      }
      // An answer that awaited the store may finish after a write moved the generation on: it is
      // sent, but not kept for the new one.
      if (answers.set(key, answer, request.answerGeneration)) compress(answers, key, answer)
      done(null, body)
    }

    app.addHook('onRoute', (route) => {
      if (!isConditional(route)) return
      const responses = (route.schema?.response ?? {}) as Record<string, object>
      const own = (responses[200] as { headers?: object } | undefined)?.headers
      const ok = responses[200] ? { 200: { ...responses[200], headers: { ...own, ...cacheHeaders } } } : {}
      route.schema = { ...route.schema, response: { 304: notModified, ...responses, ...ok } }
      addRouteHook(route, 'onRequest', lookupFor(route.config?.entityTag, route.config?.reportsLog === true))
      addRouteHook(route, 'onSend', store)
    })
  },
  { name: 'answer-cache', dependencies: ['catalog', 'errors', 'metrics', 'negotiation'] },
)
