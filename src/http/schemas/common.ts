// Shared atoms of the API: ids, seniority, citations, pagination and the problem-details error.
import { type Static, Type } from 'typebox'
import { CitationSchema, RecordIdSchema, SlugSchema, TrackSchema } from '../../documents/schema.js'

export { CitationSchema, RecordIdSchema, SlugSchema, TrackSchema }

export const SeniorityRangeSchema = Type.Object(
  {
    value: Type.Number({ description: 'Best single point on the normalized scale.' }),
    min: Type.Number({ description: 'Low end of the band the placement allows.' }),
    max: Type.Number({ description: 'High end of the band the placement allows.' }),
  },
  { additionalProperties: false },
)

export const GradeRefSchema = Type.Object(
  {
    id: Type.String({ description: 'Stable grade id: `<institution>.<code>`.' }),
    code: Type.String({ description: "The institution's own grade code, e.g. 57, IC, IT4, Journey." }),
    label: Type.String(),
  },
  { additionalProperties: false },
)

export const LevelSummarySchema = Type.Object(
  {
    id: RecordIdSchema,
    title: Type.String(),
    jobCode: Type.Union([Type.String(), Type.Null()]),
    family: RecordIdSchema,
    grade: Type.String({ description: 'Grade code.' }),
    track: TrackSchema,
    tracks: Type.Array(TrackSchema),
  },
  { additionalProperties: false },
)

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI reference naming the kind of problem.' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    code: Type.String({ description: 'Stable machine-readable problem code.' }),
    errors: Type.Optional(
      Type.Array(
        Type.Object(
          {
            location: Type.Optional(
              Type.Union(
                [Type.Literal('querystring'), Type.Literal('params'), Type.Literal('body'), Type.Literal('headers')],
                { description: 'Where the offending input is.' },
              ),
            ),
            name: Type.Optional(Type.String({ description: 'The offending parameter.' })),
            path: Type.Optional(Type.String({ description: 'JSON pointer into the body.' })),
            row: Type.Optional(
              Type.Integer({ minimum: 1, description: 'CSV body: the row, counted from 1 (the header row).' }),
            ),
            column: Type.Optional(Type.Integer({ minimum: 1, description: 'CSV body: the column, counted from 1.' })),
            message: Type.String(),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { $id: 'Problem', additionalProperties: false, description: 'RFC 9457 problem details.' },
)

export type Problem = Static<typeof ProblemSchema>

/** Reference to the shared Problem schema, for response declarations. */
export const ProblemRef = Type.Unsafe<Problem>(Type.Ref('Problem'))

export const PaginationQuerySchema = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size, at most 100.' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
}

export const PageMetaSchema = {
  total: Type.Integer({ description: 'Items matching the filters, across all pages.' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
}

/** A response declaration for a problem status: the body is application/problem+json. */
export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemRef } } }
}

export const problemResponses = {
  400: problemResponse('Malformed request: a parameter is invalid, unknown, or conflicts with another.'),
  404: problemResponse('An institution, family, grade, job code or level that does not exist.'),
}
