// The shapes the leveling steps pass along: a submission split into job texts, the evidence read
// from each job (every reading with the verbatim words it came from), and the proposal.

/** A contiguous run of the submitted text that belongs to a job: `text.slice(start, end)`. */
export interface Piece {
  /** Offset of the piece in the job's own text (pieces are joined with a newline). */
  at: number
  /** Offset of the piece in the submitted text. */
  start: number
  length: number
}

/** One job as the split found it: its text, made of one or more verbatim pieces of the submission. */
export interface JobText {
  /** The heading the split found the job by (a title line, a column header), verbatim. */
  heading: string
  text: string
  pieces: Piece[]
  /** The employer or series the job belongs to, where the text names more than one (ladders are ranked within one). */
  group?: string
  /** What the split found doubtful about this job (several level headings in it, another employer). */
  flags?: string[]
}

export interface SplitResult {
  jobs: JobText[]
  /** How the text was split, in words: `split on 5 "Jobcode:" headings`. */
  method: string
  /** The parts of the text no job holds (source notes, series text, context tables), in words. */
  leftOut?: string[]
}

/** Exact words of the submitted text. */
export interface Quote {
  quote: string
}

export type Supervision = 'close' | 'moderate' | 'general' | 'minimal' | 'independent'
export type Education = 'none' | 'high_school' | 'associate' | 'bachelor' | 'master' | 'doctorate'
export type Leadership = 'none' | 'guides' | 'leads' | 'supervises' | 'manages' | 'manages_supervisors'
export type Complexity = 'routine' | 'moderate' | 'complex' | 'expert'
export type LevelWord = 'trainee' | 'developing' | 'journey' | 'senior' | 'lead' | 'manager' | 'director'
export type Track = 'individual_contributor' | 'management'

export interface Reading<T> {
  value: T
  quotes: Quote[]
  /** How much the reading counts (1 when absent): a weak statement such as "general supervision" counts less. */
  strength?: number
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
  /** `contributes` to strategy or plans beyond its own work, or `leads` it. */
  strategy: 'none' | 'unit' | 'contributes' | 'leads'
}

/**
 * The evidence fields of a job, as institution documents name them. Text extraction fills them
 * from a job description; structured JSON items and CSV rows fill them directly.
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
  /** The text says the job does not supervise ("does not supervise", "supervision of others is not required"). */
  doesNotSupervise: Reading<true> | null
  scope: Reading<Scope> | null
  levelWord: Reading<LevelWord> | null
  /** Words that place the job among its neighbours: a roman numeral or number in the title, a Hay range. */
  summary: string | null
  duties: string[]
  /** The employer or series the split put the job in; ladders are ranked within one group. */
  group?: string
  /** Doubts about the job's text or its readings (a likely merge, another employer, contradictions). */
  flags?: string[]
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
  confidence: number
  factors: FactorReading[]
  rationale: string
  nearest: NearestJob[]
  /** What moved the point after the factors were combined (a rule, the ladder order). */
  adjustments: string[]
  /** The combined score before rounding (after calibration and rules). */
  score: number
  /** Doubts an analyst should check: a likely merge of several jobs, another employer, contradicting evidence, a ladder out of order. */
  flags?: string[]
}

export interface NearestJob {
  institution: string
  grade: string
  title: string
  seniority: number
  track: Track
}
