// Knowledge, skills and abilities are what a job needs to know, not what it does: "knowledge of
// supervisory principles", "ability to work independently", "experience in budget preparation" are
// no evidence of supervising, of independence or of a budget. Nor is what the job assists with:
// "assists the manager with the budget".
import { clauseBefore, counts, drop, type Refiner } from './refiner.js'

const asked =
  /\b(?:knowledge\s+of|knowledgeable\s+(?:of|in|about)|ability\s+to|abilities\s+to|able\s+to|skills?\s+(?:in|with|to)|skilled\s+in|proficien(?:t|cy)\s+(?:in|with)|familiar(?:ity)?\s+with|understanding\s+of|experience|experienced\s+in|training\s+in|demonstrated|capable\s+of|capacity\s+to|aptitude\s+for|competen(?:ce|cy)\s+in|principles\s+(?:and\s+practices\s+)?of|methods\s+(?:and\s+techniques\s+)?of|techniques\s+of|willingness\s+to|desire\s+to|learn(?:s|ing)?\s+to|prepare[sd]?\s+(?:an\s+employee|incumbents?)\s+(?:\S+\s+){0,4}(?:to|for))\b(?:(?![.;]).){0,80}$/i
const assisting =
  /\b(?:assists?|assisting|helps?|helping|supports?|supporting|participates?\s+in|contributes?\s+to|aids?)\s+(?:the\s+|a\s+|an\s+)?(?:\S+\s+){0,3}(?:with|in)\s+(?:the\s+)?(?:\S+\s+){0,2}$/i

export const knowledge: Refiner = {
  name: 'knowledge',
  description:
    'What a job must know or be able to do ("knowledge of supervisory principles", "ability to work independently") and what it only assists with is not what it does.',
  refine(matches, context) {
    for (const match of matches) {
      if (!counts(match) || match.sentence < 0) continue
      if (['experience', 'education', 'level', 'reports'].includes(match.factor)) continue
      if (match.factor === 'leadership' && match.level === 'none') continue
      // Close supervision is received, never asked: "learns to provide support under close supervision".
      if (match.factor === 'supervision' && (match.level === 'close' || match.level === 'moderate')) continue
      const before = clauseBefore(match, context, 100)
      if (asked.test(before)) drop(match, 'knowledge, skill or ability asked, not a duty')
      else if ((match.factor === 'scope' || match.factor === 'leadership') && assisting.test(before))
        drop(match, 'a duty the job assists with, not its own')
    }
  },
}
