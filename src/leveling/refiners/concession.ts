// "Although general direction is provided, incumbents have the knowledge to make informed
// decisions": the supervision is conceded; the independence is what the sentence asserts.
import { counts, type Refiner, sentenceAfter, sentenceBefore } from './refiner.js'

const concessive = /\b(?:although|though|while|whilst|even\s+though|despite)\b[^.;]*$/i
const butAfter = /^[^.;]*?,\s*(?:but|yet|however)\b/i
const independent =
  /\b(?:make|making|makes|exercise|exercising|exercises|use|uses|using)\b[^.;]{0,60}\b(?:decisions|judge?ments?|discretion)\b|\b(?:independent|own|informed)\s+(?:decisions|judge?ments?)\b|\bindependently\b|\bon\s+(?:their|his\s+or\s+her|his|her)\s+own\b/i

export const concession: Refiner = {
  name: 'concession',
  description:
    'Supervision conceded before an assertion of independence ("although direction is provided, incumbents make their own decisions") is read as minimal.',
  refine(matches, context) {
    for (const match of matches) {
      if (!counts(match) || match.factor !== 'supervision') continue
      if (!['close', 'moderate', 'general'].includes(match.level)) continue
      const before = sentenceBefore(match, context)
      const after = sentenceAfter(match, context)
      const conceded = concessive.test(before) || butAfter.test(after)
      if (conceded && independent.test(after)) {
        match.notes.push(
          `read as minimal: the ${match.level} supervision is conceded, and the sentence asserts independence`,
        )
        match.level = 'minimal'
        match.strength = 1
        match.specificity = Math.max(match.specificity, 3)
      }
    }
  },
}
