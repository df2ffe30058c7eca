import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { crosswalkInput, slugList } from '../query.js'
import { crosswalkResultView } from '../representations/json.js'
import { problemResponses } from '../schemas/common.js'
import { CrosswalkQuerySchema, CrosswalkResponseSchema } from '../schemas/crosswalk.js'

const crosswalkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/crosswalk',
    {
      schema: {
        tags: ['crosswalk'],
        operationId: 'getCrosswalk',
        summary: 'Map a grade, job code, level or seniority to the other institutions',
        description:
          'Give `from` with exactly one of `grade`, `jobCode` or `level`; or `seniority` alone. One result per source job (a grade that holds two jobs answers twice), one match per target institution.',
        querystring: CrosswalkQuerySchema,
        response: { 200: CrosswalkResponseSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { crosswalk } = app.levelmap.current
      const results = crosswalk.map(crosswalkInput(request.query), {
        to: slugList(request.query.to),
        track: request.query.track ?? 'same',
      })
      return { results: results.map(crosswalkResultView) }
    },
  )
}

export default crosswalkRoutes
