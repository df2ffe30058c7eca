import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Job } from '../../catalog/model.js'
import { SearchQueryError, searchLevels } from '../../db/search.js'
import { HttpProblem, requireInstitution } from '../problems.js'
import { levelSummary } from '../representations/json.js'
import { pageLinks } from '../representations/pagination.js'
import { linkHeader, problemResponses } from '../schemas/common.js'
import { SearchQuerySchema, SearchResultSchema } from '../schemas/search.js'

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/search',
    {
      schema: {
        tags: ['levels'],
        operationId: 'searchLevels',
        summary: 'Find levels by title, job code, family name or duties',
        description:
          'Ranked full-text search (SQLite FTS5, trigram): each word of `q` matches as a substring, so prefixes and parts of words work. Each hit names the field that matched and a snippet with the matches marked. Paginated like /v1/levels; filter by `institution` and `track`.',
        querystring: SearchQuerySchema,
        response: { 200: { ...SearchResultSchema, headers: linkHeader }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { q, institution, track } = request.query
      const limit = request.query.limit ?? 20
      const offset = request.query.offset ?? 0
      const { catalog } = app.levelmap.current
      if (institution !== undefined)
        requireInstitution(catalog, institution, { location: 'querystring', name: 'institution' })
      let found: ReturnType<typeof searchLevels>
      try {
        found = searchLevels(app.store.searchDatabase(), { q, institution, track, limit, offset })
      } catch (error) {
        if (!(error instanceof SearchQueryError)) throw error
        throw HttpProblem.of('invalid-parameter', error.message, {
          errors: [{ location: 'querystring', name: 'q', message: error.message }],
        })
      }
      const links = pageLinks(request.url, offset, limit, found.total)
      if (links) reply.header('link', links)
      const items = found.hits.flatMap((hit) => {
        const job: Job | undefined = catalog.jobById.get(hit.levelId)
        if (!job) return []
        return [{ institution: job.institution, level: levelSummary(job), field: hit.field, snippet: hit.snippet }]
      })
      return { items, total: found.total, limit, offset }
    },
  )
}

export default searchRoutes
