import { Type } from 'typebox'
import {
  CitationSchema,
  LevelSummarySchema,
  nameComponents,
  RecordIdSchema,
  SeniorityRangeSchema,
  SlugSchema,
} from './common.js'

export const InstitutionSourceSchema = Type.Object(
  {
    file: Type.String({ description: 'Source document, under data/sources/.' }),
    title: Type.String(),
    effectiveDate: Type.Union([Type.String(), Type.Null()]),
    employerNamed: Type.Boolean({
      description: 'false: the document does not name its employer (see identification).',
    }),
    identification: Type.String(),
    quotes: Type.Array(CitationSchema),
  },
  { additionalProperties: false },
)

export const InstitutionSummarySchema = Type.Object(
  {
    slug: SlugSchema,
    name: Type.String(),
    shortName: Type.String(),
    publisher: Type.String(),
    gradeSystem: Type.String(),
    effectiveDate: Type.Union([Type.String(), Type.Null()]),
    source: InstitutionSourceSchema,
    counts: Type.Object(
      { grades: Type.Integer(), families: Type.Integer(), levels: Type.Integer() },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)

export const InstitutionGradeSchema = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    label: Type.String(),
    aliases: Type.Array(Type.String()),
    seniority: SeniorityRangeSchema,
    rationale: Type.String(),
    evidence: Type.Array(CitationSchema),
    levels: Type.Array(LevelSummarySchema),
  },
  { additionalProperties: false },
)

export const InstitutionSchema = Type.Object(
  {
    ...InstitutionSummarySchema.properties,
    notes: Type.Array(Type.String()),
    grades: Type.Array(InstitutionGradeSchema, { description: 'In pay order, lowest first.' }),
    families: Type.Array(
      Type.Object(
        {
          id: RecordIdSchema,
          name: Type.String(),
          code: Type.Union([Type.String(), Type.Null()]),
          levels: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

export const InstitutionListSchema = Type.Object(
  { items: Type.Array(InstitutionSummarySchema), total: Type.Integer() },
  { additionalProperties: false },
)

export const InstitutionParamsSchema = Type.Object({ slug: SlugSchema }, { additionalProperties: false })

nameComponents({
  InstitutionSource: InstitutionSourceSchema,
  InstitutionSummary: InstitutionSummarySchema,
  Grade: InstitutionGradeSchema,
  Institution: InstitutionSchema,
  InstitutionList: InstitutionListSchema,
})
