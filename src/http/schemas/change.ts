import { Type } from 'typebox'
import { nameComponents, PageMetaSchema, PaginationQuerySchema, SlugSchema } from './common.js'

export const DataVersionSchema = Type.String({
  pattern: '^[0-9a-f]{16}$',
  description: 'Data version: a content hash of the scale and every institution document (as in /readyz).',
})

export const ChangeSchema = Type.Object(
  {
    id: Type.Integer({ description: 'Position in the change log, rising.' }),
    at: Type.String({ format: 'date-time', description: 'When the write committed (UTC).' }),
    keyName: Type.String({ description: 'Name of the API key that wrote, or `cli` for npm run import.' }),
    institution: SlugSchema,
    kind: Type.Union([Type.Literal('create'), Type.Literal('replace'), Type.Literal('delete')]),
    versionBefore: DataVersionSchema,
    versionAfter: DataVersionSchema,
  },
  {
    additionalProperties: false,
    description:
      'One committed write. Every acknowledged write is logged, also one that leaves the data as it was (a PUT of the document already stored): its `kind` is `replace` and `versionBefore` equals `versionAfter`.',
  },
)

export const ChangeListQuerySchema = Type.Object(
  {
    since: Type.Optional(
      Type.String({
        maxLength: 40,
        pattern:
          '^(?:[0-9a-f]{16}|\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2}))?)$',
        description:
          'A data version (changes made after the data was at it; an unknown version is a 404) or an ISO 8601 time (changes at or after it).',
      }),
    ),
    ...PaginationQuerySchema,
  },
  { additionalProperties: false },
)

export const ChangeListSchema = Type.Object(
  { items: Type.Array(ChangeSchema), ...PageMetaSchema },
  { additionalProperties: false, description: 'Changes, oldest first.' },
)

nameComponents({ Change: ChangeSchema, ChangeList: ChangeListSchema })
