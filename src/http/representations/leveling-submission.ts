// Reading a leveling request's body: which of the four media types it is (an Excel workbook read
// into rows here, for the CSV intake), a JSON body checked
// against the documented shape with every problem at its JSON pointer, a text or CSV that is not
// empty, and the problems the leveling steps raise placed at a JSON pointer or a CSV row and column.
// The route (routes/leveling.ts) only routes: it reads the submission here, levels it, and answers.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Compile } from 'typebox/compile'
import { LevelingInputError, maxJobs } from '../../leveling/level.js'
import { rowsOfWorkbook, xlsxMediaType } from '../../leveling/spreadsheet.js'
import type { LeveledSubmission, Submission } from '../../leveling/submission.js'
import { parseJsonBody } from '../plugins/json-body.js'
import { HttpProblem, type ProblemDetails } from '../problems.js'
import { FieldsItemSchema, LevelingJsonBodySchema, TextItemSchema } from '../schemas/leveling.js'

type ProblemError = NonNullable<ProblemDetails['errors']>[number]
export type Media = 'text/plain' | 'application/json' | 'text/csv' | typeof xlsxMediaType

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
export function jsonSubmission(body: unknown): { jobs: unknown[]; draft: string | undefined } {
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
export function inputProblem(error: LevelingInputError, media: Media): HttpProblem {
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
      'bad-file': 'invalid-submission',
    } as const
  )[error.code]
  return HttpProblem.of(code, detail, { errors: [where] })
}

export function mediaOf(request: FastifyRequest): Media {
  const media = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase()
  if (media === 'application/json' || media === 'text/csv' || media === xlsxMediaType) return media
  return 'text/plain'
}

/** The draft's source file: `<slug>.txt`, or `<slug>-2.txt`… when another text is stored under that name. */
export function draftFile(draftSlug: string, text: string, stored: Map<string, string>): string {
  let file = `${draftSlug}.txt`
  for (let n = 2; stored.has(file) && stored.get(file) !== text; n++) file = `${draftSlug}-${n}.txt`
  return file
}

/** A submission as the leveling steps take it, and the draft slug a JSON body names. */
export async function readSubmission(
  request: FastifyRequest,
): Promise<{ media: Media; submission: Submission; bodyDraft?: string }> {
  const media = mediaOf(request)
  const body: unknown = request.body
  if (media === xlsxMediaType) {
    const data = Buffer.isBuffer(body) ? body : Buffer.alloc(0)
    if (data.length === 0) {
      throw HttpProblem.of('empty-submission', 'The body is empty; send the workbook.', {
        errors: [{ location: 'body', message: 'empty body' }],
      })
    }
    let rows: string[][]
    try {
      rows = await rowsOfWorkbook(data)
    } catch (error) {
      if (error instanceof LevelingInputError) throw inputProblem(error, media)
      throw error
    }
    return { media, submission: { format: 'table', rows, source: 'spreadsheet' } }
  }
  if (media === 'application/json') {
    const read = jsonSubmission(body)
    return {
      media,
      submission: { format: 'json', body: { jobs: read.jobs } },
      ...(read.draft !== undefined ? { bodyDraft: read.draft } : {}),
    }
  }
  const text = typeof body === 'string' ? body : ''
  if (text.trim().length === 0) {
    throw HttpProblem.of('empty-submission', 'The body is empty; send the text of a job description.', {
      errors: [{ location: 'body', message: 'empty body' }],
    })
  }
  return { media, submission: media === 'text/csv' ? { format: 'csv', text } : { format: 'text', text } }
}

/**
 * The body parsers of the leveling route alone (registered in its encapsulated context): an empty
 * JSON body is the submission's problem (empty), not the parser's, and a CSV catalog is read as text.
 */
export function addSubmissionParsers(app: FastifyInstance): void {
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
  app.addContentTypeParser(xlsxMediaType, { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
}

/** Levels a submission with the app's leveler; what the leveling steps cannot read is its problem. */
export async function leveled(
  leveler: { level(submission: Submission): Promise<LeveledSubmission> },
  submission: Submission,
  media: Media,
): Promise<LeveledSubmission> {
  try {
    return await leveler.level(submission)
  } catch (error) {
    if (error instanceof LevelingInputError) throw inputProblem(error, media)
    throw error
  }
}
