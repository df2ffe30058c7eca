// POST /v1/leveling: the three request bodies (a text of job descriptions, JSON job items, a CSV job
// catalog), the query, and the answer: one proposal per job with its factors, quotes, rationale and
// nearest placed jobs, how the submission was split, and the draft document when asked for.
import { type TSchema, Type } from 'typebox'
import { InstitutionDocumentRef } from '../../documents/schema.js'
import { columnSpellings } from '../../leveling/columns.js'
import { maxJobs, maxTextLength } from '../../leveling/level.js'
import { xlsxMediaType } from '../../leveling/spreadsheet.js'
import { EssentialGradeSchema, EssentialLevelSchema } from './batch.js'
import { BomSchema, SlugSchema, TrackSchema } from './common.js'
import { RelationSchema } from './crosswalk.js'

/** Largest request body, in bytes: room for a text of `maxTextLength` characters in any script. */
export const levelingBodyLimit = 4 * 1024 * 1024
/** Most matches each proposal's `nearest` lists. */
export const nearestLimit = 20
/** Longest account of the split the answer gives (a text of many parts is described part by part). */
export const maxSplitLength = 4000
/** Longest JSON `text` item or field value, in characters. */
export const maxItemText = 20_000

/** A string with at least one character that is not white space. */
const Field = (description: string, maxLength: number) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', description })

export const TextItemSchema = Type.Object(
  {
    text: Field('The job description as published, in any layout; read as one job.', maxItemText),
    title: Type.Optional(Field('The job title, when the text does not start with it.', 200)),
  },
  { additionalProperties: false, description: 'A job given as its text.' },
)

export const FieldsItemSchema = Type.Object(
  {
    title: Type.Optional(Field('Job title.', 200)),
    jobCode: Type.Optional(Field('The employer’s job code.', 64)),
    grade: Type.Optional(Field('Grade or pay band, as the employer prints it.', 64)),
    education: Type.Optional(Field('Minimum education, in words: "Bachelor’s degree or equivalent".', 2000)),
    experienceYears: Type.Optional(
      Type.Union([
        Type.Number({ minimum: 0, maximum: 60, description: 'Least years of experience asked.' }),
        Field('Years of experience in words: "2-4 years", "five years".', 200),
      ]),
    ),
    supervisionReceived: Type.Optional(
      Field(
        'Supervision received: close, direct, moderate, general, minimal, limited, independent or none, or a sentence.',
        2000,
      ),
    ),
    supportTier: Type.Optional(Field('Support tier: "1", "2", "1-2", "Tier 3".', 64)),
    leads: Type.Optional(Field('Whom the job leads or manages, in words.', 2000)),
    duties: Type.Optional(
      Type.Union([
        Field('Duties, in one text.', maxItemText),
        Type.Array(Field('One duty.', 480), { minItems: 1, maxItems: 40 }),
      ]),
    ),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'A job given as the evidence fields institution documents use; at least one.',
  },
)

export const LevelingJsonBodySchema = Type.Object(
  {
    jobs: Type.Array(Type.Union([TextItemSchema, FieldsItemSchema]), {
      minItems: 1,
      maxItems: maxJobs,
      description: `At most ${maxJobs} jobs (more is a 413). Each is \`{ text }\` (with an optional title) or the evidence fields, never both.`,
    }),
    draft: Type.Optional({ ...SlugSchema, description: 'As `?draft=`: also answer a draft institution document.' }),
  },
  { additionalProperties: false },
)

export const LevelingTextBodySchema = Type.String({
  minLength: 1,
  maxLength: maxTextLength,
  pattern: '\\S',
  description:
    'One or more job descriptions as HR departments publish them (title, grade or pay band, summary, duties, minimum qualifications, supervision), in any layout. A text that holds several jobs is split where its layout shows them. An empty body, or one of white space only, is 400 `empty-submission`.',
})

const headerSpellings = Object.entries(columnSpellings)
  .map(([field, spellings]) => `${field} (${spellings.join(', ')})`)
  .join('; ')

export const LevelingCsvBodySchema = Type.String({
  minLength: 1,
  maxLength: maxTextLength,
  // A line with something on it, then a line break and something after it: a header and a row.
  pattern: '\\S[^\\n]*\\n[\\s\\S]*\\S',
  description: `A job catalog as an HRIS exports it (RFC 4180): a header row naming the columns, then one row per job, at least one and at most ${maxJobs}. An empty body, one of white space only, or a header without rows is 400 \`empty-submission\`. Headers are compared without case, spaces or punctuation, and with a leading Min, Minimum or Required (or a trailing Required, Min) set aside. The fields and the headers read as each: ${headerSpellings}. A column whose header names no field (Department, FLSA Status…) is not refused: its values are kept with each job (\`otherColumns\`) and it is listed in \`warnings\`; so is a second column for a field already given. A blank header (a trailing comma) is ignored. A row with no value in any job column is left out, with a warning. Refused (400 \`invalid-submission\`, naming the row and column): broken quoting, a value beyond the last header, a header that names no field at all.`,
})

export const LevelingQuerySchema = Type.Object(
  {
    draft: Type.Optional({
      ...SlugSchema,
      description:
        'Also answer a draft institution document with this slug, in the format PUT /v1/institutions/{slug} takes, citing the submitted text (which it carries as its source). JSON only: with `format=csv` or `Accept: text/csv` it is 400 `conflicting-parameters`.',
    }),
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv')], {
        description: 'Overrides the Accept header: `csv` answers one row per job (text/csv).',
      }),
    ),
    bom: Type.Optional(BomSchema),
  },
  { additionalProperties: false },
)

/** Words from the submission; bounded by the submission itself. */
const Submitted = (description: string) => Type.String({ maxLength: maxTextLength, description })

const QuoteSchema = Type.Object({ quote: Submitted('Exact words of the submission.') }, { additionalProperties: false })

export const FactorReadingSchema = Type.Object(
  {
    factor: Type.String({
      maxLength: 40,
      description:
        'experience, education, supervision, complexity, tier, leadership, reports, scope, level, title, role, numeral, grade or pay.',
    }),
    level: Type.String({ maxLength: 8, description: 'The factor level read, e.g. E3, R2, L1.' }),
    descriptor: Type.String({ maxLength: 1000, description: 'What the level stands for.' }),
    point: Type.Number({ description: 'The point on the scale this level indicates, as fitted.' }),
    weight: Type.Number({ description: 'The factor’s fitted weight.' }),
    evidence: Type.Array(QuoteSchema, { maxItems: 100, description: 'The words the level was read from.' }),
  },
  { additionalProperties: false },
)

export const NearestMatchSchema = Type.Object(
  {
    institution: Type.String({ maxLength: 64 }),
    grade: EssentialGradeSchema,
    levels: Type.Array(EssentialLevelSchema, { maxItems: 500 }),
    delta: Type.Number({ description: 'The grade’s point minus the proposal’s.' }),
    relation: RelationSchema,
    score: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
)

export const FlagSchema = Type.Object(
  {
    code: Type.Union(
      [
        Type.Literal('contradiction'),
        Type.Literal('thin-evidence'),
        Type.Literal('placed-by-ladder'),
        Type.Literal('ladder-disagrees'),
        Type.Literal('outside-family'),
        Type.Literal('adjacent-family'),
        Type.Literal('merged-jobs'),
        Type.Literal('uncertain-split'),
        Type.Literal('other-employer'),
      ],
      {
        description:
          'contradiction (readings that cannot all be true), thin-evidence (one factor or none), placed-by-ladder (placed by its rank in a series the text says little more of), ladder-disagrees (out of order with its ladder beyond what the ladder may move), outside-family or adjacent-family (not IT end-user support), merged-jobs (its text holds another level’s heading), uncertain-split, other-employer.',
      },
    ),
    detail: Type.String({ maxLength: 2000, description: 'The doubt, in words.' }),
    quotes: Type.Array(QuoteSchema, { maxItems: 10, description: 'The words that raised it.' }),
  },
  { additionalProperties: false, description: 'A doubt an analyst should check.' },
)

export const FamilyReadingSchema = Type.Object(
  {
    family: Type.Union([Type.Literal('it-end-user-support'), Type.Literal('it-adjacent'), Type.Literal('other')], {
      description:
        'it-end-user-support (what the scale was written for), it-adjacent (networks, systems, development, security, data, operations) or other (outside IT).',
    }),
    words: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 10, description: 'The words that decided.' }),
  },
  { additionalProperties: false },
)

export const ProposalSchema = Type.Object(
  {
    title: Submitted('The job title as read.'),
    grade: Type.Union([Submitted('The grade or pay band the text prints.'), Type.Null()]),
    jobCode: Type.Union([Submitted('The job code the text prints.'), Type.Null()]),
    seniority: Type.Object(
      {
        point: Type.Integer({ minimum: 1, maximum: 7, description: 'Proposed point on the scale.' }),
        band: Type.Object(
          { min: Type.Integer({ minimum: 1, maximum: 7 }), max: Type.Integer({ minimum: 1, maximum: 7 }) },
          { additionalProperties: false, description: 'The points the evidence allows.' },
        ),
      },
      { additionalProperties: false },
    ),
    ownPoint: Type.Integer({
      minimum: 1,
      maximum: 7,
      description:
        'The point the job’s own evidence gives, before its ladder moved it (never more than one point away, unless it was placed by its rank alone).',
    }),
    track: TrackSchema,
    family: FamilyReadingSchema,
    confidence: Type.Number({
      minimum: 0,
      maximum: 1,
      description:
        'Share of the factors’ weight the text speaks to, lowered when the factors disagree, for each doubt flagged, and for a job outside IT end-user support.',
    }),
    factors: Type.Array(FactorReadingSchema, { maxItems: 30 }),
    rationale: Submitted('Why the job sits there, in words.'),
    adjustments: Type.Array(Type.String({ maxLength: 2000 }), {
      maxItems: 20,
      description: 'What moved the point after the factors were combined (a rule, the ladder order).',
    }),
    flags: Type.Array(FlagSchema, {
      maxItems: 50,
      description: 'Doubts an analyst should check; empty when there are none.',
    }),
    otherColumns: Type.Optional(
      Type.Array(
        Type.Object(
          { name: Submitted('The column’s header.'), value: Submitted('The row’s value.') },
          { additionalProperties: false },
        ),
        {
          maxItems: 1000,
          description:
            'CSV only, and only when the row has them: its values under headers that name no evidence field (an HRIS export’s Department, FLSA Status…), kept with the job and not read as evidence.',
        },
      ),
    ),
    nearest: Type.Array(NearestMatchSchema, {
      maxItems: nearestLimit,
      description: `The proposal crosswalked to the institutions loaded, on its own track where the institution has one: the nearest grade in each, best first (score, then distance), at most ${nearestLimit}. Each match as the batch crosswalk answers it.`,
    }),
  },
  { additionalProperties: false },
)

/** Most intake warnings an answer lists; the summary still counts every job. */
export const maxWarnings = 200

export const IntakeWarningSchema = Type.Object(
  {
    row: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'The CSV row (the header is row 1).' }),
    column: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'The CSV column, from 1.' }),
    message: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false, description: 'Something the intake read past rather than refused.' },
)

const Count = (description: string) => Type.Integer({ minimum: 0, description })

export const LevelingSummarySchema = Type.Object(
  {
    jobs: Count('Jobs proposed.'),
    points: Type.Array(
      Type.Object(
        {
          point: Type.Integer({ minimum: 1, maximum: 7 }),
          track: TrackSchema,
          jobs: Count('Jobs at this point on this track.'),
        },
        { additionalProperties: false },
      ),
      {
        maxItems: 21,
        description: 'The spread: jobs per point and track, lowest point first; only the pairs that hold a job.',
      },
    ),
    thinEvidence: Count(
      'Jobs placed on one factor or none (flag `thin-evidence`): mostly the model’s prior, to be checked first.',
    ),
    placedByLadder: Count(
      'Jobs placed by their rank in a series the text says little more of (flag `placed-by-ladder`).',
    ),
    movedByLadder: Count('Jobs whose point differs from the one their own evidence gives (`ownPoint`).'),
    flagged: Count('Jobs with at least one flag.'),
    outsideFamily: Count('Jobs outside IT (family `other`).'),
    adjacentFamily: Count('Jobs in IT but outside end-user support (family `it-adjacent`).'),
  },
  { additionalProperties: false, description: 'What the answer holds, in counts: where to look first.' },
)

export const LevelingResponseSchema = Type.Object(
  {
    summary: LevelingSummarySchema,
    warnings: Type.Array(IntakeWarningSchema, {
      maxItems: maxWarnings,
      description: `What the intake read past rather than refused: a CSV column that names no field (its values are kept in each job's \`otherColumns\`), a second column for a field, values under a blank header, a row with no value in any job column (left out). Empty when there is none; at most ${maxWarnings}.`,
    }),
    split: Type.String({
      maxLength: maxSplitLength,
      description:
        'How the submission was split into jobs, in words: `split on 5 "Jobcode:" headings`, and what no job holds.',
    }),
    layout: Type.String({
      maxLength: 40,
      description:
        'The layout the split used: columns, table-rows, series, excerpts, title-label, repeated-section, headings, title-list, inline-list, single, or structured (JSON items, CSV rows).',
    }),
    jobs: Type.Array(ProposalSchema, { maxItems: maxJobs }),
    draft: Type.Optional({
      ...InstitutionDocumentRef,
      description: 'With `draft`: the draft institution document; PUT /v1/institutions/{slug} takes it unchanged.',
    }),
    draftIssues: Type.Optional(
      Type.Array(
        Type.Object(
          { path: Type.String({ maxLength: 1000 }), message: Type.String({ maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        {
          maxItems: 201,
          description:
            'Present only when the draft would be refused by PUT as it stands (e.g. a submission of more than 100 grades): each problem, as PUT would list it.',
        },
      ),
    ),
  },
  { additionalProperties: false },
)

/** The four media types a leveling submission may be, as a route's body (POST /v1/leveling, POST /v1/drafts). */
export const submissionBody = {
  content: {
    'text/plain': { schema: LevelingTextBodySchema as TSchema },
    'application/json': { schema: LevelingJsonBodySchema as TSchema },
    'text/csv': { schema: LevelingCsvBodySchema as TSchema },
    [xlsxMediaType]: {
      schema: Type.String({
        format: 'binary',
        minLength: 1,
        maxLength: levelingBodyLimit,
        description:
          'An Excel workbook (.xlsx): its first sheet is read as a CSV job catalog is (the same headers, columns kept, rows left out, problems by row and column). A legacy .xls file is 400 `invalid-submission`.',
      }) as TSchema,
    },
  },
}
