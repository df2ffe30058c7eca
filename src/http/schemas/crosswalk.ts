import { Type } from 'typebox'
import { MATCH_ORDER, SCORE_FORMULA } from '../../crosswalk/rule.js'
import { SeniorityValueSchema } from '../../documents/seniority.js'
import {
  BomSchema,
  CitationSchema,
  GradeRefSchema,
  LevelSummarySchema,
  nameComponents,
  RecordIdSchema,
  SeniorityRangeSchema,
  SlugSchema,
} from './common.js'

export const RelationSchema = Type.Union(
  [
    Type.Literal('exact'),
    Type.Literal('close'),
    Type.Literal('broad'),
    Type.Literal('narrow'),
    Type.Literal('related'),
  ],
  {
    description:
      'SKOS mapping relation of the target to the source: exact (same point, band and track), broad (target band contains the source band), narrow (target band lies inside the source band), close (within one point, or across tracks), related (nothing comparable; nearest given).',
  },
)

export const TrackModeSchema = Type.Union([Type.Literal('same'), Type.Literal('any')], {
  default: 'same',
  description: '`same`: a manager maps to a manager where the target has one; `any`: ignore track.',
})

const matchOrderDescription = `The order of each result's matches: \`best\` (default): ${MATCH_ORDER}; \`catalog\`: the target institutions in the order \`to\` lists them, or by slug.`

/** `order` without a `default` keyword (for a request body: generators read a default as "always sent"). */
export const MatchOrderSchema = Type.Union([Type.Literal('best'), Type.Literal('catalog')], {
  description: matchOrderDescription,
})

export const CrosswalkQuerySchema = Type.Object(
  {
    from: Type.Optional(SlugSchema),
    grade: Type.Optional(
      Type.String({ minLength: 1, maxLength: 32, description: 'Grade code; case-insensitive, 057 = 57.' }),
    ),
    jobCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Job code; case-insensitive.' })),
    level: Type.Optional(RecordIdSchema),
    seniority: Type.Optional(SeniorityValueSchema('A raw point on the normalized scale (alone, without from).')),
    to: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$', maxLength: 400 }), {
        maxItems: 50,
        description: 'Target institution slugs, repeated or comma-separated. Default: every other institution.',
      }),
    ),
    track: Type.Optional(TrackModeSchema),
    order: Type.Optional(
      Type.Union([Type.Literal('best'), Type.Literal('catalog')], {
        default: 'best',
        description: matchOrderDescription,
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        default: 20,
        description:
          'Target institutions per page, at most 100: each result holds one match per target on the page, the page taken from that result’s matches in `order`.',
      }),
    ),
    offset: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0, description: 'Target institutions to skip.' }),
    ),
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv')], {
        description: 'Overrides the Accept header: `csv` answers one row per match (text/csv).',
      }),
    ),
    bom: Type.Optional(BomSchema),
  },
  { additionalProperties: false },
)

export const MatchCitationSchema = Type.Object(
  {
    side: Type.Union([Type.Literal('source'), Type.Literal('target')]),
    institution: SlugSchema,
    grade: Type.String(),
    ...CitationSchema.properties,
  },
  { additionalProperties: false },
)

export const CrosswalkMatchSchema = Type.Object(
  {
    institution: SlugSchema,
    grade: GradeRefSchema,
    levels: Type.Array(LevelSummarySchema, { description: 'The jobs in the target grade that answer the source.' }),
    seniority: SeniorityRangeSchema,
    delta: Type.Number({ description: 'Target point minus source point on the normalized scale.' }),
    relation: RelationSchema,
    score: Type.Number({
      minimum: 0,
      maximum: 1,
      description: `How good the match is: ${SCORE_FORMULA}; only an exact match scores 1.`,
    }),
    comparable: Type.Boolean({ description: 'false when the nearest job is more than one point away.' }),
    trackMatched: Type.Boolean({ description: 'true when a target job shares a track with the source job.' }),
    rationale: Type.String(),
    sources: Type.Array(MatchCitationSchema, { description: 'Placement evidence of the source and target grades.' }),
  },
  { additionalProperties: false },
)

export const CrosswalkSourceSchema = Type.Object(
  {
    institution: Type.Union([SlugSchema, Type.Null()]),
    grade: Type.Union([GradeRefSchema, Type.Null()]),
    level: Type.Union([LevelSummarySchema, Type.Null()]),
    seniority: SeniorityRangeSchema,
  },
  { additionalProperties: false },
)

export const CrosswalkResultSchema = Type.Object(
  { source: CrosswalkSourceSchema, matches: Type.Array(CrosswalkMatchSchema) },
  { additionalProperties: false },
)

export const CrosswalkResponseSchema = Type.Object(
  {
    results: Type.Array(CrosswalkResultSchema, { description: 'One entry per source job.' }),
    total: Type.Integer({ description: 'Target institutions across all pages (`to`, or every other institution).' }),
    limit: Type.Integer({ description: 'Target institutions per page.' }),
    offset: Type.Integer({ description: 'Target institutions skipped.' }),
  },
  { additionalProperties: false },
)

nameComponents({
  Relation: RelationSchema,
  MatchCitation: MatchCitationSchema,
  CrosswalkMatch: CrosswalkMatchSchema,
  CrosswalkSource: CrosswalkSourceSchema,
  CrosswalkResult: CrosswalkResultSchema,
  Crosswalk: CrosswalkResponseSchema,
})
