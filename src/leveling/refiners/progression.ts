// "Initially under close supervision ... as knowledge and proficiency increase, under general
// supervision": a trainee who grows into the work. The close supervision is the start, not the
// level: read as moderate, and the later general supervision it names is part of the same reading.
import { counts, drop, type Refiner, sentenceAfter, sentenceBefore, sentenceText } from './refiner.js'

const initially = /\b(?:initially|at\s+first|in\s+the\s+beginning|during\s+(?:the\s+)?(?:training|probation\w*))\b/i
const later =
  /\b(?:as\s+(?:\S+\s+){0,3}(?:increases?|is\s+gained|are\s+gained|grows?|develops?|improves?)|with\s+(?:acquired\s+|increased\s+)?experience|more\s+independently|lessen|progressively|over\s+time|becomes?\s+(?:more\s+)?proficient)\b/i

export const progression: Refiner = {
  name: 'progression',
  description:
    'Close supervision named as the start of a progression ("initially under close supervision ... as proficiency increases, general supervision") is read as moderate.',
  refine(matches, context) {
    for (const match of matches) {
      if (!counts(match) || match.factor !== 'supervision' || match.level !== 'close') continue
      const before = sentenceBefore(match, context)
      const after = sentenceAfter(match, context)
      if (!initially.test(before.slice(-60)) || !later.test(after + before)) continue
      match.level = 'moderate'
      match.specificity = Math.max(match.specificity, 3)
      match.notes.push('read as moderate: close supervision only at first, lessening with experience')
      // The later, looser supervision of the same sentence is the other end of the same progression.
      const sentence = sentenceText(match, context)
      for (const other of matches) {
        if (other === match || other.sentence !== match.sentence || other.factor !== 'supervision' || !counts(other))
          continue
        if (sentence.length > 0) drop(other, 'the later stage of a progression read with its start')
      }
    }
  },
}
