// The leveling model: factors with written levels, each level indicating a point on the seniority
// scale, combined by fitted weights into one score, then turned into a point, a band, a track and
// a confidence. The numbers live in data/leveling/model.json (written by `npm run level:fit`);
// this file only applies them. Rules a fit cannot learn (management floors) are written in the
// same file, with their reasons.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { packageRoot } from '../paths.js'
import type { FactorReading, Flag, JobEvidence, Proposal, Quote, Track } from './types.js'

export interface FactorLevel {
  id: string
  descriptor: string
  /** Experience and grade levels: the least value the level starts at. */
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
  managementMinimum: { point: number; reason: string }
  managementFloor: { point: number; reason: string }
  strategyLeadFloor: { point: number; reason: string }
  /** The most of the weight one factor may carry in a job's score. */
  factorShareCap: { factor: string; share: number; reason: string }[]
  /** Confidence kept for each doubt flagged on a job. */
  flagConfidence: { factor: number; reason: string }
  familyConfidence: { adjacent: number; other: number; reason: string }
  ladderReach: { points: number; reason: string }
  band: { base: number; spread: number; missing: number; reason: string }
}

export interface FitSettings {
  priorStrength: number
  weightPrior: number
  margin: number
  otherFamilyWeight: number
  curatedWeight: number
  /** How strongly the calibration line's slope is held at 1. */
  slopePrior: number
  iterations: number
  learningRate: number
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
    employers: number
    jobs: number
    trainingInside: number
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

export interface LevelRead {
  factor: Factor
  level: FactorLevel
  evidence: Quote[]
  strength: number
}

/** The level of each factor the evidence speaks to, with the evidence quotes. */
export function factorLevels(evidence: JobEvidence, factors: Factor[]): LevelRead[] {
  const result: LevelRead[] = []
  const byValue = (factor: Factor, value: string) => factor.levels.find((level) => level.values?.includes(value))
  const byMin = (factor: Factor, value: number) =>
    [...factor.levels].reverse().find((candidate) => (candidate.min ?? 0) <= value + 1e-9)
  for (const factor of factors) {
    let level: FactorLevel | undefined
    let quotes: Quote[] = []
    let strength = 1
    switch (factor.id) {
      case 'experience':
        if (evidence.experience) {
          level = byMin(factor, evidence.experience.value.min)
          quotes = evidence.experience.quotes
          strength = evidence.experience.strength ?? 1
        }
        break
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
          strength = evidence.scope.strength ?? 1
        }
        break
      case 'level':
        if (evidence.levelWord) {
          level = byValue(factor, evidence.levelWord.value)
          quotes = evidence.levelWord.quotes
        }
        break
      case 'title':
        if (evidence.titleWord) {
          level = byValue(factor, evidence.titleWord.value)
          quotes = evidence.titleWord.quotes
        }
        break
      case 'role':
        if (evidence.role) {
          level = byValue(factor, evidence.role.value)
          quotes = evidence.role.quotes
        }
        break
      case 'tier':
        if (evidence.supportTier) {
          const { low, high } = evidence.supportTier.value
          level = byValue(factor, low === high ? `${low}` : `${low}-${high}`) ?? byValue(factor, `${high}`)
          quotes = evidence.supportTier.quotes
        }
        break
      case 'reports':
        if (evidence.reportsTo) {
          level = byValue(factor, evidence.reportsTo.value)
          quotes = evidence.reportsTo.quotes
        }
        break
      case 'numeral':
        if (evidence.numeral) {
          level = byMin(factor, evidence.numeral.value)
          quotes = evidence.numeral.quotes
        }
        break
      case 'pay':
        if (evidence.pay) {
          level = byMin(factor, evidence.pay.value)
          quotes = evidence.pay.quotes
        }
        break
      case 'grade':
        if (evidence.publicGrade) {
          level = byMin(factor, evidence.publicGrade.value.point)
          quotes = evidence.publicGrade.quotes
        }
        break
    }
    if (level) result.push({ factor, level, evidence: quotes, strength })
  }
  return result
}

/** The job's track: management when it supervises or manages staff (not only "may"), or its title says it does. */
export function trackOf(evidence: JobEvidence): Track {
  const leadership = evidence.leadership?.value
  const supervises = leadership === 'supervises' || leadership === 'manages' || leadership === 'manages_supervisors'
  if (supervises && !evidence.leadershipModal) return 'management'
  if (evidence.doesNotSupervise) return 'individual_contributor'
  const title = evidence.titleWord?.value
  // A supervisor's or manager's title, with nothing in the text saying it supervises no one. A
  // budget, vendors or strategy without staff do not make a manager: the track is whom a job leads.
  if (title === 'supervisor' || title === 'manager' || title === 'director') return 'management'
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

/** The floors the rules set for a job of this track and evidence, with why. */
export function floorsOf(evidence: JobEvidence, track: Track, rules: ModelRules): { point: number; why: string }[] {
  const floors: { point: number; why: string }[] = []
  if (track !== 'management') return floors
  const scope = evidence.scope?.value
  const full = (evidence.scope?.strength ?? 1) >= 1
  if (evidence.leadership?.value === 'manages_supervisors' && !evidence.leadershipModal)
    floors.push({ point: rules.managementFloor.point, why: 'it manages supervisors' })
  if (scope?.budget && full) floors.push({ point: rules.managementFloor.point, why: 'it owns a budget' })
  if (scope?.vendors && full) floors.push({ point: rules.managementFloor.point, why: 'it manages vendors' })
  if (scope?.strategy === 'leads' && full)
    floors.push({ point: rules.strategyLeadFloor.point, why: 'it sets strategy' })
  floors.push({ point: rules.managementMinimum.point, why: `it is management (${rules.managementMinimum.reason})` })
  return floors
}

/** The calibrated value of a job's evidence after the rules' floors: what is rounded to its point. */
export function calibratedValue(scored: Scored, floors: { point: number }[], model: LevelingModel): number {
  let value = Number.isNaN(scored.score) ? 3 : model.combine.intercept + model.combine.slope * scored.score
  const floor = floors.reduce((best, entry) => Math.max(best, entry.point), 0)
  if (floor > 0 && value < floor) value = floor
  return value
}

/** One job's proposal from its evidence, before the ladder order of its submission is enforced. */
export function proposeJob(evidence: JobEvidence, model: LevelingModel): Proposal {
  const scored = scoreEvidence(evidence, model)
  const adjustments: string[] = []
  const track = trackOf(evidence)
  const raw = Number.isNaN(scored.score) ? 3 : model.combine.intercept + model.combine.slope * scored.score
  const floors = floorsOf(evidence, track, model.rules)
  const value = calibratedValue(scored, floors, model)
  if (value > raw + 1e-9) {
    const applied = floors.filter((entry) => entry.point >= value - 1e-9)
    adjustments.push(
      `raised from ${round2(raw)} to ${round2(value)} because ${applied.map((entry) => entry.why).join(', ')} (${model.rules.managementFloor.reason})`,
    )
  }
  const point = Math.round(clamp(value))
  const missing = model.factors.length - scored.factors.length
  const half = model.rules.band.base + model.rules.band.spread * scored.spread + model.rules.band.missing * missing
  const min = Math.min(point, Math.round(clamp(value - half)))
  const max = Math.max(point, Math.round(clamp(value + half)))
  const flags: Flag[] = [...evidence.flags, ...contradictions(evidence, track)]
  if (scored.factors.length <= 1) {
    flags.push({
      code: 'thin-evidence',
      detail:
        scored.factors.length === 0
          ? 'the text gives none of the factors the model reads: the point is a default'
          : `the text gives one factor only (${scored.factors[0]?.factor})`,
      quotes: scored.factors[0]?.evidence.slice(0, 1) ?? [],
    })
  }
  if (evidence.family.family !== 'it-end-user-support') {
    flags.push({
      code: evidence.family.family === 'other' ? 'outside-family' : 'adjacent-family',
      detail:
        evidence.family.family === 'other'
          ? `the job reads as work outside IT${evidence.family.words.length > 0 ? ` (${evidence.family.words.join(', ')})` : ''}: the scale was written for IT end-user support`
          : `the job reads as adjacent IT work (${evidence.family.words.join(', ')}), not end-user support`,
      quotes: [],
    })
  }
  const doubts = flags.filter((flag) => flag.code !== 'outside-family' && flag.code !== 'adjacent-family').length
  const kept = (model.rules.flagConfidence?.factor ?? 1) ** doubts
  const family =
    evidence.family.family === 'other'
      ? model.rules.familyConfidence.other
      : evidence.family.family === 'it-adjacent'
        ? model.rules.familyConfidence.adjacent
        : 1
  // The share of the model's weight the text speaks to (its square root: most texts speak to half the
  // factors), how well the factors agree, and the doubts flagged.
  const agreement = 1 / (1 + scored.spread)
  const confidence = Number.isNaN(scored.score)
    ? 0.05
    : round2(clamp(Math.sqrt(scored.coverage) * agreement * kept * family, 0.05, 0.95))
  return {
    title: evidence.title ?? 'Untitled job',
    grade: evidence.grade,
    jobCode: evidence.jobCode,
    seniority: { point, band: { min, max } },
    track,
    family: evidence.family,
    confidence,
    factors: scored.factors,
    rationale: '',
    nearest: [],
    adjustments,
    score: round2(value),
    ownPoint: point,
    flags,
  }
}

/** Readings that cannot all be true of one job. */
export function contradictions(evidence: JobEvidence, track: Track): Flag[] {
  const found: Flag[] = []
  const first = (reading: { quotes: Quote[] } | null) => reading?.quotes.slice(0, 1) ?? []
  if (track === 'management' && (evidence.levelWord?.value === 'trainee' || evidence.titleWord?.value === 'trainee'))
    found.push({
      code: 'contradiction',
      detail: 'management by its duties, yet its title or text names a trainee or entry level',
      quotes: [...first(evidence.leadership), ...first(evidence.levelWord ?? evidence.titleWord)],
    })
  if (
    track === 'management' &&
    evidence.supervisionReceived?.value === 'close' &&
    (evidence.supervisionReceived.strength ?? 1) >= 1
  )
    found.push({
      code: 'contradiction',
      detail: 'management by its duties, yet it works under close supervision',
      quotes: [...first(evidence.leadership), ...first(evidence.supervisionReceived)],
    })
  const word = evidence.titleWord?.value
  if ((word === 'trainee' || evidence.levelWord?.value === 'trainee') && evidence.complexity?.value === 'expert')
    found.push({
      code: 'contradiction',
      detail: 'a trainee or entry level, yet the most complex work or an expert',
      quotes: [...first(evidence.levelWord ?? evidence.titleWord), ...first(evidence.complexity)],
    })
  return found
}
