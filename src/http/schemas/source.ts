import { Type } from 'typebox'
import { nameComponents, SlugSchema } from './common.js'

const SourceFileSchema = Type.String({
  pattern: '^[A-Za-z0-9_.-]+\\.txt$',
  maxLength: 128,
  description: 'The file name a citation names in its `file`.',
})

export const SourceParamsSchema = Type.Object({ file: SourceFileSchema }, { additionalProperties: false })

export const SourceSummarySchema = Type.Object(
  {
    file: SourceFileSchema,
    characters: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    citedBy: Type.Array(SlugSchema, { description: 'Institutions whose documents cite it.' }),
  },
  { additionalProperties: false, $id: 'SourceSummary' },
)

export const SourceListSchema = Type.Object(
  { items: Type.Array(SourceSummarySchema), total: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
)

export const SourceSchema = Type.Object(
  {
    file: SourceFileSchema,
    citedBy: Type.Array(SlugSchema),
    text: Type.String({ maxLength: 1_000_000, description: 'The whole text, as every quote is checked against.' }),
  },
  { additionalProperties: false },
)

nameComponents({ SourceSummary: SourceSummarySchema, Source: SourceSchema, SourceList: SourceListSchema })
