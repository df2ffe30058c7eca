// GET /: the ladder page (HTML) for people; the API is for programs. `?level=<id>` selects a job
// and renders its crosswalk, `&track=any` ignores tracks. POST / (the page's leveling form, a
// urlencoded `text`) renders the page with where the text's jobs would land. Hidden from the
// OpenAPI document. Any other query parameter is ignored, as pages get links with tracking
// parameters added.
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { TrackMode } from '../../crosswalk/crosswalk.js'
import { LevelingInputError } from '../../leveling/level.js'
import type { LevelingBox } from '../page/leveling.js'
import { type LadderPageInput, type PageSelection, pageSecurityPolicy, renderLadderPage } from '../page/render.js'
import { levelingView } from '../representations/leveling.js'
import { levelingBodyLimit } from '../schemas/leveling.js'

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

function sendPage(reply: FastifyReply, status: number, input: LadderPageInput) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', pageSecurityPolicy)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-cache')
    .send(renderLadderPage(input))
}

/** The page status for a text the leveling could not read, as the API would answer it. */
const inputStatus: Record<LevelingInputError['code'], number> = {
  empty: 400,
  'no-job': 422,
  'too-large': 413,
  'too-many-jobs': 413,
  'bad-item': 400,
  'bad-csv': 400,
  'bad-file': 400,
}

const pageRoutes: FastifyPluginAsync = async (app) => {
  const model = app.leveler.model

  // The leveling form's body, read with the platform's own URL parser (this route alone).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))))
  })

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const { catalog, crosswalk } = app.levelmap.current
    const asked = pageRequest(request.query as PageQuery, (id) => catalog.jobById.has(id))
    const job = asked.level ? catalog.jobById.get(asked.level) : undefined
    const selection: PageSelection | null = job
      ? { job, result: crosswalk.map({ level: job.id }, { track: asked.track })[0] as PageSelection['result'] }
      : null
    return sendPage(reply, asked.status, {
      catalog,
      track: asked.track,
      selection,
      message: asked.message,
      factors: model.factors,
      leveling: null,
    })
  })

  app.post('/', { schema: { hide: true }, bodyLimit: levelingBodyLimit }, async (request, reply) => {
    const snapshot = app.levelmap.current
    const form = (request.body ?? {}) as Record<string, string | undefined>
    const text = typeof form.text === 'string' ? form.text.replace(/\r\n/g, '\n') : ''
    let status = 200
    let box: LevelingBox
    try {
      box = { text, result: levelingView(await app.leveler.level({ format: 'text', text }), snapshot), message: null }
    } catch (error) {
      if (!(error instanceof LevelingInputError)) throw error
      status = inputStatus[error.code]
      const why =
        error.code === 'empty'
          ? 'Paste the text of a job description first.'
          : `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`
      box = { text, result: null, message: why }
    }
    return sendPage(reply, status, {
      catalog: snapshot.catalog,
      track: 'same',
      selection: null,
      message: null,
      factors: model.factors,
      leveling: box,
    })
  })
}

export default pageRoutes
