// The one generic matcher: every rule of every factor run over a job's text, each match kept with
// its exact span, its sentence and its captures, for the refiners to judge in context.
import { addVocabulary } from './normalize.js'
import { complexityRules } from './rules/complexity.js'
import { leadershipRules } from './rules/leadership.js'
import { levelRules, roleRules, titleRules } from './rules/level.js'
import { educationRules, experienceRules } from './rules/qualifications.js'
import { reportsRules } from './rules/reports.js'
import { exampleText, type FactorId, type Rule } from './rules/rule.js'
import { scopeRules } from './rules/scope.js'
import { supervisionRules } from './rules/supervision.js'
import { type Sentence, sentenceIndexAt } from './sentences.js'

/** Every rule, in the order factors are listed; the title's rules read the title line alone. */
export const bodyRules: Rule[] = [
  ...experienceRules,
  ...educationRules,
  ...supervisionRules,
  ...complexityRules,
  ...leadershipRules,
  ...scopeRules,
  ...levelRules,
  ...reportsRules,
]
export const headingRules: Rule[] = [...titleRules, ...roleRules]
export const allRules: Rule[] = [...bodyRules, ...headingRules]

export interface Match {
  rule: Rule
  factor: FactorId
  /** The level the match indicates; a refiner may move it. */
  level: string
  start: number
  end: number
  groups: Record<string, string | undefined>
  /** Index of the sentence that holds the match (-1 for a title match). */
  sentence: number
  strength: number
  specificity: number
  /** Why a refiner set the match aside (null while it counts). */
  dropped: string | null
  /** What refiners changed, in words. */
  notes: string[]
  /** An alternative or a "may": not a duty of every incumbent (it does not decide the track). */
  modal?: boolean
}

/** A pattern whose spaces also match line breaks and runs of spaces, since wrapped text breaks lines anywhere. */
function flexible(source: string): string {
  let result = ''
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    if (char === '\\') {
      result += char + (source[i + 1] ?? '')
      i++
      continue
    }
    if (char === '[') inClass = true
    if (char === ']') inClass = false
    if (char === ' ' && !inClass) {
      // " ?" and " *" are an optional space; any other space is a run of white space.
      if (source[i + 1] === '?' || source[i + 1] === '*') {
        result += '\\s*'
        i++
      } else result += '\\s+'
      continue
    }
    result += char
  }
  return result
}

const compiled = new Map<Rule, RegExp>()

/** The rule's pattern as a global regular expression with word boundaries at both ends. */
export function compile(rule: Rule): RegExp {
  const existing = compiled.get(rule)
  if (existing) return existing
  const source = `(?<![A-Za-z0-9-])(?:${flexible(rule.pattern)})(?![A-Za-z0-9])`
  const pattern = new RegExp(source, rule.caseSensitive ? 'g' : 'gi')
  compiled.set(rule, pattern)
  return pattern
}

// The words the rules read: a word broken across lines is joined when the join is one of them.
addVocabulary(
  allRules.flatMap((rule) => [
    ...rule.examples.flatMap(
      (example) =>
        exampleText(example)
          .toLowerCase()
          .match(/[a-z]{4,}/g) ?? [],
    ),
    ...(rule.pattern.toLowerCase().match(/[a-z]{4,}/g) ?? []),
  ]),
)

function matchOne(rule: Rule, text: string, sentences: Sentence[] | null, found: Match[]): void {
  const pattern = compile(rule)
  pattern.lastIndex = 0
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0].length === 0) {
      pattern.lastIndex++
      continue
    }
    const start = match.index
    const end = start + match[0].length
    let sentence = -1
    if (sentences) {
      sentence = sentenceIndexAt(sentences, start)
      const holder = sentences[sentence]
      // A match belongs to one sentence, and headings are never evidence.
      if (!holder || holder.end < end || holder.heading) continue
    }
    const groups = { ...(match.groups ?? {}) }
    const value = groups.value?.toLowerCase()
    const level = rule.values && value ? (rule.values[value] ?? rule.level) : rule.level
    found.push({
      rule,
      factor: rule.factor,
      level,
      start,
      end,
      groups,
      sentence,
      strength: rule.strength ?? 1,
      specificity: rule.specificity ?? 2,
      dropped: null,
      notes: [],
    })
  }
}

/** Every match of the body rules in a job's text, in text order. */
export function matchBody(text: string, sentences: Sentence[]): Match[] {
  const found: Match[] = []
  for (const rule of bodyRules) matchOne(rule, text, sentences, found)
  return found.sort((a, b) => a.start - b.start || b.end - a.end)
}

/** Every match of the title rules in a title. */
export function matchTitle(title: string): Match[] {
  const found: Match[] = []
  for (const rule of headingRules) matchOne(rule, title, null, found)
  return found.sort((a, b) => a.start - b.start || b.end - a.end)
}
