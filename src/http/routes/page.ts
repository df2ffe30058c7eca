// GET /: the ladder page (HTML) for people; the API is for programs. `?level=<id>` selects a job
// and renders its crosswalk, `&track=any` ignores tracks. Hidden from the OpenAPI document. Any
// other query parameter is ignored, as pages get links with tracking parameters added.
import type { FastifyPluginAsync } from 'fastify'
import type { TrackMode } from '../../crosswalk/crosswalk.js'
import { type PageSelection, pageSecurityPolicy, renderLadderPage } from '../page/render.js'

type PageQuery = Record<string, string | string[] | undefined>

interface PageRequest {
  status: 200 | 400 | 404
  level: string | null
  track: TrackMode
  message: string | null
}

/** Reads `level` and `track`; a repeated or malformed value is reported on the page (400). */
export function pageRequest(query: PageQuery, knownLevel: (id: string) => boolean): PageRequest {
  const { level, track } = query
  if (Array.isArray(level)) return { status: 400, level: null, track: 'same', message: 'Give one level, not several.' }
  if (track !== undefined && track !== 'same' && track !== 'any') {
    return { status: 400, level: null, track: 'same', message: 'track must be "same" or "any".' }
  }
  const mode: TrackMode = track ?? 'same'
  if (level === undefined || level === '') return { status: 200, level: null, track: mode, message: null }
  if (!knownLevel(level)) {
    return {
      status: 404,
      level: null,
      track: mode,
      message: `No job with id "${level}". Select a job in the ladder below.`,
    }
  }
  return { status: 200, level, track: mode, message: null }
}

const pageRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const { catalog, crosswalk } = app.levelmap.current
    const asked = pageRequest(request.query as PageQuery, (id) => catalog.jobById.has(id))
    const job = asked.level ? catalog.jobById.get(asked.level) : undefined
    const selection: PageSelection | null = job
      ? { job, result: crosswalk.map({ level: job.id }, { track: asked.track })[0] as PageSelection['result'] }
      : null
    return reply
      .code(asked.status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', pageSecurityPolicy)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-cache')
      .send(renderLadderPage({ catalog, track: asked.track, selection, message: asked.message }))
  })
}

export default pageRoutes
