// A leveling draft under review: the proposal as the leveling model made it (per job: point, band,
// track, confidence, factors, flags, rationale, and the draft document built from it), the
// analyst's decision per job (accept, override with a reason, exclude with a reason), and the
// institution's own fields. Publishing turns it into the institution document PUT stores, exactly
// as reviewed: every job sits at its proposal or at its recorded override, each rationale says
// which, and nothing is moved on the way; a document that breaks a rule is refused, not adjusted.
import type { GradeDocument, InstitutionDocument, JobDocument, Track } from '../documents/schema.js'
import { draftDocument } from '../leveling/draft.js'
import type { LeveledSubmission } from '../leveling/submission.js'
import type { Proposal } from '../leveling/types.js'

export type DraftStateName = 'draft' | 'in-review' | 'published' | 'discarded'

/** One job as the model proposed it: what the reviewer decides on. */
export interface DraftProposal {
  title: string
  grade: string | null
  jobCode: string | null
  point: number
  band: { min: number; max: number }
  ownPoint: number
  track: Track
  family: string
  confidence: number
  flags: { code: string; detail: string }[]
  rationale: string
  factors: { factor: string; level: string; point: number; quotes: string[] }[]
}

export type DecisionInput =
  | { decision: 'accept' }
  | { decision: 'override'; point: number; band?: { min: number; max: number }; track?: Track; reason: string }
  | { decision: 'exclude'; reason: string }

export type Decision = DecisionInput & { by: string; at: string }

/** The institution's fields a reviewer sets: the draft guesses them from the slug and the text. */
export interface DraftFields {
  name?: string
  shortName?: string
  publisher?: string
  gradeSystem?: string
  identification?: string
  employerNamed?: boolean
  effectiveDate?: string | null
  /** Grade labels as the employer writes them, by grade code. */
  gradeLabels?: Record<string, string>
}

export interface DraftRecord {
  slug: string
  state: DraftStateName
  submission: { media: string; split: string; layout: string; warnings: string[] }
  proposals: DraftProposal[]
  /** The document the model drafted (leveling/draft.ts); job i is proposal i. */
  document: InstitutionDocument
  decisions: (Decision | null)[]
  fields: DraftFields
  published: { digest: string; at: string; by: string; revision: number } | null
}

function proposalOf(proposal: Proposal): DraftProposal {
  return {
    title: proposal.title,
    grade: proposal.grade,
    jobCode: proposal.jobCode,
    point: proposal.seniority.point,
    band: { ...proposal.seniority.band },
    ownPoint: proposal.ownPoint,
    track: proposal.track,
    family: proposal.family.family,
    confidence: proposal.confidence,
    flags: proposal.flags.map((flag) => ({ code: flag.code, detail: flag.detail })),
    rationale: proposal.rationale,
    factors: proposal.factors.map((factor) => ({
      factor: factor.factor,
      level: factor.level,
      point: factor.point,
      quotes: factor.evidence.slice(0, 5).map((quote) => quote.quote),
    })),
  }
}

/** A new draft from a leveled submission: the proposal, no decision yet. */
export function newDraft(
  result: LeveledSubmission,
  options: { slug: string; file: string; media: string },
): DraftRecord {
  return {
    slug: options.slug,
    state: 'draft',
    submission: {
      media: options.media,
      split: result.split,
      layout: result.layout,
      warnings: result.warnings.map((warning) =>
        warning.row === null
          ? warning.message
          : `row ${warning.row}${warning.column === null ? '' : `, column ${warning.column}`}: ${warning.message}`,
      ),
    },
    proposals: result.jobs.map(proposalOf),
    document: draftDocument(result, result.sourceText, { slug: options.slug, file: options.file }),
    decisions: result.jobs.map(() => null),
    fields: {},
    published: null,
  }
}

/** Why a decision cannot be taken on a job, or null. */
export function decisionProblem(record: DraftRecord, index: number, input: DecisionInput): string | null {
  if (!record.proposals[index]) return `the draft has ${record.proposals.length} jobs, numbered from 0`
  if (input.decision === 'override') {
    const band = input.band ?? { min: input.point, max: input.point }
    if (band.min > input.point || band.max < input.point) {
      return `the point ${input.point} must lie within the band ${band.min}–${band.max}`
    }
  }
  return null
}

/** The jobs a reviewer must decide before publishing: every flagged job without a decision. */
export function undecidedFlagged(record: DraftRecord): number[] {
  return record.proposals.flatMap((proposal, index) =>
    proposal.flags.length > 0 && !record.decisions[index] ? [index] : [],
  )
}

export function decidedCount(record: DraftRecord): number {
  return record.decisions.filter((decision) => decision !== null).length
}

/** Where a job is published: its override, else its proposal; null when it is excluded. */
export function publishedPlacement(
  record: DraftRecord,
  index: number,
): { point: number; band: { min: number; max: number }; track: Track } | null {
  const proposal = record.proposals[index] as DraftProposal
  const decision = record.decisions[index]
  if (decision?.decision === 'exclude') return null
  if (decision?.decision === 'override') {
    return {
      point: decision.point,
      band: decision.band ?? { min: decision.point, max: decision.point },
      track: decision.track ?? proposal.track,
    }
  }
  return { point: proposal.point, band: proposal.band, track: proposal.track }
}

const day = (at: string) => at.slice(0, 10)
const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text)

function rationaleOf(proposal: DraftProposal, decision: Decision | null, reviewed: boolean): string {
  const proposed = `The leveling model proposed ${proposal.point} (band ${proposal.band.min}–${proposal.band.max}) as ${proposal.track.replace('_', ' ')}`
  if (decision?.decision === 'override') {
    const to = `${decision.point}${decision.band ? ` (band ${decision.band.min}–${decision.band.max})` : ''}`
    return clip(
      `Override by ${decision.by} on ${day(decision.at)}, to ${to}: ${decision.reason} ${proposed}: ${proposal.rationale}`,
      3000,
    )
  }
  if (decision?.decision === 'accept') {
    return clip(`Proposal accepted by ${decision.by} on ${day(decision.at)}. ${proposed}: ${proposal.rationale}`, 3000)
  }
  const status = reviewed ? 'Proposal, not individually decided in review.' : 'Proposal, not yet reviewed.'
  return clip(`${status} ${proposed}: ${proposal.rationale}`, 3000)
}

/**
 * The institution document publishing would store now: the drafted document with the reviewer's
 * fields, each job placed at its override or its proposal (its own placement, with the rationale
 * saying which), excluded jobs left out with the grades they leave empty, and each grade placed
 * over its jobs (its point the lowest of theirs, its band theirs together). Nothing else moves.
 */
export function publishableDocument(record: DraftRecord, revision: number | null): InstitutionDocument {
  const document = structuredClone(record.document)
  const { fields } = record
  if (fields.name !== undefined) document.name = fields.name
  if (fields.shortName !== undefined) document.shortName = fields.shortName
  if (fields.publisher !== undefined) document.publisher = fields.publisher
  if (fields.gradeSystem !== undefined) document.gradeSystem = fields.gradeSystem
  if (fields.identification !== undefined) document.source.identification = fields.identification
  if (fields.employerNamed !== undefined) document.source.employerNamed = fields.employerNamed
  if (fields.effectiveDate !== undefined) document.source.effectiveDate = fields.effectiveDate

  const jobs: JobDocument[] = []
  document.jobs.forEach((job, index) => {
    const placement = publishedPlacement(record, index)
    if (!placement) return
    const proposal = record.proposals[index] as DraftProposal
    jobs.push({
      ...job,
      tracks: [placement.track],
      notes: [],
      placement: {
        seniority: placement.point,
        min: placement.band.min,
        max: placement.band.max,
        rationale: rationaleOf(proposal, record.decisions[index] ?? null, revision !== null),
        evidence: job.sources.slice(0, 12),
      },
    })
  })
  const grades: GradeDocument[] = []
  for (const grade of document.grades) {
    const members = jobs.filter((job) => job.grade === grade.code)
    if (members.length === 0) continue
    const points = members.map((job) => job.placement as NonNullable<JobDocument['placement']>)
    const titles = members.map((job) => `${job.title} at ${job.placement?.seniority}`).join('; ')
    grades.push({
      ...grade,
      label: fields.gradeLabels?.[grade.code] ?? grade.label,
      placement: {
        seniority: Math.min(...points.map((point) => point.seniority)),
        min: Math.min(...points.map((point) => point.min)),
        max: Math.max(...points.map((point) => point.max)),
        rationale: clip(
          `Placed where its jobs are, each as reviewed (${titles}): the lowest of their points, and their bands together.`,
          3000,
        ),
        evidence: grade.placement.evidence,
      },
    })
  }
  const decided = decidedCount(record)
  const overridden = record.decisions.filter((decision) => decision?.decision === 'override').length
  const excluded = record.decisions.filter((decision) => decision?.decision === 'exclude').length
  document.notes = [
    ...document.notes,
    revision === null
      ? 'Every job sits exactly where the leveling model proposed it (its own placement); each grade is placed over its jobs. Nothing is reviewed yet.'
      : `Published from draft ${record.slug} revision ${revision}: ${decided} of ${record.proposals.length} jobs decided in review (${overridden} overridden, ${excluded} excluded); each job's rationale says whether it is the model's proposal or an override, and by whom.`,
  ]
  const families = document.families.map((family) => ({
    ...family,
    summary: clip(`The ${jobs.length} job${jobs.length === 1 ? '' : 's'} published from the reviewed draft.`, 2000),
  }))
  return { ...document, grades, jobs, families }
}

/**
 * The document of a proposal no one has reviewed (POST /v1/leveling?draft=, npm run level --slug):
 * every job exactly at its proposal, as a stored draft would publish it with no decision taken.
 */
export function proposedDocument(
  result: LeveledSubmission,
  options: { slug: string; file: string; media: string },
): InstitutionDocument {
  return publishableDocument(newDraft(result, options), null)
}

export interface JobDiff {
  index: number
  title: string
  jobCode: string | null
  proposal: { point: number; band: { min: number; max: number }; track: Track }
  decision: Decision | null
  publishes: { point: number; band: { min: number; max: number }; track: Track } | null
  published: { point: number; band: { min: number; max: number }; track: Track } | null
  change: 'added' | 'moved' | 'unchanged' | 'excluded'
}

/** Per job: the proposal, the decision, what publishing stores, and what is published now (by job id). */
export function draftDiff(
  record: DraftRecord,
  published: InstitutionDocument | null,
): { jobs: JobDiff[]; removed: { id: string; title: string }[] } {
  const publishedJobs = new Map((published?.jobs ?? []).map((job) => [job.id, job]))
  const gradeOf = new Map((published?.grades ?? []).map((grade) => [grade.code, grade]))
  const ids = new Set<string>()
  const jobs = record.proposals.map((proposal, index): JobDiff => {
    const id = record.document.jobs[index]?.id ?? ''
    ids.add(id)
    const current = publishedJobs.get(id)
    const placement = current ? (current.placement ?? gradeOf.get(current.grade)?.placement) : undefined
    const publishedNow =
      current && placement
        ? {
            point: placement.seniority,
            band: { min: placement.min, max: placement.max },
            track: current.tracks[0] as Track,
          }
        : null
    const publishes = publishedPlacement(record, index)
    const same =
      publishes &&
      publishedNow &&
      publishes.point === publishedNow.point &&
      publishes.band.min === publishedNow.band.min &&
      publishes.band.max === publishedNow.band.max &&
      publishes.track === publishedNow.track
    return {
      index,
      title: proposal.title,
      jobCode: proposal.jobCode,
      proposal: { point: proposal.point, band: proposal.band, track: proposal.track },
      decision: record.decisions[index] ?? null,
      publishes,
      published: publishedNow,
      change: !publishes ? 'excluded' : !publishedNow ? 'added' : same ? 'unchanged' : 'moved',
    }
  })
  const removed = (published?.jobs ?? [])
    .filter((job) => !ids.has(job.id))
    .map((job) => ({ id: job.id, title: job.title }))
  return { jobs, removed }
}
