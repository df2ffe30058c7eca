// Fits the leveling model: the points of every factor level, the factor weights and the line that
// maps the combined score to the scale, to the placements of real jobs read as a new submission
// would be read. The training jobs are the analyst-placed descriptions of test/corpus/leveling
// (employers outside the five sources; an analyst's accept set of one or two points) and the
// curated jobs of data/institutions read from their source texts (their own placement).
// The loss is how far each job's calibrated value falls outside its accept set (widened by half a
// point less a margin, so that the rounded point lands inside), squared; level points are pulled
// toward their priors (read from the scale's descriptors) and kept non-decreasing in the ordered
// factors; weights are pulled toward 1. Plain gradient descent (Adam) from the priors, the same
// iterations every time: deterministic to the last digit.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { InstitutionDocument } from '../documents/schema.js'
import type { CorpusCase } from './corpus.js'
import { matchLabelled } from './corpus-eval.js'
import { readText } from './level.js'
import {
  type Factor,
  type FactorDefinitions,
  factorLevels,
  floorsOf,
  type LevelingModel,
  scoreEvidence,
  trackOf,
} from './model.js'
import type { JobEvidence } from './types.js'

export interface TrainingJob {
  employer: string
  title: string
  evidence: JobEvidence
  /** The accept set, as a closed interval of points. */
  low: number
  high: number
  weight: number
}

/** Factors whose levels are ordered: their fitted points never decrease from one level to the next. */
const ordered = new Set([
  'experience',
  'education',
  'supervision',
  'complexity',
  'tier',
  'leadership',
  'reports',
  'grade',
  'pay',
  'numeral',
])

const round4 = (value: number) => Math.round(value * 10_000) / 10_000

/** The model with every level at its prior, every weight 1 and the identity line: the fit's start. */
export function priorModel(definitions: FactorDefinitions): LevelingModel {
  return {
    ...structuredClone(definitions),
    factors: definitions.factors.map((factor) => ({
      ...structuredClone(factor),
      weight: 1,
      levels: factor.levels.map((level) => ({ ...level, point: level.prior })),
    })),
    combine: { intercept: 0, slope: 1 },
    fitted: { note: 'priors only, not fitted', employers: 0, jobs: 0, trainingInside: 0 },
  }
}

/** The analyst-placed jobs of a corpus, each read from its text as a submission would be. */
export function corpusTrainingJobs(cases: CorpusCase[], definitions: FactorDefinitions): TrainingJob[] {
  const jobs: TrainingJob[] = []
  for (const entry of cases) {
    let read: ReturnType<typeof readText>
    try {
      read = readText(entry.text)
    } catch {
      continue
    }
    const leveled = read.readings.map((reading) => ({
      title: reading.evidence.title ?? '',
      point: 0,
      track: trackOf(reading.evidence),
      evidence: reading.evidence,
    }))
    const found = matchLabelled(entry.jobs, leveled)
    entry.jobs.forEach((expected, index) => {
      const job = found[index] as (typeof leveled)[number] | null
      if (!job) return
      jobs.push({
        employer: entry.employer,
        title: expected.title,
        evidence: job.evidence,
        low: Math.min(...expected.accept),
        high: Math.max(...expected.accept),
        weight: expected.family === 'other' ? definitions.fit.otherFamilyWeight : 1,
      })
    })
  }
  return jobs
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

/** The curated jobs of each document, read from its source text as a submission would be, at their own placement. */
export function curatedTrainingJobs(
  documents: InstitutionDocument[],
  sourcesDir: string,
  definitions: FactorDefinitions,
): TrainingJob[] {
  const jobs: TrainingJob[] = []
  for (const document of documents) {
    const read = readText(readFileSync(join(sourcesDir, document.source.file), 'utf8'))
    const found = read.readings.map((reading) => ({
      title: reading.evidence.title ?? '',
      jobCode: reading.evidence.jobCode,
      evidence: reading.evidence,
    }))
    for (const { found: entry, job } of matchJobs(found, document.jobs)) {
      const grade = document.grades.find((candidate) => candidate.code === job.grade)
      if (!grade) continue
      const point = (job.placement ?? grade.placement).seniority
      jobs.push({
        employer: document.slug,
        title: job.title,
        evidence: entry.evidence,
        low: point,
        high: point,
        weight: definitions.fit.curatedWeight,
      })
    }
  }
  return jobs
}

/** Weighted pool-adjacent-violators: the closest non-decreasing sequence. */
function monotone(values: number[], weights: number[]): number[] {
  const blocks: { value: number; weight: number; count: number }[] = []
  values.forEach((value, index) => {
    blocks.push({ value, weight: weights[index] ?? 1, count: 1 })
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
  })
  return blocks.flatMap((block) => Array.from({ length: block.count }, () => block.value))
}

interface Prepared {
  /** Per reading: the parameter index of its level point, its factor, and its strength. */
  readings: { level: number; factor: number; strength: number }[]
  floor: number
  low: number
  high: number
  weight: number
  /** The factor index whose share is capped, and the cap (0 when none applies). */
  capFactor: number
  cap: number
}

/** Fits the level points, factor weights and the calibration line to the training jobs. */
export function fitModel(definitions: FactorDefinitions, training: TrainingJob[]): LevelingModel {
  const settings = definitions.fit
  const model = priorModel(definitions)
  const factors: Factor[] = model.factors
  // Parameters: every level's point, then every factor's log weight, then intercept and slope.
  const levelIndex = new Map<string, number>()
  const priors: number[] = []
  for (const factor of factors) {
    for (const level of factor.levels) {
      levelIndex.set(`${factor.id}/${level.id}`, priors.length)
      priors.push(level.prior)
    }
  }
  const levels = priors.length
  const points = [...priors]
  const logWeights = factors.map(() => 0)
  let intercept = 0
  let slope = 1
  const caps = new Map((definitions.rules.factorShareCap ?? []).map((cap) => [cap.factor, cap.share]))
  const prepared: Prepared[] = training.map((job) => {
    const read = factorLevels(job.evidence, factors)
    const floors = floorsOf(job.evidence, trackOf(job.evidence), definitions.rules)
    const capped = read.find((entry) => caps.has(entry.factor.id))
    return {
      readings: read.map((entry) => ({
        level: levelIndex.get(`${entry.factor.id}/${entry.level.id}`) as number,
        factor: factors.indexOf(entry.factor),
        strength: entry.strength,
      })),
      floor: floors.reduce((best, entry) => Math.max(best, entry.point), 0),
      low: job.low - 0.5 + settings.margin,
      high: job.high + 0.5 - settings.margin,
      weight: job.weight,
      capFactor: capped ? factors.indexOf(capped.factor) : -1,
      cap: capped ? (caps.get(capped.factor.id) ?? 0) : 0,
    }
  })
  const support = priors.map(() => 0)
  for (const job of prepared)
    for (const reading of job.readings) support[reading.level] = (support[reading.level] ?? 0) + job.weight
  // Adam over all parameters.
  const size = levels + factors.length + 2
  const moment = new Float64Array(size)
  const second = new Float64Array(size)
  const beta1 = 0.9
  const beta2 = 0.999
  const gradient = new Float64Array(size)
  const factorWeights = new Float64Array(factors.length)
  const buffer = new Float64Array(factors.length + 1)
  for (let step = 1; step <= settings.iterations; step++) {
    gradient.fill(0)
    for (let index = 0; index < factors.length; index++) factorWeights[index] = Math.exp(logWeights[index] as number)
    for (const job of prepared) {
      const count = job.readings.length
      if (count === 0) continue
      let total = 0
      let capped = -1
      for (let k = 0; k < count; k++) {
        const reading = job.readings[k] as Prepared['readings'][number]
        buffer[k] = (factorWeights[reading.factor] as number) * reading.strength
        if (reading.factor === job.capFactor) capped = k
      }
      if (capped >= 0) {
        let others = 0
        for (let k = 0; k < count; k++) if (k !== capped) others += buffer[k] as number
        const most = others > 0 ? (job.cap / (1 - job.cap)) * others : (buffer[capped] as number)
        if ((buffer[capped] as number) > most) buffer[capped] = most
      }
      let weighted = 0
      for (let k = 0; k < count; k++) {
        total += buffer[k] as number
        weighted += (buffer[k] as number) * (points[(job.readings[k] as Prepared['readings'][number]).level] as number)
      }
      const score = weighted / total
      const raw = intercept + slope * score
      // A job held at a floor by the rules gives the fit nothing to move.
      if (job.floor > 0 && raw < job.floor) continue
      let dValue = 0
      if (raw > job.high) dValue = 2 * job.weight * (raw - job.high)
      else if (raw < job.low) dValue = -2 * job.weight * (job.low - raw)
      if (dValue === 0) continue
      gradient[levels + factors.length] = (gradient[levels + factors.length] as number) + dValue
      gradient[levels + factors.length + 1] = (gradient[levels + factors.length + 1] as number) + dValue * score
      for (let k = 0; k < count; k++) {
        const reading = job.readings[k] as Prepared['readings'][number]
        const weight = buffer[k] as number
        const point = points[reading.level] as number
        gradient[reading.level] = (gradient[reading.level] as number) + (dValue * slope * weight) / total
        const at = levels + reading.factor
        gradient[at] = (gradient[at] as number) + (dValue * slope * weight * (point - score)) / total
      }
    }
    // Priors: each level's point toward its prior, weights toward 1, the line toward the identity.
    for (let index = 0; index < levels; index++)
      gradient[index] =
        (gradient[index] as number) +
        2 * settings.priorStrength * ((points[index] as number) - (priors[index] as number))
    for (let index = 0; index < factors.length; index++)
      gradient[levels + index] =
        (gradient[levels + index] as number) + 2 * settings.weightPrior * (logWeights[index] as number)
    gradient[levels + factors.length] = (gradient[levels + factors.length] as number) + 2 * intercept
    gradient[levels + factors.length + 1] =
      (gradient[levels + factors.length + 1] as number) + 2 * settings.slopePrior * (slope - 1)
    for (let index = 0; index < size; index++) {
      const g = gradient[index] as number
      moment[index] = beta1 * (moment[index] as number) + (1 - beta1) * g
      second[index] = beta2 * (second[index] as number) + (1 - beta2) * g * g
      const corrected = (moment[index] as number) / (1 - beta1 ** step)
      const scale = (second[index] as number) / (1 - beta2 ** step)
      const delta = (settings.learningRate * corrected) / (Math.sqrt(scale) + 1e-8)
      if (index < levels) points[index] = (points[index] as number) - delta
      else if (index < levels + factors.length)
        logWeights[index - levels] = (logWeights[index - levels] as number) - delta
      else if (index === levels + factors.length) intercept -= delta
      else slope -= delta
    }
    // Ordered factors keep non-decreasing points; every point stays on the scale.
    let offset = 0
    for (const factor of factors) {
      const count = factor.levels.length
      if (ordered.has(factor.id)) {
        const fitted = monotone(
          points.slice(offset, offset + count),
          support.slice(offset, offset + count).map((value) => value + settings.priorStrength),
        )
        for (let k = 0; k < count; k++) points[offset + k] = fitted[k] as number
      }
      for (let k = 0; k < count; k++) points[offset + k] = Math.min(7.5, Math.max(0.5, points[offset + k] as number))
      offset += count
    }
    logWeights.forEach((value, index) => {
      logWeights[index] = Math.min(2.5, Math.max(-2.5, value))
    })
  }
  let offset = 0
  factors.forEach((factor, index) => {
    factor.weight = round4(Math.exp(logWeights[index] as number))
    for (const level of factor.levels) {
      level.point = round4(points[offset] as number)
      level.support = round4(support[offset] as number)
      offset++
    }
  })
  model.combine = { intercept: round4(intercept), slope: round4(slope) }
  const employers = new Set(training.map((job) => job.employer))
  let inside = 0
  for (const job of training) {
    const scored = scoreEvidence(job.evidence, model)
    const floors = floorsOf(job.evidence, trackOf(job.evidence), model.rules)
    let value = Number.isNaN(scored.score) ? 3 : model.combine.intercept + model.combine.slope * scored.score
    const floor = floors.reduce((best, entry) => Math.max(best, entry.point), 0)
    if (floor > 0 && value < floor) value = floor
    const point = Math.round(Math.min(7, Math.max(1, value)))
    if (point >= job.low && point <= job.high) inside++
  }
  model.fitted = {
    note: `Fitted by npm run level:fit to ${training.length} jobs of ${employers.size} employers: the analyst-placed descriptions of test/corpus/leveling and the curated jobs of data/institutions, each read from its text as a new submission would be. Level points are pulled toward their priors with the weight of ${settings.priorStrength} jobs and kept non-decreasing in ordered factors; weights are pulled toward 1.`,
    employers: employers.size,
    jobs: training.length,
    trainingInside: inside,
  }
  return model
}
