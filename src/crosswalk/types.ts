// The shapes of a crosswalk answer, shared by the crosswalk and its rationale.
import type { Grade, Institution, Job, SeniorityRange } from '../catalog/model.js'
import type { Citation } from '../documents/schema.js'
import type { Candidates, Slot } from './candidates.js'
import type { CrosswalkSource } from './input.js'
import type { Relation } from './rule.js'

export interface MatchCitation extends Citation {
  side: 'source' | 'target'
  institution: string
  grade: string
}

export interface CrosswalkMatch {
  institution: Institution
  grade: Grade
  jobs: Job[]
  seniority: SeniorityRange
  delta: number
  relation: Relation
  score: number
  comparable: boolean
  trackMatched: boolean
  rationale: string
  sources: MatchCitation[]
}

export interface CrosswalkResult {
  source: CrosswalkSource
  matches: CrosswalkMatch[]
}

/** What a match knows of how it was found: what its rationale is written from. */
export interface MatchFacts extends CrosswalkMatch {
  source: CrosswalkSource
  slot: Slot
  candidates: Candidates
  filtering: boolean
  fellBack: boolean
}
