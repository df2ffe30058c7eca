// The crosswalk over one catalog snapshot: resolve an input (input.ts), find the nearest candidate
// grade in each target (candidates.ts), and apply the rule (rule.ts) for relation and score. The
// rationale (rationale.ts) is written only when read.
import type { Catalog, Grade, Institution, Job, SeniorityRange } from '../catalog/model.js'
import { type Candidates, candidatesOf, nearestSlots, type Slot, shareTrack } from './candidates.js'
import {
  type CrosswalkInput,
  type CrosswalkSource,
  institutionOf,
  resolveInput,
  sourceTracksOf,
  type TrackMode,
} from './input.js'
import { citations, explanation } from './rationale.js'
import {
  COMPARABLE_DISTANCE,
  compareMatches,
  type MatchOrder,
  type Relation,
  relationOf,
  round,
  scoreOf,
} from './rule.js'
import type { CrosswalkMatch, CrosswalkResult, MatchCitation, MatchFacts } from './types.js'

export type { CrosswalkInput, CrosswalkSource, TrackMode } from './input.js'
export { CrosswalkError } from './input.js'
export type { MatchOrder, Relation } from './rule.js'
export type { CrosswalkMatch, CrosswalkResult, MatchCitation } from './types.js'

export interface CrosswalkOptions {
  /** Target institution slugs; default every institution but the source's. */
  to?: string[]
  track?: TrackMode
  /** `best` (default): best first (rule.ts, MATCH_ORDER); `catalog`: in the order of the targets. */
  order?: MatchOrder
}

/** One source's matches in the order asked for (`best` sorts a copy; `catalog` keeps the targets' order). */
export function ordered<T extends CrosswalkMatch>(matches: readonly T[], order: MatchOrder = 'best'): T[] {
  return order === 'catalog' ? [...matches] : [...matches].sort(compareMatches)
}

export interface Crosswalk {
  /** Resolves an input to its source entries: one per job it names (a grade can hold several). */
  resolve(input: CrosswalkInput): CrosswalkSource[]
  /** Resolves target slugs; throws for an unknown one. */
  targets(source: CrosswalkSource, to?: string[]): Institution[]
  /** Maps one source entry to one target institution. */
  match(source: CrosswalkSource, target: Institution, track: TrackMode): CrosswalkMatch
  /** resolve + targets + match, for every source entry. */
  map(input: CrosswalkInput, options?: CrosswalkOptions): CrosswalkResult[]
}

/** What a match is found from: the facts the crosswalk establishes before any words are written. */
export interface MatchFound {
  source: CrosswalkSource
  /** The target institution. */
  institution: Institution
  /** The target's nearest slot: a grade with its jobs on the tracks considered. */
  slot: Slot
  candidates: Candidates
  /** Target seniority minus source seniority, rounded. */
  delta: number
  relation: Relation
  score: number
  /** Whether the slot shares a track with the source (always, for a source with no track). */
  trackMatched: boolean
  /** Whether candidates were limited to the source's tracks (track=same and the source has tracks). */
  filtering: boolean
  /** Whether the target had no job on the source's tracks, so every job was a candidate. */
  fellBack: boolean
}

/** One match; its rationale and citations are written on first read. */
export class Match implements MatchFacts {
  private writtenRationale: string | undefined
  private writtenSources: MatchCitation[] | undefined
  readonly source: CrosswalkSource
  readonly institution: Institution
  readonly slot: Slot
  readonly candidates: Candidates
  readonly delta: number
  readonly relation: Relation
  readonly score: number
  readonly trackMatched: boolean
  readonly filtering: boolean
  readonly fellBack: boolean
  readonly comparable: boolean

  constructor(
    private readonly catalog: Catalog,
    found: MatchFound,
  ) {
    this.source = found.source
    this.institution = found.institution
    this.slot = found.slot
    this.candidates = found.candidates
    this.delta = found.delta
    this.relation = found.relation
    this.score = found.score
    this.trackMatched = found.trackMatched
    this.filtering = found.filtering
    this.fellBack = found.fellBack
    this.comparable = Math.abs(found.delta) <= COMPARABLE_DISTANCE
  }

  get grade(): Grade {
    return this.slot.grade
  }

  get jobs(): Job[] {
    return this.slot.jobs
  }

  get seniority(): SeniorityRange {
    return this.slot.seniority
  }

  get rationale(): string {
    this.writtenRationale ??= explanation(this.catalog.scale, this)
    return this.writtenRationale
  }

  get sources(): MatchCitation[] {
    this.writtenSources ??= citations(this)
    return this.writtenSources
  }
}

export function createCrosswalk(catalog: Catalog): Crosswalk {
  function targets(source: CrosswalkSource, to?: string[]): Institution[] {
    if (to && to.length > 0) return [...new Set(to)].map((slug) => institutionOf(catalog, slug, 'to'))
    return catalog.institutions.filter((institution) => institution !== source.institution)
  }

  function match(source: CrosswalkSource, target: Institution, track: TrackMode): CrosswalkMatch {
    const sourceTracks = sourceTracksOf(source)
    const filtering = track === 'same' && sourceTracks !== null
    const sameTrack = candidatesOf(target, filtering ? sourceTracks : null)
    const fellBack = filtering && sameTrack.jobs.length === 0
    const candidates = fellBack ? candidatesOf(target, null) : sameTrack
    const slot = nearestSlots(candidates, source.seniority, sourceTracks).slots[0] as Slot
    const trackMatched = sourceTracks === null || slot.jobs.some((job) => shareTrack(job, sourceTracks))
    return new Match(catalog, {
      source,
      institution: target,
      slot,
      candidates,
      delta: round(slot.seniority.value - source.seniority.value),
      relation: relationOf(source.seniority, slot.seniority, trackMatched),
      score: scoreOf(source.seniority, slot.seniority, trackMatched),
      trackMatched,
      filtering,
      fellBack,
    })
  }

  function map(input: CrosswalkInput, options: CrosswalkOptions = {}): CrosswalkResult[] {
    const track = options.track ?? 'same'
    const sources = resolveInput(catalog, input)
    const targetList = targets(sources[0] as CrosswalkSource, options.to)
    return sources.map((source) => ({
      source,
      matches: ordered(
        targetList.map((target) => match(source, target, track)),
        options.order,
      ),
    }))
  }

  return { resolve: (input) => resolveInput(catalog, input), targets, match, map }
}
