import { Type } from 'typebox'
import { CitationSchema, LevelSummarySchema, nameComponents, RecordIdSchema, SlugSchema } from './common.js'

export const FamilySummarySchema = Type.Object(
  {
    id: RecordIdSchema,
    institution: SlugSchema,
    name: Type.String(),
    code: Type.Union([Type.String(), Type.Null()]),
    summary: Type.String(),
    sources: Type.Array(CitationSchema),
    notes: Type.Array(Type.String()),
  },
  { additionalProperties: false },
)

export const FamilySchema = Type.Object(
  {
    ...FamilySummarySchema.properties,
    levels: Type.Array(LevelSummarySchema, { description: 'In pay order, lowest first.' }),
  },
  { additionalProperties: false },
)

export const FamilyListQuerySchema = Type.Object(
  { institution: Type.Optional(SlugSchema) },
  { additionalProperties: false },
)

export const FamilyListSchema = Type.Object(
  { items: Type.Array(FamilySummarySchema), total: Type.Integer() },
  { additionalProperties: false },
)

export const FamilyParamsSchema = Type.Object({ id: RecordIdSchema }, { additionalProperties: false })

nameComponents({ FamilySummary: FamilySummarySchema, Family: FamilySchema, FamilyList: FamilyListSchema })
