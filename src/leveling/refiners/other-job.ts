// Words about another job are not this job's: the class a series distinguishes it from ("in that
// the latter is the advanced journey level that performs the most complex duties"), a sentence whose
// subject is another level of the series ("Technical Support Specialists I learn to perform these
// functions at the trainee level"), the next higher or lower class, and the people the job works
// for or with ("assists senior-level staff").
import { romanValue } from '../numbers.js'
import { counts, drop, type Refiner, sentenceBefore } from './refiner.js'

const distinguishing =
  /\b(?:distinguished\s+from|differs?\s+from|different\s+from|in\s+contrast|as\s+opposed\s+to|unlike|compared\s+(?:to|with))\b/i
/** Where a distinguishing sentence turns to the other class. */
const otherClause =
  /\b(?:the\s+latter|which\s+(?:is|are|performs?|has|have|provides?|requires?|includes?)|whereas|while\s+(?:the|that|those)|where\s+the|in\s+which|that\s+class|those\s+(?:positions|classes|incumbents|employees))\b/i
const otherClass =
  /^\s*(?:(?:in|by)\s+contrast,?\s+|whereas\s+|however,?\s+)?(?:the\s+)?(?:next\s+(?:higher|lower)|higher[- ]level|lower[- ]level|more\s+senior|subordinate)\s+(?:\S+\s+){0,2}(?:class(?:es|ification)?|levels?|positions?|series|classes)\b|^\s*the\s+(?:latter|higher|lower)\b/i
const aboutOthers =
  /\b(?:to|from|by|with|than|assists|assisting)\s+(?:the\s+|a\s+|an\s+|other\s+)?(?:[a-z]\S*\s+){0,2}$/

interface Series {
  stem: Set<string>
  numeral: number
}

const stemWords = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .replace(/\([^)]*\)/g, ' ')
      .split(/[^a-z]+/)
      .map((word) => word.replace(/s$/, ''))
      .filter((word) => word.length > 2 && !['the', 'and', 'for', 'class', 'level', 'this'].includes(word)),
  )

/** The series stem and level numeral of a title: "Technical Support Specialist II" → {technical, support, specialist}, 2. */
export function seriesOf(title: string): Series | null {
  const match = title.trim().match(/^(.*?[A-Za-z].*?)\s+(I{1,3}|IV|VI{0,3}|IX|X|[1-9])\b(?!\s*[-–]\s*(?:I|\d))/)
  if (!match?.[1] || !match[2]) return null
  const numeral = /^\d$/.test(match[2]) ? Number(match[2]) : romanValue(match[2])
  if (numeral === null) return null
  return { stem: stemWords(match[1]), numeral }
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0
  return [...a].filter((word) => b.has(word)).length / Math.min(a.size, b.size)
}

export const otherJob: Refiner = {
  name: 'other-job',
  description:
    "Words about another job (the class a series distinguishes this one from, another level of the series, the next higher class, the staff it assists or reports to) are not this job's evidence.",
  refine(matches, context) {
    const own = seriesOf(context.title)
    const aboutOther = new Map<number, string>()
    context.sentences.forEach((sentence, index) => {
      if (otherClass.test(sentence.text) && !/\b(?:distinguished|differs|former)\b/i.test(sentence.text)) {
        aboutOther.set(index, 'a sentence about the next higher or lower class')
        return
      }
      if (!own) return
      const subject = sentence.text.match(
        /^\s*(?:the\s+|an?\s+)?((?:[A-Z][\w/&'-]*\s+){1,6}?)(I{1,3}|IV|VI{0,3}|[1-9])(?:'s)?\b/,
      )
      if (!subject?.[1] || !subject[2]) return
      const numeral = /^\d$/.test(subject[2]) ? Number(subject[2]) : romanValue(subject[2])
      if (numeral === null || numeral === own.numeral) return
      if (overlap(stemWords(subject[1]), own.stem) >= 0.5)
        aboutOther.set(index, `a sentence about another level of the series (${subject[1].trim()} ${subject[2]})`)
    })
    for (const match of matches) {
      if (!counts(match) || match.sentence < 0) continue
      const reason = aboutOther.get(match.sentence)
      if (reason) {
        drop(match, reason)
        continue
      }
      const before = sentenceBefore(match, context)
      if (distinguishing.test(before) && otherClause.test(before.slice(before.search(distinguishing)))) {
        drop(match, 'said of the class this one is distinguished from')
        continue
      }
      if (match.factor === 'level' && match.rule.id !== 'level.trainee.student' && aboutOthers.test(before.slice(-40)))
        drop(match, 'a level named for the staff the job works with')
    }
  },
}
