// The leveling model: factors with written levels, each level indicating a point on the seniority
// scale, combined by fitted weights into one score, then turned into a point, a band, a track and
// a confidence. The numbers live in data/leveling/model.json (written by `npm run level:fit`);
// this file only applies them. Rules the fit cannot learn from 24 jobs (management floors) are
// written in the same file, with their reasons.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { packageRoot } from '../paths.js'
import type { FactorReading, JobEvidence, Proposal, Quote, Track } from './types.js'

export interface FactorLevel {
  id: string
  descriptor: string
  /** Experience levels: the least years the level starts at. */
  min?: number
  /** The evidence values this level stands for. */
  values?: string[]
  prior: number
  /** The fitted point (absent in the definitions before a fit). */
  point?: number
  /** Weight of training jobs the fitted point rests on. */
  support?: number
}

export interface Factor {
  id: string
  name: string
  question: string
  levels: FactorLevel[]
  weight?: number
}

export interface ModelRules {
  managementFloor: { point: number; reason: string }
  /** Management sits at this point or above (the scale's lower points have no managers). */
  managementMinimum: { point: number; reason: string }
  /** The most of the weight one factor may carry in a job's score. */
  factorShareCap: { factor: string; share: number; reason: string }[]
  /** Confidence kept for each doubt flagged on a job (a likely merge, another employer, contradictions). */
  flagConfidence: { factor: number; reason: string }
  strategyLeadFloor: { point: number; reason: string }
  band: { base: number; spread: number; missing: number; reason: string }
}

export interface FitSettings {
  priorStrength: number
  calibrationWeight: number
  weightFloor: number
  slopeShrinkage: number
}

export interface FactorDefinitions {
  description: string
  fit: FitSettings
  factors: Factor[]
  rules: ModelRules
}

export interface LevelingModel extends FactorDefinitions {
  combine: { intercept: number; slope: number }
  fitted: {
    note: string
    institutions: string[]
    jobs: number
    trainingExact: number
    trainingWithinBand: number
  }
}

// From the package root, so that the bundle in dist/ finds them as src/ does.
export const modelPath = join(packageRoot, 'data/leveling/model.json')
export const definitionsPath = join(packageRoot, 'data/leveling/factors.json')

export function loadModel(path: string = modelPath): LevelingModel {
  return JSON.parse(readFileSync(path, 'utf8')) as LevelingModel
}

export function loadDefinitions(path: string = definitionsPath): FactorDefinitions {
  return JSON.parse(readFileSync(path, 'utf8')) as FactorDefinitions
}

const scaleMin = 1
const scaleMax = 7
const clamp = (value: number, low = scaleMin, high = scaleMax) => Math.min(high, Math.max(low, value))
const round2 = (value: number) => Math.round(value * 100) / 100

/** The level of each factor the evidence speaks to, with the evidence quotes. */
export function factorLevels(
  evidence: JobEvidence,
  factors: Factor[],
): { factor: Factor; level: FactorLevel; evidence: Quote[]; strength: number }[] {
  const result: { factor: Factor; level: FactorLevel; evidence: Quote[]; strength: number }[] = []
  const byValue = (factor: Factor, value: string) => factor.levels.find((level) => level.values?.includes(value))
  for (const factor of factors) {
    let level: FactorLevel | undefined
    let quotes: Quote[] = []
    let strength = 1
    switch (factor.id) {
      case 'experience': {
        const years = evidence.experience
        if (years) {
          level = [...factor.levels].reverse().find((candidate) => (candidate.min ?? 0) <= years.value.min + 1e-9)
          quotes = years.quotes
        }
        break
      }
      case 'education':
        if (evidence.education) {
          level = byValue(factor, evidence.education.value)
          quotes = evidence.education.quotes
        }
        break
      case 'supervision':
        if (evidence.supervisionReceived) {
          level = byValue(factor, evidence.supervisionReceived.value)
          quotes = evidence.supervisionReceived.quotes
          strength = evidence.supervisionReceived.strength ?? 1
        }
        break
      case 'complexity':
        if (evidence.complexity) {
          level = byValue(factor, evidence.complexity.value)
          quotes = evidence.complexity.quotes
        }
        break
      case 'leadership':
        if (evidence.leadership) {
          level = byValue(factor, evidence.leadership.value)
          quotes = evidence.leadership.quotes
        }
        break
      case 'scope':
        if (evidence.scope) {
          const scope = evidence.scope.value
          const value =
            scope.strategy === 'leads'
              ? 'leads'
              : scope.budget || scope.vendors
                ? 'budget_or_vendors'
                : scope.strategy === 'contributes'
                  ? 'contributes'
                  : scope.strategy === 'unit'
                    ? 'unit'
                    : null
          if (value) level = byValue(factor, value)
          quotes = evidence.scope.quotes
        }
        break
      case 'level':
        if (evidence.levelWord) {
          level = byValue(factor, evidence.levelWord.value)
          quotes = evidence.levelWord.quotes
        }
        break
    }
    if (level) result.push({ factor, level, evidence: quotes, strength })
  }
  return result
}

/** The job's track: management when it supervises or manages (not only "may"), owns a budget or vendors, or leads strategy. */
export function trackOf(evidence: JobEvidence): Track {
  if (evidence.doesNotSupervise) return 'individual_contributor'
  const leadership = evidence.leadership?.value
  if (leadership === 'supervises' || leadership === 'manages' || leadership === 'manages_supervisors')
    return 'management'
  const scope = evidence.scope?.value
  if (scope && (scope.budget || scope.vendors || scope.strategy === 'leads')) return 'management'
  return 'individual_contributor'
}

export interface Scored {
  score: number
  spread: number
  factors: FactorReading[]
  coverage: number
}

/** The weighted mean of the factors' points, before calibration and rules. */
export function scoreEvidence(evidence: JobEvidence, model: FactorDefinitions): Scored {
  const levels = factorLevels(evidence, model.factors)
  const factors: FactorReading[] = levels.map(({ factor, level, evidence: quotes, strength }) => ({
    factor: factor.id,
    level: level.id,
    descriptor: level.descriptor,
    point: round2(level.point ?? level.prior),
    weight: round2((factor.weight ?? 1) * strength),
    evidence: quotes,
  }))
  // No factor carries more than its cap of the weight (supervision received read from one phrase
  // must not decide a job alone).
  for (const cap of model.rules.factorShareCap ?? []) {
    const reading = factors.find((factor) => factor.factor === cap.factor)
    if (!reading) continue
    const others = factors.reduce((sum, factor) => sum + (factor === reading ? 0 : factor.weight), 0)
    const most = others > 0 ? (cap.share / (1 - cap.share)) * others : reading.weight
    if (reading.weight > most) reading.weight = round2(most)
  }
  const total = factors.reduce((sum, factor) => sum + factor.weight, 0)
  const all = model.factors.reduce((sum, factor) => sum + (factor.weight ?? 1), 0)
  if (total === 0) return { score: Number.NaN, spread: 0, factors, coverage: 0 }
  const score = factors.reduce((sum, factor) => sum + factor.weight * factor.point, 0) / total
  const variance = factors.reduce((sum, factor) => sum + factor.weight * (factor.point - score) ** 2, 0) / total
  return { score, spread: Math.sqrt(variance), factors, coverage: total / all }
}

/** One job's proposal from its evidence, before the ladder order of its submission is enforced. */
export function proposeJob(evidence: JobEvidence, model: LevelingModel): Proposal {
  const scored = scoreEvidence(evidence, model)
  const adjustments: string[] = []
  const track = trackOf(evidence)
  let value = Number.isNaN(scored.score) ? 3 : model.combine.intercept + model.combine.slope * scored.score
  const scope = evidence.scope?.value
  const floors: { point: number; why: string }[] = []
  if (track === 'management') {
    if (evidence.leadership?.value === 'manages_supervisors')
      floors.push({ point: model.rules.managementFloor.point, why: 'it manages supervisors' })
    if (scope?.budget) floors.push({ point: model.rules.managementFloor.point, why: 'it owns a budget' })
    if (scope?.vendors) floors.push({ point: model.rules.managementFloor.point, why: 'it manages vendors' })
    if (scope?.strategy === 'leads')
      floors.push({ point: model.rules.strategyLeadFloor.point, why: 'it leads strategy' })
  }
  if (track === 'management') {
    const minimum = model.rules.managementMinimum
    if (minimum) floors.push({ point: minimum.point, why: `it is management (${minimum.reason})` })
  }
  const floor = floors.reduce((best, entry) => (entry.point > best.point ? entry : best), { point: 0, why: '' })
  if (floor.point > 0 && value < floor.point) {
    adjustments.push(
      `raised from ${round2(value)} to ${floor.point} because ${floors.map((entry) => entry.why).join(', ')} (${model.rules.managementFloor.reason})`,
    )
    value = floor.point
  }
  const point = Math.round(clamp(value))
  const missing = model.factors.length - scored.factors.length
  const half = model.rules.band.base + model.rules.band.spread * scored.spread + model.rules.band.missing * missing
  const min = Math.min(point, Math.round(clamp(value - half)))
  const max = Math.max(point, Math.round(clamp(value + half)))
  const agreement = 1 / (1 + scored.spread)
  const flags = [...(evidence.flags ?? []), ...contradictions(evidence, track)]
  const kept = (model.rules.flagConfidence?.factor ?? 1) ** flags.length
  const confidence = Number.isNaN(scored.score) ? 0.05 : round2(clamp(scored.coverage * agreement * kept, 0.05, 0.95))
  return {
    title: evidence.title ?? 'Untitled job',
    grade: evidence.grade,
    jobCode: evidence.jobCode,
    seniority: { point, band: { min, max } },
    track,
    confidence,
    factors: scored.factors,
    rationale: '',
    nearest: [],
    adjustments,
    score: round2(value),
    ...(flags.length > 0 ? { flags } : {}),
  }
}

/** Readings that cannot all be true of one job. */
export function contradictions(evidence: JobEvidence, track: Track): string[] {
  const found: string[] = []
  const leadership = evidence.leadership?.value
  if (evidence.doesNotSupervise && (leadership === 'manages' || leadership === 'manages_supervisors'))
    found.push('the text says it does not supervise, yet also that it manages')
  if (track === 'management' && evidence.levelWord?.value === 'trainee')
    found.push('management by its duties, yet its title or summary names a trainee or entry level')
  if (track === 'management' && evidence.supervisionReceived?.value === 'close')
    found.push('management by its duties, yet it works under close supervision')
  if (evidence.levelWord?.value === 'director' && evidence.supervisionReceived?.value === 'close')
    found.push('its title names a director, yet it works under close supervision')
  return found
}
