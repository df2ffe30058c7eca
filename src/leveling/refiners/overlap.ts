// One phrase counts for one factor: where matches of different factors share words, the more
// specific (then the longer) keeps them. A sentence may still speak to several factors in separate
// words ("works independently as technical lead on the most complex problems").
import type { Match } from '../match.js'
import { counts, drop, type Refiner } from './refiner.js'

const priority = [
  'leadership',
  'supervision',
  'complexity',
  'scope',
  'level',
  'experience',
  'education',
  'title',
  'role',
]

function better(a: Match, b: Match): boolean {
  if (a.specificity !== b.specificity) return a.specificity > b.specificity
  const lengthA = a.end - a.start
  const lengthB = b.end - b.start
  if (lengthA !== lengthB) return lengthA > lengthB
  return priority.indexOf(a.factor) < priority.indexOf(b.factor)
}

export const overlap: Refiner = {
  name: 'overlap',
  description:
    "One phrase counts for one factor: where two factors' matches share words, the more specific keeps them.",
  refine(matches) {
    const live = matches.filter(counts)
    for (let i = 0; i < live.length; i++) {
      const a = live[i] as Match
      for (let j = i + 1; j < live.length; j++) {
        const b = live[j] as Match
        if (b.start >= a.end) break
        if (a.factor === b.factor || a.sentence !== b.sentence) continue
        // Whom the job reports to is read from the same words as the supervision it receives.
        if (a.factor === 'reports' || b.factor === 'reports') continue
        // "The final point of escalation" says both the tier and the complexity.
        if ((a.factor === 'tier' && b.factor === 'complexity') || (a.factor === 'complexity' && b.factor === 'tier'))
          continue
        if (!counts(a) || !counts(b)) continue
        if (better(a, b)) drop(b, `its words are read for ${a.factor}`)
        else drop(a, `its words are read for ${b.factor}`)
      }
    }
    // Within one factor, a match inside a longer one of the same factor is the same reading.
    for (let i = 0; i < live.length; i++) {
      const a = live[i] as Match
      for (let j = i + 1; j < live.length; j++) {
        const b = live[j] as Match
        if (b.start >= a.end) break
        if (a.factor !== b.factor || !counts(a) || !counts(b)) continue
        if (b.start >= a.start && b.end <= a.end && better(a, b)) drop(b, 'inside a longer reading of the same factor')
        else if (a.start >= b.start && a.end <= b.end && better(b, a))
          drop(a, 'inside a longer reading of the same factor')
      }
    }
  },
}
