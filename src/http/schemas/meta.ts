import { Type } from 'typebox'
import { nameComponents, SlugSchema } from './common.js'

export const MetaSchema = Type.Object(
  {
    dataVersion: Type.String({
      description: 'Content hash of the loaded scale and institution documents; part of every ETag.',
    }),
    changedAt: Type.Union([Type.String({ format: 'date-time', maxLength: 40 }), Type.Null()], {
      description:
        'When the data was last written (ISO 8601, UTC): the `at` of the change log’s last entry (a write through the API or the import, including a PUT that left the document as it was), or the first load. Null when the store has no record of it.',
    }),
    scale: Type.Object(
      { id: Type.String(), version: Type.String(), points: Type.Integer() },
      { additionalProperties: false },
    ),
    counts: Type.Object(
      { institutions: Type.Integer(), families: Type.Integer(), grades: Type.Integer(), levels: Type.Integer() },
      { additionalProperties: false, description: 'Levels are jobs.' },
    ),
    institutions: Type.Array(
      Type.Object(
        {
          slug: SlugSchema,
          name: Type.String(),
          effectiveDate: Type.Union([Type.String(), Type.Null()]),
          source: Type.Object(
            { file: Type.String(), title: Type.String(), employerNamed: Type.Boolean() },
            { additionalProperties: false },
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

nameComponents({ Meta: MetaSchema })
