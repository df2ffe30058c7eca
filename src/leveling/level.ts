// Leveling a submission: split the text into jobs, read each job's evidence, propose a point for
// each with the fitted model, hold the ladder's order, and write the rationale. Structured items
// (JSON, CSV) enter at levelEvidence, after extraction.
import type { InstitutionDocument } from '../documents/schema.js'
import { extractEvidence, isRecognisableJob } from './extract.js'
import { enforceLadder, gradeKeyOf } from './ladder.js'
import { type LevelingModel, proposeJob } from './model.js'
import { writeRationale } from './rationale.js'
import { splitJobs } from './split.js'
import type { JobEvidence, JobText, NearestJob, Proposal, Track } from './types.js'

/** Most characters a submitted text may have, and most jobs a submission may hold. */
export const maxTextLength = 1_000_000
export const maxJobs = 500

/** A submission that cannot be leveled, with the place that is wrong (a JSON pointer or a CSV cell). */
export class LevelingInputError extends Error {
  override name = 'LevelingInputError'
  constructor(
    readonly code: 'empty' | 'no-job' | 'too-large' | 'too-many-jobs' | 'bad-item' | 'bad-csv',
    message: string,
    readonly place: string = '',
  ) {
    super(message)
  }
}

export interface LevelingOptions {
  /** Curated institutions to name the nearest placed jobs from. */
  reference?: InstitutionDocument[]
}

export interface LevelingResult {
  /** How the submission was split into jobs. */
  split: string
  jobs: Proposal[]
  evidence: JobEvidence[]
  texts: JobText[]
}

function nearestJobs(point: number, track: Track, reference: InstitutionDocument[]): NearestJob[] {
  const candidates: (NearestJob & { distance: number })[] = []
  for (const institution of reference) {
    let best: (NearestJob & { distance: number }) | null = null
    for (const job of institution.jobs) {
      const grade = institution.grades.find((candidate) => candidate.code === job.grade)
      if (!grade) continue
      const distance = Math.abs(grade.placement.seniority - point) + (job.tracks.includes(track) ? 0 : 0.5)
      if (!best || distance < best.distance) {
        best = {
          institution: institution.slug,
          grade: grade.code,
          title: job.title,
          seniority: grade.placement.seniority,
          track: job.tracks.includes(track) ? track : (job.tracks[0] ?? 'individual_contributor'),
          distance,
        }
      }
    }
    if (best && best.distance <= 1) candidates.push(best)
  }
  return candidates
    .sort((a, b) => a.distance - b.distance || a.institution.localeCompare(b.institution))
    .slice(0, 5)
    .map(({ distance: _distance, ...job }) => job)
}

/** Proposals for jobs whose evidence is already read (structured items, or extracted texts). */
export function levelEvidence(
  evidence: JobEvidence[],
  model: LevelingModel,
  options: LevelingOptions & { texts?: string[] } = {},
): Proposal[] {
  if (evidence.length > maxJobs) {
    throw new LevelingInputError(
      'too-many-jobs',
      `at most ${maxJobs} jobs can be leveled at once; this has ${evidence.length}`,
    )
  }
  const proposals = evidence.map((job) => proposeJob(job, model))
  const flagged = proposals.map((proposal) => proposal.flags?.length ?? 0)
  enforceLadder(proposals, evidence, options.texts ?? evidence.map(() => ''))
  proposals.forEach((proposal, index) => {
    const added = (proposal.flags?.length ?? 0) - (flagged[index] ?? 0)
    const kept = model.rules.flagConfidence?.factor ?? 1
    if (added > 0) proposal.confidence = Math.max(0.05, Math.round(proposal.confidence * kept ** added * 100) / 100)
  })
  for (const proposal of proposals) {
    proposal.rationale = writeRationale(proposal)
    proposal.nearest = options.reference ? nearestJobs(proposal.seniority.point, proposal.track, options.reference) : []
  }
  return proposals
}

/** Splits a text into jobs and levels each. Throws LevelingInputError when there is nothing to level. */
export function levelText(submission: string, model: LevelingModel, options: LevelingOptions = {}): LevelingResult {
  if (submission.trim().length === 0) throw new LevelingInputError('empty', 'the text is empty')
  if (submission.length > maxTextLength) {
    throw new LevelingInputError(
      'too-large',
      `the text has ${submission.length} characters; at most ${maxTextLength} can be leveled at once`,
    )
  }
  const split = splitJobs(submission)
  const texts = split.jobs
  const evidence = texts.map(extractEvidence)
  // A job with no evidence but its grade still has a place when the text ranks several jobs by grade.
  const systems = new Map<string, number>()
  for (const job of evidence) {
    const key = gradeKeyOf(job.grade)
    if (key) systems.set(key.system, (systems.get(key.system) ?? 0) + 1)
  }
  const ranked = (job: JobEvidence) => (systems.get(gradeKeyOf(job.grade)?.system ?? '') ?? 0) >= 2
  const kept = evidence
    .map((job, index) => ({ job, text: texts[index] as JobText }))
    .filter(({ job }) => isRecognisableJob(job) || ranked(job))
  if (kept.length === 0) {
    throw new LevelingInputError(
      'no-job',
      'no recognisable job description: the text names no experience, education, supervision, complexity, leadership, scope or level that a job description states',
    )
  }
  const dropped = texts.length - kept.length
  const jobs = levelEvidence(
    kept.map(({ job }) => job),
    model,
    { ...options, texts: kept.map(({ text }) => text.text) },
  )
  return {
    split:
      dropped > 0
        ? `${split.method}; ${dropped} part${dropped > 1 ? 's' : ''} without job evidence left out`
        : split.method,
    jobs,
    evidence: kept.map(({ job }) => job),
    texts: kept.map(({ text }) => text),
  }
}
