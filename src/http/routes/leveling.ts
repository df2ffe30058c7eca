// POST /v1/leveling: proposes where submitted jobs sit on the scale, writing nothing. The body is a
// text of job descriptions (text/plain), JSON job items (application/json) or a CSV job catalog
// (text/csv); each job is answered with its point, band, track, factors with quotes, rationale and
// its nearest grades in the institutions loaded (crosswalked from the live snapshot). With `draft`,
// the answer also holds a draft institution document that PUT /v1/institutions/{slug} accepts as
// it stands. Bad input is a problem naming its place: a JSON pointer, or a CSV row and column.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { documentIssues } from '../../db/writes.js'
import { draftDocument } from '../../leveling/draft.js'
import { LevelingInputError, maxJobs, maxTextLength } from '../../leveling/level.js'
import type { LeveledSubmission, Submission } from '../../leveling/submission.js'
import { parseJsonBody } from '../plugins/json-body.js'
import { HttpProblem, type ProblemDetails } from '../problems.js'
import { levelingView } from '../representations/leveling.js'
import { problemResponse } from '../schemas/common.js'
import {
  FieldsItemSchema,
  LevelingCsvBodySchema,
  LevelingJsonBodySchema,
  LevelingQuerySchema,
  LevelingResponseSchema,
  LevelingTextBodySchema,
  levelingBodyLimit,
  TextItemSchema,
} from '../schemas/leveling.js'
import { bodyCheckedByRoute } from '../validation.js'

type ProblemError = NonNullable<ProblemDetails['errors']>[number]
type Media = 'text/plain' | 'application/json' | 'text/csv'

const mebibytes = levelingBodyLimit / 1024 / 1024
const limitsInWords = `at most ${mebibytes} MiB, ${maxTextLength.toLocaleString('en-US')} characters and ${maxJobs} jobs`

const textItem = Compile(TextItemSchema)
const fieldsItem = Compile(FieldsItemSchema)
const slug = Compile(LevelingJsonBodySchema.properties.draft)
const wholeBody = Compile(LevelingJsonBodySchema)

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value)

const pointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1')

/** The errors of one JSON item, each at its JSON pointer; size errors flagged apart. */
function itemErrors(item: unknown, index: number): { errors: ProblemError[]; tooLarge: boolean } {
  const place = `/jobs/${index}`
  if (!isRecord(item)) {
    return {
      errors: [
        {
          location: 'body',
          path: place,
          message: `must be an object, { text } or the evidence fields, not ${describe(item)}`,
        },
      ],
      tooLarge: false,
    }
  }
  const asText = Object.hasOwn(item, 'text')
  const validator = asText ? textItem : fieldsItem
  if (validator.Check(item)) return { errors: [], tooLarge: false }
  const errors: ProblemError[] = []
  let sizeOnly = true
  for (const error of validator.Errors(item)) {
    if (error.keyword === 'boolean') continue
    if (error.keyword === 'additionalProperties') {
      const names = (error.params as { additionalProperties?: string[] }).additionalProperties ?? []
      for (const name of names) {
        sizeOnly = false
        errors.push({
          location: 'body',
          path: `${place}/${pointer(name)}`,
          message:
            asText && Object.hasOwn(FieldsItemSchema.properties, name)
              ? `an item is either { text } (with an optional title) or the evidence fields, not both: "${name}" beside "text"`
              : `unknown field "${name}": an item is { text } or the fields ${Object.keys(FieldsItemSchema.properties).join(', ')}`,
        })
      }
      continue
    }
    const path = `${place}${error.instancePath}`
    if (errors.some((known) => known.path === path)) continue
    if (error.keyword !== 'maxLength' && error.keyword !== 'maxItems') sizeOnly = false
    const message =
      error.keyword === 'pattern'
        ? 'must not be empty or only white space'
        : error.keyword === 'minProperties'
          ? 'the item has no field: give { text } or at least one evidence field'
          : error.message
    errors.push({ location: 'body', path, message })
  }
  return { errors, tooLarge: sizeOnly && errors.length > 0 }
}

/** Reads a JSON body against the documented shape, naming every problem's place. */
function jsonSubmission(body: unknown): { jobs: unknown[]; draft: string | undefined } {
  if (body === undefined) {
    throw HttpProblem.of('empty-submission', 'The body is empty; send { "jobs": [ ... ] }.', {
      errors: [{ location: 'body', path: '', message: 'empty body' }],
    })
  }
  const invalid = (path: string, message: string) =>
    HttpProblem.of('invalid-submission', `Invalid body at ${path || '/'}: ${message}.`, {
      errors: [{ location: 'body', path, message }],
    })
  if (!isRecord(body)) throw invalid('', `the body is a JSON object { "jobs": [...] }, not ${describe(body)}`)
  for (const key of Object.keys(body)) {
    if (key !== 'jobs' && key !== 'draft') throw invalid(`/${pointer(key)}`, `unknown field "${key}"`)
  }
  const { jobs, draft } = body
  if (!Array.isArray(jobs)) throw invalid('/jobs', jobs === undefined ? 'jobs is required' : 'jobs must be an array')
  if (jobs.length === 0) {
    throw HttpProblem.of('empty-submission', 'The jobs list is empty.', {
      errors: [{ location: 'body', path: '/jobs', message: 'empty list' }],
    })
  }
  if (jobs.length > maxJobs) {
    throw HttpProblem.of(
      'too-many-jobs',
      `A leveling request holds at most ${maxJobs} jobs; this one has ${jobs.length.toLocaleString('en-US')}. Split it.`,
      { errors: [{ location: 'body', path: '/jobs', message: `more than ${maxJobs} items` }] },
    )
  }
  if (draft !== undefined && !slug.Check(draft)) {
    throw invalid('/draft', 'draft must be a slug: lower-case words joined by hyphens, 2 to 64 characters')
  }
  const errors: ProblemError[] = []
  let tooLarge = true
  jobs.forEach((item, index) => {
    if (errors.length >= 200) return
    const found = itemErrors(item, index)
    errors.push(...found.errors)
    if (found.errors.length > 0 && !found.tooLarge) tooLarge = false
  })
  if (errors.length > 0) {
    const first = errors[0] as ProblemError
    const detail = `${errors.length} problem${errors.length === 1 ? '' : 's'} in the jobs; first: ${first.path}: ${first.message}.`
    throw HttpProblem.of(tooLarge ? 'payload-too-large' : 'invalid-submission', detail, {
      errors: errors.slice(0, 200),
    })
  }
  // Everything above is the documented schema in detail; this is the guarantee that nothing the
  // schema refuses gets through.
  if (!wholeBody.Check(body)) {
    const error = wholeBody.Errors(body)[0]
    throw invalid(error?.instancePath ?? '', error?.message ?? 'does not match the documented shape')
  }
  return { jobs, draft: typeof draft === 'string' ? draft : undefined }
}

/** The problem for a submission the leveling steps could not read. */
function inputProblem(error: LevelingInputError, media: Media): HttpProblem {
  const where: ProblemError = { location: 'body', message: error.message }
  if (media === 'application/json') where.path = error.place
  else {
    const cell = error.place.match(/^row (\d+)(?:, column (\d+))?$/)
    if (cell) {
      where.row = Number(cell[1])
      if (cell[2]) where.column = Number(cell[2])
    }
  }
  const at = error.place ? ` (at ${error.place || '/'})` : ''
  const detail = `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}${at}.`
  const code = (
    {
      empty: 'empty-submission',
      'no-job': 'no-recognisable-job',
      'too-large': 'payload-too-large',
      'too-many-jobs': 'too-many-jobs',
      'bad-item': 'invalid-submission',
      'bad-csv': 'invalid-submission',
    } as const
  )[error.code]
  return HttpProblem.of(code, detail, { errors: [where] })
}

function mediaOf(request: FastifyRequest): Media {
  const media = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase()
  if (media === 'application/json' || media === 'text/csv') return media
  return 'text/plain'
}

/** The draft's source file: `<slug>.txt`, or `<slug>-2.txt`… when another text is stored under that name. */
function draftFile(draftSlug: string, text: string, stored: Map<string, string>): string {
  let file = `${draftSlug}.txt`
  for (let n = 2; stored.has(file) && stored.get(file) !== text; n++) file = `${draftSlug}-${n}.txt`
  return file
}

const schemaOf = (schema: TSchema) => schema

const levelingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Body parsers of this route alone: an empty JSON body is the submission's problem (empty), not
  // the parser's, and a CSV catalog is read as text.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (text.trim().length === 0) return done(null, undefined)
    try {
      done(null, parseJsonBody(text))
    } catch (error) {
      done(error as Error)
    }
  })
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body))

  app.post(
    '/leveling',
    {
      bodyLimit: levelingBodyLimit,
      validatorCompiler: bodyCheckedByRoute,
      config: {
        bodyHint: `A leveling request is a text of job descriptions, { "jobs": [...] } or a CSV job catalog, ${limitsInWords}.`,
      },
      schema: {
        tags: ['leveling'],
        operationId: 'levelJobs',
        summary: 'Propose where jobs sit on the scale, from their job descriptions; nothing is written',
        description: `The body is one of three media types. \`text/plain\`: one or more job descriptions as published, in any layout; a text that holds several jobs is split where its layout shows them, and \`split\` says how. \`application/json\`: \`{ "jobs": [ ... ] }\`, each item \`{ text }\` or the evidence fields institution documents use. \`text/csv\`: a job catalog with a header row naming the same fields. Each job is answered with its proposed point and band, track, confidence, the factors read with the quotes they rest on, a rationale, and \`nearest\`: the proposal crosswalked to the institutions loaded. With \`draft=<slug>\` (query, or \`draft\` in the JSON body) the answer also holds a draft institution document that PUT /v1/institutions/{slug} accepts unchanged; it carries the submitted text as its source (for JSON and CSV, the jobs written out field by field), and every rationale and citation quotes it. Limits: a body of at most ${mebibytes} MiB (413 \`payload-too-large\`), a text of at most ${maxTextLength.toLocaleString('en-US')} characters (413), at most ${maxJobs} jobs (413 \`too-many-jobs\`). An empty body is 400 \`empty-submission\`; a JSON item of neither shape, an unknown CSV column or broken CSV quoting is 400 \`invalid-submission\` whose \`errors\` give the JSON pointer or the CSV row and column; a text in which no job is recognisable is 422 \`no-recognisable-job\`. Nothing is written; a request counts against the write rate limit.`,
        querystring: LevelingQuerySchema,
        body: {
          content: {
            'text/plain': { schema: schemaOf(LevelingTextBodySchema) },
            'application/json': { schema: schemaOf(LevelingJsonBodySchema) },
            'text/csv': { schema: schemaOf(LevelingCsvBodySchema) },
          },
        },
        response: {
          200: LevelingResponseSchema,
          400: problemResponse(
            'Empty (`empty-submission`), unreadable (`invalid-submission`, with the JSON pointer or CSV row and column of each problem), or a query parameter that fails its schema or conflicts with the body’s `draft`.',
          ),
          409: problemResponse(
            'The draft slug names an institution the scale is calibrated on, which a draft cannot replace.',
          ),
          413: problemResponse(
            `Over a limit: a body over ${mebibytes} MiB or a text over ${maxTextLength.toLocaleString('en-US')} characters (\`payload-too-large\`), or more than ${maxJobs} jobs (\`too-many-jobs\`).`,
          ),
          415: problemResponse('The body is not text/plain, application/json or text/csv.'),
          422: problemResponse('No recognisable job in the submission (`no-recognisable-job`).'),
        },
      },
    },
    async (request) => {
      const media = mediaOf(request)
      const body: unknown = request.body
      const snapshot = app.levelmap.current
      const { catalog } = snapshot

      let submission: Submission
      let bodyDraft: string | undefined
      if (media === 'application/json') {
        const read = jsonSubmission(body)
        bodyDraft = read.draft
        submission = { format: 'json', body: { jobs: read.jobs } }
      } else {
        const text = typeof body === 'string' ? body : ''
        if (text.trim().length === 0) {
          throw HttpProblem.of('empty-submission', 'The body is empty; send the text of a job description.', {
            errors: [{ location: 'body', message: 'empty body' }],
          })
        }
        submission = media === 'text/csv' ? { format: 'csv', text } : { format: 'text', text }
      }

      const queryDraft = request.query.draft
      if (queryDraft !== undefined && bodyDraft !== undefined && queryDraft !== bodyDraft) {
        const detail = `The query asks for a draft "${queryDraft}" and the body for "${bodyDraft}"; give one.`
        throw HttpProblem.of('conflicting-parameters', detail, {
          errors: [
            { location: 'querystring', name: 'draft', message: detail },
            { location: 'body', path: '/draft', message: detail },
          ],
        })
      }
      const draftSlug = queryDraft ?? bodyDraft
      const { scaleDocument } = catalog
      if (draftSlug && scaleDocument.calibration.grades.some((anchor) => anchor.institution === draftSlug)) {
        throw HttpProblem.of(
          'conflict',
          `The scale is calibrated on ${draftSlug}, so a draft cannot replace it (PUT would refuse it). Choose another slug.`,
          { errors: [{ location: 'querystring', name: 'draft', message: 'a calibration institution' }] },
        )
      }

      let result: LeveledSubmission
      try {
        // In the leveling pool's worker threads: a large submission does not hold other requests.
        result = await app.leveler.level(submission)
      } catch (error) {
        if (error instanceof LevelingInputError) throw inputProblem(error, media)
        throw error
      }

      const answer = levelingView(result, snapshot)
      if (draftSlug) {
        const sources = app.levelmap.sources
        const file = draftFile(draftSlug, result.sourceText, sources)
        const draft = draftDocument(result, result.sourceText, { slug: draftSlug, file })
        answer.draft = draft
        const issues = documentIssues(draft, scaleDocument, draftSlug, (name) => sources.get(name))
        if (issues.length > 0) {
          request.log.warn({ issues: issues.length }, 'a leveling draft would not pass PUT')
          answer.draftIssues = issues.slice(0, 201).map((issue) => ({ path: issue.path, message: issue.message }))
        }
      }
      return answer
    },
  )
}

export default levelingRoutes
