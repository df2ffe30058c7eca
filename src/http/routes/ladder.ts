import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Institution } from '../../catalog/model.js'
import { requireInstitution } from '../problems.js'
import { slugList } from '../query.js'
import { ladderView } from '../representations/json.js'
import { contentTypes } from '../representations/media.js'
import { ladderCsv, utf8Bom } from '../representations/tabular.js'
import { problemResponses, textBody } from '../schemas/common.js'
import { LadderQuerySchema, LadderSchema } from '../schemas/ladder.js'

const ladderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/ladder',
    {
      config: { asOf: true, representations: ['application/json', 'text/csv'] },
      schema: {
        tags: ['scale'],
        operationId: 'getLadder',
        summary: 'The whole cross-institution table: every scale point with each institution’s grades and jobs',
        description:
          'One row per scale point; per institution, the grades placed there (a grade with a range appears on every point of it, `placedAt` says which is its own) and their jobs. `Accept: text/csv` or `format=csv` answers the same table as CSV, one column per institution.',
        querystring: LadderQuerySchema,
        response: {
          200: {
            description: 'The ladder, as JSON or CSV.',
            content: {
              'application/json': { schema: LadderSchema },
              'text/csv': {
                schema: textBody(
                  'Header `point,code,name,<slug>…`; a cell lists grades `code: title [job code]; …`, separated by ` | `.',
                ),
              },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { catalog } = request.snapshot
      const slugs = slugList(request.query.institutions)
      let institutions: Institution[] = catalog.institutions
      if (slugs && slugs.length > 0) {
        institutions = slugs.map((slug) =>
          requireInstitution(catalog, slug, { location: 'querystring', name: 'institutions' }),
        )
      }
      const ladder = ladderView(catalog, institutions, request.query.track)
      if (request.representation === 'text/csv') {
        return reply.type(contentTypes['text/csv']).send(`${request.query.bom ? utf8Bom : ''}${ladderCsv(ladder)}`)
      }
      return ladder
    },
  )
}

export default ladderRoutes
