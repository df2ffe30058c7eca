// Content negotiation for every GET under /v1: the representation (JSON, CSV or NDJSON, as the
// route offers) is chosen once, before the handler, from `format=` or the Accept header, for the
// handler and the answer cache to read from `request.representation`. An Accept header that
// allows none of the route's media types is answered 406, but only for a resource that exists:
// the handler still runs (as JSON), so a missing resource answers 404 whatever Accept says.
// The hooks are attached to the routes that negotiate, so no other route pays for them.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { HttpProblem, problem } from '../problems.js'
import { type Format, type MediaType, mediaTypes, negotiate } from '../representations/media.js'
import { problemResponse } from '../schemas/common.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Media types the route can answer with, preferred first. Default: JSON only. */
    representations?: readonly MediaType[]
    /** Set for every GET under /v1: negotiated here, answered with ETag, 304 and the answer cache. */
    conditional?: boolean
    /**
     * A read of working data the catalog's version does not cover (drafts): neither negotiated here
     * nor cached; the route answers its own ETag and media type.
     */
    uncached?: boolean
  }
  interface FastifyRequest {
    /** The negotiated media type of the answer (GET routes under /v1). */
    representation: MediaType
    /** Set when the Accept header allows none of the route's media types: the 406 detail. */
    notAcceptable: string | null
  }
}

const jsonOnly: readonly MediaType[] = [mediaTypes.json]

/**
 * The media type a route that negotiates for itself (a POST, a read the answer cache does not keep)
 * answers with: `format` when given, else the Accept header's choice among `offers`; 406 when it
 * allows none. Sets `Vary: Accept`.
 */
export function answerMedia(
  request: FastifyRequest,
  reply: FastifyReply,
  offers: readonly MediaType[],
  what: string,
): MediaType {
  const { format } = request.query as { format?: Format }
  const media = format ? mediaTypes[format] : negotiate(request.headers.accept, offers)
  reply.header('vary', 'Accept')
  if (media === null) {
    const detail = `${what} is available as ${offers.join(' or ')}; the Accept header allows neither.`
    throw HttpProblem.of('not-acceptable', detail, {
      errors: [{ location: 'headers', name: 'accept', message: detail }],
    })
  }
  return media
}

/** Whether a route is a read under /v1 (GET or HEAD), which negotiates and is cached. */
export function isConditional(route: RouteOptions): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method]
  return (
    route.url.startsWith('/v1/') &&
    methods.every((name) => name === 'GET' || name === 'HEAD') &&
    route.schema?.hide !== true &&
    route.config?.uncached !== true
  )
}

/** Adds route-level hooks to a route, keeping any it has. */
export function addRouteHook<T>(route: RouteOptions, name: 'onRequest' | 'preHandler' | 'onSend', hook: T): void {
  const record = route as unknown as Record<string, unknown>
  const existing = record[name]
  record[name] = [...(Array.isArray(existing) ? existing : existing ? [existing] : []), hook]
}

/** Remembers the answer for each Accept header seen (there are few in practice); bounded. */
class NegotiationMemo {
  private readonly known = new Map<string, MediaType | null>()
  constructor(private readonly offers: readonly MediaType[]) {}
  get(accept: string | undefined): MediaType | null {
    if (accept === undefined) return this.offers[0] ?? null
    let media = this.known.get(accept)
    if (media === undefined) {
      media = negotiate(accept, this.offers)
      if (this.known.size >= 256) this.known.clear()
      this.known.set(accept, media)
    }
    return media
  }
}

export default fp(
  async function negotiation(app: FastifyInstance) {
    app.decorateRequest('representation', mediaTypes.json)
    app.decorateRequest('notAcceptable', null)

    const notAcceptable = (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: Done) => {
      if (request.notAcceptable === null || reply.statusCode >= 300) return done(null, payload)
      const detail = request.notAcceptable
      const body = problem('not-acceptable', detail, {
        errors: [{ location: 'headers', name: 'accept', message: detail }],
      })
      reply.code(406).type('application/problem+json; charset=utf-8').removeHeader('link')
      done(null, JSON.stringify(body))
    }

    app.addHook('onRoute', (route) => {
      if (!isConditional(route)) return
      route.config = { ...route.config, conditional: true }
      route.schema = {
        ...route.schema,
        response: {
          406: problemResponse('The Accept header allows none of the media types this resource is available in.'),
          ...((route.schema?.response ?? {}) as object),
        },
      }
      const offers = route.config.representations ?? jsonOnly
      const memo = new NegotiationMemo(offers)
      const refusal = `This resource is available as ${offers.join(', ')}; the Accept header allows none of them.`
      addRouteHook(
        route,
        'onRequest',
        (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
          const format = (request.query as { format?: unknown }).format
          const media =
            typeof format === 'string' && Object.hasOwn(mediaTypes, format)
              ? mediaTypes[format as Format]
              : memo.get(request.headers.accept)
          // The answer depends on both negotiated dimensions: media type here, coding in the cache.
          reply.header('vary', 'Accept, Accept-Encoding')
          if (media === null) {
            // The handler runs as JSON; a resource that exists is answered 406 in onSend.
            request.notAcceptable = refusal
            request.representation = offers[0] ?? mediaTypes.json
          } else {
            request.representation = media
          }
          done()
        },
      )
      addRouteHook(route, 'onSend', notAcceptable)
    })
  },
  { name: 'negotiation', dependencies: ['errors'] },
)

type Done = (error: Error | null, payload?: unknown) => void
