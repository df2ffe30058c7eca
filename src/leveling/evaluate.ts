// Leave-one-institution-out: each curated institution's jobs are leveled from its source text by a
// model fitted without it, and compared with its curated placements. This is the honest measure of
// how the model does on an employer it has never seen.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { InstitutionDocument, ScaleDocument } from '../documents/schema.js'
import { fitModel, matchJobs, trainingJobs } from './fit.js'
import { levelText } from './level.js'
import type { FactorDefinitions } from './model.js'
import type { Track } from './types.js'

export interface EvaluatedJob {
  institution: string
  jobId: string
  title: string
  proposed: number
  band: { min: number; max: number }
  track: Track
  curated: number
  curatedBand: { min: number; max: number }
  curatedTracks: string[]
  /** proposed − curated */
  delta: number
}

export interface Evaluation {
  jobs: EvaluatedJob[]
  curatedJobs: number
  matched: number
  exact: number
  withinBand: number
  trackAgreement: number
  meanAbsoluteError: number
  worst: EvaluatedJob[]
}

export function evaluateLeaveOneOut(
  definitions: FactorDefinitions,
  documents: InstitutionDocument[],
  sourcesDir: string,
  scale: ScaleDocument,
): Evaluation {
  const all = trainingJobs(documents, sourcesDir, scale, definitions.fit.calibrationWeight)
  const jobs: EvaluatedJob[] = []
  for (const document of documents) {
    const model = fitModel(
      definitions,
      all.filter((job) => job.institution !== document.slug),
    )
    const text = readFileSync(join(sourcesDir, document.source.file), 'utf8')
    const result = levelText(text, model)
    for (const { found, job } of matchJobs(result.jobs, document.jobs)) {
      const grade = document.grades.find((candidate) => candidate.code === job.grade)
      if (!grade) continue
      // The job's own placement where the curated document gives one (two jobs of one grade can differ).
      const placement = job.placement ?? grade.placement
      jobs.push({
        institution: document.slug,
        jobId: job.id,
        title: job.title,
        proposed: found.seniority.point,
        band: found.seniority.band,
        track: found.track,
        curated: placement.seniority,
        curatedBand: { min: placement.min, max: placement.max },
        curatedTracks: job.tracks,
        delta: found.seniority.point - placement.seniority,
      })
    }
  }
  const curatedJobs = documents.reduce((sum, document) => sum + document.jobs.length, 0)
  const exact = jobs.filter((job) => job.delta === 0).length
  const withinBand = jobs.filter(
    (job) => job.proposed >= job.curatedBand.min && job.proposed <= job.curatedBand.max,
  ).length
  const trackAgreement = jobs.filter((job) => job.curatedTracks[0] === job.track).length
  const meanAbsoluteError = jobs.reduce((sum, job) => sum + Math.abs(job.delta), 0) / Math.max(1, jobs.length)
  const worst = [...jobs]
    .filter((job) => job.delta !== 0)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.jobId.localeCompare(b.jobId))
    .slice(0, 6)
  return {
    jobs,
    curatedJobs,
    matched: jobs.length,
    exact,
    withinBand,
    trackAgreement,
    meanAbsoluteError: Math.round(meanAbsoluteError * 100) / 100,
    worst,
  }
}
