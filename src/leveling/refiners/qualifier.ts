// Independence with a qualifier: "independently completes routine assignments" is independence
// on the easy work only (moderate); "works on the majority of assignments independently, with the
// exception of the most complex" is one step less than full independence.
import { counts, type Refiner, sentenceText } from './refiner.js'

const rank = ['close', 'moderate', 'general', 'minimal', 'independent']
const routineOnly = /\b(?:routine|recurring|repetitive|standard\s+(?:procedures|practices|tasks)|well-established)\b/i
const partly =
  /\b(?:majority\s+of|exception\s+of|except\s+(?:for\s+)?(?:the\s+)?(?:most|more)|on\s+many|some\s+assignments)\b/i

export const qualifier: Refiner = {
  name: 'qualifier',
  description:
    'Independence on routine work only reads as moderate supervision, and independence on most but not all work one step less than its words.',
  refine(matches, context) {
    for (const match of matches) {
      if (!counts(match) || match.factor !== 'supervision') continue
      const at = rank.indexOf(match.level)
      if (at < 3) continue
      const sentence = sentenceText(match, context)
      if (routineOnly.test(sentence)) {
        match.notes.push('read as moderate: independence on routine work only')
        match.level = 'moderate'
        match.specificity = Math.max(match.specificity, 3)
      } else if (partly.test(sentence)) {
        match.level = rank[at - 1] as string
        match.notes.push(`read as ${match.level}: independence on most work, not all`)
        match.specificity = Math.max(match.specificity, 3)
      }
    }
  },
}
