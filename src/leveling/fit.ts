// Fits the leveling model to the curated placements: each curated institution's source text is
// split and read exactly as a new submission would be, each job is matched to its curated job, and
// its own placement (where the curated document gives one) or else its grade's is the target. Deterministic: the same documents and texts give the same
// model, to the last digit.
//  1. Each factor level's point is the weighted mean of its jobs' placements, shrunk toward the
//     level's prior (read from the scale's descriptors) and made non-decreasing over the levels.
//  2. Each factor's weight is the inverse of its mean squared error on the jobs it speaks to,
//     scaled by how many jobs that is: a factor that places jobs well and often weighs more.
//  3. A line a + b·score maps the combined score to the scale (its slope shrunk toward 1).
// The calibration grades (Harvard 57 = Columbia 12 = New Mexico IC) count more in every step.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { InstitutionDocument, ScaleDocument } from '../documents/schema.js'
import { extractEvidence } from './extract.js'
import { type FactorDefinitions, factorLevels, type LevelingModel, proposeJob, scoreEvidence } from './model.js'
import { splitJobs } from './split.js'
import type { JobEvidence, JobText } from './types.js'

export interface TrainingJob {
  institution: string
  jobId: string
  title: string
  evidence: JobEvidence
  text: JobText
  seniority: number
  min: number
  max: number
  tracks: string[]
  weight: number
}

const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .replace(/[^a-z0-9 ]+/g, ' ')
      .split(/\s+/)
      .filter(Boolean),
  )

function similarity(a: string, b: string): number {
  const left = words(a)
  const right = words(b)
  if ([...left].join(' ') === [...right].join(' ')) return 2
  const shared = [...left].filter((word) => right.has(word)).length
  return shared / Math.max(1, new Set([...left, ...right]).size)
}

/** Pairs the jobs a split found with the curated jobs of the same document, best title match first. */
export function matchJobs<T extends { title: string; jobCode?: string | null }>(
  found: T[],
  curated: InstitutionDocument['jobs'],
): { found: T; job: InstitutionDocument['jobs'][number] }[] {
  const pairs: { i: number; j: number; score: number }[] = []
  found.forEach((candidate, i) => {
    curated.forEach((job, j) => {
      const code = candidate.jobCode && job.jobCode && candidate.jobCode.replace(/^I/, '1') === job.jobCode ? 3 : 0
      pairs.push({ i, j, score: code + similarity(candidate.title, job.title) })
    })
  })
  pairs.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j)
  const usedFound = new Set<number>()
  const usedCurated = new Set<number>()
  const matched: { found: T; job: InstitutionDocument['jobs'][number] }[] = []
  for (const pair of pairs) {
    if (pair.score <= 0 || usedFound.has(pair.i) || usedCurated.has(pair.j)) continue
    usedFound.add(pair.i)
    usedCurated.add(pair.j)
    matched.push({ found: found[pair.i] as T, job: curated[pair.j] as InstitutionDocument['jobs'][number] })
  }
  return matched
}

export function isCalibrationGrade(scale: ScaleDocument, institution: string, grade: string): boolean {
  return scale.calibration.grades.some((anchor) => anchor.institution === institution && anchor.grade === grade)
}

/** The curated jobs of each document, read from its source text as a submission would be. */
export function trainingJobs(
  documents: InstitutionDocument[],
  sourcesDir: string,
  scale: ScaleDocument,
  calibrationWeight: number,
): TrainingJob[] {
  const jobs: TrainingJob[] = []
  for (const document of documents) {
    const text = readFileSync(join(sourcesDir, document.source.file), 'utf8')
    const split = splitJobs(text)
    const read = split.jobs.map((job) => ({ text: job, evidence: extractEvidence(job) }))
    const found = read.map((entry) => ({
      ...entry,
      title: entry.evidence.title ?? '',
      jobCode: entry.evidence.jobCode,
    }))
    for (const { found: entry, job } of matchJobs(found, document.jobs)) {
      const grade = document.grades.find((candidate) => candidate.code === job.grade)
      if (!grade) continue
      jobs.push({
        institution: document.slug,
        jobId: job.id,
        title: job.title,
        evidence: entry.evidence,
        text: entry.text,
        seniority: (job.placement ?? grade.placement).seniority,
        min: (job.placement ?? grade.placement).min,
        max: (job.placement ?? grade.placement).max,
        tracks: job.tracks,
        weight: isCalibrationGrade(scale, document.slug, grade.code) ? calibrationWeight : 1,
      })
    }
  }
  return jobs
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000

/** Weighted pool-adjacent-violators: the closest non-decreasing sequence. */
function monotone(values: { value: number; weight: number }[]): number[] {
  const blocks: { value: number; weight: number; count: number }[] = []
  for (const entry of values) {
    blocks.push({ value: entry.value, weight: entry.weight, count: 1 })
    while (blocks.length >= 2) {
      const last = blocks[blocks.length - 1] as { value: number; weight: number; count: number }
      const before = blocks[blocks.length - 2] as { value: number; weight: number; count: number }
      if (before.value <= last.value) break
      const weight = before.weight + last.weight
      blocks.splice(blocks.length - 2, 2, {
        value: (before.value * before.weight + last.value * last.weight) / weight,
        weight,
        count: before.count + last.count,
      })
    }
  }
  return blocks.flatMap((block) => Array.from({ length: block.count }, () => block.value))
}

/** Fits the level points, factor weights and the calibration line to the training jobs. */
export function fitModel(definitions: FactorDefinitions, training: TrainingJob[]): LevelingModel {
  const settings = definitions.fit
  const factors = structuredClone(definitions.factors)
  const readings = training.map((job) => factorLevels(job.evidence, factors))
  for (const factor of factors) {
    const stats = factor.levels.map((level) => {
      let weight = 0
      let sum = 0
      training.forEach((job, index) => {
        const reading = readings[index]?.find((entry) => entry.factor.id === factor.id)
        if (reading?.level.id !== level.id) return
        weight += job.weight
        sum += job.weight * job.seniority
      })
      return { weight, value: (settings.priorStrength * level.prior + sum) / (settings.priorStrength + weight) }
    })
    const points = monotone(
      stats.map((entry) => ({ value: entry.value, weight: settings.priorStrength + entry.weight })),
    )
    factor.levels.forEach((level, index) => {
      level.point = round4(points[index] ?? level.prior)
      level.support = round4(stats[index]?.weight ?? 0)
    })
    let weight = 0
    let squared = 0
    training.forEach((job, index) => {
      const reading = readings[index]?.find((entry) => entry.factor.id === factor.id)
      const level = reading ? factor.levels.find((candidate) => candidate.id === reading.level.id) : undefined
      if (!level) return
      weight += job.weight
      squared += job.weight * (job.seniority - (level.point ?? level.prior)) ** 2
    })
    const mse = weight > 0 ? squared / weight : 1
    const reach = weight / (weight + settings.priorStrength)
    factor.weight = round4(Math.max(settings.weightFloor, reach / (mse + 0.25)))
  }
  const provisional: FactorDefinitions = { ...definitions, factors }
  const scores = training.map((job) => scoreEvidence(job.evidence, provisional).score)
  let total = 0
  let meanScore = 0
  let meanTarget = 0
  training.forEach((job, index) => {
    const score = scores[index] ?? Number.NaN
    if (Number.isNaN(score)) return
    total += job.weight
    meanScore += job.weight * score
    meanTarget += job.weight * job.seniority
  })
  meanScore /= total || 1
  meanTarget /= total || 1
  let covariance = 0
  let variance = 0
  training.forEach((job, index) => {
    const score = scores[index] ?? Number.NaN
    if (Number.isNaN(score)) return
    covariance += job.weight * (score - meanScore) * (job.seniority - meanTarget)
    variance += job.weight * (score - meanScore) ** 2
  })
  const slopeOls = variance > 0 ? covariance / variance : 1
  const slope =
    (total * slopeOls * (variance / (total || 1)) + settings.slopeShrinkage) /
    (total * (variance / (total || 1)) + settings.slopeShrinkage)
  const intercept = meanTarget - slope * meanScore
  const institutions = [...new Set(training.map((job) => job.institution))].sort()
  const model: LevelingModel = {
    ...definitions,
    factors,
    combine: { intercept: round4(intercept), slope: round4(slope) },
    fitted: {
      note: `Fitted by npm run level:fit to ${training.length} curated jobs of ${institutions.length} institutions (${institutions.join(', ')}), each read from its source text in data/sources as a new submission would be. Level points are weighted means of the placements of the jobs at that level, shrunk toward the prior by ${settings.priorStrength} jobs' weight and made non-decreasing; factor weights are the share of jobs a factor speaks to over its mean squared error; the calibration grades count ${settings.calibrationWeight} times.`,
      institutions,
      jobs: training.length,
      trainingExact: 0,
      trainingWithinBand: 0,
    },
  }
  let exact = 0
  let within = 0
  for (const job of training) {
    const point = proposeJob(job.evidence, model).seniority.point
    if (point === job.seniority) exact++
    if (point >= job.min && point <= job.max) within++
  }
  model.fitted.trainingExact = exact
  model.fitted.trainingWithinBand = within
  return model
}
