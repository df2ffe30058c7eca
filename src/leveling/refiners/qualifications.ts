// Minimum qualifications as the entry requirement: what is only preferred, equivalence clauses
// ("each year of college may substitute for ..."), years of supervising asked beside the base
// years, and a job's years under another level's heading are not the minimum; where the text
// writes alternatives ("a bachelor's degree OR three years of experience"), the least demanding
// path is. A path's cost counts education in years (associate 2, bachelor 4, master 6, doctorate
// 9) and experience at one and a half times its years, since a year of work asked is more than a
// year of study; the path that costs least is kept, the others set aside.
import type { Match } from '../match.js'
import { counts, drop, type ReadingContext, type Refiner, sentenceText } from './refiner.js'

export const educationYears: Record<string, number> = {
  none: 0,
  high_school: 0,
  certificate: 1,
  associate: 2,
  bachelor: 4,
  master: 6,
  doctorate: 9,
}

/** How much more a year of experience asked weighs than a year of study, in choosing the least demanding path. */
export const experienceCost = 1.5

const preferred =
  /\b(?:prefer(?:red|ably|ence)|recommended|desir(?:ed|able)|ideal(?:ly)?|advantageous|an\s+asset|nice\s+to\s+have|a\s+plus)\b/i
const substitution =
  /\b(?:substitut\w*|in\s+lieu\s+of|may\s+be\s+(?:replaced|credited)|year[- ]for[- ]year|for\s+each\s+year|per\s+year\s+of|equivalent\s+to\s+one\s+year|counts?\s+as\s+(?:one|a)\s+year|will\s+be\s+(?:accepted|credited)\s+(?:in|as))\b/i
const supervisoryYears =
  /^\s*(?:\S+\s+){0,4}?(?:supervis\w*|lead(?:ing|ership)?|management|managerial|in\s+a\s+(?:lead|supervisory))\b/i
const includedIn =
  /\b(?:including|of\s+which|one\s+of\s+which|must\s+(?:have\s+)?(?:been|include)|at\s+least\s+\S+\s+of\s+(?:which|these|the))\b[^.;]{0,30}$/i
const additional = /\b(?:additional|further|plus|more)\s*$/i
const general = /^\s*(?:\S+\s+){0,2}?general\s+(?:\S+\s+)?experience/i

function yearsOf(match: Match): number {
  if (match.level === 'none') return 0
  const low = match.groups.low
  if (low === undefined) return 0
  const value = numberOf(low)
  return /^month/i.test(match.groups.unit ?? '') ? value / 12 : value
}

const words: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  half: 0.5,
  'one-half': 0.5,
}
function numberOf(text: string): number {
  const lower = text.toLowerCase().trim()
  if (/^\d+(\.\d+)?$/.test(lower)) return Number(lower)
  return lower.split(/[- ]/).reduce((sum, part) => sum + (words[part] ?? 0), 0)
}

interface Path {
  members: Match[]
  cost: number
}

/** The gap between two qualification phrases separates alternatives when its last conjunction is "or". */
function separates(gap: string): boolean {
  if (/\bOR\b/.test(gap)) return true
  if (/\beither\b/i.test(gap)) return true
  // "and/or" joins: a degree "and/or its equivalent" is one path with the years beside it.
  const conjunctions = [
    ...gap.replace(/\band\s*\/\s*or\b/gi, 'and').matchAll(/\b(or|and|plus|with|including|in\s+addition\s+to)\b|;/gi),
  ]
  const last = conjunctions.at(-1)?.[1]?.toLowerCase()
  if (last !== 'or') return false
  // "a degree in computer science or a related field and ..." ends with "and"; "... or a related
  // field" before a years phrase is still the degree's field list when no comma or break precedes it.
  const tail = gap.slice((conjunctions.at(-1)?.index ?? 0) + 2)
  return !/^\s*(?:a\s+)?(?:closely\s+)?(?:related|relevant|similar|equivalent)\s+(?:field|discipline|area|major)\b/i.test(
    tail,
  )
}

function cost(members: Match[]): number {
  let education = 0
  let years = 0
  for (const member of members) {
    if (member.factor === 'education') education = Math.max(education, educationYears[member.level] ?? 0)
    else years += yearsOf(member) * member.strength
  }
  return education + experienceCost * years
}

export function yearsAsked(match: Match): number {
  return yearsOf(match)
}

export const qualifications: Refiner = {
  name: 'qualifications',
  description:
    'The entry requirement is the least demanding path of the minimum qualifications: preferred qualifications, substitution clauses and years of supervising asked beside the base years are set aside, and of alternatives ("a bachelor\'s degree OR three years of experience") the one that asks least is kept.',
  refine(matches, context) {
    const asked = matches.filter(
      (match) => counts(match) && (match.factor === 'experience' || match.factor === 'education'),
    )
    if (asked.length === 0) return
    for (const match of asked) {
      const sentence = sentenceText(match, context)
      const heading = headingBefore(match, context)
      if (preferred.test(sentence) || preferred.test(heading)) {
        drop(match, 'a preferred qualification, not the minimum')
        continue
      }
      if (substitution.test(sentence) && !/\bequivalent\s+combination\b/i.test(sentence)) {
        drop(match, 'an equivalence clause, not the minimum')
        continue
      }
      if (match.factor === 'experience' && match.level === 'years') {
        const after = context.text.slice(match.end - 12, match.end + 60)
        const inner = context.text.slice(match.start, match.end)
        if (
          supervisoryYears.test(inner.replace(/^.*?(?:years?|months?)\s+(?:of\s+)?/i, '')) ||
          /supervis|lead\s+worker|management/i.test(inner)
        ) {
          drop(match, 'years of supervising or leading, asked beside the base years')
          continue
        }
        const before = context.text.slice(Math.max(0, match.start - 60), match.start)
        if (includedIn.test(before)) {
          drop(match, 'years included in the base years')
          continue
        }
        if (
          general.test(inner.replace(/^.*?(?:years?|months?)\s+(?:of\s+)?/i, '')) ||
          /general experience/i.test(after.slice(0, 40))
        ) {
          match.strength = Math.min(match.strength, 0.5)
          match.notes.push('general experience, not experience of the work: counted at half')
        }
      }
    }
    const kept = asked.filter(counts)
    if (kept.length === 0) return
    // Alternatives: consecutive phrases are one path unless the words between them end with "or".
    const paths: Path[] = []
    let current: Match[] = []
    kept.forEach((match, index) => {
      const previous = kept[index - 1]
      if (previous) {
        const gap = context.text.slice(previous.end, match.start)
        if (separates(gap)) {
          paths.push({ members: current, cost: 0 })
          current = []
        }
      }
      // "... plus two additional years": added to the path's base years.
      if (
        match.factor === 'experience' &&
        additional.test(context.text.slice(Math.max(0, match.start - 25), match.start))
      )
        match.notes.push('additional years, added to the base years')
      current.push(match)
    })
    paths.push({ members: current, cost: 0 })
    for (const path of paths) path.cost = cost(path.members)
    if (paths.length < 2) return
    let best = paths[0] as Path
    for (const path of paths) if (path.cost < best.cost - 1e-9) best = path
    for (const path of paths) {
      if (path === best) continue
      for (const member of path.members) drop(member, 'an alternative path that asks more than the least demanding one')
    }
    for (const member of best.members) member.notes.push(`the least demanding of ${paths.length} alternative paths`)
  },
}

/** The nearest heading at or before the match's sentence, within three sentences. */
function headingBefore(match: Match, context: ReadingContext): string {
  for (let index = match.sentence; index >= Math.max(0, match.sentence - 3); index--) {
    const sentence = context.sentences[index]
    if (sentence?.heading) return sentence.text
  }
  return ''
}
