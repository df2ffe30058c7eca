// buildApp registers everything and never listens: the server, the tests and the OpenAPI writer
// all build the app through here.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { AppConfig } from './config.js'
import caching from './plugins/caching.js'
import catalog from './plugins/catalog.js'
import database from './plugins/database.js'
import errors from './plugins/errors.js'
import openapi from './plugins/swagger.js'
import batchRoutes from './routes/batch.js'
import crosswalkRoutes from './routes/crosswalk.js'
import familyRoutes from './routes/families.js'
import healthRoutes from './routes/health.js'
import institutionRoutes from './routes/institutions.js'
import ladderRoutes from './routes/ladder.js'
import levelRoutes from './routes/levels.js'
import metaRoutes from './routes/meta.js'
import scaleRoutes from './routes/scale.js'
import searchRoutes from './routes/search.js'

export async function buildApp(config: AppConfig, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel && config.logLevel !== 'silent' ? { level: config.logLevel } : false,
    // Unknown query parameters are reported (400), not silently dropped; single values are
    // accepted where a list is allowed (?to=a&to=b or ?to=a).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    bodyLimit: 1024 * 1024,
    ...options,
  }).withTypeProvider<TypeBoxTypeProvider>()

  await app.register(errors)
  await app.register(openapi)
  await app.register(database, { path: config.database, dataDir: config.dataDir })
  await app.register(catalog)
  await app.register(caching, { answerCacheBytes: (config.answerCacheMiB ?? 64) * 1024 * 1024 })

  await app.register(healthRoutes)
  await app.register(
    async (v1) => {
      await v1.register(scaleRoutes)
      await v1.register(institutionRoutes)
      await v1.register(familyRoutes)
      await v1.register(levelRoutes)
      await v1.register(crosswalkRoutes)
      await v1.register(batchRoutes)
      await v1.register(metaRoutes)
      await v1.register(ladderRoutes)
      await v1.register(searchRoutes)
    },
    { prefix: '/v1' },
  )
  return app
}
