// buildApp registers everything and never listens: the server, the tests and the OpenAPI writer
// all build the app through here.

import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import { availableParallelism } from 'node:os'
import type { Duplex } from 'node:stream'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify'
import { type AppConfig, defaultLimits, type LimitsConfig } from './config.js'
import answerCache from './http/plugins/answer-cache.js'
import apiContract from './http/plugins/api-contract.js'
import asOf from './http/plugins/as-of.js'
import auth from './http/plugins/auth.js'
import catalog from './http/plugins/catalog.js'
import cors from './http/plugins/cors.js'
import errors from './http/plugins/errors.js'
import jsonBody from './http/plugins/json-body.js'
import leveling from './http/plugins/leveling.js'
import loadShedding from './http/plugins/load-shedding.js'
import methods from './http/plugins/methods.js'
import metrics from './http/plugins/metrics.js'
import negotiation from './http/plugins/negotiation.js'
import rateLimit from './http/plugins/rate-limit.js'
import securityHeaders from './http/plugins/security-headers.js'
import store from './http/plugins/store.js'
import openapi from './http/plugins/swagger.js'
import { problem } from './http/problems.js'
import batchRoutes from './http/routes/batch.js'
import changeRoutes from './http/routes/changes.js'
import crosswalkRoutes from './http/routes/crosswalk.js'
import draftRoutes from './http/routes/drafts.js'
import familyRoutes from './http/routes/families.js'
import healthRoutes from './http/routes/health.js'
import historyRoutes from './http/routes/history.js'
import institutionRoutes from './http/routes/institutions.js'
import ladderRoutes from './http/routes/ladder.js'
import levelingRoutes from './http/routes/leveling.js'
import levelRoutes from './http/routes/levels.js'
import metaRoutes from './http/routes/meta.js'
import pageRoutes from './http/routes/page.js'
import scaleRoutes from './http/routes/scale.js'
import searchRoutes from './http/routes/search.js'
import sourceRoutes from './http/routes/sources.js'

function clientErrorStatus(code: string | undefined): 400 | 408 | 431 {
  if (code === 'HPE_HEADER_OVERFLOW') return 431
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408
  return 400
}

/** A client's X-Request-Id is kept when it is a plain token; anything else gets a fresh id. */
const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * Fastify's own serializer compiler (fast-json-stringify), made lazy: a response schema is
 * compiled the first time an answer with that status is sent, not at start. Every route declares
 * eight or nine responses, most of them problem answers that are rarely or never sent; compiling
 * them all was the largest part of a start.
 */
function lazySerializers() {
  const selector = SerializerSelector()
  type Compile = ReturnType<typeof selector>
  return (externalSchemas: unknown, serializerOptions: unknown) => {
    return (route: Parameters<Compile>[0]) => {
      let serialize: ((data: unknown) => string) | undefined
      return (data: unknown) => {
        // A compiler of its own for each schema: the shared one drops a schema's $id from the
        // shared external schemas once that schema is compiled by itself, which breaks the $refs
        // of schemas compiled after it (at start every schema was compiled before any such call).
        serialize ??= selector(externalSchemas as never, serializerOptions as never)(route) as (data: unknown) => string
        return serialize(data)
      }
    }
  }
}

export async function buildApp(config: AppConfig, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const limitConfig: LimitsConfig = { ...defaultLimits, ...config.limits }
  const app = Fastify({
    logger:
      config.logLevel && config.logLevel !== 'silent'
        ? { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] }
        : false,
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID()
    },
    // Unknown query parameters are reported (400), not silently dropped; single values are
    // accepted where a list is allowed (?to=a&to=b or ?to=a).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    schemaController: { compilersFactory: { buildSerializer: lazySerializers() } },
    bodyLimit: 1024 * 1024,
    requestTimeout: limitConfig.requestTimeoutMs,
    keepAliveTimeout: 5000,
    trustProxy: limitConfig.trustProxy,
    // Errors raised by the router before any hook runs (a malformed URL, an over-long path
    // parameter) are problem+json too.
    frameworkErrors: (error, _request, reply) => {
      const body =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? problem('uri-too-long', 'A path parameter is longer than 200 characters.')
          : problem('bad-request', 'The request URL is malformed.')
      ;(reply as FastifyReply).code(body.status).type('application/problem+json').send(body)
    },
    // Errors of the HTTP parser itself (a control character in a header, an oversized request line
    // or headers) happen before any route or hook: they are answered as problem+json on the socket.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Duplex) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return
      const status = clientErrorStatus(error.code)
      const body = JSON.stringify(
        status === 431
          ? problem('headers-too-large', 'The request line or headers are larger than the server accepts.')
          : status === 408
            ? problem('request-timeout', 'The request took too long to arrive.')
            : problem('bad-request', 'The request could not be parsed as HTTP/1.1.'),
      )
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        )
      }
      socket.destroy(error)
    },
    ...options,
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    done()
  })

  await app.register(methods)
  await app.register(errors)
  // Before every plugin that reports to it (load shedding, the catalog, the answer cache, leveling).
  await app.register(metrics, { enabled: config.metrics === true })
  await app.register(jsonBody)
  await app.register(rateLimit, { rateLimit: limitConfig.rateLimit })
  await app.register(securityHeaders)
  await app.register(cors, { corsOrigins: limitConfig.corsOrigins })
  await app.register(loadShedding, { maxEventLoopDelayMs: limitConfig.maxEventLoopDelayMs })
  await app.register(openapi)
  await app.register(store, {
    path: config.database,
    dataDir: config.dataDir,
    changeCheckMs: config.changeCheckMs,
  })
  await app.register(catalog)
  await app.register(asOf)
  await app.register(auth)
  await app.register(negotiation)
  await app.register(answerCache, { answerCacheBytes: (config.answerCacheMiB ?? 64) * 1024 * 1024 })
  await app.register(apiContract)
  await app.register(leveling, { threads: config.levelingThreads ?? Math.max(1, availableParallelism() - 1) })

  await app.register(healthRoutes)
  await app.register(pageRoutes)
  await app.register(
    async (v1) => {
      await v1.register(scaleRoutes)
      await v1.register(institutionRoutes)
      await v1.register(familyRoutes)
      await v1.register(levelRoutes)
      await v1.register(crosswalkRoutes)
      await v1.register(changeRoutes)
      await v1.register(batchRoutes)
      await v1.register(levelingRoutes)
      await v1.register(draftRoutes)
      await v1.register(historyRoutes)
      await v1.register(metaRoutes)
      await v1.register(ladderRoutes)
      await v1.register(searchRoutes)
      await v1.register(sourceRoutes)
    },
    { prefix: '/v1' },
  )
  return app
}
