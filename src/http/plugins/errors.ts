// Every error leaves the service as RFC 9457 application/problem+json: validation failures name
// the offending parameter, known failures carry a stable code, and nothing else (no stack trace,
// no internal message) is ever disclosed; unexpected errors are logged and answered as 500.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { findJob } from '../../catalog/model.js'
import { CrosswalkError } from '../../crosswalk/crosswalk.js'
import { StoreBusyError, StoreUnavailableError } from '../../db/store.js'
import { HttpProblem, type ProblemCode, type ProblemDetails, problem, problemTypes } from '../problems.js'
import { methodNotAllowed } from './methods.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Appended to the detail of a body that fails validation or is too large: the expected shape and limits. */
    bodyHint?: string
  }
  interface FastifyReply {
    /**
     * Answers with a problem: its status, `application/problem+json` and the body. Takes the code
     * and detail of a problem type (and its `errors`), or a problem already made.
     */
    problem(problem: ProblemDetails): FastifyReply
    problem(code: ProblemCode, detail: string, extra?: Pick<ProblemDetails, 'errors'>): FastifyReply
  }
}

function replyProblem(
  this: FastifyReply,
  codeOrProblem: ProblemCode | ProblemDetails,
  detail = '',
  extra: Pick<ProblemDetails, 'errors'> = {},
): FastifyReply {
  const body = typeof codeOrProblem === 'string' ? problem(codeOrProblem, detail, extra) : codeOrProblem
  return this.code(body.status).type('application/problem+json').send(body)
}

const send = (reply: FastifyReply, body: ProblemDetails) => reply.problem(body)

/** Messages for patterns whose regular expression would tell a client nothing. */
const patternMessages: Record<string, string> = {
  q: 'must hold 1 to 12 words and no control characters',
  since: 'must be a data version (16 hex digits) or an ISO 8601 date or time with a zone',
}

/** Parameters that name institutions (alone or as a comma list) and levels. */
const slugParameters = new Set(['from', 'institution', 'institutions', 'slug', 'to'])
const levelParameters = new Set(['level', 'id'])

/** The value a validation error is about, from the request part it was found in. */
function offendingValue(request: FastifyRequest, where: string, path: string): unknown {
  const part = where === 'querystring' ? request.query : where === 'params' ? request.params : undefined
  if (part === null || typeof part !== 'object') return undefined
  let value: unknown = part
  for (const key of path.replace(/^\//, '').split('/')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/** "did you mean" for a slug or level id that differs from a known one only in case. */
function suggestion(request: FastifyRequest, name: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || !request.server.hasDecorator('levelmap')) return undefined
  const { catalog } = request.server.levelmap.current
  if (slugParameters.has(name)) {
    const slugs = value.split(',').map((slug) => slug.trim().toLowerCase())
    if (slugs.every((slug) => catalog.institutionBySlug.has(slug))) return slugs.join(',')
  }
  if (levelParameters.has(name)) return findJob(catalog, value)?.id
  return undefined
}

/** The values an enum or a union of constants allows, by instance path. */
function allowedValues(validation: NonNullable<FastifyError['validation']>): Map<string, unknown[]> {
  const allowed = new Map<string, unknown[]>()
  for (const item of validation) {
    const params = item.params as { allowedValue?: unknown; allowedValues?: unknown[] }
    const values =
      item.keyword === 'const' ? [params.allowedValue] : item.keyword === 'enum' ? (params.allowedValues ?? []) : []
    if (values.length > 0) allowed.set(item.instancePath, [...(allowed.get(item.instancePath) ?? []), ...values])
  }
  return allowed
}

function validationProblem(error: FastifyError, request: FastifyRequest, hint?: string): ProblemDetails {
  const where = error.validationContext ?? 'request'
  const validation = error.validation ?? []
  const allowed = allowedValues(validation)
  const seen = new Set<string>()
  // A union of constants fails once per constant and once as a whole: one message, listing them.
  const reported = validation.filter((item) => {
    if (!allowed.has(item.instancePath)) return true
    if (seen.has(item.instancePath)) return false
    seen.add(item.instancePath)
    return true
  })
  const errors = reported.map((item) => {
    const params = item.params as { missingProperty?: string; additionalProperty?: string }
    const path = item.instancePath.replace(/^\//, '').split('/')[0] ?? ''
    const name = params.missingProperty ?? params.additionalProperty ?? path
    const choices = allowed.get(item.instancePath)
    const suggested =
      item.keyword === 'pattern'
        ? suggestion(request, name, offendingValue(request, where, item.instancePath))
        : undefined
    const message =
      params.additionalProperty !== undefined
        ? `unknown ${where === 'querystring' ? 'parameter' : 'field'} "${params.additionalProperty}"`
        : choices
          ? `must be one of: ${choices.map(String).join(', ')}`
          : suggested !== undefined
            ? `must be written in lower case: did you mean "${suggested}"?`
            : item.keyword === 'pattern' && patternMessages[name]
              ? patternMessages[name]
              : (item.message ?? 'is invalid')
    return where === 'body'
      ? {
          location: where,
          path: params.additionalProperty ? `${item.instancePath}/${name}` : item.instancePath || '/',
          message,
        }
      : { location: where, name, message }
  })
  const first = errors[0]
  // A seniority outside the scale keeps its own problem type, whichever check found it.
  const offScale = (error.validation ?? []).some(
    (item) => (item.keyword === 'minimum' || item.keyword === 'maximum') && item.instancePath.endsWith('seniority'),
  )
  if (offScale) {
    return problem('seniority-out-of-scale', `Invalid ${where}: seniority: ${first?.message ?? 'is off the scale'}.`, {
      errors,
    })
  }
  const subject = first && 'name' in first && first.name ? `${first.name}: ` : ''
  const also = where === 'body' && hint ? ` ${hint}` : ''
  return problem('invalid-parameter', `Invalid ${where}: ${subject}${first?.message ?? 'failed validation'}.${also}`, {
    errors,
  })
}

/** Seconds a client should wait before trying again when the store is unreachable or busy. */
export function storeRetryAfter(error: StoreUnavailableError | StoreBusyError): number {
  return error instanceof StoreBusyError ? 1 : 5
}

/** The problem for a store that is unreachable or busy: a read never speaks of writing. */
function storeProblem(request: FastifyRequest, error: StoreUnavailableError | StoreBusyError): ProblemDetails {
  const read = request.method === 'GET' || request.method === 'HEAD'
  const wait = storeRetryAfter(error)
  if (error instanceof StoreBusyError) {
    return problem(
      'store-busy',
      read
        ? `The store is busy: this answer, which is read from it, could not be read in time. Retry in ${wait} s.`
        : `The store is busy: the write could not get a connection or the lock in time, so nothing was written. Retry in ${wait} s.`,
    )
  }
  return problem(
    'store-unavailable',
    read
      ? `The store cannot be reached, and this answer is read from it. Other reads are answered from memory. Retry in ${wait} s.`
      : `The store cannot be reached: nothing was written. Reads are still answered from memory. Retry in ${wait} s.`,
  )
}

/** The media types a route's body may be: those its schema documents, else JSON. */
function acceptedMedia(request: FastifyRequest): string[] {
  const body = (request.routeOptions.schema as { body?: { content?: Record<string, unknown> } } | undefined)?.body
  return body?.content ? Object.keys(body.content) : ['application/json']
}

/** A 415 that says what the body was and lists what the route takes. */
function mediaTypeProblem(request: FastifyRequest): ProblemDetails {
  const accepted = acceptedMedia(request)
  const sent = request.headers['content-type']?.split(';')[0]?.trim() || 'no Content-Type'
  const listed = accepted.length > 1 ? `${accepted.slice(0, -1).join(', ')} or ${accepted.at(-1)}` : accepted[0]
  const detail = `The body is ${sent}; ${request.method} ${request.routeOptions.url} takes ${listed}.`
  return problem('unsupported-media-type', detail, {
    errors: [{ location: 'headers', name: 'content-type', message: `takes ${accepted.join(', ')}` }],
  })
}

const fastifyCodes: Record<string, ProblemCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad-request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad-request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad-request',
}

export default fp(
  async function errors(app: FastifyInstance) {
    app.decorateReply('problem', replyProblem)
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof HttpProblem) return send(reply, error.problem)
      if (error instanceof CrosswalkError) {
        return send(
          reply,
          problem(error.code, error.message, {
            errors: [{ location: 'querystring', name: error.parameter, message: error.message }],
          }),
        )
      }
      // Not logged per request: the store logs an outage once when it starts and once when it ends.
      if (error instanceof StoreUnavailableError || error instanceof StoreBusyError) {
        return send(reply.header('retry-after', String(storeRetryAfter(error))), storeProblem(request, error))
      }
      const hint = request.routeOptions.config?.bodyHint
      if (error.validation) return send(reply, validationProblem(error, request, hint))
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        const limit = request.routeOptions.bodyLimit
        const detail = `The request body is larger than the limit of ${limit.toLocaleString('en-US')} bytes.`
        return send(reply, problem('payload-too-large', hint ? `${detail} ${hint}` : detail))
      }
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(reply, mediaTypeProblem(request))
      const status = error.statusCode ?? 500
      if (status >= 400 && status < 500) {
        const code = fastifyCodes[error.code] ?? 'bad-request'
        const body = problem(code, error.message)
        return send(reply, {
          ...body,
          status,
          title: status === problemTypes[code].status ? body.title : 'Bad request',
        })
      }
      request.log.error({ err: error }, 'request failed')
      return send(reply, problem('internal-error', 'The request could not be completed.'))
    })

    app.setNotFoundHandler((request, reply) => {
      if (methodNotAllowed(app, request, reply)) return reply
      return send(reply, problem('not-found', `No resource at ${request.method} ${request.url.split('?')[0]}.`))
    })
  },
  { name: 'errors' },
)
