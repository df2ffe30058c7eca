// What a caller can ask the crosswalk for, and how each input resolves to its source entries: one
// per job it names (a grade can hold several).
import type { Catalog, Grade, Institution, Job, SeniorityRange } from '../catalog/model.js'
import { findJob } from '../catalog/model.js'
import { gradeKey, jobCodeKey } from '../documents/codes.js'
import type { Track } from '../documents/schema.js'

export type TrackMode = 'same' | 'any'

export type CrosswalkInput =
  | { institution: string; grade: string }
  | { institution: string; jobCode: string }
  | { level: string; institution?: string }
  | { seniority: number }

export interface CrosswalkSource {
  institution: Institution | null
  grade: Grade | null
  job: Job | null
  seniority: SeniorityRange
  /** The tracks of a source that is not a catalog job (a leveling proposal); a job's own otherwise. */
  tracks?: readonly Track[]
}

/** The tracks a source maps on with track=same: its job's, or its own; null when it has none. */
export function sourceTracksOf(source: CrosswalkSource): readonly Track[] | null {
  return source.job ? source.job.tracks : (source.tracks ?? null)
}

export type CrosswalkErrorCode =
  | 'unknown-institution'
  | 'unknown-grade'
  | 'unknown-job-code'
  | 'unknown-level'
  | 'level-institution-mismatch'
  | 'seniority-out-of-scale'

/** A request the crosswalk cannot answer; `status` is the HTTP status it stands for. */
export class CrosswalkError extends Error {
  constructor(
    readonly code: CrosswalkErrorCode,
    readonly status: 400 | 404,
    readonly parameter: string,
    message: string,
  ) {
    super(message)
    this.name = 'CrosswalkError'
  }
}

export function institutionOf(catalog: Catalog, slug: string, parameter: string): Institution {
  const institution = catalog.institutionBySlug.get(slug)
  // The slug alone: a list of every institution would grow with the catalog (GET /v1/institutions lists them).
  if (!institution) throw new CrosswalkError('unknown-institution', 404, parameter, `No institution "${slug}".`)
  return institution
}

function entriesFor(institution: Institution, grade: Grade, jobs: Job[]): CrosswalkSource[] {
  if (jobs.length === 0) return [{ institution, grade, job: null, seniority: grade.seniority }]
  return jobs.map((job) => ({ institution, grade, job, seniority: job.seniority }))
}

export function resolveInput(catalog: Catalog, input: CrosswalkInput): CrosswalkSource[] {
  const { scale } = catalog
  if ('seniority' in input) {
    const value = input.seniority
    if (!Number.isFinite(value) || value < scale.min || value > scale.max) {
      throw new CrosswalkError(
        'seniority-out-of-scale',
        400,
        'seniority',
        `seniority must lie on the scale, from ${scale.min} to ${scale.max}; got ${value}.`,
      )
    }
    return [{ institution: null, grade: null, job: null, seniority: { value, min: value, max: value } }]
  }
  if ('level' in input) {
    const job = findJob(catalog, input.level)
    if (!job) throw new CrosswalkError('unknown-level', 404, 'level', `No level with id "${input.level}".`)
    const institution = institutionOf(catalog, job.institution, 'from')
    if (input.institution !== undefined && input.institution !== job.institution) {
      institutionOf(catalog, input.institution, 'from')
      throw new CrosswalkError(
        'level-institution-mismatch',
        400,
        'level',
        `Level "${input.level}" belongs to ${job.institution}, not ${input.institution}.`,
      )
    }
    return entriesFor(institution, job.grade, [job])
  }
  const institution = institutionOf(catalog, input.institution, 'from')
  if ('jobCode' in input) {
    const jobs = institution.jobByCode.get(jobCodeKey(input.jobCode))
    if (!jobs) {
      const known = institution.jobs.flatMap((candidate) => (candidate.jobCode ? [candidate.jobCode] : []))
      const hint = known.length > 0 ? `Known: ${known.join(', ')}.` : `${institution.shortName} publishes no job codes.`
      throw new CrosswalkError(
        'unknown-job-code',
        404,
        'jobCode',
        `${institution.shortName} has no job code "${input.jobCode}". ${hint}`,
      )
    }
    return jobs.flatMap((job) => entriesFor(institution, job.grade, [job]))
  }
  const grade = institution.gradeByKey.get(gradeKey(input.grade))
  if (!grade) {
    const known = institution.grades.map((candidate) => candidate.code).join(', ')
    throw new CrosswalkError(
      'unknown-grade',
      404,
      'grade',
      `${institution.shortName} has no grade "${input.grade}". Known: ${known}.`,
    )
  }
  return entriesFor(institution, grade, grade.jobs)
}
