// Leveling a submission: normalize and split the text into jobs, read each job's evidence, propose
// a point for each with the fitted model, hold the ladder's order, and write the rationale.
// Reading does not depend on the model, so a text is read once and can be scored by any model
// (the leave-one-employer-out evaluation scores the same readings with many fits). Structured
// items (JSON, CSV) enter at levelEvidence, after reading.
import type { InstitutionDocument } from '../documents/schema.js'
import { enforceLadder } from './ladder.js'
import { type LevelingModel, proposeJob } from './model.js'
import { normalize } from './normalize.js'
import { writeRationale } from './rationale.js'
import { isRecognisableJob, type JobReading, readJob } from './read.js'
import { splitNormalized } from './split.js'
import { looksLikeJobDescription } from './titles.js'
import type { JobEvidence, JobText, NearestJob, Proposal, Track } from './types.js'

/** Most characters a submitted text may have, and most jobs a submission may hold. */
export const maxTextLength = 1_000_000
export const maxJobs = 500

/** A submission that cannot be leveled, with the place that is wrong (a JSON pointer or a CSV cell). */
export class LevelingInputError extends Error {
  override name = 'LevelingInputError'
  constructor(
    readonly code: 'empty' | 'no-job' | 'too-large' | 'too-many-jobs' | 'bad-item' | 'bad-csv' | 'bad-file',
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
  /** The layout the split used. */
  layout: string
  jobs: Proposal[]
  evidence: JobEvidence[]
  texts: JobText[]
}

/** A text read into jobs and their evidence, before any model scores it. */
export interface ReadText {
  split: string
  layout: string
  readings: JobReading[]
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

/** Proposals for jobs whose evidence is already read (structured items, or read texts). */
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
  const flagged = proposals.map((proposal) => proposal.flags.length)
  enforceLadder(proposals, evidence, options.texts ?? evidence.map(() => ''), model)
  proposals.forEach((proposal, index) => {
    const added = proposal.flags.length - (flagged[index] ?? 0)
    const kept = model.rules.flagConfidence?.factor ?? 1
    if (added > 0) proposal.confidence = Math.max(0.05, Math.round(proposal.confidence * kept ** added * 100) / 100)
  })
  for (const proposal of proposals) {
    proposal.rationale = writeRationale(proposal)
    proposal.nearest = options.reference ? nearestJobs(proposal.seniority.point, proposal.track, options.reference) : []
  }
  return proposals
}

function recognisable(readings: JobReading[], texts: JobText[]) {
  return readings
    .map((reading, index) => ({ reading, text: texts[index] as JobText }))
    .filter(({ reading }) => isRecognisableJob(reading.evidence))
}

/** A text read into jobs: normalized, split by its layout, each job's evidence read. Throws LevelingInputError when there is nothing to level. */
export function readText(submission: string): ReadText {
  if (submission.trim().length === 0) throw new LevelingInputError('empty', 'the text is empty')
  if (submission.length > maxTextLength) {
    throw new LevelingInputError(
      'too-large',
      `the text has ${submission.length} characters; at most ${maxTextLength} can be leveled at once`,
    )
  }
  const normalized = normalize(submission)
  let split = splitNormalized(normalized)
  let readings = split.jobs.map(readJob)
  let kept = recognisable(readings, split.jobs)
  if (kept.length === 0 && split.layout !== 'single') {
    // The layout found parts none of which reads as a job: the text is one job after all.
    split = splitNormalized(normalized, 'single')
    readings = split.jobs.map(readJob)
    kept = recognisable(readings, split.jobs)
  }
  if (kept.length === 0) {
    // A job description the rules read nothing in (duties only) is still leveled, flagged as thin evidence.
    kept = readings
      .map((reading, index) => ({ reading, text: split.jobs[index] as JobText }))
      .filter(({ reading, text }) => looksLikeJobDescription(text.text, reading.evidence.title ?? ''))
  }
  if (kept.length === 0) {
    throw new LevelingInputError(
      'no-job',
      'no recognisable job description: the text names no job title, experience, education, supervision, complexity, leadership, scope or level that a job description states',
    )
  }
  const dropped = readings.length - kept.length
  return {
    split:
      dropped > 0
        ? `${split.method}; ${dropped} part${dropped > 1 ? 's' : ''} without job evidence left out`
        : split.method,
    layout: split.layout,
    readings: kept.map(({ reading }) => reading),
    texts: kept.map(({ text }) => text),
  }
}

/** Scores a read text with a model. */
export function levelRead(read: ReadText, model: LevelingModel, options: LevelingOptions = {}): LevelingResult {
  const evidence = read.readings.map((reading) => reading.evidence)
  const jobs = levelEvidence(evidence, model, { ...options, texts: read.texts.map((text) => text.text) })
  return { split: read.split, layout: read.layout, jobs, evidence, texts: read.texts }
}

/** Splits a text into jobs and levels each. Throws LevelingInputError when there is nothing to level. */
export function levelText(submission: string, model: LevelingModel, options: LevelingOptions = {}): LevelingResult {
  return levelRead(readText(submission), model, options)
}
