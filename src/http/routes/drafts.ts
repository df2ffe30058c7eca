// /v1/drafts: onboarding an employer. A draft is created from a leveling submission (the same
// media types as POST /v1/leveling) and stored; an analyst reads it (JSON or CSV), decides each job
// (accept, override with a reason, exclude with a reason) and sets the institution's fields, each
// write naming the revision it was made on (If-Match) and logged with its key; the diff and the
// document publishing would store can be read at any time; publishing stores that document through
// the same write as PUT /v1/institutions/{slug}, once every flagged job has a decision.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { DraftEvent, DraftWrite, StoredDraft } from '../../db/drafts.js'
import { documentIssues } from '../../db/writes.js'
import {
  type DecisionInput,
  type DraftRecord,
  decidedCount,
  decisionProblem,
  draftDiff,
  newDraft,
  publishableDocument,
  undecidedFlagged,
} from '../../drafts/review.js'
import { authProblemResponses, bearerSecurity } from '../plugins/auth.js'
import { answerMedia } from '../plugins/negotiation.js'
import { HttpProblem, invalidDocument } from '../problems.js'
import { draftCsv, draftCsvHeader, draftView } from '../representations/drafts.js'
import { addSubmissionParsers, draftFile, leveled, readSubmission } from '../representations/leveling-submission.js'
import { contentTypes, type MediaType, mediaTypes } from '../representations/media.js'
import { utf8Bom } from '../representations/tabular.js'
import { problemResponse, textBody } from '../schemas/common.js'
import {
  DecisionInputSchema,
  DraftCreateQuerySchema,
  DraftDiffSchema,
  DraftEditSchema,
  DraftJobParamsSchema,
  DraftListSchema,
  DraftLogSchema,
  DraftParamsSchema,
  DraftPreviewSchema,
  DraftReadQuerySchema,
  DraftSchema,
  PublishBodySchema,
  PublishResultSchema,
} from '../schemas/drafts.js'
import { levelingBodyLimit, submissionBody } from '../schemas/leveling.js'
import { bodyCheckedByRoute } from '../validation.js'
import { documentTag, expectedDigests } from './institutions.js'

const answers: readonly MediaType[] = [mediaTypes.json, mediaTypes.csv]

/** A draft's ETag: its revision. */
export const draftTag = (revision: number) => `"r${revision}"`

const ifMatchHeader = {
  type: 'object',
  properties: {
    'if-match': {
      type: 'string',
      maxLength: 200,
      description:
        'The ETag of GET /v1/drafts/{slug} the write was decided on (428 without it, 412 when the draft has moved on).',
    },
  },
} as const

const etagHeader = {
  ETag: { type: 'string', maxLength: 40, description: 'The draft’s revision, for the next If-Match.' },
}

const writeResponses = {
  ...authProblemResponses,
  404: problemResponse('No draft has this slug.'),
  409: problemResponse('The draft is published or discarded: it is not edited further.'),
  412: problemResponse(
    'If-Match does not name the draft’s current revision: another write came first. Nothing was written.',
  ),
  428: problemResponse('No If-Match: a write to a draft must name the revision it was decided on.'),
}

function keyName(request: FastifyRequest): string {
  if (!request.apiKey) throw new Error('a draft route ran without its key check')
  return request.apiKey.name
}

/** What the store keeps of a draft record: the record itself, and its state and counts for the listing. */
function draftWrite(record: DraftRecord): DraftWrite {
  return {
    slug: record.slug,
    state: record.state,
    jobs: record.proposals.length,
    decided: decidedCount(record),
    body: record,
  }
}

function recordOf(stored: StoredDraft): DraftRecord {
  return stored.body as DraftRecord
}

function unknownDraft(slug: string): HttpProblem {
  return HttpProblem.of('unknown-draft', `No draft "${slug}". GET /v1/drafts lists them.`, {
    errors: [{ location: 'params', name: 'slug', message: 'no such draft' }],
  })
}

/** The revision If-Match names; 428 without one, 412 when it is not the stored one. */
function expectedRevision(request: FastifyRequest, stored: StoredDraft): number {
  const header = request.headers['if-match']
  if (header === undefined || header.trim() === '') {
    throw HttpProblem.of(
      'precondition-required',
      `Send If-Match: ${draftTag(stored.revision)} (the ETag of GET /v1/drafts/${stored.slug}) with a write to a draft.`,
      { errors: [{ location: 'headers', name: 'if-match', message: 'required' }] },
    )
  }
  const named = /^"r(\d{1,9})"$/.exec(header.trim())
  const revision = named ? Number(named[1]) : null
  if (revision !== stored.revision) throw stale(stored.slug, stored.revision)
  return revision
}

function stale(slug: string, current: number | null): HttpProblem {
  return HttpProblem.of(
    'precondition-failed',
    current === null
      ? `The draft "${slug}" is gone; nothing was written.`
      : `The draft "${slug}" is at revision ${current} (ETag ${draftTag(current)}), not the one in If-Match; nothing was written. GET it again, look at what changed and decide again.`,
    { errors: [{ location: 'headers', name: 'if-match', message: 'not the draft’s current revision' }] },
  )
}

function editable(stored: StoredDraft): void {
  if (stored.state === 'published' || stored.state === 'discarded') {
    throw HttpProblem.of(
      'conflict',
      `The draft "${stored.slug}" is ${stored.state}: it is not edited further. Create a new draft under its slug to start again.`,
    )
  }
}

function decisionInput(body: Record<string, unknown>): DecisionInput {
  const refuse = (name: string, message: string) =>
    HttpProblem.of('invalid-parameter', `Invalid body at /${name}: ${message}.`, {
      errors: [{ location: 'body', path: `/${name}`, message }],
    })
  const extra = (allowed: string[]) => Object.keys(body).find((key) => !allowed.includes(key))
  if (body.decision === 'accept') {
    const unexpected = extra(['decision'])
    if (unexpected) throw refuse(unexpected, 'an accepted proposal takes nothing more')
    return { decision: 'accept' }
  }
  if (typeof body.reason !== 'string') throw refuse('reason', `${body.decision} needs a reason`)
  if (body.decision === 'exclude') {
    const unexpected = extra(['decision', 'reason'])
    if (unexpected) throw refuse(unexpected, 'an excluded job takes a reason only')
    return { decision: 'exclude', reason: body.reason }
  }
  if (typeof body.point !== 'number') throw refuse('point', 'an override needs the point to publish')
  return {
    decision: 'override',
    point: body.point,
    reason: body.reason,
    ...(body.band ? { band: body.band as { min: number; max: number } } : {}),
    ...(body.track ? { track: body.track as 'individual_contributor' | 'management' } : {}),
  }
}

const draftRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSubmissionParsers(app)

  async function load(slug: string): Promise<StoredDraft> {
    const stored = await app.store.readDraft(slug)
    if (!stored) throw unknownDraft(slug)
    return stored
  }

  async function save(
    reply: FastifyReply,
    record: DraftRecord,
    expected: number | null,
    key: string,
    event: DraftEvent,
  ) {
    const outcome = await app.store.writeDraft(draftWrite(record), expected, key, event)
    if (outcome.outcome === 'conflict') throw stale(record.slug, outcome.current)
    reply.header('etag', draftTag(outcome.draft.revision))
    return outcome.draft
  }

  app.post(
    '/drafts',
    {
      preParsing: app.requireScope('write'),
      bodyLimit: levelingBodyLimit,
      validatorCompiler: bodyCheckedByRoute,
      schema: {
        tags: ['drafts'],
        operationId: 'createDraft',
        summary: 'Level a submission and store it as a draft to review',
        description:
          'Needs an API key with scope `write`. The body is a leveling submission, as POST /v1/leveling takes it (text/plain, application/json, text/csv or an .xlsx workbook, with the same limits and problems); the proposal per job is stored with the draft document leveling makes, under `slug`. 409 when a draft under review already has the slug (discard it first) or the scale is calibrated on it. A published or discarded draft under the slug is replaced, its log kept.',
        security: bearerSecurity,
        querystring: DraftCreateQuerySchema,
        body: submissionBody,
        response: {
          201: { ...DraftSchema, description: 'Created: the draft, with its ETag.', headers: etagHeader },
          400: problemResponse('An empty or unreadable submission, or a query parameter that fails its schema.'),
          ...authProblemResponses,
          409: problemResponse('A draft under review has this slug, or the scale is calibrated on it.'),
          413: problemResponse('Over a limit of the leveling submission.'),
          415: problemResponse('The body is not text/plain, application/json, text/csv or an .xlsx workbook.'),
          422: problemResponse('No recognisable job in the submission.'),
        },
      },
    },
    async (request, reply) => {
      const { slug } = request.query
      const { catalog } = app.levelmap.current
      if (catalog.scaleDocument.calibration.grades.some((anchor) => anchor.institution === slug)) {
        throw HttpProblem.of(
          'conflict',
          `The scale is calibrated on ${slug}; a draft cannot replace it. Choose another slug.`,
          {
            errors: [{ location: 'querystring', name: 'slug', message: 'a calibration institution' }],
          },
        )
      }
      const existing = await app.store.readDraft(slug)
      if (existing && (existing.state === 'draft' || existing.state === 'in-review')) {
        throw HttpProblem.of(
          'conflict',
          `A draft "${slug}" is under review (revision ${existing.revision}); discard it (PATCH state "discarded") or publish it first.`,
          { errors: [{ location: 'querystring', name: 'slug', message: 'a draft under review has it' }] },
        )
      }
      const { media, submission } = await readSubmission(request)
      const result = await leveled(app.leveler, submission, media)
      const file = draftFile(slug, result.sourceText, app.levelmap.sources)
      const record = newDraft(result, { slug, file, media })
      const draft = await save(reply, record, existing?.revision ?? null, keyName(request), {
        action: 'created',
        job: null,
        detail: { media, jobs: record.proposals.length, split: result.split },
      })
      reply.code(201).header('location', `/v1/drafts/${slug}`)
      return draftView(draft, record)
    },
  )

  app.get(
    '/drafts',
    {
      preParsing: app.requireScope('read'),
      config: { uncached: true },
      schema: {
        tags: ['drafts'],
        operationId: 'listDrafts',
        summary: 'List the drafts, most recently written first',
        description:
          'Needs an API key (scope `read` or `write`): drafts are working data, not what the crosswalk serves.',
        security: bearerSecurity,
        response: { 200: DraftListSchema, ...authProblemResponses },
      },
    },
    async () => {
      const items = await app.store.listDrafts()
      return { items, total: items.length }
    },
  )

  app.get(
    '/drafts/:slug',
    {
      preParsing: app.requireScope('read'),
      config: { uncached: true },
      schema: {
        tags: ['drafts'],
        operationId: 'getDraft',
        summary: 'A draft: the proposal and the decision per job, its fields and counts (JSON or CSV)',
        description:
          'Needs an API key. `Accept: text/csv` or `format=csv` answers one row per job with its proposal and its decision. The ETag is the draft’s revision: send it as If-Match with the next write.',
        security: bearerSecurity,
        params: DraftParamsSchema,
        querystring: DraftReadQuerySchema,
        response: {
          200: {
            description: 'The draft, as JSON or CSV.',
            headers: etagHeader,
            content: {
              'application/json': { schema: DraftSchema },
              'text/csv': { schema: textBody(`One row per job. Header row: ${draftCsvHeader.join(',')}.`) },
            },
          },
          ...authProblemResponses,
          404: problemResponse('No draft has this slug.'),
          406: problemResponse('The Accept header allows neither application/json nor text/csv.'),
        },
      },
    },
    async (request, reply) => {
      const media = answerMedia(request, reply, answers, 'A draft')
      reply.header('cache-control', 'no-store')
      const stored = await load(request.params.slug)
      reply.header('etag', draftTag(stored.revision))
      const view = draftView(stored, recordOf(stored))
      if (media === mediaTypes.csv)
        return reply.type(contentTypes['text/csv']).send(`${request.query.bom ? utf8Bom : ''}${draftCsv(view)}`)
      return view
    },
  )

  app.patch(
    '/drafts/:slug/jobs/:index',
    {
      preParsing: app.requireScope('write'),
      schema: {
        tags: ['drafts'],
        operationId: 'decideDraftJob',
        summary: 'Decide one job: accept its proposal, override it with a reason, or exclude it with a reason',
        description:
          'Needs an API key with scope `write` and If-Match with the draft’s ETag. The decision is recorded with the key and the time, replaces any earlier decision on the job, and is logged; the draft is then in review.',
        security: bearerSecurity,
        params: DraftJobParamsSchema,
        headers: ifMatchHeader,
        body: DecisionInputSchema,
        response: {
          200: { ...DraftSchema, description: 'The draft as now stored.', headers: etagHeader },
          400: problemResponse(
            'A decision that is not one of the three, or lacks what it needs (a reason; for an override, a point inside its band).',
          ),
          ...writeResponses,
        },
      },
    },
    async (request, reply) => {
      const { slug, index } = request.params
      const stored = await load(slug)
      editable(stored)
      const expected = expectedRevision(request, stored)
      const record = structuredClone(recordOf(stored))
      const input = decisionInput(request.body as Record<string, unknown>)
      const problem = decisionProblem(record, index, input)
      if (problem) {
        throw HttpProblem.of('invalid-parameter', `Job ${index}: ${problem}.`, {
          errors: [{ location: record.proposals[index] ? 'body' : 'params', name: 'index', message: problem }],
        })
      }
      record.decisions[index] = { ...input, by: keyName(request), at: new Date().toISOString() }
      record.state = 'in-review'
      const draft = await save(reply, record, expected, keyName(request), {
        action: 'decided',
        job: index,
        detail: input,
      })
      return draftView(draft, record)
    },
  )

  app.patch(
    '/drafts/:slug',
    {
      preParsing: app.requireScope('write'),
      schema: {
        tags: ['drafts'],
        operationId: 'editDraft',
        summary: 'Set the institution’s fields (name, publisher, grade labels…) or the draft’s state',
        description:
          'Needs an API key with scope `write` and If-Match with the draft’s ETag. The fields given replace the draft’s; `state` starts the review or discards the draft.',
        security: bearerSecurity,
        params: DraftParamsSchema,
        headers: ifMatchHeader,
        body: DraftEditSchema,
        response: {
          200: { ...DraftSchema, description: 'The draft as now stored.', headers: etagHeader },
          400: problemResponse('A field that fails its schema, or a grade label for a grade the draft does not have.'),
          ...writeResponses,
        },
      },
    },
    async (request, reply) => {
      const stored = await load(request.params.slug)
      editable(stored)
      const expected = expectedRevision(request, stored)
      const record = structuredClone(recordOf(stored))
      const { state, ...fields } = request.body
      const codes = new Set(record.document.grades.map((grade) => grade.code))
      const unknownCode = Object.keys(fields.gradeLabels ?? {}).find((code) => !codes.has(code))
      if (unknownCode !== undefined) {
        const message = `the draft has no grade "${unknownCode}"; its grades are ${[...codes].join(', ')}`
        throw HttpProblem.of('invalid-parameter', `Invalid body at /gradeLabels: ${message}.`, {
          errors: [{ location: 'body', path: `/gradeLabels/${unknownCode}`, message }],
        })
      }
      record.fields = {
        ...record.fields,
        ...fields,
        ...(fields.gradeLabels ? { gradeLabels: { ...record.fields.gradeLabels, ...fields.gradeLabels } } : {}),
      }
      record.state = state ?? 'in-review'
      const event: DraftEvent =
        state !== undefined && Object.keys(fields).length === 0
          ? { action: 'state', job: null, detail: { state } }
          : { action: 'edited', job: null, detail: request.body }
      const draft = await save(reply, record, expected, keyName(request), event)
      return draftView(draft, record)
    },
  )

  app.get(
    '/drafts/:slug/document',
    {
      preParsing: app.requireScope('read'),
      config: { uncached: true },
      schema: {
        tags: ['drafts'],
        operationId: 'previewDraftDocument',
        summary: 'The institution document publishing the draft would store now, and what PUT would refuse in it',
        description:
          'Needs an API key. Every job sits at its override or its proposal, with a rationale that says which; excluded jobs are left out. Nothing is adjusted: a document PUT would refuse lists the problems in `issues`, and publishing answers 422 with them.',
        security: bearerSecurity,
        params: DraftParamsSchema,
        response: { 200: DraftPreviewSchema, ...authProblemResponses, 404: problemResponse('No draft has this slug.') },
      },
    },
    async (request, reply) => {
      const stored = await load(request.params.slug)
      reply.header('etag', draftTag(stored.revision)).header('cache-control', 'no-store')
      const document = publishableDocument(recordOf(stored), stored.revision)
      const { sources, current } = app.levelmap
      const issues = documentIssues(document, current.catalog.scaleDocument, stored.slug, (file) => sources.get(file))
      return { document, issues: issues.map((issue) => ({ path: issue.path, message: issue.message })) }
    },
  )

  app.get(
    '/drafts/:slug/diff',
    {
      preParsing: app.requireScope('read'),
      config: { uncached: true },
      schema: {
        tags: ['drafts'],
        operationId: 'diffDraft',
        summary:
          'Per job: the proposal, the decision, what publishing stores, and where the institution has the job now',
        description: 'Needs an API key. Jobs are matched to the published institution by job id.',
        security: bearerSecurity,
        params: DraftParamsSchema,
        response: { 200: DraftDiffSchema, ...authProblemResponses, 404: problemResponse('No draft has this slug.') },
      },
    },
    async (request, reply) => {
      const stored = await load(request.params.slug)
      reply.header('etag', draftTag(stored.revision)).header('cache-control', 'no-store')
      const published = (await app.store.loadInstitution(stored.slug)).institution
      const diff = draftDiff(recordOf(stored), published?.document ?? null)
      return { published: published !== null, ...diff }
    },
  )

  app.get(
    '/drafts/:slug/log',
    {
      preParsing: app.requireScope('read'),
      config: { uncached: true },
      schema: {
        tags: ['drafts'],
        operationId: 'draftLog',
        summary: 'Every write to the draft, oldest first, with the key that made it',
        security: bearerSecurity,
        params: DraftParamsSchema,
        response: { 200: DraftLogSchema, ...authProblemResponses, 404: problemResponse('No draft has this slug.') },
      },
    },
    async (request, reply) => {
      const stored = await load(request.params.slug)
      reply.header('cache-control', 'no-store')
      return { items: await app.store.readDraftLog(stored.slug) }
    },
  )

  app.post(
    '/drafts/:slug/publish',
    {
      preParsing: app.requireScope('write'),
      schema: {
        tags: ['drafts'],
        operationId: 'publishDraft',
        summary: 'Publish the draft as reviewed: store its document as the institution',
        description:
          'Needs an API key with scope `write` and If-Match with the draft’s ETag, so what is published is the revision the reviewer saw. Only once every flagged job has a decision (409 `not-reviewed` lists the rest). The document is GET /v1/drafts/{slug}/document, stored by the same write as PUT /v1/institutions/{slug} (the same validation: 422 with every problem; the change log records it with the key). When the institution exists, `institutionEtag` must name its document as reviewed against (412 otherwise).',
        security: bearerSecurity,
        params: DraftParamsSchema,
        headers: ifMatchHeader,
        body: PublishBodySchema,
        response: {
          200: { ...PublishResultSchema, description: 'Published.' },
          ...writeResponses,
          409: problemResponse(
            'The draft is published or discarded, or (`not-reviewed`) a flagged job has no decision.',
          ),
          422: problemResponse('PUT would refuse the document; `errors` lists every problem. Nothing was written.'),
        },
      },
    },
    async (request, reply) => {
      const stored = await load(request.params.slug)
      editable(stored)
      const expected = expectedRevision(request, stored)
      const record = structuredClone(recordOf(stored))
      const toDecide = undecidedFlagged(record)
      if (toDecide.length > 0) {
        throw HttpProblem.of(
          'not-reviewed',
          `${toDecide.length} flagged job${toDecide.length === 1 ? ' has' : 's have'} no decision yet (first: job ${toDecide[0]}, ${record.proposals[toDecide[0] as number]?.title}); decide ${toDecide.length === 1 ? 'it' : 'them'} before publishing.`,
          {
            errors: toDecide.slice(0, 200).map((index) => ({
              location: 'body',
              path: `/jobs/${index}`,
              message: record.proposals[index]?.flags.map((flag) => flag.code).join(', ') ?? 'flagged',
            })),
          },
        )
      }
      const slug = stored.slug
      const existing = app.levelmap.current.catalog.institutionBySlug.has(slug)
      const given = request.body?.institutionEtag
      if (existing && given === undefined) {
        throw HttpProblem.of(
          'precondition-failed',
          `The institution "${slug}" exists: give institutionEtag, the ETag of GET /v1/institutions/${slug}/document you reviewed against (GET /v1/drafts/${slug}/diff shows what changes). Nothing was written.`,
          { errors: [{ location: 'body', path: '/institutionEtag', message: 'required when the institution exists' }] },
        )
      }
      const document = publishableDocument(record, expected)
      const result = await app.store.put(document, keyName(request), {
        urlSlug: slug,
        ...(given !== undefined ? { ifMatch: expectedDigests(given) ?? [] } : {}),
      })
      if (result.outcome === 'precondition-failed') {
        throw HttpProblem.of(
          'precondition-failed',
          `institutionEtag does not name the document of "${slug}" as stored now; nothing was written. Read the diff again.`,
          { errors: [{ location: 'body', path: '/institutionEtag', message: 'not the stored document' }] },
        )
      }
      if (result.outcome === 'invalid') {
        throw invalidDocument(
          result.issues,
          'The document publishing would store',
          'Override the jobs concerned and publish again.',
        )
      }
      app.levelmap.apply(result.change.institution, result.institution, result.sources, {
        changedAt: result.changedAt,
        head: result.logHead,
      })
      const digest = result.institution?.digest ?? ''
      record.state = 'published'
      record.published = { digest, at: result.change.at, by: keyName(request), revision: expected }
      const event: DraftEvent = {
        action: 'published',
        job: null,
        detail: { change: result.change.id, digest, revision: expected },
      }
      let outcome = await app.store.writeDraft(draftWrite(record), expected, keyName(request), event)
      if (outcome.outcome === 'conflict') {
        // A write to the draft landed between the check and now; the institution holds revision
        // `expected`, and the record says so on top of whatever came since.
        request.log.warn({ slug, expected, current: outcome.current }, 'a draft changed while it was published')
        const latest = await load(slug)
        const merged = {
          ...structuredClone(recordOf(latest)),
          state: 'published' as const,
          published: record.published,
        }
        outcome = await app.store.writeDraft(draftWrite(merged), latest.revision, keyName(request), event)
      }
      if (outcome.outcome === 'written') reply.header('etag', draftTag(outcome.draft.revision))
      request.log.info({ change: result.change, draft: slug }, 'draft published')
      const listing = outcome.outcome === 'written' ? outcome.draft : await load(slug)
      return { draft: listing, change: result.change, etag: documentTag(digest) }
    },
  )
}

export default draftRoutes
