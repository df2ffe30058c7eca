import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type CrosswalkSource, ordered } from '../../crosswalk/crosswalk.js'
import { crosswalkInput, slugList } from '../query.js'
import { crosswalkResultView } from '../representations/json.js'
import { contentTypes } from '../representations/media.js'
import { pageLinks } from '../representations/pagination.js'
import { crosswalkCsv, crosswalkCsvHeader, utf8Bom } from '../representations/tabular.js'
import { linkHeader, problemResponses, textBody } from '../schemas/common.js'
import { CrosswalkQuerySchema, CrosswalkResponseSchema } from '../schemas/crosswalk.js'

/** Target institutions per page unless `limit` says otherwise. */
export const defaultTargetsPerPage = 20

const crosswalkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/crosswalk',
    {
      config: { asOf: true, representations: ['application/json', 'text/csv'] },
      schema: {
        tags: ['crosswalk'],
        operationId: 'getCrosswalk',
        summary: 'Map a grade, job code, level or seniority to the other institutions',
        description: `Give \`from\` with exactly one of \`grade\`, \`jobCode\` or \`level\`; or \`seniority\` alone. One result per source job (a grade that holds two jobs answers twice), one match per target institution, best first (score, then distance, then institution name) unless \`order=catalog\`. The target institutions (\`to\`, or every other institution) are paged: \`limit\` (default ${defaultTargetsPerPage}, at most 100) and \`offset\` take a page of each result's matches in that order, \`total\` counts them all, and a \`Link\` header gives the next and previous pages. \`Accept: text/csv\` or \`format=csv\` answers one row per match (the page's matches of every source job), with the rationale.`,
        querystring: CrosswalkQuerySchema,
        response: {
          200: {
            description: 'The matches, as JSON or CSV.',
            headers: linkHeader,
            content: {
              'application/json': { schema: CrosswalkResponseSchema },
              'text/csv': { schema: textBody(`One row per match. Header row: ${crosswalkCsvHeader.join(',')}.`) },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { crosswalk } = request.snapshot
      const track = request.query.track ?? 'same'
      const sources = crosswalk.resolve(crosswalkInput(request.query))
      const targets = crosswalk.targets(sources[0] as CrosswalkSource, slugList(request.query.to))
      const limit = request.query.limit ?? defaultTargetsPerPage
      const offset = request.query.offset ?? 0
      const links = pageLinks(request.url, offset, limit, targets.length)
      if (links) reply.header('link', links)
      // Best first ranks every target for each source, then pages that ranking (the order is total,
      // so pages never overlap); catalog order pages the targets and matches only the page.
      const results = sources.map((source) => ({
        source,
        matches:
          request.query.order === 'catalog'
            ? targets.slice(offset, offset + limit).map((target) => crosswalk.match(source, target, track))
            : ordered(targets.map((target) => crosswalk.match(source, target, track))).slice(offset, offset + limit),
      }))
      if (request.representation === 'text/csv') {
        return reply.type(contentTypes['text/csv']).send(`${request.query.bom ? utf8Bom : ''}${crosswalkCsv(results)}`)
      }
      return { results: results.map(crosswalkResultView), total: targets.length, limit, offset }
    },
  )
}

export default crosswalkRoutes
