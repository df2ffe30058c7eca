// An institution's history: its versions, one version's document, and what changed between two.
import { Type } from 'typebox'
import { InstitutionDocumentRef } from '../../documents/schema.js'
import { SlugSchema } from './common.js'

export const VersionKindSchema = Type.Union([Type.Literal('create'), Type.Literal('replace'), Type.Literal('delete')])

export const VersionListingSchema = Type.Object(
  {
    n: Type.Integer({
      minimum: 1,
      description: 'The version’s number, from 1, rising with each write that changed the document.',
    }),
    kind: VersionKindSchema,
    digest: Type.Union([Type.String({ maxLength: 64 }), Type.Null()], {
      description: 'SHA-256 of the document’s canonical JSON (its ETag then); null for the version a delete made.',
    }),
    changeId: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The change log entry of the write (GET /v1/changes); null for the data files’ first load.',
    }),
    keyName: Type.String({
      maxLength: 64,
      description: 'The API key that wrote it (`data-files` for the first load).',
    }),
    at: Type.String({
      maxLength: 40,
      description: 'When it was published (UTC): it answers every `asOf` from then until the next version.',
    }),
    effectiveDate: Type.Union([Type.String({ maxLength: 10 }), Type.Null()], {
      description: 'The date the source says the structure took effect (`source.effectiveDate`), where it says one.',
    }),
  },
  { additionalProperties: false },
)

export const VersionListSchema = Type.Object(
  { slug: SlugSchema, items: Type.Array(VersionListingSchema) },
  { additionalProperties: false },
)

export const VersionParamsSchema = Type.Object(
  { slug: SlugSchema, n: Type.Integer({ minimum: 1, maximum: 1_000_000 }) },
  { additionalProperties: false },
)

export const VersionSchema = Type.Object(
  {
    ...VersionListingSchema.properties,
    document: Type.Union([InstitutionDocumentRef, Type.Null()], {
      description: 'The document as published; null for a delete.',
    }),
  },
  { additionalProperties: false },
)

/** A version by number, or a moment: a date (the end of that day, UTC) or a timestamp. */
export const VersionPointSchema = Type.String({
  maxLength: 40,
  pattern: '^(\\d{1,7}|\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2}))?)$',
  description:
    'A version number (`3`), a date (`2026-03-15`: as the institution stood at the end of that day, UTC) or a timestamp (`2026-03-15T09:30:00Z`).',
})

export const DiffQuerySchema = Type.Object(
  { from: VersionPointSchema, to: Type.Optional(VersionPointSchema) },
  { additionalProperties: false },
)

const PlacementState = Type.Object(
  { seniority: Type.Number(), min: Type.Number(), max: Type.Number(), rationale: Type.String() },
  { additionalProperties: false },
)
const GradedPlacement = Type.Object(
  { ...PlacementState.properties, grade: Type.String() },
  { additionalProperties: false },
)
const GradeEntry = Type.Object(
  { code: Type.String(), label: Type.String(), placement: PlacementState },
  { additionalProperties: false },
)
const JobEntry = Type.Object(
  { id: Type.String(), title: Type.String(), grade: Type.String(), placement: PlacementState },
  { additionalProperties: false },
)
const Renamed = (key: 'code' | 'id') =>
  Type.Object({ [key]: Type.String(), from: Type.String(), to: Type.String() }, { additionalProperties: false })

export const VersionDiffSchema = Type.Object(
  {
    slug: SlugSchema,
    from: Type.Union([VersionListingSchema, Type.Null()], {
      description: 'The version compared from; null when the institution did not exist then.',
    }),
    to: Type.Union([VersionListingSchema, Type.Null()], {
      description: 'The version compared to; null when it did not exist then.',
    }),
    grades: Type.Object(
      {
        added: Type.Array(GradeEntry),
        removed: Type.Array(GradeEntry),
        moved: Type.Array(
          Type.Object(
            { code: Type.String(), from: PlacementState, to: PlacementState },
            { additionalProperties: false },
          ),
          { description: 'Placed elsewhere on the scale: from → to, each with its rationale.' },
        ),
        renamed: Type.Array(Renamed('code')),
      },
      { additionalProperties: false },
    ),
    jobs: Type.Object(
      {
        added: Type.Array(JobEntry),
        removed: Type.Array(JobEntry),
        moved: Type.Array(
          Type.Object(
            { id: Type.String(), title: Type.String(), from: GradedPlacement, to: GradedPlacement },
            { additionalProperties: false },
          ),
          { description: 'Placed elsewhere (its own placement or its grade’s), or in another grade.' },
        ),
        renamed: Type.Array(Renamed('id')),
      },
      { additionalProperties: false },
    ),
    placementsChanged: Type.Boolean({
      description:
        'Whether anything a crosswalk answer rests on changed: a placement, a grade or job added or removed.',
    }),
  },
  { additionalProperties: false },
)

export const CrosswalkChangesQuerySchema = Type.Object(
  {
    from: { ...SlugSchema, description: 'The source institution.' },
    to: { ...SlugSchema, description: 'The target institution.' },
    since: {
      ...VersionPointSchema,
      pattern: '^\\d{4}-\\d{2}-\\d{2}(T.*)?$',
      description: 'The earlier moment: a date (the end of that day, UTC) or a timestamp.',
    },
    until: Type.Optional({
      ...VersionPointSchema,
      pattern: '^\\d{4}-\\d{2}-\\d{2}(T.*)?$',
      description: 'The later moment; now when left out.',
    }),
  },
  { additionalProperties: false },
)

const MatchState = Type.Object(
  {
    grade: Type.Object(
      { id: Type.String(), code: Type.String(), label: Type.String() },
      { additionalProperties: false },
    ),
    levels: Type.Array(Type.Object({ id: Type.String(), title: Type.String() }, { additionalProperties: false })),
    relation: Type.String(),
    delta: Type.Number(),
    score: Type.Number(),
    rationale: Type.String(),
  },
  { additionalProperties: false },
)

export const CrosswalkChangesSchema = Type.Object(
  {
    from: SlugSchema,
    to: SlugSchema,
    since: Type.String({ description: 'The earlier moment, resolved.' }),
    until: Type.String({ description: 'The later moment, resolved.' }),
    versions: Type.Object(
      { since: Type.String(), until: Type.String() },
      { additionalProperties: false, description: 'The data version of each moment.' },
    ),
    items: Type.Array(
      Type.Object(
        {
          level: Type.Object(
            { id: Type.String(), title: Type.String(), grade: Type.String() },
            { additionalProperties: false },
          ),
          before: Type.Union([MatchState, Type.Null()]),
          after: Type.Union([MatchState, Type.Null()]),
          change: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')]),
        },
        { additionalProperties: false },
      ),
      {
        description:
          'Each source job whose best match in the target differs: added (no answer before), removed, or changed (grade, relation, distance, score or jobs).',
      },
    ),
  },
  { additionalProperties: false },
)
