// Supervision given or received: "Provides close supervision of three technicians" is supervision
// the job exercises, not supervision it works under; "Works under the supervision of the unit
// supervisor" names who supervises the job, not whom it supervises. The direction is read from the
// verb before the phrase and from whom the phrase is of.
import type { Match } from '../match.js'
import { clauseBefore, counts, drop, type Refiner, sentenceAfter, sentenceBefore } from './refiner.js'

/** Words before a supervision phrase that make it the job's own act. */
const given =
  /\b(?:provides?|providing|exercises?|exercising|gives?|giving|administers?|responsible\s+for|accountable\s+for|has|have|with\s+full|assumes?|performs?)\s+(?:(?:close|direct|general|immediate|day-to-day|technical|functional|and|the|some|moderate|minimal|limited)\s+){0,3}$/i
/** Words after it naming the people the job supervises. */
const ofStaff =
  /^\s+(?:of|over|to|for)\s+(?:the\s+|a\s+|an\s+|all\s+|assigned\s+|\d+\s+|one\s+|two\s+|three\s+|four\s+|five\s+|several\s+|other\s+|subordinate\s+)?(?:\S+\s+){0,3}?(?:staff|employees|personnel|technicians|specialists|analysts|workers|team|teams|unit|others|subordinates|students|interns|assistants|operators|contractors|volunteers|clerks|coordinators|representatives|crew|shift|group)\b/i
/** Words after it naming who supervises the job. */
const ofSuperior =
  /^\s+(?:of|from|by)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|its\s+|assigned\s+|designated\s+)?(?:\S+\s+){0,4}?(?:supervisor|manager|director|lead|leader|chief|officer|head|superintendent|administrator|coordinator|superior|supervisory|management|dean|principal)\b/i
/** Words before a leadership phrase that make it the job's superior's. */
const received =
  /\b(?:under|receives?|receiving|subject\s+to|from|reports?\s+(?:directly\s+)?to|reporting\s+(?:directly\s+)?to|responsible\s+to|accountable\s+to|by)\s*:?\s+(?:\S+\s+){0,8}$/i
/** A labelled statement of the supervision the job receives: what it names is the job's superior. */
const receivedLabel = /\bsupervision\s+received\b/i

function isReceived(match: Match) {
  return match.factor === 'supervision'
}

export const direction: Refiner = {
  name: 'direction',
  description:
    'Supervision the job gives ("provides close supervision of three technicians") is not supervision it receives, and supervision it receives ("under the supervision of the unit supervisor") is not leadership.',
  refine(matches, context) {
    for (const match of matches) {
      if (!counts(match) || match.sentence < 0) continue
      const before = clauseBefore(match, context, 80)
      const after = sentenceAfter(match, context)
      if (isReceived(match)) {
        if (match.rule.id === 'supervision.label' || match.rule.id === 'supervision.named-from') continue
        // "Under close supervision", "receives general supervision": received by its own words.
        if (/^(?:under|receives?|with|works?\s+under)\b/i.test(context.text.slice(match.start, match.end))) continue
        // Independence, judgment, latitude: the job's own, whatever verb comes before.
        if (!/supervis|direction|guidance|oversight|instruction/i.test(context.text.slice(match.start, match.end)))
          continue
        if (/\b(?:under|receives?|works?\s+under|with)\s+(?:\S+\s+){0,2}$/i.test(before)) continue
        if (given.test(before) || (ofStaff.test(after) && !ofSuperior.test(after)))
          drop(match, 'supervision the job gives, not receives')
      } else if (match.factor === 'leadership' && match.level !== 'none') {
        const words = context.text.slice(match.start, match.end)
        // "Works with the lead technician", "assists the team leader": another's role, not the job's.
        if (
          /\b(?:with|to|for|assists?|assisting|supports?|supporting|helps?)\s+(?:the|a|an|their|his|her)\s*$/i.test(
            before,
          )
        ) {
          drop(match, "another's role named, not the job's")
          continue
        }
        if (!/supervis|direct|oversight|lead/i.test(words)) continue
        const heading = context.sentences[match.sentence - 1]
        const labelled =
          receivedLabel.test(sentenceBefore(match, context)) ||
          (heading?.heading === true && receivedLabel.test(heading.text) && !/exercised/i.test(heading.text))
        if (
          labelled ||
          received.test(sentenceBefore(match, context).slice(-120)) ||
          (/^supervision\b/i.test(words) && ofSuperior.test(context.text.slice(match.start + 'supervision'.length)))
        )
          drop(match, 'supervision the job receives, not gives')
      }
    }
  },
}
