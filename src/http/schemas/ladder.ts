import { Type } from 'typebox'
import {
  BomSchema,
  GradeRefSchema,
  LevelSummarySchema,
  nameComponents,
  SeniorityRangeSchema,
  SlugSchema,
  TrackSchema,
} from './common.js'

export const FormatJsonCsvSchema = Type.Union([Type.Literal('json'), Type.Literal('csv')], {
  description: 'Overrides the Accept header: `csv` answers text/csv.',
})

export const LadderQuerySchema = Type.Object(
  {
    institutions: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$', maxLength: 400 }), {
        maxItems: 50,
        description: 'Institution slugs, repeated or comma-separated, in column order. Default: every institution.',
      }),
    ),
    track: Type.Optional(TrackSchema),
    format: Type.Optional(FormatJsonCsvSchema),
    bom: Type.Optional(BomSchema),
  },
  { additionalProperties: false },
)

export const LadderGradeSchema = Type.Object(
  {
    grade: GradeRefSchema,
    seniority: SeniorityRangeSchema,
    placedAt: Type.Union([Type.Literal('point'), Type.Literal('band')], {
      description: '`point`: the grade is placed here; `band`: the point lies inside its range.',
    }),
    levels: Type.Array(LevelSummarySchema),
  },
  { additionalProperties: false },
)

export const LadderSchema = Type.Object(
  {
    institutions: Type.Array(
      Type.Object({ slug: SlugSchema, shortName: Type.String(), name: Type.String() }, { additionalProperties: false }),
      { description: 'The columns, in order.' },
    ),
    points: Type.Array(
      Type.Object(
        {
          value: Type.Integer(),
          code: Type.String(),
          name: Type.String(),
          institutions: Type.Array(
            Type.Object(
              { institution: SlugSchema, grades: Type.Array(LadderGradeSchema) },
              { additionalProperties: false },
            ),
            { description: 'One entry per column, in column order; `grades` is empty where nothing is placed.' },
          ),
        },
        { additionalProperties: false },
      ),
      { description: 'Every point of the scale, lowest first.' },
    ),
  },
  { additionalProperties: false },
)

nameComponents({ LadderGrade: LadderGradeSchema, Ladder: LadderSchema })
