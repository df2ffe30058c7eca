import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HttpProblem } from '../problems.js'
import { institutionSummary, institutionView } from '../representations/json.js'
import { problemResponses } from '../schemas/common.js'
import { InstitutionListSchema, InstitutionParamsSchema, InstitutionSchema } from '../schemas/institution.js'

const institutionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/institutions',
    {
      schema: {
        tags: ['institutions'],
        operationId: 'listInstitutions',
        summary: 'Every institution with its source document and effective date',
        response: { 200: InstitutionListSchema },
      },
    },
    async () => {
      const { institutions } = app.levelmap.current.catalog
      return { items: institutions.map(institutionSummary), total: institutions.length }
    },
  )

  app.get(
    '/institutions/:slug',
    {
      schema: {
        tags: ['institutions'],
        operationId: 'getInstitution',
        summary: 'One institution: its grades in pay order with their placements, its families and source',
        params: InstitutionParamsSchema,
        response: { 200: InstitutionSchema, ...problemResponses },
      },
    },
    async (request) => {
      const institution = app.levelmap.current.catalog.institutionBySlug.get(request.params.slug)
      if (!institution) throw HttpProblem.of('unknown-institution', `No institution "${request.params.slug}".`)
      return institutionView(institution)
    },
  )
}

export default institutionRoutes
