/*
 * The crosswalk rule: the one place to read it and to change it.
 *
 * Every grade sits on the normalized scale at a point (its best placement) and a band [min, max]
 * (where the evidence allows more than one point); a job takes its grade's placement. A source job
 * maps to a target institution through the scale, never through pairwise tables, so A→B and B→A
 * are computed the same way. Candidates (see candidates.ts): with track=same only target jobs that
 * share a track with the source job, unless the target has none on it; with track=any, every job.
 *
 * The match is the candidate grade nearest the source point. Ties are broken by TIE_RULES, in
 * order; the last is deliberate: in a pay comparison an under-levelled match is the cheaper
 * mistake to correct. The comparator reports which rule decided, and the rationale names it.
 *
 * Relation (SKOS): exact (same point, same band, shared track); broad (the target band strictly
 * contains the source band); narrow (the reverse); close (within COMPARABLE_DISTANCE otherwise, or
 * across tracks); related (farther: nothing comparable, the nearest job is still given).
 * An institution's grades sit at points that never fall with pay order; adjacent grades may share
 * a point. Where several target grades are equally near (a shared point among them), TIE_RULES pick
 * one, ending with the earlier grade in pay order, and the rationale names the other. An exact
 * match maps back to a grade at the point it came from: to itself where its point is its own, to
 * the earliest grade at that point in pay order where several share it.
 *
 * Score in [0, 1]: SCORE_FORMULA below, from SCORE. Band agreement compares the two bands' shapes
 * around their points (the target band moved by −delta, so distance is not counted twice), each
 * point one unit wide; only an exact match scores 1.
 *
 * The matches of one source (one per target institution) are listed best first (MATCH_ORDER):
 * higher score, then the smaller distance, then the institution's name (then its slug, so the
 * order is total and pages never overlap). A new institution therefore takes a place by how well
 * it matches, not by where it sorts in the catalog; the caller may ask for catalog order instead.
 */
import type { SeniorityRange } from '../catalog/model.js'

/** The order of one source's matches: `best` (MATCH_ORDER) or `catalog` (the order of the targets). */
export type MatchOrder = 'best' | 'catalog'

/** What MATCH_ORDER compares of a match. */
export interface RankedMatch {
  score: number
  delta: number
  institution: { name: string; slug: string }
}

export const MATCH_ORDER = 'score (higher first), then distance (smaller first), then institution name'

/** Best first: `< 0` when `a` comes before `b` (see MATCH_ORDER). */
export function compareMatches(a: RankedMatch, b: RankedMatch): number {
  return (
    b.score - a.score ||
    Math.abs(a.delta) - Math.abs(b.delta) ||
    compareText(a.institution.name, b.institution.name) ||
    compareText(a.institution.slug, b.institution.slug)
  )
}

/** Code-unit order: the same on every machine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export type Relation = 'exact' | 'close' | 'broad' | 'narrow' | 'related'

/** Farthest distance, in points, at which a match is still comparable. */
export const COMPARABLE_DISTANCE = 1

export const SCORE = {
  /** Lost per point of distance (floored at 0). */
  perPoint: 0.25,
  /** Share of the score that does not depend on band agreement, and the share that does. */
  bandFloor: 0.8,
  bandWeight: 0.2,
  /** Factor for a match across tracks. */
  crossTrack: 0.8,
} as const

export const SCORE_FORMULA = `(1 − ${SCORE.perPoint} × distance) × (${SCORE.bandFloor} + ${SCORE.bandWeight} × band agreement) × (${SCORE.crossTrack} if the tracks differ)`

export function round(value: number): number {
  return Math.round(value * 100) / 100 || 0
}

function overlap(a: SeniorityRange, b: SeniorityRange): number {
  const shared = Math.min(a.max, b.max) - Math.max(a.min, b.min) + 1
  const spanned = Math.max(a.max, b.max) - Math.min(a.min, b.min) + 1
  return Math.max(0, shared) / spanned
}

/** How alike two bands are around their points: 1 when they have the same shape. */
export function bandAgreement(source: SeniorityRange, target: SeniorityRange): number {
  const shift = target.value - source.value
  return overlap(source, { value: source.value, min: target.min - shift, max: target.max - shift })
}

export function scoreOf(source: SeniorityRange, target: SeniorityRange, trackMatched: boolean): number {
  const proximity = Math.max(0, 1 - SCORE.perPoint * Math.abs(target.value - source.value))
  const band = SCORE.bandFloor + SCORE.bandWeight * bandAgreement(source, target)
  return round(proximity * band * (trackMatched ? 1 : SCORE.crossTrack))
}

const sameBand = (a: SeniorityRange, b: SeniorityRange) => a.min === b.min && a.max === b.max
const contains = (outer: SeniorityRange, inner: SeniorityRange) => outer.min <= inner.min && inner.max <= outer.max

export function relationOf(source: SeniorityRange, target: SeniorityRange, trackMatched: boolean): Relation {
  const delta = target.value - source.value
  if (Math.abs(delta) > COMPARABLE_DISTANCE) return 'related'
  if (!trackMatched) return 'close'
  if (sameBand(target, source)) return delta === 0 ? 'exact' : 'close'
  if (contains(target, source)) return 'broad'
  if (contains(source, target)) return 'narrow'
  return 'close'
}

/** What the tie rules know of a candidate grade. */
export interface RankedGrade {
  seniority: SeniorityRange
  /** Whether the grade holds a job on the source's track (always true when track is ignored). */
  onSourceTrack: boolean
  /** The grade's place in its institution's pay order. */
  position: number
}

/** The tie rules, in order: each gives a key, lower wins; the first that differs decides. */
export const TIE_RULES = [
  { rule: 'nearest point', key: (g: RankedGrade, s: SeniorityRange) => Math.abs(g.seniority.value - s.value) },
  {
    rule: 'band contains the source point',
    key: (g: RankedGrade, s: SeniorityRange) => (g.seniority.min <= s.value && s.value <= g.seniority.max ? 0 : 1),
  },
  {
    rule: 'point lies in the source band',
    key: (g: RankedGrade, s: SeniorityRange) => (s.min <= g.seniority.value && g.seniority.value <= s.max ? 0 : 1),
  },
  { rule: 'larger band overlap', key: (g: RankedGrade, s: SeniorityRange) => -overlap(s, g.seniority) },
  { rule: "a job on the source's track", key: (g: RankedGrade) => (g.onSourceTrack ? 0 : 1) },
  { rule: 'the lower grade', key: (g: RankedGrade) => g.seniority.value },
  { rule: 'the earlier grade in pay order', key: (g: RankedGrade) => g.position },
] as const

export type TieRule = (typeof TIE_RULES)[number]['rule']

/** Compares two candidates for one source: `order` < 0 when `a` wins, and the rule that decided. */
export function compareGrades(
  source: SeniorityRange,
  a: RankedGrade,
  b: RankedGrade,
): { order: number; decidedBy: TieRule | null } {
  for (const { rule, key } of TIE_RULES) {
    const difference = key(a, source) - key(b, source)
    if (difference !== 0) return { order: difference, decidedBy: rule }
  }
  return { order: 0, decidedBy: null }
}
