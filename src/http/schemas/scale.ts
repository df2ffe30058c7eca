import { Type } from 'typebox'
import { GradeRefSchema, LevelSummarySchema, nameComponents, SeniorityRangeSchema, SlugSchema } from './common.js'

export const ScalePointSchema = Type.Object(
  {
    value: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    summary: Type.String(),
    descriptor: Type.Object(
      {
        experience: Type.String(),
        autonomy: Type.String(),
        complexity: Type.String(),
        leadership: Type.String(),
      },
      { additionalProperties: false },
    ),
    references: Type.String(),
    grades: Type.Array(
      Type.Object(
        {
          institution: SlugSchema,
          grade: GradeRefSchema,
          seniority: SeniorityRangeSchema,
          placedAt: Type.Union([Type.Literal('point'), Type.Literal('band')], {
            description: '`point`: the grade is placed here; `band`: the point lies inside its band.',
          }),
          levels: Type.Array(LevelSummarySchema),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

export const ScaleSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    version: Type.String(),
    description: Type.String(),
    min: Type.Integer(),
    max: Type.Integer(),
    calibration: Type.Object(
      {
        statement: Type.String(),
        seniority: Type.Integer(),
        grades: Type.Array(
          Type.Object({ institution: SlugSchema, grade: Type.String() }, { additionalProperties: false }),
        ),
      },
      { additionalProperties: false },
    ),
    points: Type.Array(ScalePointSchema),
  },
  { additionalProperties: false },
)

nameComponents({ ScalePoint: ScalePointSchema, Scale: ScaleSchema })
