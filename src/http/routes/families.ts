import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HttpProblem, requireInstitution } from '../problems.js'
import { familySummary, familyView } from '../representations/json.js'
import { problemResponses } from '../schemas/common.js'
import { FamilyListQuerySchema, FamilyListSchema, FamilyParamsSchema, FamilySchema } from '../schemas/family.js'

const familyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/families',
    {
      config: { asOf: true },
      schema: {
        tags: ['families'],
        operationId: 'listFamilies',
        summary: 'Job families, optionally of one institution',
        querystring: FamilyListQuerySchema,
        response: { 200: FamilyListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { catalog } = request.snapshot
      const slug = request.query.institution
      let institutions = catalog.institutions
      if (slug !== undefined) {
        institutions = [requireInstitution(catalog, slug, { location: 'querystring', name: 'institution' })]
      }
      const items = institutions.flatMap((institution) => institution.families.map(familySummary))
      return { items, total: items.length }
    },
  )

  app.get(
    '/families/:id',
    {
      config: { asOf: true },
      schema: {
        tags: ['families'],
        operationId: 'getFamily',
        summary: 'One job family with its levels in pay order',
        params: FamilyParamsSchema,
        response: { 200: FamilySchema, ...problemResponses },
      },
    },
    async (request) => {
      const family = request.snapshot.catalog.familyById.get(request.params.id)
      if (!family) throw HttpProblem.of('unknown-family', `No family "${request.params.id}".`)
      return familyView(family)
    },
  )
}

export default familyRoutes
