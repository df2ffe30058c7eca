// A leveling result as the API answers it (and the ladder page shows it): each proposal with its
// nearest grades in the institutions loaded, crosswalked from the snapshot the request reads.
import type { Static } from 'typebox'
import type { Snapshot } from '../../catalog/snapshot.js'
import { nearestMatches } from '../../crosswalk/proposal.js'
import type { LevelingResult } from '../../leveling/level.js'
import type { Proposal } from '../../leveling/types.js'
import { type LevelingResponseSchema, maxSplitLength, nearestLimit } from '../schemas/leveling.js'
import { essentialResultView } from './json.js'

export type LevelingView = Static<typeof LevelingResponseSchema>
type NearestView = LevelingView['jobs'][number]['nearest']

export function levelingView(result: LevelingResult, snapshot: Snapshot): LevelingView {
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
    split: result.split.length > maxSplitLength ? `${result.split.slice(0, maxSplitLength - 1)}…` : result.split,
    layout: result.layout,
    jobs: result.jobs.map((proposal) => ({
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
      nearest: nearest(proposal),
    })),
  }
}
