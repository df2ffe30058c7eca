// The data-file formats in data/: one scale document and one document per institution.
// The same schemas validate the files at load time and, later, documents sent over HTTP.
import { type Static, Type } from 'typebox'
import { SeniorityValueSchema } from './seniority.js'

const Text = (maxLength = 2000) => Type.String({ minLength: 1, maxLength })

export const SlugSchema = Type.String({
  pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$',
  minLength: 2,
  maxLength: 64,
  description: 'Institution slug: lower-case words joined by hyphens.',
})

/** A stable, readable id: `<institution slug>.<local part>`, e.g. `harvard.10657P`. */
export const RecordIdSchema = Type.String({
  pattern: '^[a-z][a-z0-9-]*\\.[A-Za-z0-9][A-Za-z0-9._-]*$',
  minLength: 3,
  maxLength: 128,
})

export const TrackSchema = Type.Union([Type.Literal('individual_contributor'), Type.Literal('management')])

export const SupervisionSchema = Type.Union(
  [Type.Literal('direct'), Type.Literal('general'), Type.Literal('minimal'), Type.Literal('independent')],
  { description: 'Supervision received, from closest to least.' },
)

const SourceFileSchema = Type.String({ pattern: '^[A-Za-z0-9_.-]+\\.txt$', maxLength: 128 })

/** A verbatim quote from a source document (a file in data/sources/, or a text the document carries). */
export const CitationSchema = Type.Object(
  {
    file: SourceFileSchema,
    quote: Text(600),
    correction: Type.Optional(
      Type.Object(
        {
          reads: Text(200),
          correctedTo: Text(200),
          reason: Text(400),
        },
        { additionalProperties: false, description: 'A scan error in the quoted text and how it was read.' },
      ),
    ),
  },
  { additionalProperties: false },
)

export const PlacementSchema = Type.Object(
  {
    seniority: SeniorityValueSchema('Best single point on the normalized scale.'),
    min: SeniorityValueSchema('Lowest point the grade can honestly be placed at.'),
    max: SeniorityValueSchema('Highest point the grade can honestly be placed at.'),
    rationale: Text(3000),
    evidence: Type.Array(CitationSchema, { minItems: 1, maxItems: 12 }),
  },
  { additionalProperties: false },
)

export const GradeDocumentSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$', maxLength: 32 }),
    label: Text(100),
    aliases: Type.Array(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$', maxLength: 32 }), { maxItems: 8 }),
    placement: PlacementSchema,
  },
  { additionalProperties: false },
)

export const FamilyDocumentSchema = Type.Object(
  {
    id: RecordIdSchema,
    name: Text(200),
    code: Type.Union([Text(32), Type.Null()]),
    summary: Text(2000),
    sources: Type.Array(CitationSchema, { minItems: 1, maxItems: 8 }),
    notes: Type.Array(Text(1000), { maxItems: 12 }),
  },
  { additionalProperties: false },
)

export const JobDocumentSchema = Type.Object(
  {
    id: RecordIdSchema,
    title: Text(200),
    jobCode: Type.Union([Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$', maxLength: 32 }), Type.Null()]),
    grade: Type.String({ maxLength: 32 }),
    family: RecordIdSchema,
    tracks: Type.Array(TrackSchema, {
      minItems: 1,
      maxItems: 2,
      uniqueItems: true,
      description: 'The first track is the primary one; a second means the source puts the job on both.',
    }),
    flsa: Type.Union([Type.Literal('exempt'), Type.Literal('non_exempt'), Type.Null()]),
    summary: Text(2000),
    education: Type.Object(
      {
        minimum: Type.Union([Text(1000), Type.Null()]),
        typical: Type.Union([Text(1000), Type.Null()]),
      },
      { additionalProperties: false },
    ),
    experience: Type.Object(
      {
        minYears: Type.Union([Type.Number({ minimum: 0, maximum: 40 }), Type.Null()]),
        typicalYears: Type.Union([Type.Number({ minimum: 0, maximum: 40 }), Type.Null()]),
        maxYears: Type.Union([Type.Number({ minimum: 0, maximum: 40 }), Type.Null()]),
        note: Type.Union([Text(1000), Type.Null()]),
      },
      { additionalProperties: false },
    ),
    supervisionReceived: Type.Union([SupervisionSchema, Type.Null()]),
    supportTier: Type.Union([Type.String({ pattern: '^[1-3](-[1-3])?$', maxLength: 3 }), Type.Null()]),
    leads: Type.Union([Text(1000), Type.Null()]),
    duties: Type.Array(Text(1000), { maxItems: 40 }),
    sources: Type.Array(CitationSchema, { minItems: 1, maxItems: 16 }),
    notes: Type.Array(Text(1000), { maxItems: 12 }),
    placement: Type.Optional({
      ...PlacementSchema,
      description:
        "The job's own placement, where its own evidence differs from its grade's (a grade is a pay rung; two jobs in one grade can differ). Without it the job takes its grade's placement.",
    }),
    inferredCodes: Type.Optional(
      Type.Array(
        Type.Object(
          {
            code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$', maxLength: 32 }),
            basis: Text(1000),
          },
          { additionalProperties: false },
        ),
        {
          maxItems: 4,
          description:
            'Codes the public record gives for this job but the source document does not print (a class code), with the basis of the identification. Found by job-code lookup and search, marked as inferred.',
        },
      ),
    ),
  },
  { additionalProperties: false },
)

/** The text of a source document, carried by an institution document that cites it. */
export const SourceTextSchema = Type.Object(
  {
    file: SourceFileSchema,
    text: Type.String({ minLength: 1, maxLength: 1_000_000 }),
  },
  { additionalProperties: false },
)

export const InstitutionDocumentSchema = Type.Object(
  {
    slug: SlugSchema,
    name: Text(200),
    shortName: Text(60),
    publisher: Text(200),
    gradeSystem: Text(300),
    source: Type.Object(
      {
        file: Type.String({ pattern: '^[A-Za-z0-9_.-]+\\.txt$', maxLength: 128 }),
        title: Text(300),
        effectiveDate: Type.Union([
          Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', maxLength: 10 }),
          Type.Null(),
        ]),
        employerNamed: Type.Boolean({ description: 'false when the document does not name its employer.' }),
        identification: Text(1000),
        quotes: Type.Array(CitationSchema, { minItems: 1, maxItems: 8 }),
      },
      { additionalProperties: false },
    ),
    notes: Type.Array(Text(1000), { maxItems: 12 }),
    grades: Type.Array(GradeDocumentSchema, { minItems: 1, maxItems: 100 }),
    families: Type.Array(FamilyDocumentSchema, { minItems: 1, maxItems: 50 }),
    jobs: Type.Array(JobDocumentSchema, { minItems: 1, maxItems: 500 }),
    sources: Type.Optional(
      Type.Array(SourceTextSchema, {
        maxItems: 8,
        description:
          'The texts of source documents this document cites, when the service does not hold them yet (GET /v1/sources lists those it holds). Every quote must be found in the source it cites. The texts are stored once, under their file names, and served at /v1/sources/{file}; the stored document names them without carrying them.',
      }),
    ),
  },
  { additionalProperties: false },
)

/** The institution document as a shared schema (components.schemas.InstitutionDocument in OpenAPI). */
export const InstitutionDocumentComponent = { ...InstitutionDocumentSchema, $id: 'InstitutionDocument' }

/** Reference to the shared InstitutionDocument schema, for request and response declarations. */
export const InstitutionDocumentRef = Type.Unsafe<Static<typeof InstitutionDocumentSchema>>(
  Type.Ref('InstitutionDocument'),
)

export const ScalePointDocumentSchema = Type.Object(
  {
    value: Type.Integer({ minimum: 1, maximum: 20 }),
    code: Type.String({ pattern: '^[A-Z0-9-]+$', maxLength: 16 }),
    name: Text(60),
    summary: Text(500),
    descriptor: Type.Object(
      {
        experience: Text(500),
        autonomy: Text(500),
        complexity: Text(500),
        leadership: Text(500),
      },
      { additionalProperties: false },
    ),
    references: Text(500),
  },
  { additionalProperties: false },
)

export const ScaleDocumentSchema = Type.Object(
  {
    id: SlugSchema,
    name: Text(100),
    version: Text(20),
    description: Text(3000),
    calibration: Type.Object(
      {
        statement: Text(500),
        seniority: Type.Integer(),
        grades: Type.Array(
          Type.Object({ institution: SlugSchema, grade: Type.String() }, { additionalProperties: false }),
          {
            minItems: 2,
          },
        ),
      },
      { additionalProperties: false },
    ),
    points: Type.Array(ScalePointDocumentSchema, { minItems: 2, maxItems: 20 }),
  },
  { additionalProperties: false },
)

export type Citation = Static<typeof CitationSchema>
export type Placement = Static<typeof PlacementSchema>
export type SourceText = Static<typeof SourceTextSchema>
export type GradeDocument = Static<typeof GradeDocumentSchema>
export type FamilyDocument = Static<typeof FamilyDocumentSchema>
export type JobDocument = Static<typeof JobDocumentSchema>
export type InstitutionDocument = Static<typeof InstitutionDocumentSchema>
export type ScaleDocument = Static<typeof ScaleDocumentSchema>
export type ScalePointDocument = Static<typeof ScalePointDocumentSchema>
export type Track = Static<typeof TrackSchema>
