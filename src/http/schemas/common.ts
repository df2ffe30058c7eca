// Shared atoms of the API: ids, seniority, citations, pagination and the problem-details error.
import { type Static, type TSchema, Type } from 'typebox'
import {
  CitationSchema as DocumentCitationSchema,
  RecordIdSchema,
  SlugSchema,
  TrackSchema,
} from '../../documents/schema.js'

export { RecordIdSchema, SlugSchema, TrackSchema }

/**
 * The mark of a schema that the OpenAPI document names as a component (`#/components/schemas/<name>`),
 * so that generated clients get readable type names. The schemas stay inline in the route
 * schemas, where the validator and the serializer read them as they are (both ignore the mark);
 * the swagger plugin moves each marked schema into `components` and refers to it by `$ref`.
 */
export const componentMark = 'x-component'

/** The descriptions the named schemas were declared with, by name (see swagger.ts). */
export const componentDescriptions = new Map<string, string | undefined>()

/** Marks schemas as named components, in place. A name is given once; response-only schemas only. */
export function nameComponents(schemas: Record<string, TSchema>): void {
  for (const [name, schema] of Object.entries(schemas)) {
    if (componentDescriptions.has(name)) throw new Error(`component ${name} is named twice`)
    componentDescriptions.set(name, (schema as { description?: string }).description)
    Object.assign(schema, { [componentMark]: name })
  }
}

/** A citation as the API answers it (a copy: the document schema it comes from is validated with Ajv, which refuses marks). */
export const CitationSchema = { ...DocumentCitationSchema } as typeof DocumentCitationSchema

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

/**
 * The bound of a text answer (CSV, NDJSON, a source text): the longest string Node can build, since
 * an export holds every matching row. A JSON answer's strings keep the default bound.
 */
export const maxTextLength = 536_870_888

/** A text body (CSV, NDJSON, plain text) as a response declares it. */
export function textBody(description: string) {
  return Type.String({ maxLength: maxTextLength, description })
}

/** The Link header of a paged answer (RFC 8288). */
export const linkHeader = {
  Link: {
    type: 'string',
    maxLength: 4000,
    description: 'The next and previous pages of the same query (`rel="next"`, `rel="prev"`), when there are any.',
  },
}

export const BomSchema = Type.Boolean({
  description:
    'CSV only: start the answer with a UTF-8 byte order mark, so that Excel and LibreOffice read it as UTF-8 (accents, en dashes) when the file is opened directly.',
})

/** A response declaration for a problem status: the body is application/problem+json. */
export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemRef } } }
}

export const problemResponses = {
  400: problemResponse('Malformed request: a parameter is invalid, unknown, or conflicts with another.'),
  404: problemResponse('An institution, family, grade, job code or level that does not exist.'),
}

nameComponents({
  SeniorityRange: SeniorityRangeSchema,
  GradeRef: GradeRefSchema,
  LevelSummary: LevelSummarySchema,
  Citation: CitationSchema,
})
