import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import type { Catalog, Job } from '../catalog/model.js'
import { gradeKey, jobCodeKey } from '../catalog/model.js'
import { HttpProblem } from '../problems.js'
import { problemResponses } from '../schemas/common.js'
import { LevelListQuerySchema, LevelListSchema, LevelParamsSchema, LevelSchema } from '../schemas/level.js'
import { levelView } from '../views.js'

type LevelQuery = Static<typeof LevelListQuerySchema>

/** Applies the list filters. Unknown institutions and families are 404s, not empty lists. */
export function filterLevels(catalog: Catalog, query: LevelQuery): Job[] {
  if (query.institution !== undefined && !catalog.institutionBySlug.has(query.institution)) {
    throw HttpProblem.of('unknown-institution', `No institution "${query.institution}".`)
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
  return catalog.jobs.filter(
    (job) =>
      (query.institution === undefined || job.institution === query.institution) &&
      (query.family === undefined || job.familyId === query.family) &&
      (query.track === undefined || job.tracks.includes(query.track)) &&
      (grade === undefined || [job.grade.code, ...job.grade.aliases].some((code) => gradeKey(code) === grade)) &&
      (jobCode === undefined || (job.jobCode !== null && jobCodeKey(job.jobCode) === jobCode)) &&
      (query.seniorityMin === undefined || job.grade.seniority.value >= query.seniorityMin) &&
      (query.seniorityMax === undefined || job.grade.seniority.value <= query.seniorityMax),
  )
}

/** RFC 8288 Link header with the next and previous pages of the same query. */
export function pageLinks(url: string, offset: number, limit: number, total: number): string | undefined {
  const [path, search = ''] = url.split('?')
  const link = (to: number, rel: string) => {
    const params = new URLSearchParams(search)
    params.set('offset', String(to))
    params.set('limit', String(limit))
    return `<${path}?${params.toString()}>; rel="${rel}"`
  }
  const links: string[] = []
  if (offset + limit < total) links.push(link(offset + limit, 'next'))
  if (offset > 0) links.push(link(Math.max(0, offset - limit), 'prev'))
  return links.length > 0 ? links.join(', ') : undefined
}

const levelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/levels',
    {
      schema: {
        tags: ['levels'],
        operationId: 'listLevels',
        summary: 'Job levels, filtered and paginated',
        description:
          "Filters combine with AND. `seniorityMin`/`seniorityMax` compare with the point of the level's grade. The body carries `total`; a `Link` header gives the next and previous pages.",
        querystring: LevelListQuerySchema,
        response: { 200: LevelListSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const limit = request.query.limit ?? 20
      const offset = request.query.offset ?? 0
      const matching = filterLevels(app.levelmap.current.catalog, request.query)
      const links = pageLinks(request.url, offset, limit, matching.length)
      if (links) reply.header('link', links)
      return { items: matching.slice(offset, offset + limit).map(levelView), total: matching.length, limit, offset }
    },
  )

  app.get(
    '/levels/:id',
    {
      schema: {
        tags: ['levels'],
        operationId: 'getLevel',
        summary: 'One job level with its qualifications, duties and sources',
        params: LevelParamsSchema,
        response: { 200: LevelSchema, ...problemResponses },
      },
    },
    async (request) => {
      const job = app.levelmap.current.catalog.jobById.get(request.params.id)
      if (!job) throw HttpProblem.of('unknown-level', `No level "${request.params.id}".`)
      return levelView(job)
    },
  )
}

export default levelRoutes
