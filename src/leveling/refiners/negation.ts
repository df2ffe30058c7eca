// "Is not responsible for supervising", "no complex problems", "never works independently": a
// phrase negated in its clause does not count. Rules whose own words are the negation ("does not
// supervise", "without close supervision", "no experience required") carry it inside the match.
import { clauseBefore, counts, drop, type Refiner } from './refiner.js'

const negator =
  /\b(?:not|no|never|neither|nor|cannot|can't|doesn't|don't|isn't|aren't|won't|without|lacks?|rather than|instead of|other than|except(?:ing)?|excluding|exception of|absence of|lack of|lacks|lacking|free of)\b(?:\s+\S+){0,3}\s*$/i

export const negation: Refiner = {
  name: 'negation',
  description: 'A phrase negated in its clause ("is not responsible for supervising") does not count.',
  refine(matches, context) {
    for (const match of matches) {
      if (!counts(match) || match.sentence < 0) continue
      if (match.level === 'none' && match.factor === 'leadership') continue
      if (match.factor === 'experience' && match.level === 'none') continue
      const before = clauseBefore(match, context, 40)
      // "not only ... but", "no less than": not negations of the phrase.
      if (/\bnot\s+only\b|\bno\s+(?:less|fewer)\s+than\b|\bnot\s+less\s+than\b|\bif\s+not\b/i.test(before)) continue
      if (negator.test(before)) drop(match, 'negated in its clause')
    }
  },
}
