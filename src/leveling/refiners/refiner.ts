// A refiner is a pass over all of a job's matches that judges them in their sentence: it knows
// nothing of phrasing beyond the words that change a phrase's meaning (a negation, a direction, a
// referral, a concession, a "may", an alternative, another job named), and sets a match aside or
// moves its level, saying why.
import type { Match } from '../match.js'
import type { Sentence } from '../sentences.js'

export interface ReadingContext {
  text: string
  sentences: Sentence[]
  /** The job's title, as the split found it. */
  title: string
}

export interface Refiner {
  name: string
  /** What the refiner does, in one sentence, for the rationale and the README. */
  description: string
  refine(matches: Match[], context: ReadingContext): void
}

/** The text of the match's clause before it: back to the sentence's start or a clause break (; or :). */
export function clauseBefore(match: Match, context: ReadingContext, reach = 120): string {
  const sentence = context.sentences[match.sentence]
  const from = Math.max(sentence?.start ?? 0, match.start - reach)
  const before = context.text.slice(from, match.start)
  const parts = before.split(/[;:]|\s-\s|\(\s*\d\s*\)/)
  return parts.at(-1) ?? ''
}

/** The sentence's text before the match. */
export function sentenceBefore(match: Match, context: ReadingContext): string {
  const sentence = context.sentences[match.sentence]
  return context.text.slice(sentence?.start ?? 0, match.start)
}

/** The sentence's text after the match. */
export function sentenceAfter(match: Match, context: ReadingContext): string {
  const sentence = context.sentences[match.sentence]
  return context.text.slice(match.end, sentence?.end ?? context.text.length)
}

export function sentenceText(match: Match, context: ReadingContext): string {
  return context.sentences[match.sentence]?.text ?? ''
}

export function drop(match: Match, reason: string): void {
  if (match.dropped === null) match.dropped = reason
}

export const counts = (match: Match) => match.dropped === null
