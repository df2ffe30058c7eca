// The five curated institutions, leveled as any employer would be: each institution's source text
// is leveled by a model fitted without its jobs (leave one employer out), and each job is compared
// with its own curated placement (the job's where the document gives one, else its grade's).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { InstitutionDocument } from '../documents/schema.js'
import { fitModel, matchJobs, type TrainingJob } from './fit.js'
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
}

export function evaluateCurated(
  definitions: FactorDefinitions,
  training: TrainingJob[],
  documents: InstitutionDocument[],
  sourcesDir: string,
): Evaluation {
  const jobs: EvaluatedJob[] = []
  for (const document of documents) {
    const model = fitModel(
      definitions,
      training.filter((job) => job.employer !== document.slug),
    )
    const text = readFileSync(join(sourcesDir, document.source.file), 'utf8')
    const result = levelText(text, model)
    for (const { found, job } of matchJobs(result.jobs, document.jobs)) {
      const grade = document.grades.find((candidate) => candidate.code === job.grade)
      if (!grade) continue
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
  const meanAbsoluteError = jobs.reduce((sum, job) => sum + Math.abs(job.delta), 0) / Math.max(1, jobs.length)
  return {
    jobs,
    curatedJobs: documents.reduce((sum, document) => sum + document.jobs.length, 0),
    matched: jobs.length,
    exact: jobs.filter((job) => job.delta === 0).length,
    withinBand: jobs.filter((job) => job.proposed >= job.curatedBand.min && job.proposed <= job.curatedBand.max).length,
    trackAgreement: jobs.filter((job) => job.curatedTracks.includes(job.track)).length,
    meanAbsoluteError: Math.round(meanAbsoluteError * 100) / 100,
  }
}
