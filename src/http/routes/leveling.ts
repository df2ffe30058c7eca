// POST /v1/leveling: proposes where submitted jobs sit on the scale, writing nothing. The body is a
// text of job descriptions (text/plain), JSON job items (application/json) or a CSV job catalog
// (text/csv); each job is answered with its point, band, track, factors with quotes, rationale and
// its nearest grades in the institutions loaded (crosswalked from the live snapshot). With `draft`,
// the answer also holds a draft institution document that PUT /v1/institutions/{slug} accepts as
// it stands. Bad input is a problem naming its place: a JSON pointer, or a CSV row and column.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { documentIssues } from '../../db/writes.js'
import { proposedDocument } from '../../drafts/review.js'
import { maxJobs, maxTextLength } from '../../leveling/level.js'
import { answerMedia } from '../plugins/negotiation.js'
import { HttpProblem } from '../problems.js'
import { levelingCsv, levelingCsvHeader, levelingView } from '../representations/leveling.js'
import { addSubmissionParsers, draftFile, leveled, readSubmission } from '../representations/leveling-submission.js'
import { contentTypes, type MediaType, mediaTypes } from '../representations/media.js'
import { utf8Bom } from '../representations/tabular.js'
import { problemResponse, textBody } from '../schemas/common.js'
import { LevelingQuerySchema, LevelingResponseSchema, levelingBodyLimit, submissionBody } from '../schemas/leveling.js'
import { bodyCheckedByRoute } from '../validation.js'

const mebibytes = levelingBodyLimit / 1024 / 1024
const limitsInWords = `at most ${mebibytes} MiB, ${maxTextLength.toLocaleString('en-US')} characters and ${maxJobs} jobs`

const answers: readonly MediaType[] = [mediaTypes.json, mediaTypes.csv]

const levelingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSubmissionParsers(app)

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
        description: `The body is one of four media types. \`text/plain\`: one or more job descriptions as published, in any layout; a text that holds several jobs is split where its layout shows them, and \`split\` says how. \`application/json\`: \`{ "jobs": [ ... ] }\`, each item \`{ text }\` or the evidence fields institution documents use. \`text/csv\`: a job catalog with a header row naming the same fields; an Excel workbook (\`.xlsx\`), whose first sheet is read as such a catalog. Each job is answered with its proposed point and band, track, confidence, the factors read with the quotes they rest on, a rationale, and \`nearest\`: the proposal crosswalked to the institutions loaded. With \`draft=<slug>\` (query, or \`draft\` in the JSON body) the answer also holds a draft institution document that PUT /v1/institutions/{slug} accepts unchanged; it carries the submitted text as its source (for JSON and CSV, the jobs written out field by field), and every rationale and citation quotes it. Limits: a body of at most ${mebibytes} MiB (413 \`payload-too-large\`), a text of at most ${maxTextLength.toLocaleString('en-US')} characters (413), at most ${maxJobs} jobs (413 \`too-many-jobs\`). An empty body is 400 \`empty-submission\`; a JSON item of neither shape, a CSV whose header names no field, a value beyond its last header or broken CSV quoting is 400 \`invalid-submission\` whose \`errors\` give the JSON pointer or the CSV row and column; a text in which no job is recognisable is 422 \`no-recognisable-job\`. The answer starts with a \`summary\` (jobs per point and track, and how many were placed on thin evidence, placed or moved by their ladder, flagged, outside IT or in adjacent IT work) and \`warnings\` (what a CSV intake read past rather than refused: columns that name no field, whose values each job keeps in \`otherColumns\`, and rows with no job). \`Accept: text/csv\` or \`format=csv\` answers one row per job instead (not with \`draft\`). A body of another media type (a PDF, a legacy .xls) is 415 listing the four. Nothing is written; a request counts against the write rate limit.`,
        querystring: LevelingQuerySchema,
        body: submissionBody,
        response: {
          200: {
            description: 'The proposals, as JSON or CSV.',
            content: {
              'application/json': { schema: LevelingResponseSchema },
              'text/csv': {
                schema: textBody(
                  `One row per job (RFC 4180; \`bom=true\` for spreadsheets). Header row: ${levelingCsvHeader.join(',')}, then the submitted CSV columns that name no field, each under its own header.`,
                ),
              },
            },
          },
          400: problemResponse(
            'Empty (`empty-submission`), unreadable (`invalid-submission`, with the JSON pointer or CSV row and column of each problem), or a query parameter that fails its schema or conflicts with the body’s `draft`.',
          ),
          409: problemResponse(
            'The draft slug names an institution the scale is calibrated on, which a draft cannot replace.',
          ),
          413: problemResponse(
            `Over a limit: a body over ${mebibytes} MiB or a text over ${maxTextLength.toLocaleString('en-US')} characters (\`payload-too-large\`), or more than ${maxJobs} jobs (\`too-many-jobs\`).`,
          ),
          406: problemResponse('The Accept header allows neither application/json nor text/csv.'),
          415: problemResponse(
            'The body is not text/plain, application/json, text/csv or an .xlsx workbook; the problem lists the media types taken.',
          ),
          422: problemResponse('No recognisable job in the submission (`no-recognisable-job`).'),
        },
      },
    },
    async (request, reply) => {
      const answer = answerMedia(request, reply, answers, 'The answer')
      const { media, submission, bodyDraft } = await readSubmission(request)
      const snapshot = app.levelmap.current
      const { catalog } = snapshot

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
      if (draftSlug && answer === mediaTypes.csv) {
        const detail = 'A draft document is JSON: ask for application/json, or leave out draft for the CSV.'
        throw HttpProblem.of('conflicting-parameters', detail, {
          errors: [{ location: 'querystring', name: queryDraft ? 'draft' : 'format', message: detail }],
        })
      }
      const { scaleDocument } = catalog
      if (draftSlug && scaleDocument.calibration.grades.some((anchor) => anchor.institution === draftSlug)) {
        throw HttpProblem.of(
          'conflict',
          `The scale is calibrated on ${draftSlug}, so a draft cannot replace it (PUT would refuse it). Choose another slug.`,
          { errors: [{ location: 'querystring', name: 'draft', message: 'a calibration institution' }] },
        )
      }

      // In the leveling pool's worker threads: a large submission does not hold other requests.
      const result = await leveled(app.leveler, submission, media)

      const view = levelingView(result, snapshot)
      if (answer === mediaTypes.csv) {
        return reply.type(contentTypes['text/csv']).send(`${request.query.bom ? utf8Bom : ''}${levelingCsv(view)}`)
      }
      if (draftSlug) {
        const sources = app.levelmap.sources
        const file = draftFile(draftSlug, result.sourceText, sources)
        const draft = proposedDocument(result, { slug: draftSlug, file, media })
        view.draft = draft
        const issues = documentIssues(draft, scaleDocument, draftSlug, (name) => sources.get(name))
        if (issues.length > 0) {
          request.log.warn({ issues: issues.length }, 'a leveling draft would not pass PUT')
          view.draftIssues = issues.slice(0, 201).map((issue) => ({ path: issue.path, message: issue.message }))
        }
      }
      return view
    },
  )
}

export default levelingRoutes
