// The family a job belongs to: IT end-user support (what the scale was written for), adjacent IT
// work (networks, systems, development, security, data, operations), or outside IT. Read from the
// words of the title (which weigh most) and of the text, each family's terms as data; the answer
// names the words that decided it.
import type { Family, FamilyReading } from './types.js'

interface Term {
  family: Family | 'it'
  pattern: RegExp
}

const terms: Term[] = [
  // IT end-user support: the help desk, the desktop, the end user.
  {
    family: 'it-end-user-support',
    pattern:
      /\b(?:help ?desk|service ?desk|desktop|deskside|end[- ]users?|user (?:support|services)|client (?:support|services|computing)|computer (?:support|lab|technician|technologist|user|repair)|pc (?:support|technician)|technical support|tech(?:nology)? support|it support|ict support|support (?:centre|center|technician|analyst|specialist)|field (?:services?|technician)|workstations?|laptops?|printers?|peripherals?|password resets?|tickets?|incidents?|troubleshoot\w*|imaging|mobile devices?|hardware and software|software and hardware|break[- ]fix|av support|classroom technology|first[- ]line support|tier [123] support|(?:1st|2nd|3rd)[- ]line)\b/gi,
  },
  // Adjacent IT: infrastructure, systems, development, security, data, operations.
  {
    family: 'it-adjacent',
    pattern:
      /\b(?:network(?:s|ing)?|servers?|system(?:s)? administrat\w*|sysadmin|database|dba|programm(?:er|ing)|developers?|development|software engineer\w*|applications? (?:development|developer|analyst|administrator|support)|cyber\w*|information security|security (?:analyst|engineer|operations)|infrastructure|cloud|data (?:center|centre|analyst|engineer|warehouse)|computer operat\w*|operations center|telecommunications?|telecom|telephony|web (?:developer|master|site)|gis|devops|erp|architect\w*|storage|virtuali[sz]\w*|scripting|firewalls?|routers?|switches)\b/gi,
  },
  // IT in general: counts for both IT families.
  {
    family: 'it',
    pattern:
      /\b(?:information technology|it|ict|im&t|informatics|computers?|computing|technology|software|hardware|systems?|applications?|microsoft|windows|active directory|office 365|sccm|itil)\b/gi,
  },
  // Outside IT.
  {
    family: 'other',
    pattern:
      /\b(?:account(?:ant|ing|s payable|s receivable)|bookkeep\w*|payroll|fiscal|financ\w*|budget analyst|audit(?:or|ing)|procurement|purchasing|buyer|human resources|hr (?:generalist|assistant|analyst|specialist|manager)|recruit\w*|personnel (?:analyst|officer|clerk)|benefits|nurs(?:e|ing)|clinical|patient|medical|dispatch\w*|transit|bus drivers?|drivers?|maintenance (?:worker|mechanic)|custodi\w*|janitor\w*|facilities|grounds|librar(?:y|ian)|teach(?:er|ing)|instructor|curriculum|assessment programs?|police|fire(?:fighter)?|planner|planning commission|clerical|secretar\w*|office (?:assistant|clerk|specialist)|administrative (?:assistant|secretary|clerk)|receptionist|cashier\w*|customer service representative|legal|paralegal|attorney|social work\w*|eligibility|grants?|laborator(?:y|ies)|scientific|research|engineering technician|civil engineer|water|wastewater|parks?|recreation|marketing|communications officer|public information|records (?:clerk|management)|court (?:clerk|reporter)|probation)\b/gi,
  },
]

const titleWeight = 3

interface Tally {
  score: number
  words: Map<string, number>
}

function tally(text: string, weight: number, into: Record<string, Tally>): void {
  for (const term of terms) {
    const counted = into[term.family] as Tally
    for (const match of text.matchAll(term.pattern)) {
      const word = match[0].toLowerCase()
      // "IT" only in capitals: "it" is a pronoun.
      if (word === 'it' && match[0] !== 'IT') continue
      counted.score += weight
      counted.words.set(word, (counted.words.get(word) ?? 0) + weight)
    }
  }
}

function topWords(entry: Tally, count = 4): string[] {
  return [...entry.words]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([word]) => word)
}

/** The job's family from its title and text, with the words that decided. */
export function readFamily(title: string, text: string): FamilyReading {
  const title_: Record<string, Tally> = {}
  const body: Record<string, Tally> = {}
  for (const family of ['it-end-user-support', 'it-adjacent', 'it', 'other']) {
    title_[family] = { score: 0, words: new Map() }
    body[family] = { score: 0, words: new Map() }
  }
  tally(title, 1, title_)
  tally(text, 1, body)
  const score = (family: string) => titleWeight * (title_[family]?.score ?? 0) + Math.min(12, body[family]?.score ?? 0)
  const support = score('it-end-user-support')
  const adjacent = score('it-adjacent')
  const general = score('it')
  const other = score('other')
  const it = support + adjacent + general
  // A word in both the title and the text is named once.
  const words = (family: string) =>
    [...new Set([...topWords(title_[family] as Tally), ...topWords(body[family] as Tally)])].slice(0, 5)
  // Outside IT: the title names other work and no IT, or the text speaks of other work far more than of IT.
  const titleIT =
    (title_['it-end-user-support']?.score ?? 0) + (title_['it-adjacent']?.score ?? 0) + (title_.it?.score ?? 0)
  if (((title_.other?.score ?? 0) > 0 && titleIT === 0 && other >= it / 2) || other > 1.5 * it + 2 || it < 2) {
    return { family: 'other', words: words('other') }
  }
  if (adjacent > support * 1.3 + 1) return { family: 'it-adjacent', words: words('it-adjacent') }
  return { family: 'it-end-user-support', words: support > 0 ? words('it-end-user-support') : words('it') }
}
