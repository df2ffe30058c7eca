import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { scaleView } from '../representations/json.js'
import { ScaleSchema } from '../schemas/scale.js'

const scaleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/scale',
    {
      config: { asOf: true },
      schema: {
        tags: ['scale'],
        operationId: 'getScale',
        summary: 'The normalized seniority scale, each point with its descriptor and the grades placed on it',
        response: { 200: ScaleSchema },
      },
    },
    async (request) => scaleView(request.snapshot.catalog),
  )
}

export default scaleRoutes
