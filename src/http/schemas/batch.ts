import { type TSchema, Type } from 'typebox'
import { SCORE_FORMULA } from '../../crosswalk/rule.js'
import { SeniorityValueSchema } from '../../documents/seniority.js'
import { BomSchema, nameComponents, ProblemSchema, RecordIdSchema, SeniorityRangeSchema, SlugSchema } from './common.js'
import { CrosswalkResultSchema, MatchOrderSchema, RelationSchema, TrackModeSchema } from './crosswalk.js'

export const batchLimit = 10_000

export const DetailSchema = Type.Union([Type.Literal('essentials'), Type.Literal('full')], {
  description:
    '`essentials` (default): per match the target grade, job ids and titles, relation, score and delta. `full`: the GET’s whole result, with rationale and sources.',
})

const RefSchema = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'The caller’s own reference for the item (an employee or position id), echoed in its answer.',
})
const GradeInputSchema = Type.Union([
  Type.String({ minLength: 1, maxLength: 32 }),
  Type.Integer({ minimum: 0, maximum: 999_999 }),
])
const JobCodeInputSchema = Type.String({ minLength: 1, maxLength: 32 })
const SeniorityInputSchema = SeniorityValueSchema('A raw point on the normalized scale.')

/**
 * One item of a batch, as the server checks it: every field optional, the combination checked by
 * the crosswalk's own rules (so a wrong combination is answered with the same problem as the GET's).
 * Validated per item, so a bad item is answered alone and never fails the batch.
 */
export const BatchItemSchema = Type.Object(
  {
    ref: Type.Optional(RefSchema),
    from: Type.Optional(SlugSchema),
    grade: Type.Optional(GradeInputSchema),
    jobCode: Type.Optional(JobCodeInputSchema),
    level: Type.Optional(RecordIdSchema),
    seniority: Type.Optional(SeniorityInputSchema),
  },
  { additionalProperties: false },
)

/** The shapes an item takes, as the OpenAPI document gives them to generated clients. */
export const BatchGradeItemSchema = Type.Object(
  { ref: Type.Optional(RefSchema), from: SlugSchema, grade: GradeInputSchema },
  { additionalProperties: false, description: 'A grade of an institution (`grade` may be a number).' },
)
export const BatchJobCodeItemSchema = Type.Object(
  { ref: Type.Optional(RefSchema), from: SlugSchema, jobCode: JobCodeInputSchema },
  { additionalProperties: false, description: 'A job code of an institution (inferred class codes too).' },
)
export const BatchLevelItemSchema = Type.Object(
  { ref: Type.Optional(RefSchema), level: RecordIdSchema, from: Type.Optional(SlugSchema) },
  { additionalProperties: false, description: 'A level id; `from`, if given, must be its institution.' },
)
export const BatchSeniorityItemSchema = Type.Object(
  { ref: Type.Optional(RefSchema), seniority: SeniorityInputSchema },
  { additionalProperties: false, description: 'A raw point on the scale.' },
)
const itemDescription =
  '`{ from, grade }`, `{ from, jobCode }`, `{ level }` or `{ seniority }`, each with an optional `ref`. The server answers an item that is none of these with a problem in its place, not by failing the batch.'
export const BatchItemUnionSchema = Type.Union(
  [BatchGradeItemSchema, BatchJobCodeItemSchema, BatchLevelItemSchema, BatchSeniorityItemSchema],
  { description: itemDescription },
)

const batchProperties = {
  to: Type.Optional(
    Type.Array(SlugSchema, {
      maxItems: 50,
      description: 'Target institution slugs for every item. Default: every institution but the item’s own.',
    }),
  ),
  track: Type.Optional(TrackModeSchema),
  order: Type.Optional(MatchOrderSchema),
  detail: Type.Optional(DetailSchema),
}

const itemsDescription = `At most ${batchLimit.toLocaleString('en-US')} items; more is a 413. Answered in the same order.`

/** The body as the server reads it: items are checked one by one (see BatchItemSchema). */
export const BatchRequestSchema = Type.Object(
  {
    items: Type.Array(Type.Unknown({ description: itemDescription }), {
      maxItems: batchLimit,
      description: itemsDescription,
    }),
    ...batchProperties,
  },
  { additionalProperties: false },
)

/** The body as the OpenAPI document declares it: items typed as the union they are. */
export const BatchRequestDocumentSchema = Type.Object(
  {
    items: Type.Array(BatchItemUnionSchema, { maxItems: batchLimit, description: itemsDescription }),
    ...batchProperties,
    // Without a `default` keyword, which generators read as "always present" and would make a
    // client send it.
    track: Type.Optional(
      Type.Union([Type.Literal('same'), Type.Literal('any')], {
        description: '`same` (default): a manager maps to a manager where the target has one; `any`: ignore track.',
      }),
    ),
  },
  { additionalProperties: false },
)

export const BatchQuerySchema = Type.Object(
  {
    detail: Type.Optional(DetailSchema),
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv')], {
        description: 'Overrides the Accept header: `csv` answers one row per match (text/csv).',
      }),
    ),
    bom: Type.Optional(BomSchema),
  },
  { additionalProperties: false },
)

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

export const EssentialMatchSchema = Type.Object(
  {
    institution: Type.String(),
    grade: EssentialGradeSchema,
    levels: Type.Array(EssentialLevelSchema),
    delta: Type.Number(),
    relation: RelationSchema,
    score: Type.Number({ minimum: 0, maximum: 1, description: `As in the GET: ${SCORE_FORMULA}.` }),
  },
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
    matches: Type.Array(EssentialMatchSchema),
  },
  { additionalProperties: false },
)

const BatchSummary = {
  total: Type.Integer({ description: 'Items in the batch.' }),
  failed: Type.Integer({ description: 'Items answered with a problem.' }),
}

const entryRef = Type.Optional(Type.String({ maxLength: 200, description: 'The item’s `ref`, when it has one.' }))

/**
 * What each entry is serialized with, one schema per shape: the answer is written entry by entry
 * (an entry that repeats is written once), so no per-entry anyOf is ever evaluated.
 */
export const EssentialEntrySchema = Type.Object(
  { ref: entryRef, results: Type.Array(EssentialResultSchema) },
  { additionalProperties: false, description: 'An item answered with the essentials of each match.' },
)
export const FullEntrySchema = Type.Object(
  { ref: entryRef, results: Type.Array(CrosswalkResultSchema) },
  { additionalProperties: false, description: 'An item answered with the GET’s whole result (`detail=full`).' },
)

/** An item answered with a problem: RFC 9457 problem details for that item alone, and its `ref`. */
export const BatchItemProblemSchema = Type.Object(
  { ref: entryRef, ...ProblemSchema.properties },
  { additionalProperties: false, description: 'The problem with one item; `errors[].path` points into the request.' },
)

/** For the OpenAPI document: each entry is a result list or the item’s problem. */
export const BatchResponseSchema = Type.Object(
  {
    items: Type.Array(Type.Union([EssentialEntrySchema, FullEntrySchema, BatchItemProblemSchema]), {
      description: 'One entry per item, in input order: `{ results }` as the GET answers it, or a problem.',
    }),
    ...BatchSummary,
  },
  { additionalProperties: false },
)

nameComponents({
  BatchGradeItem: BatchGradeItemSchema,
  BatchJobCodeItem: BatchJobCodeItemSchema,
  BatchLevelItem: BatchLevelItemSchema,
  BatchSeniorityItem: BatchSeniorityItemSchema,
  BatchItem: BatchItemUnionSchema,
  BatchRequest: BatchRequestDocumentSchema,
  EssentialMatch: EssentialMatchSchema,
  EssentialResult: EssentialResultSchema,
  EssentialEntry: EssentialEntrySchema,
  FullEntry: FullEntrySchema,
  BatchItemProblem: BatchItemProblemSchema,
  BatchResponse: BatchResponseSchema,
})
