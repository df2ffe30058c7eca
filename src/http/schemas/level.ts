import { Type } from 'typebox'
import { SupervisionSchema } from '../../documents/schema.js'
import {
  BomSchema,
  CitationSchema,
  GradeRefSchema,
  nameComponents,
  PageMetaSchema,
  PaginationQuerySchema,
  RecordIdSchema,
  SeniorityRangeSchema,
  SlugSchema,
  TrackSchema,
} from './common.js'

export const LevelSchema = Type.Object(
  {
    id: RecordIdSchema,
    institution: SlugSchema,
    family: RecordIdSchema,
    grade: GradeRefSchema,
    title: Type.String(),
    jobCode: Type.Union([Type.String(), Type.Null()]),
    track: TrackSchema,
    tracks: Type.Array(TrackSchema, { description: 'Every track the source puts the job on; the first is `track`.' }),
    flsa: Type.Union([Type.Literal('exempt'), Type.Literal('non_exempt'), Type.Null()]),
    seniority: SeniorityRangeSchema,
    placement: Type.Object(
      {
        by: Type.Union([Type.Literal('job'), Type.Literal('grade')], {
          description:
            '`job` when the job carries its own placement (its evidence differs from its grade’s), `grade` when it takes its grade’s.',
        }),
        rationale: Type.String(),
        evidence: Type.Array(CitationSchema),
      },
      { additionalProperties: false, description: 'Why the job sits at `seniority`, with the quotes behind it.' },
    ),
    inferredCodes: Type.Array(
      Type.Object({ code: Type.String(), basis: Type.String() }, { additionalProperties: false }),
      { description: 'Codes the public record gives for the job but its source does not print, with the basis.' },
    ),
    summary: Type.String(),
    education: Type.Object(
      { minimum: Type.Union([Type.String(), Type.Null()]), typical: Type.Union([Type.String(), Type.Null()]) },
      { additionalProperties: false },
    ),
    experience: Type.Object(
      {
        minYears: Type.Union([Type.Number(), Type.Null()]),
        typicalYears: Type.Union([Type.Number(), Type.Null()]),
        maxYears: Type.Union([Type.Number(), Type.Null()]),
        note: Type.Union([Type.String(), Type.Null()]),
      },
      { additionalProperties: false },
    ),
    supervisionReceived: Type.Union([SupervisionSchema, Type.Null()]),
    supportTier: Type.Union([Type.String(), Type.Null()]),
    leads: Type.Union([Type.String(), Type.Null()]),
    duties: Type.Array(Type.String()),
    sources: Type.Array(CitationSchema),
    notes: Type.Array(Type.String()),
  },
  { additionalProperties: false },
)

export const LevelListQuerySchema = Type.Object(
  {
    institution: Type.Optional(SlugSchema),
    family: Type.Optional(RecordIdSchema),
    track: Type.Optional(TrackSchema),
    grade: Type.Optional(
      Type.String({ minLength: 1, maxLength: 32, description: 'Grade code (case-insensitive, 057 = 57).' }),
    ),
    jobCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    seniorityMin: Type.Optional(Type.Number({ description: "Lowest point of the level's placement." })),
    seniorityMax: Type.Optional(Type.Number({ description: "Highest point of the level's placement." })),
    ...PaginationQuerySchema,
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('ndjson')], {
        description:
          'Overrides the Accept header. CSV and NDJSON hold every matching level unless `limit` or `offset` is given.',
      }),
    ),
    bom: Type.Optional(BomSchema),
  },
  { additionalProperties: false },
)

export const LevelListSchema = Type.Object(
  { items: Type.Array(LevelSchema), ...PageMetaSchema },
  { additionalProperties: false },
)

export const LevelParamsSchema = Type.Object({ id: RecordIdSchema }, { additionalProperties: false })

nameComponents({ Level: LevelSchema, LevelList: LevelListSchema })
