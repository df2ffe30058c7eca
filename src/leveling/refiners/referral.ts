// "Complex problems are referred to a superior", "assists higher-level staff with complex issues":
// complexity the job hands to someone else, or helps someone else with, is not the job's own.
import { counts, drop, type Refiner, sentenceText } from './refiner.js'

const handsOver =
  /\b(?:refer(?:s|red|ring)?|escalat(?:es?|ed|ing)|forward(?:s|ed|ing)?|rout(?:es?|ed|ing)|pass(?:es|ed)?\s+(?:on|along)|hands?\s+off|turns?\s+over)\b[^.;]{0,80}\b(?:to|for)\s+(?:a\s+|an\s+|the\s+|appropriate\s+|more\s+|other\s+)?(?:\S+\s+){0,3}(?:supervisor|supervision|superior|senior|higher|lead|staff|technicians?|specialists?|analysts?|engineers?|vendors?|tier|level|team|manager|support|personnel)|\b(?:assists?|assisting|helps?|helping|supports?|supporting)\s+(?:the\s+|a\s+)?(?:higher[- ]level|senior|more\s+experienced|lead|professional)\b|\bhelp\s+from\s+(?:senior|higher)|\bconsults?\s+with\s+(?:a\s+|the\s+)?(?:higher|senior)[- ]level|\bunder\s+the\s+(?:direction|guidance)\s+of\s+(?:senior|higher)|\bseeks?\s+(?:assistance|guidance|help)\b/i

export const referral: Refiner = {
  name: 'referral',
  description:
    'Complex work the job refers to someone else ("complex problems are referred to a superior") or assists someone else with is not its own complexity.',
  refine(matches, context) {
    for (const match of matches) {
      if (!counts(match) || match.factor !== 'complexity') continue
      if (match.level === 'routine') continue
      if (match.rule.id === 'complexity.complex.escalation-point') continue
      if (handsOver.test(sentenceText(match, context)))
        drop(match, 'complexity the job refers to someone else or assists with')
    }
  },
}
