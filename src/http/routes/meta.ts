import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { metaView } from '../representations/json.js'
import { MetaSchema } from '../schemas/meta.js'

const metaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/meta',
    {
      config: { reportsLog: true },
      schema: {
        tags: ['meta'],
        operationId: 'getMeta',
        summary: 'The data version, counts, and each institution’s effective date and source',
        response: { 200: MetaSchema },
      },
    },
    async () => metaView(app.levelmap.current.catalog),
  )
}

export default metaRoutes
