// /v1/drafts: a leveling draft under review. The draft as JSON (its proposal per job, the decision
// per job, the institution's fields, counts), a decision, the fields a reviewer sets, the diff, the
// log, and the outcome of publishing.
import { Type } from 'typebox'
import { InstitutionDocumentRef } from '../../documents/schema.js'
import { maxJobs } from '../../leveling/level.js'
import { ChangeSchema } from './change.js'
import { SlugSchema, TrackSchema } from './common.js'

const Point = Type.Integer({ minimum: 1, maximum: 7 })
const Band = Type.Object({ min: Point, max: Point }, { additionalProperties: false })
const Reason = Type.String({
  minLength: 3,
  maxLength: 1000,
  pattern: '\\S',
  description: 'Why, in words an analyst would defend.',
})
const Instant = Type.String({ maxLength: 40, description: 'ISO 8601, UTC.' })

export const DraftStateSchema = Type.Union(
  [Type.Literal('draft'), Type.Literal('in-review'), Type.Literal('published'), Type.Literal('discarded')],
  {
    description:
      'draft (proposed, nothing decided), in-review (a decision or a field was recorded), published (its document is the institution), discarded.',
  },
)

export const DraftParamsSchema = Type.Object({ slug: SlugSchema }, { additionalProperties: false })
export const DraftJobParamsSchema = Type.Object(
  {
    slug: SlugSchema,
    index: Type.Integer({ minimum: 0, maximum: maxJobs - 1, description: 'The job’s place in the draft, from 0.' }),
  },
  { additionalProperties: false },
)

export const DraftCreateQuerySchema = Type.Object(
  { slug: { ...SlugSchema, description: 'The slug the draft will publish as.' } },
  { additionalProperties: false },
)

export const DraftReadQuerySchema = Type.Object(
  {
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv')], {
        description: 'Overrides the Accept header: `csv` answers one row per job (text/csv).',
      }),
    ),
    bom: Type.Optional(Type.Boolean({ description: 'CSV only: start with a UTF-8 byte order mark.' })),
  },
  { additionalProperties: false },
)

export const DecisionInputSchema = Type.Object(
  {
    decision: Type.Union([Type.Literal('accept'), Type.Literal('override'), Type.Literal('exclude')], {
      description:
        'accept (publish the proposal), override (publish `point`, and `band` and `track` where given, for `reason`), exclude (leave the job out, for `reason`: "another employer’s job").',
    }),
    point: Type.Optional({ ...Point, description: 'override: the point to publish.' }),
    band: Type.Optional({ ...Band, description: 'override: the band to publish; the point alone by default.' }),
    track: Type.Optional({ ...TrackSchema, description: 'override: the track to publish; the proposal’s by default.' }),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
)

export const DecisionSchema = Type.Object(
  {
    decision: Type.Union([Type.Literal('accept'), Type.Literal('override'), Type.Literal('exclude')]),
    point: Type.Optional(Point),
    band: Type.Optional(Band),
    track: Type.Optional(TrackSchema),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
    by: Type.String({ maxLength: 64, description: 'The API key that recorded it.' }),
    at: Instant,
  },
  { additionalProperties: false },
)

export const DraftFieldsSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    shortName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    publisher: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    gradeSystem: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    identification: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    employerNamed: Type.Optional(Type.Boolean()),
    effectiveDate: Type.Optional(
      Type.Union([Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', maxLength: 10 }), Type.Null()]),
    ),
    gradeLabels: Type.Optional(
      Type.Record(Type.String({ maxLength: 32 }), Type.String({ minLength: 1, maxLength: 100 }), {
        description: 'Grade labels as the employer writes them, by grade code.',
      }),
    ),
  },
  { additionalProperties: false },
)

export const DraftEditSchema = Type.Object(
  {
    ...DraftFieldsSchema.properties,
    state: Type.Optional(
      Type.Union([Type.Literal('in-review'), Type.Literal('discarded')], {
        description: 'in-review (start the review), discarded (give the draft up; a new one may take its slug).',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
)

const Placement = Type.Object({ point: Point, band: Band, track: TrackSchema }, { additionalProperties: false })

export const DraftProposalSchema = Type.Object(
  {
    title: Type.String(),
    grade: Type.Union([Type.String(), Type.Null()]),
    jobCode: Type.Union([Type.String(), Type.Null()]),
    point: Point,
    band: Band,
    ownPoint: Point,
    track: TrackSchema,
    family: Type.String(),
    confidence: Type.Number({ minimum: 0, maximum: 1 }),
    flags: Type.Array(Type.Object({ code: Type.String(), detail: Type.String() }, { additionalProperties: false })),
    rationale: Type.String(),
    factors: Type.Array(
      Type.Object(
        { factor: Type.String(), level: Type.String(), point: Type.Number(), quotes: Type.Array(Type.String()) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, description: 'The job as the leveling model proposed it.' },
)

export const DraftJobSchema = Type.Object(
  {
    index: Type.Integer({ minimum: 0 }),
    id: Type.String({ description: 'The job id it publishes under.' }),
    proposal: DraftProposalSchema,
    decision: Type.Union([DecisionSchema, Type.Null()]),
    publishes: Type.Union([Placement, Type.Null()], {
      description: 'Where publishing now puts it: its override, else its proposal; null when excluded.',
    }),
  },
  { additionalProperties: false },
)

export const DraftSummarySchema = Type.Object(
  {
    jobs: Type.Integer({ minimum: 0 }),
    decided: Type.Integer({ minimum: 0 }),
    accepted: Type.Integer({ minimum: 0 }),
    overridden: Type.Integer({ minimum: 0 }),
    excluded: Type.Integer({ minimum: 0 }),
    flagged: Type.Integer({ minimum: 0 }),
    toDecide: Type.Array(Type.Integer({ minimum: 0 }), {
      description: 'The flagged jobs without a decision: publishing waits for them.',
    }),
  },
  { additionalProperties: false },
)

export const DraftListingSchema = Type.Object(
  {
    slug: SlugSchema,
    state: DraftStateSchema,
    revision: Type.Integer({ minimum: 1 }),
    jobs: Type.Integer({ minimum: 0 }),
    decided: Type.Integer({ minimum: 0 }),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { additionalProperties: false },
)

export const DraftListSchema = Type.Object(
  { items: Type.Array(DraftListingSchema), total: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
)

export const DraftSchema = Type.Object(
  {
    ...DraftListingSchema.properties,
    submission: Type.Object(
      { media: Type.String(), split: Type.String(), layout: Type.String(), warnings: Type.Array(Type.String()) },
      {
        additionalProperties: false,
        description: 'What was submitted: its media type, how it was split, what the intake read past.',
      },
    ),
    fields: DraftFieldsSchema,
    summary: DraftSummarySchema,
    jobs: Type.Array(DraftJobSchema),
    published: Type.Union([
      Type.Object(
        { digest: Type.String(), at: Instant, by: Type.String(), revision: Type.Integer() },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
)

export const DraftPreviewSchema = Type.Object(
  {
    document: InstitutionDocumentRef,
    issues: Type.Array(Type.Object({ path: Type.String(), message: Type.String() }, { additionalProperties: false }), {
      description:
        'What PUT would refuse in it; publishing answers 422 with the same list. Empty when it would be accepted.',
    }),
  },
  { additionalProperties: false },
)

export const DraftDiffSchema = Type.Object(
  {
    published: Type.Boolean({ description: 'Whether the institution exists now.' }),
    jobs: Type.Array(
      Type.Object(
        {
          index: Type.Integer({ minimum: 0 }),
          title: Type.String(),
          jobCode: Type.Union([Type.String(), Type.Null()]),
          proposal: Placement,
          decision: Type.Union([DecisionSchema, Type.Null()]),
          publishes: Type.Union([Placement, Type.Null()]),
          published: Type.Union([Placement, Type.Null()], {
            description: 'Where the institution has the job now (same job id).',
          }),
          change: Type.Union([
            Type.Literal('added'),
            Type.Literal('moved'),
            Type.Literal('unchanged'),
            Type.Literal('excluded'),
          ]),
        },
        { additionalProperties: false },
      ),
    ),
    removed: Type.Array(Type.Object({ id: Type.String(), title: Type.String() }, { additionalProperties: false }), {
      description: 'Jobs the institution has now that publishing the draft would remove.',
    }),
  },
  { additionalProperties: false },
)

export const DraftLogSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          id: Type.Integer(),
          at: Instant,
          revision: Type.Integer({ minimum: 1 }),
          keyName: Type.String(),
          action: Type.Union([
            Type.Literal('created'),
            Type.Literal('decided'),
            Type.Literal('edited'),
            Type.Literal('state'),
            Type.Literal('published'),
          ]),
          job: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
          detail: Type.Unknown(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

export const PublishBodySchema = Type.Object(
  {
    institutionEtag: Type.Optional(
      Type.String({
        maxLength: 200,
        description:
          'The ETag of GET /v1/institutions/{slug}/document as reviewed against: needed when the institution exists (412 when it has changed since); leave it out to create one.',
      }),
    ),
  },
  { additionalProperties: false },
)

export const PublishResultSchema = Type.Object(
  {
    draft: DraftListingSchema,
    change: ChangeSchema,
    etag: Type.String({ description: 'The ETag of the institution document as published.' }),
  },
  { additionalProperties: false },
)
