import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import type { Catalog, Job } from '../../catalog/model.js'
import { findJob } from '../../catalog/model.js'
import { gradeKey, jobCodeKey } from '../../documents/codes.js'
import { HttpProblem, requireInstitution } from '../problems.js'
import { levelView } from '../representations/json.js'
import { contentTypes } from '../representations/media.js'
import { pageLinks } from '../representations/pagination.js'
import { levelCsvHeader, levelsCsv, levelsNdjson, utf8Bom } from '../representations/tabular.js'
import { linkHeader, problemResponses, textBody } from '../schemas/common.js'
import { LevelListQuerySchema, LevelListSchema, LevelParamsSchema, LevelSchema } from '../schemas/level.js'

type LevelQuery = Static<typeof LevelListQuerySchema>

/** Applies the list filters. Unknown institutions and families are 404s, not empty lists. */
export function filterLevels(catalog: Catalog, query: LevelQuery): Job[] {
  if (query.institution !== undefined) {
    requireInstitution(catalog, query.institution, { location: 'querystring', name: 'institution' })
  }
  if (query.family !== undefined && !catalog.familyById.has(query.family)) {
    throw HttpProblem.of('unknown-family', `No family "${query.family}".`)
  }
  if (query.seniorityMin !== undefined && query.seniorityMax !== undefined && query.seniorityMin > query.seniorityMax) {
    throw HttpProblem.of('conflicting-parameters', 'seniorityMin must not exceed seniorityMax.', {
      errors: [{ location: 'querystring', name: 'seniorityMin', message: 'must not exceed seniorityMax' }],
    })
  }
  const grade = query.grade === undefined ? undefined : gradeKey(query.grade)
  const jobCode = query.jobCode === undefined ? undefined : jobCodeKey(query.jobCode)
  const filters = [query.institution, query.family, query.track, grade, jobCode, query.seniorityMin, query.seniorityMax]
  if (filters.every((filter) => filter === undefined)) return catalog.jobs
  return catalog.jobs.filter(
    (job) =>
      (query.institution === undefined || job.institution === query.institution) &&
      (query.family === undefined || job.familyId === query.family) &&
      (query.track === undefined || job.tracks.includes(query.track)) &&
      (grade === undefined || [job.grade.code, ...job.grade.aliases].some((code) => gradeKey(code) === grade)) &&
      (jobCode === undefined ||
        [job.jobCode, ...(job.inferredCodes ?? []).map((inferred) => inferred.code)].some(
          (code) => code !== null && jobCodeKey(code) === jobCode,
        )) &&
      (query.seniorityMin === undefined || job.seniority.value >= query.seniorityMin) &&
      (query.seniorityMax === undefined || job.seniority.value <= query.seniorityMax),
  )
}

/** RFC 8288 Link header with the next and previous pages of the same query. */

const levelCsvColumns = levelCsvHeader.join(',')

/** Whether the query names `limit` or `offset` itself (the schema fills in their defaults). */
function pagingAsked(url: string): boolean {
  const query = new URLSearchParams(url.split('?')[1] ?? '')
  return query.has('limit') || query.has('offset')
}

const levelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/levels',
    {
      config: { asOf: true, representations: ['application/json', 'text/csv', 'application/x-ndjson'] },
      schema: {
        tags: ['levels'],
        operationId: 'listLevels',
        summary: 'Job levels, filtered and paginated; also as CSV or NDJSON',
        description:
          "Filters combine with AND. `seniorityMin`/`seniorityMax` compare with the level's point (its own placement, or its grade's); `jobCode` also finds inferred class codes. The body carries `total`; a `Link` header gives the next and previous pages. `Accept: text/csv` (or `format=csv`) answers a CSV table with a header row, `Accept: application/x-ndjson` (or `format=ndjson`) one JSON level per line; both hold every matching level unless `limit` or `offset` is given.",
        querystring: LevelListQuerySchema,
        response: {
          200: {
            description: 'A page of levels (JSON), or the matching levels as CSV or NDJSON.',
            headers: linkHeader,
            content: {
              'application/json': { schema: LevelListSchema },
              'text/csv': { schema: textBody(`Header row: ${levelCsvColumns}.`) },
              'application/x-ndjson': {
                schema: textBody('One level per line, each the object `items` holds in JSON.'),
              },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const matching = filterLevels(request.snapshot.catalog, request.query)
      const format = request.representation
      // Exports hold every match unless the caller pages them; the JSON list always pages.
      const paged = format === 'application/json' || pagingAsked(request.url)
      const limit = paged ? (request.query.limit ?? 20) : matching.length
      const offset = paged ? (request.query.offset ?? 0) : 0
      const links = paged ? pageLinks(request.url, offset, limit, matching.length) : undefined
      if (links) reply.header('link', links)
      const page = matching.slice(offset, offset + limit)
      if (format === 'text/csv') {
        return reply.type(contentTypes['text/csv']).send(`${request.query.bom ? utf8Bom : ''}${levelsCsv(page)}`)
      }
      if (format === 'application/x-ndjson')
        return reply.type(contentTypes['application/x-ndjson']).send(levelsNdjson(page))
      return { items: page.map(levelView), total: matching.length, limit, offset }
    },
  )

  app.get(
    '/levels/:id',
    {
      config: { asOf: true },
      schema: {
        tags: ['levels'],
        operationId: 'getLevel',
        summary: 'One job level with its qualifications, duties and sources',
        params: LevelParamsSchema,
        response: { 200: LevelSchema, ...problemResponses },
      },
    },
    async (request) => {
      const job = findJob(request.snapshot.catalog, request.params.id)
      if (!job) throw HttpProblem.of('unknown-level', `No level "${request.params.id}".`)
      return levelView(job)
    },
  )
}

export default levelRoutes
