// The shapes the leveling steps pass along: a submission normalized and split into job texts, the
// evidence read from each job (every reading with the sentence it came from, in the submission's
// own words), and the proposal.
import type { Family } from './corpus.js'

export type { Family } from './corpus.js'

/** One job as the split found it: its plain text, each character mapped to its place in the submission. */
export interface JobText {
  /** The heading the split found the job by (a title line, a column header). */
  heading: string
  /** The heading is the first line of a text no layout split, not a title the layout found. */
  guessed?: boolean
  /** The job's plain text (normalized); pieces of the submission joined by blank lines. */
  text: string
  /** The submission offset of each character of `text`, and the offset just after it. */
  from: Int32Array
  to: Int32Array
  /** The submission. */
  source: string
  /** Offsets in `text` where two pieces of the submission meet (a sentence never crosses one). */
  joins: number[]
  /** The grade and job code the layout printed beside the job's title (a list's or a table's columns), where it did. */
  grade?: string
  jobCode?: string
  /** The runs of the normalized submission the job is made of (absent for a job that is its own submission). */
  spans?: { start: number; end: number }[]
  /** The employer or series the job belongs to, where the text names more than one (ladders are ranked within one). */
  group?: string
  /** What the split found doubtful about this job. */
  flags?: Flag[]
}

export interface SplitResult {
  jobs: JobText[]
  /** The layout the split used. */
  layout: string
  /** How the text was split, in words: `split on 5 "Jobcode:" headings`. */
  method: string
  /** The parts of the text no job holds (source notes, series text, page furniture), in words. */
  leftOut: string[]
}

/** Exact words of the submitted text. */
export interface Quote {
  quote: string
}

export type FlagCode =
  | 'contradiction'
  | 'thin-evidence'
  | 'placed-by-ladder'
  | 'ladder-disagrees'
  | 'outside-family'
  | 'adjacent-family'
  | 'merged-jobs'
  | 'uncertain-split'
  | 'other-employer'

/** A doubt an analyst should check, with the words that raised it. */
export interface Flag {
  code: FlagCode
  detail: string
  quotes: Quote[]
}

export type Supervision = 'close' | 'moderate' | 'general' | 'minimal' | 'independent'
export type Education = 'none' | 'high_school' | 'certificate' | 'associate' | 'bachelor' | 'master' | 'doctorate'
export type Leadership = 'none' | 'guides' | 'leads' | 'supervises' | 'manages' | 'manages_supervisors'
export type Complexity = 'routine' | 'moderate' | 'complex' | 'expert'
export type LevelWord = 'trainee' | 'developing' | 'journey' | 'senior' | 'lead' | 'supervisor' | 'manager' | 'director'
export type TitleWord = LevelWord
export type Role = 'assistant' | 'technician' | 'specialist' | 'engineer' | 'coordinator'
/** The rank of the job's superior. */
export type Superior = 'lead' | 'supervisor' | 'manager' | 'director' | 'executive'
export type Track = 'individual_contributor' | 'management'

export interface Reading<T> {
  value: T
  quotes: Quote[]
  /** How much the reading counts (1 when absent): a weak statement such as "general supervision" counts less. */
  strength?: number
  /** The rules the reading came from. */
  rules?: string[]
  /** What the refiners changed, in words. */
  notes?: string[]
}

export interface Years {
  /** The least years of experience the job asks (the low end of a range). */
  min: number
  max: number | null
  /** Education and experience counted together ("post-secondary education or relevant work experience"). */
  combined: boolean
}

export interface Scope {
  budget: boolean
  vendors: boolean
  /** `unit` plans and policies, `contributes` to strategy, or `leads` it. */
  strategy: 'none' | 'unit' | 'contributes' | 'leads'
}

/** A grade of a public pay system (US GS, US judiciary CL, NHS Agenda for Change, APS), with its rough point. */
export interface PublicGrade {
  system: string
  grade: string
  /** The point the grade corresponds to loosely (data/leveling/grade-systems.json). */
  point: number
}

export interface FamilyReading {
  family: Family
  /** The words that decided. */
  words: string[]
}

/**
 * The evidence fields of a job, as institution documents name them. Text reading fills them from
 * a job description; structured JSON items and CSV rows fill them from their fields.
 */
export interface JobEvidence {
  title: string | null
  jobCode: string | null
  grade: string | null
  education: Reading<Education> | null
  experience: Reading<Years> | null
  supervisionReceived: Reading<Supervision> | null
  supportTier: Reading<{ low: number; high: number }> | null
  complexity: Reading<Complexity> | null
  leadership: Reading<Leadership> | null
  /** The leadership reading is not a duty of every incumbent ("may supervise"): it does not decide the track. */
  leadershipModal?: boolean
  /** The text says the job does not supervise ("does not supervise", "exercises no supervision"). */
  doesNotSupervise: Reading<true> | null
  scope: Reading<Scope> | null
  levelWord: Reading<LevelWord> | null
  titleWord: Reading<TitleWord> | null
  role: Reading<Role> | null
  publicGrade: Reading<PublicGrade> | null
  reportsTo: Reading<Superior> | null
  /** The level numeral of the title's series ("Technician II" is 2), where it has one. */
  numeral: Reading<number> | null
  /** The lowest annual pay the job's text prints, in dollars. */
  pay: Reading<number> | null
  family: FamilyReading
  summary: string | null
  duties: string[]
  /** The employer or series the split put the job in; ladders are ranked within one group. */
  group?: string
  flags: Flag[]
}

export interface FactorReading {
  factor: string
  level: string
  descriptor: string
  /** The point on the scale this level indicates, as fitted. */
  point: number
  weight: number
  evidence: Quote[]
}

export interface Proposal {
  title: string
  grade: string | null
  jobCode: string | null
  seniority: { point: number; band: { min: number; max: number } }
  track: Track
  family: FamilyReading
  confidence: number
  factors: FactorReading[]
  rationale: string
  nearest: NearestJob[]
  /** What moved the point after the factors were combined (a rule, the ladder order). */
  adjustments: string[]
  /** The combined score before rounding (after calibration and rules). */
  score: number
  /** The point the job's own evidence gives, before the ladder. */
  ownPoint: number
  /** Doubts an analyst should check (always present; empty when there are none). */
  flags: Flag[]
}

export interface NearestJob {
  institution: string
  grade: string
  title: string
  seniority: number
  track: Track
}
