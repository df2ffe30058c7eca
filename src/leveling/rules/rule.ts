// A rule is one phrase family a job description uses to say something about one factor, as data:
// the pattern, the level it indicates, and sentences it must and must not read. The generic matcher
// (../match.ts) runs every rule over a job's text; the refiners (../refiners/) then decide, across
// rules, what a match means in its sentence (negated, given rather than received, referred to
// someone else, conceded, an alternative, about another job). A test runs every rule's examples
// and notExamples through the whole reading, so each phrase is tested by its own data.

export type FactorId =
  | 'experience'
  | 'education'
  | 'supervision'
  | 'complexity'
  | 'leadership'
  | 'scope'
  | 'level'
  | 'title'
  | 'role'
  | 'tier'
  | 'reports'

export interface Example {
  text: string
  /** The level the reading ends at, where a refiner moves it from the rule's own (a "may" lowers a step). */
  level?: string
}

export interface Rule {
  /** Unique, `factor.level.phrase`. */
  id: string
  factor: FactorId
  /** The factor level the phrase indicates (for experience and education, what the captures say). */
  level: string
  /**
   * A regular expression source, matched case-insensitively (unless `caseSensitive`): a space
   * matches any run of white space, and word boundaries are added at both ends.
   */
  pattern: string
  caseSensitive?: boolean
  /** The level named by the pattern's `value` group, lower-cased (a labelled field: "Supervision received: close"). */
  values?: Record<string, string>
  /** A stock phrase used at many levels ("general supervision"): it counts at this share of its factor's weight. */
  strength?: number
  /** How specific the phrase is when several readings of one factor disagree: higher wins. */
  specificity?: number
  /** Sentences the whole reading must read with this rule, at this level (or the example's own). */
  examples: (string | Example)[]
  /** Sentences in which this rule must not end up read at its level. */
  notExamples: string[]
  /** Why the phrase means what it is said to mean, where that is not plain. */
  note?: string
}

export const exampleText = (example: string | Example) => (typeof example === 'string' ? example : example.text)
export const exampleLevel = (rule: Rule, example: string | Example) =>
  typeof example === 'string' ? rule.level : (example.level ?? rule.level)
