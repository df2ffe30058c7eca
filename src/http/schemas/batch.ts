import { type TSchema, Type } from 'typebox'
import { SCORE_FORMULA } from '../../crosswalk/rule.js'
import { SeniorityValueSchema } from '../../documents/seniority.js'
import { ProblemRef, RecordIdSchema, SeniorityRangeSchema, SlugSchema } from './common.js'
import { CrosswalkResultSchema, RelationSchema, TrackModeSchema } from './crosswalk.js'

export const batchLimit = 10_000

export const DetailSchema = Type.Union([Type.Literal('essentials'), Type.Literal('full')], {
  description:
    '`essentials` (default): per match the target grade, job ids and titles, relation, score and delta. `full`: the GET’s whole result, with rationale and sources.',
})

/** One item of a batch. Validated per item, so a bad item is answered alone and never fails the batch. */
export const BatchItemSchema = Type.Object(
  {
    from: Type.Optional(SlugSchema),
    grade: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 32 }), Type.Integer({ minimum: 0, maximum: 999_999 })]),
    ),
    jobCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    level: Type.Optional(RecordIdSchema),
    seniority: Type.Optional(SeniorityValueSchema('A raw point on the normalized scale.')),
  },
  { additionalProperties: false },
)

export const BatchRequestSchema = Type.Object(
  {
    items: Type.Array(
      Type.Unknown({
        description:
          '`{ from, grade | jobCode | level }` or `{ seniority }`, as the GET takes them (`grade` may be a number). An item that is not this shape is answered with a problem in its place.',
      }),
      {
        maxItems: batchLimit,
        description: `At most ${batchLimit.toLocaleString('en-US')} items; more is a 413. Answered in the same order.`,
      },
    ),
    to: Type.Optional(
      Type.Array(SlugSchema, {
        maxItems: 50,
        description: 'Target institution slugs for every item. Default: every institution but the item’s own.',
      }),
    ),
    track: Type.Optional(TrackModeSchema),
    detail: Type.Optional(DetailSchema),
  },
  { additionalProperties: false },
)

export const BatchQuerySchema = Type.Object({ detail: Type.Optional(DetailSchema) }, { additionalProperties: false })

/** A JSON Schema type that also allows null, written as a type list (serialized without anyOf). */
function orNull(schema: TSchema & { type: string }) {
  return Type.Unsafe<unknown>({ ...schema, type: [schema.type, 'null'] })
}

export const EssentialGradeSchema = Type.Object(
  { id: Type.String(), code: Type.String(), label: Type.String() },
  { additionalProperties: false },
)

export const EssentialLevelSchema = Type.Object(
  { id: Type.String(), title: Type.String() },
  { additionalProperties: false },
)

export const EssentialResultSchema = Type.Object(
  {
    source: Type.Object(
      {
        institution: orNull(Type.String()),
        grade: orNull(EssentialGradeSchema),
        level: orNull(EssentialLevelSchema),
        seniority: SeniorityRangeSchema,
      },
      { additionalProperties: false },
    ),
    matches: Type.Array(
      Type.Object(
        {
          institution: Type.String(),
          grade: EssentialGradeSchema,
          levels: Type.Array(EssentialLevelSchema),
          delta: Type.Number(),
          relation: RelationSchema,
          score: Type.Number({ minimum: 0, maximum: 1, description: `As in the GET: ${SCORE_FORMULA}.` }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

const BatchSummary = {
  total: Type.Integer({ description: 'Items in the batch.' }),
  failed: Type.Integer({ description: 'Items answered with a problem.' }),
}

/** For the OpenAPI document: each entry is a result list or the item’s problem. */
export const BatchResponseSchema = Type.Object(
  {
    items: Type.Array(
      Type.Union([
        Type.Object(
          { results: Type.Array(Type.Union([EssentialResultSchema, CrosswalkResultSchema])) },
          { additionalProperties: false },
        ),
        ProblemRef,
      ]),
      { description: 'One entry per item, in input order: `{ results }` as the GET answers it, or a problem.' },
    ),
    ...BatchSummary,
  },
  { additionalProperties: false },
)

/**
 * What each entry is serialized with, one schema per shape: the answer is written entry by entry
 * (an entry that repeats is written once), so no per-entry anyOf is ever evaluated.
 */
export const EssentialEntrySchema = Type.Object(
  { results: Type.Array(EssentialResultSchema) },
  { additionalProperties: false },
)
export const FullEntrySchema = Type.Object(
  { results: Type.Array(CrosswalkResultSchema) },
  { additionalProperties: false },
)
