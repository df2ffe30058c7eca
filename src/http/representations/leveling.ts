// A leveling result as the API answers it (and the ladder page shows it): each proposal with its
// nearest grades in the institutions loaded, crosswalked from the snapshot the request reads.
import type { Static } from 'typebox'
import type { Snapshot } from '../../catalog/snapshot.js'
import { nearestMatches } from '../../crosswalk/proposal.js'
import type { LeveledSubmission } from '../../leveling/submission.js'
import type { Proposal } from '../../leveling/types.js'
import { type LevelingResponseSchema, maxSplitLength, maxWarnings, nearestLimit } from '../schemas/leveling.js'
import { type CsvCell, toCsv } from './csv.js'
import { essentialResultView } from './json.js'

export type LevelingView = Static<typeof LevelingResponseSchema>
type NearestView = LevelingView['jobs'][number]['nearest']
type SummaryView = LevelingView['summary']

/** The answer's counts: the spread over points and tracks, and how many jobs need a closer look. */
export function levelingSummary(jobs: readonly Proposal[]): SummaryView {
  const spread = new Map<string, SummaryView['points'][number]>()
  for (const job of jobs) {
    const key = `${job.seniority.point} ${job.track}`
    const entry = spread.get(key)
    if (entry) entry.jobs++
    else spread.set(key, { point: job.seniority.point, track: job.track, jobs: 1 })
  }
  const count = (test: (job: Proposal) => boolean) => jobs.filter(test).length
  const flagged = (code: string) => (job: Proposal) => job.flags.some((flag) => flag.code === code)
  return {
    jobs: jobs.length,
    points: [...spread.values()].sort((a, b) => a.point - b.point || a.track.localeCompare(b.track)),
    thinEvidence: count(flagged('thin-evidence')),
    placedByLadder: count(flagged('placed-by-ladder')),
    movedByLadder: count((job) => job.ownPoint !== job.seniority.point),
    flagged: count((job) => job.flags.length > 0),
    outsideFamily: count((job) => job.family.family === 'other'),
    adjacentFamily: count((job) => job.family.family === 'it-adjacent'),
  }
}

export function levelingView(result: LeveledSubmission, snapshot: Snapshot): LevelingView {
  const { catalog, crosswalk } = snapshot
  // Proposals share few placements: each is crosswalked once.
  const nearestOf = new Map<string, NearestView>()
  const nearest = (proposal: Proposal): NearestView => {
    const { point, band } = proposal.seniority
    const key = `${point} ${band.min} ${band.max} ${proposal.track}`
    let matches = nearestOf.get(key)
    if (!matches) {
      const placement = { point, band, track: proposal.track }
      matches = essentialResultView(nearestMatches(crosswalk, catalog, placement, nearestLimit)).matches
      nearestOf.set(key, matches)
    }
    return matches
  }
  return {
    summary: levelingSummary(result.jobs),
    warnings: result.warnings.slice(0, maxWarnings),
    split: result.split.length > maxSplitLength ? `${result.split.slice(0, maxSplitLength - 1)}…` : result.split,
    layout: result.layout,
    jobs: result.jobs.map((proposal, index) => ({
      title: proposal.title,
      grade: proposal.grade,
      jobCode: proposal.jobCode,
      seniority: proposal.seniority,
      ownPoint: proposal.ownPoint,
      track: proposal.track,
      family: { family: proposal.family.family, words: proposal.family.words.slice(0, 10) },
      confidence: proposal.confidence,
      factors: proposal.factors,
      rationale: proposal.rationale,
      adjustments: proposal.adjustments,
      flags: proposal.flags.map((flag) => ({ code: flag.code, detail: flag.detail, quotes: flag.quotes.slice(0, 10) })),
      ...(result.otherColumns[index]?.length ? { otherColumns: result.otherColumns[index] } : {}),
      nearest: nearest(proposal),
    })),
  }
}

/** The columns of the leveling answer as CSV, before the submitted columns it does not read. */
export const levelingCsvHeader = [
  'title',
  'jobCode',
  'grade',
  'point',
  'bandMin',
  'bandMax',
  'ownPoint',
  'track',
  'family',
  'confidence',
  'flags',
  'nearest',
  'rationale',
] as const

const nearestInWords = (match: NearestView[number]) =>
  `${match.institution} ${match.grade.code} (${match.relation}, ${match.delta >= 0 ? '+' : ''}${match.delta})`

/**
 * The leveling answer as a spreadsheet: one row per job with its point, band, track, flags, the
 * three best nearest grades and the rationale, then the submitted columns it kept without reading
 * (the union of their headers, in the order first seen).
 */
export function levelingCsv(view: LevelingView): string {
  const others: string[] = []
  for (const job of view.jobs) {
    for (const column of job.otherColumns ?? []) if (!others.includes(column.name)) others.push(column.name)
  }
  const rows = view.jobs.map((job): CsvCell[] => [
    job.title,
    job.jobCode,
    job.grade,
    job.seniority.point,
    job.seniority.band.min,
    job.seniority.band.max,
    job.ownPoint,
    job.track,
    job.family.family,
    job.confidence,
    job.flags.map((flag) => flag.code).join('; '),
    job.nearest.slice(0, 3).map(nearestInWords).join('; '),
    job.rationale,
    ...others.map((name) => job.otherColumns?.find((column) => column.name === name)?.value ?? ''),
  ])
  return toCsv([...levelingCsvHeader, ...others], rows)
}
