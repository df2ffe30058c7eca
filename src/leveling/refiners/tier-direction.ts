// The tier a job works at, read against the tiers it names: a tier it takes escalations from is
// the one below it ("resolves issues escalated from Tier 1": tier 2), a tier it escalates to is
// the one above it and not its own ("escalates problems to second level support").

import { tierNumber } from '../numbers.js'
import { counts, drop, type Refiner } from './refiner.js'

export const tierDirection: Refiner = {
  name: 'tier-direction',
  description: 'A tier the job takes escalations from is the one below its own; a tier it escalates to is not its own.',
  refine(matches, context) {
    for (const match of matches) {
      if (!counts(match) || match.factor !== 'tier' || match.rule.id !== 'tier.tier') continue
      const before = context.text.slice(Math.max(0, match.start - 40), match.start)
      if (/\b(?:to|reach|reaching|reaches|than|toward|towards)\s+(?:\S+\s+){0,2}$/i.test(before)) {
        drop(match, 'a tier the job escalates to, not its own')
      } else if (/\b(?:from|by)\s+(?:the\s+|a\s+)?$/i.test(before)) {
        const from = tierNumber(match.groups.high ?? match.groups.ord2 ?? match.groups.low ?? match.groups.ord) ?? 1
        const own = String(Math.min(3, from + 1))
        match.groups = { low: own, high: own }
        match.notes.push(`tier ${own}: it takes escalations from tier ${from}`)
      }
    }
  },
}
