// The contract every route shares, applied to each route's schema as it is registered (so the
// validators and the OpenAPI document both see it). Registered after every plugin that adds to
// route schemas (negotiation adds 406, the answer cache 304 and its headers), so its onRoute hook has the last word:
// - a route without query parameters refuses any, as every route refuses unknown ones;
// - every string, array and integer is bounded: a schema that states no limit gets the default
//   below, so no input is unbounded and the document says what a client can rely on;
// - every route may answer 429 (rate limited), 500 and 503 (overloaded or shutting down) with
//   problem+json, and every response carries the RateLimit headers.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { HttpProblem } from '../problems.js'
import { problemResponse } from '../schemas/common.js'

export const defaultLimits = { maxLength: 4000, maxItems: 10_000, minimum: 0, maximum: 2_147_483_647 }

type Schema = Record<string, unknown>

const isSchema = (value: unknown): value is Schema => value !== null && typeof value === 'object'

/** Fills in missing limits, in place; idempotent, so shared schemas can be visited twice. */
export function bound(schema: unknown): void {
  if (!isSchema(schema)) return
  const is = (type: string) => schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type))
  if (is('string') && schema.maxLength === undefined && schema.enum === undefined && schema.const === undefined) {
    schema.maxLength = defaultLimits.maxLength
  }
  if (is('array') && schema.maxItems === undefined) schema.maxItems = defaultLimits.maxItems
  if (is('integer')) {
    schema.format ??= 'int32'
    schema.minimum ??= defaultLimits.minimum
    schema.maximum ??= defaultLimits.maximum
  }
  for (const key of ['properties', 'patternProperties']) {
    if (isSchema(schema[key])) for (const child of Object.values(schema[key] as Schema)) bound(child)
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    if (Array.isArray(schema[key])) for (const child of schema[key] as unknown[]) bound(child)
  }
  for (const key of ['items', 'additionalProperties', 'not']) bound(schema[key])
}

const count = (description: string, maximum: number) => ({
  type: 'integer',
  format: 'int32',
  minimum: 0,
  maximum,
  description,
})

/** Headers on every 2xx and 4xx response (draft-ietf-httpapi-ratelimit-headers). */
export const rateLimitHeaders = {
  'RateLimit-Limit': count('Requests allowed in the current window.', 1_000_000),
  'RateLimit-Remaining': count('Requests left in the current window.', 1_000_000),
  'RateLimit-Reset': count('Seconds until the window resets.', 86_400),
}

const corsHeader = {
  'Access-Control-Allow-Origin': {
    type: 'string',
    maxLength: 2000,
    description: 'Sent on GET responses when the request Origin is allowed (CORS_ORIGINS).',
  },
}

/** The Retry-After header of a 429 or 503. */
export const retryAfterHeader = { 'Retry-After': count('Seconds to wait before retrying.', 86_400) }

const sharedResponses = {
  429: {
    ...problemResponse('Too many requests from this client: wait for Retry-After seconds.'),
    headers: retryAfterHeader,
  },
  500: problemResponse('The request failed on the server; nothing about the failure is disclosed.'),
  503: {
    ...problemResponse('Overloaded or shutting down: retry after Retry-After seconds.'),
    headers: retryAfterHeader,
  },
}

function withContract(route: RouteOptions): void {
  const schema = route.schema as Schema | undefined
  if (!schema || schema.hide) return
  // A route that takes no query parameters refuses any (400), as every other route refuses unknown ones.
  schema.querystring ??= { type: 'object', properties: {}, additionalProperties: false }
  for (const part of ['params', 'querystring', 'body', 'headers']) bound(schema[part])
  // What the server answers before the handler runs: a 400 for any input that fails its schema,
  // and a 414 for a path parameter over the router's 200-character limit.
  const validated = ['params', 'querystring', 'body'].some((part) => schema[part] !== undefined)
  const early = {
    ...(validated ? { 400: problemResponse('A parameter or the body fails its schema; `errors` names each.') } : {}),
    ...(route.url.includes(':') ? { 414: problemResponse('A path parameter is longer than 200 characters.') } : {}),
  }
  const responses = { ...sharedResponses, ...early, ...((schema.response as Schema | undefined) ?? {}) } as Record<
    string,
    Schema
  >
  for (const [status, response] of Object.entries(responses)) {
    const limited = status.startsWith('2') || status.startsWith('4')
    const headers = { ...(limited ? rateLimitHeaders : {}), ...corsHeader, ...((response.headers as Schema) ?? {}) }
    for (const header of Object.values(headers)) bound(header)
    if (status === '204' || status === '304') {
      // No body: only the headers are described.
      responses[status] = { description: response.description ?? 'No content', headers }
      continue
    }
    // A response is either a bare schema or a { description, content: { type: { schema } } } wrapper.
    const { headers: _described, ...bare } = response
    const wrapped = isSchema(response.content)
      ? response
      : {
          description: (response.description as string | undefined) ?? 'OK',
          content: { 'application/json': { schema: bare } },
        }
    for (const entry of Object.values(wrapped.content as Record<string, { schema: unknown }>)) bound(entry.schema)
    responses[status] = { ...wrapped, headers }
  }
  schema.response = responses
}

/** A number as JSON writes it: what the document's `number` and `integer` mean in a query or path. */
const decimal = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Query and path parameters typed number or integer, checked in their raw form. */
    numericParameters?: { location: 'querystring' | 'params'; name: string }[]
  }
}

function numericNames(part: unknown): string[] {
  const properties = isSchema(part) && isSchema(part.properties) ? (part.properties as Record<string, Schema>) : {}
  const numeric = (schema: Schema | undefined): boolean =>
    schema !== undefined &&
    (schema.type === 'number' ||
      schema.type === 'integer' ||
      (schema.type === 'array' && numeric(schema.items as Schema | undefined)) ||
      (Array.isArray(schema.anyOf) && (schema.anyOf as Schema[]).some(numeric)))
  return Object.entries(properties)
    .filter(([, schema]) => numeric(schema))
    .map(([name]) => name)
}

/**
 * Ajv's type coercion reads "0x10", "Infinity" or " 5" as numbers; the document's `number` means
 * a number as JSON writes it. So a raw query or path value of a numeric parameter must be one
 * (and finite), checked before validation coerces it.
 */
function refuseNonDecimal(request: FastifyRequest): void {
  const wanted = request.routeOptions.config.numericParameters
  if (!wanted) return
  for (const { location, name } of wanted) {
    const values = (location === 'querystring' ? request.query : request.params) as Record<string, unknown> | undefined
    const raw = values?.[name]
    if (raw === undefined) continue
    for (const item of Array.isArray(raw) ? raw : [raw]) {
      if (typeof item !== 'string' || (decimal.test(item) && Number.isFinite(Number(item)))) continue
      throw HttpProblem.of('invalid-parameter', `Invalid ${location}: ${name}: must be a decimal number.`, {
        errors: [{ location, name, message: 'must be a decimal number' }],
      })
    }
  }
}

export default fp(
  async function apiContract(app: FastifyInstance) {
    app.addHook('onRoute', withContract)
    app.addHook('onRoute', (route) => {
      const schema = route.schema as Schema | undefined
      if (!schema || schema.hide) return
      const numeric = [
        ...numericNames(schema.querystring).map((name) => ({ location: 'querystring' as const, name })),
        ...numericNames(schema.params).map((name) => ({ location: 'params' as const, name })),
      ]
      if (numeric.length > 0) route.config = { ...route.config, numericParameters: numeric }
    })
    app.addHook('preValidation', (request, _reply, done) => {
      try {
        refuseNonDecimal(request)
      } catch (error) {
        return done(error as Error)
      }
      done()
    })
  },
  { name: 'api-contract' },
)
