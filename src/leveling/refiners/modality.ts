import { clauseBefore, counts, type Refiner, sentenceText } from './refiner.js'

const lower: Record<string, string> = {
  manages_supervisors: 'manages',
  manages: 'supervises',
  supervises: 'leads',
  leads: 'guides',
  guides: 'guides',
}

const modalBefore =
  /\b(?:may|might|can|could|occasionally|sometimes|periodically|when\s+(?:required|needed|necessary|assigned)|if\s+(?:required|needed|assigned)|as\s+(?:needed|required|assigned|directed)|in\s+the\s+absence\s+of)\b(?:(?!\b(?:must|shall|will)\b)[^.;]){0,60}$/i
const modalAfter =
  /^[^.;]{0,40}\b(?:as\s+(?:needed|required|assigned|directed)|when\s+(?:required|needed|assigned)|in\s+(?:the\s+)?(?:\w+\s+)?absence)\b/i
const alternative = /(?:\band\/or\b|\bor\b)\s+(?:\S+\s+){0,3}$/i
const mayBeAssigned = /\bmay\s+be\s+(?:assigned|required|asked)\s+to\b/i

function isModal(before: string, after: string, sentence: string): boolean {
  if (modalBefore.test(before) || modalAfter.test(after)) return true
  // "Performs ..., and/or coordinates others", "... or acts as a team leader": an alternative duty.
  if (alternative.test(before) && !/\b(?:directs?|supervises?|manages?)\b/i.test(before)) return true
  return mayBeAssigned.test(sentence) && sentence.indexOf('may') < sentence.length
}

export const modality: Refiner = {
  name: 'modality',
  description:
    'Leadership that only "may" be done, is done "as assigned", or is one of alternatives counts a step lower and does not decide the track.',
  refine(matches, context) {
    for (const match of matches) {
      if (!counts(match) || match.sentence < 0) continue
      if (match.factor !== 'leadership' && match.factor !== 'scope') continue
      if (match.level === 'none') continue
      const before = clauseBefore(match, context, 100)
      const after = context.text.slice(match.end, context.sentences[match.sentence]?.end ?? match.end)
      if (!isModal(before, after, sentenceText(match, context))) continue
      match.modal = true
      if (match.factor === 'leadership') {
        const next = lower[match.level] ?? match.level
        if (next !== match.level)
          match.notes.push(
            `read as ${next}: "${match.level}" is not a duty of every incumbent (may, as assigned, or an alternative)`,
          )
        match.level = next
      } else {
        match.strength = Math.min(match.strength, 0.5)
        match.notes.push('counted at half: not a duty of every incumbent')
      }
    }
  },
}
