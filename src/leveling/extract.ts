// Reads the evidence fields of one job from its description. Every reading keeps the exact words
// it came from (a verbatim run of the submitted text), so an analyst can check each one.
import { collapse, numberPattern, parseNumber, quoteAround, quoteExact, sentenceEnd } from './text.js'
import type {
  Complexity,
  Education,
  JobEvidence,
  JobText,
  Leadership,
  LevelWord,
  Quote,
  Reading,
  Scope,
  Supervision,
  Years,
} from './types.js'

interface Hit {
  start: number
  end: number
}

/** A pattern whose spaces also match line breaks, since wrapped text breaks lines anywhere. */
function flexible(source: string): string {
  let result = ''
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    if (char === '\\') {
      result += char + (source[i + 1] ?? '')
      i++
      continue
    }
    if (char === '[') inClass = true
    if (char === ']') inClass = false
    result += char === ' ' && !inClass ? '\\s+' : char
  }
  return result
}

function hits(text: string, pattern: RegExp): Hit[] {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`
  const global = new RegExp(flexible(pattern.source), flags)
  return [...text.matchAll(global)].map((match) => ({ start: match.index, end: match.index + match[0].length }))
}

/** The text of the clause before a match, back to the last sentence or list break. */
function clauseBefore(text: string, at: number, reach = 80): string {
  const before = text.slice(Math.max(0, at - reach), at)
  const parts = before.split(/[.;:\n\t]|\s\d+\.\s/)
  return parts.at(-1) ?? ''
}

/** The sentence boundaries of the text last asked about: each match's start and end, in order. */
let boundaries: { text: string; starts: number[]; ends: number[] } | null = null

function boundariesOf(text: string): { starts: number[]; ends: number[] } {
  if (boundaries?.text === text) return boundaries
  const starts: number[] = []
  const ends: number[] = []
  const boundary = new RegExp(sentenceEnd.source, 'g')
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    starts.push(match.index)
    ends.push(match.index + match[0].length)
  }
  boundaries = { text, starts, ends }
  return boundaries
}

/** The first index of the ascending `values` whose value is at least `at` (their length if none). */
function firstAtLeast(values: number[], at: number): number {
  let low = 0
  let high = values.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((values[middle] as number) < at) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * The sentence around a position, as plain text (not a quote); a line break inside wrapped text
 * does not end it. It runs from the end of the last boundary that ends at or before the position
 * to the start of the first boundary at or after it. The boundaries of a job's text are found once
 * (a job's readers ask about many positions of the same text), not once per position.
 */
function sentenceAt(text: string, at: number): string {
  const { starts, ends } = boundariesOf(text)
  const before = firstAtLeast(ends, at + 1) - 1
  const after = firstAtLeast(starts, at)
  return text.slice(before >= 0 ? (ends[before] as number) : 0, after < starts.length ? starts[after] : text.length)
}

// ── title, job code, grade ────────────────────────────────────────────────────────────────

export function cleanTitle(heading: string): string {
  const inferred = heading.match(/\(([^()]*?)\s*--[^()]*\)/)?.[1] ?? ''
  return (
    collapse(
      heading
        .replace(/^(?:job|class|position|working|classification)\s*title\s*:?\s*/i, '')
        .replace(/\[[^\]]*\](?:\/\[[^\]]*\])*/g, ' ')
        .replace(/\((?:quoted|official|mirror|title inferred|[^)]*--[^)]*)\)/gi, ' ')
        .replace(/^[\s"“]+|[\s"”:]+$/g, ''),
    ).slice(0, 200) || collapse(inferred)
  )
}

const jobCodePattern =
  /\b(?:job\s*code|jobcode|class\s*code|class\s*number|job\s*number|position\s*number)\s*:?\s*([A-Z0-9][A-Za-z0-9-]{1,15})\b|\bclass\s+(\d{3,5}[A-Z]{0,2})\b/i

/**
 * Whether a position of the job's text is in the job's own header or row: within the first lines of
 * one of its pieces, or on a short labelled line ("Pay grade", "IT2"). A grade or code quoted inside
 * running text (another job's, an example's) is not the job's.
 */
function inOwnHeader(job: JobText, at: number): boolean {
  const piece = [...job.pieces].reverse().find((candidate) => candidate.at <= at)
  const from = piece?.at ?? 0
  const lineIndex = (job.text.slice(from, at).match(/\n/g) ?? []).length
  const lineStart = job.text.lastIndexOf('\n', at - 1) + 1
  const lineEnd = job.text.indexOf('\n', at)
  const line = job.text.slice(lineStart, lineEnd < 0 ? job.text.length : lineEnd)
  return (lineIndex < 4 && line.length <= 160) || collapse(line).length <= 80
}

/** The heading's own code: "(T1I1XX)", "(7606EL)". */
function codeOf(job: JobText): string | null {
  for (const match of job.text.matchAll(new RegExp(jobCodePattern.source, 'gi'))) {
    if (inOwnHeader(job, match.index)) return match[1] ?? match[2] ?? null
  }
  return job.heading.match(/\(([A-Z0-9]*\d[A-Z0-9]*[A-Z][A-Z0-9]*|[A-Z]+\d[A-Z0-9]*)\)/)?.[1] ?? null
}

const gradePattern =
  /\b(?:grade\s*level|pay\s*band|pay\s*grade|salary\s*grade|salary\s*group|pay\s*range|hay\s*point\s*range|grade)\b\s*:?[ \t]*\n?[ \t]*((?:[A-Z]{1,3}[- ]?)?\d{1,3}(?:\s*-\s*\d{1,3})?|[A-Z]{1,3}\d{0,2})\b/

function readGrade(job: JobText): string | null {
  const federal = job.heading.match(/^\s*((?:GS|GG|WG|SG|ZP)[- ]?\d{1,2})\b/)
  if (federal?.[1]) return federal[1].replace(/\s+/g, '-')
  for (const hit of hits(job.text, new RegExp(gradePattern.source, 'gi'))) {
    if (!inOwnHeader(job, hit.start)) continue
    const match = job.text.slice(hit.start, hit.end).match(new RegExp(gradePattern.source, 'i'))
    const value = match?.[1]
    if (!value || (!/\d/.test(value) && value !== value.toUpperCase())) continue
    const before = clauseBefore(job.text, hit.start, 20).toLowerCase()
    if (/higher|lower|same|next/.test(before)) continue
    // "Grade 14 - Individual Contributor" is grade 14; "Hay Point Range: 304 - 369" keeps its range.
    return value.replace(/\s+/g, '')
  }
  return null
}

// ── education ─────────────────────────────────────────────────────────────────────────────

const degreePatterns: [Education, RegExp][] = [
  ['doctorate', /\b(?:ph\.?\s?d\.?|doctoral|doctorate)\b/i],
  ['master', /\bmaster'?s?(?:’s)?\s+(?:or higher[- ]level\s+)?degree|\bmaster’s\b|\bmaster's\b|\bgraduate degree\b/i],
  [
    'bachelor',
    /\bbachelor'?s?(?:’s)?\b|\bbachelors\b|\b(?:4|four)[- ]year (?:course of study|degree|college)|\b(?:college|university) degree\b|\bB\.?[AS]\.?\b(?= degree)/i,
  ],
  [
    'associate',
    /\bassociate'?s?(?:’s)?\s+(?:or higher[- ]level\s+)?degree|\bassociate's\b|\bassociate’s\b|\bassociates degree\b|\b(?:2|two)[- ]year degree|\btechnical diploma\b|\b60 college (?:semester )?credit hours/i,
  ],
  ['high_school', /\bhigh school\b|\bGED\b|\bsecondary school diploma\b/i],
]

function readEducation(job: JobText): Reading<Education> | null {
  const found: { value: Education; hit: Hit }[] = []
  for (const [value, pattern] of degreePatterns) {
    for (const hit of hits(job.text, new RegExp(pattern.source, 'gi'))) found.push({ value, hit })
  }
  if (found.length === 0) return null
  found.sort((a, b) => a.hit.start - b.hit.start)
  const minimum = minimumSection(job.text)
  const preferred = minimum === null ? found : found.filter((entry) => entry.hit.start >= minimum)
  const chosen = (preferred.length > 0 ? preferred : found)[0]
  if (!chosen) return null
  return { value: chosen.value, quotes: [quoteAround(job, chosen.hit.start, chosen.hit.end)] }
}

function minimumSection(text: string): number | null {
  const match = text.match(/\bminimum qualifications?\b|\bbasic qualifications?\b|\brequired qualifications?\b/i)
  return match?.index ?? null
}

// ── years of experience ──────────────────────────────────────────────────────────────────

const yearsPattern = new RegExp(
  `\\b(${numberPattern})(?:\\s*\\((\\d+(?:\\.\\d+)?)\\))?(?:\\s*(?:-|–|—|to)\\s*(${numberPattern})(?:\\s*\\(\\d+(?:\\.\\d+)?\\))?)?\\s*(\\+)?\\s*(?:full[- ]time\\s+)?(years?|yrs?|months?)\\b`,
  'gi',
)

interface YearsMention {
  years: Years
  hit: Hit
  sentence: string
  additional: boolean
  supervisory: boolean
  minimum: boolean
}

function readYearsMentions(job: JobText): YearsMention[] {
  const mentions: YearsMention[] = []
  const minimum = minimumSection(job.text)
  for (const match of job.text.matchAll(yearsPattern)) {
    const [, first, digits, second, , unit] = match
    let low = digits !== undefined ? Number(digits) : parseNumber(first ?? '')
    let high = second !== undefined ? parseNumber(second) : null
    if (low === null) continue
    if (/^month/i.test(unit ?? '')) {
      low /= 12
      high = high === null ? null : high / 12
    }
    if (low > 40 || (high !== null && high > 40)) continue
    const start = match.index
    const sentence = sentenceAt(job.text, start)
    const after = job.text.slice(start, start + 160)
    if (!/experience|education|work|employment|service|performance/i.test(sentence + after)) continue
    if (/years of age|revision|effective/i.test(sentence)) continue
    mentions.push({
      years: {
        min: Math.round(low * 100) / 100,
        max: high,
        combined: /education (?:and|or|and\/or) (?:\w+ ){0,3}experience|\btotaling\b|\btotalling\b|combination/i.test(
          sentence,
        ),
      },
      hit: { start, end: start + match[0].length },
      sentence,
      additional: /\badditional\b/i.test(job.text.slice(Math.max(0, start - 30), start)),
      supervisory:
        /^\s*(?:\(\d+\)\s*)?(?:years?|months?)\s+(?:of\s+)?(?:\w+\s+){0,2}(?:leading|supervis|management|managing)/i.test(
          job.text.slice(start + (match[0].length - (unit?.length ?? 0)), start + match[0].length + 40),
        ),
      minimum: minimum !== null && start >= minimum,
    })
  }
  return mentions
}

/**
 * Qualifications written as alternatives ("Either 1. An associate's degree ...; OR 2. ...; OR 3. one
 * year of experience"): the least years any one path asks, a path of education alone asking none.
 */
function smallestPath(job: JobText): { years: number; hit: Hit } | null {
  const from = minimumSection(job.text) ?? 0
  const region = job.text.slice(from)
  const separators = [...region.matchAll(/\bOR\b|\bEither\b/g)]
  if (separators.filter((match) => match[0] === 'OR').length === 0) return null
  const bounds = [0, ...separators.map((match) => match.index + match[0].length), region.length]
  let best: { years: number; hit: Hit } | null = null
  for (let k = 0; k < bounds.length - 1; k++) {
    const start = from + (bounds[k] ?? 0)
    const end = from + (separators[k]?.index ?? region.length)
    if (end <= start) continue
    const part = job.text.slice(start, end)
    const years = [...part.matchAll(yearsPattern)].map((match) => ({
      value: parseNumber(match[1] ?? '') ?? Number.NaN,
      at: start + match.index,
      length: match[0].length,
      unit: match[5] ?? '',
    }))
    const degree = degreePatterns
      .map(([, pattern]) => part.match(new RegExp(pattern.source, 'i')))
      .find((match) => match?.index !== undefined)
    let path: { years: number; hit: Hit } | null = null
    if (years.length > 0) {
      const first = years[0] as (typeof years)[number]
      const value = /^month/i.test(first.unit) ? first.value / 12 : first.value
      if (!Number.isNaN(value)) path = { years: value, hit: { start: first.at, end: first.at + first.length } }
    } else if (degree?.index !== undefined) {
      path = { years: 0, hit: { start: start + degree.index, end: start + degree.index + degree[0].length } }
    }
    if (path && (!best || path.years < best.years)) best = path
  }
  return best
}

function readExperience(job: JobText, title: string | null): Reading<Years> | null {
  const path = smallestPath(job)
  const read = readStatedExperience(job, title)
  if (path && (!read || path.years < read.value.min)) {
    return {
      value: { min: path.years, max: null, combined: false },
      quotes: [quoteAround(job, path.hit.start, path.hit.end)],
    }
  }
  return read
}

function readStatedExperience(job: JobText, title: string | null): Reading<Years> | null {
  const mentions = readYearsMentions(job).filter((mention) => !mention.supervisory)
  // A line about another level ("Journey level required an additional one year") is not this job's.
  const levelName = (title ?? '').toLowerCase()
  const own = mentions.filter((mention) => {
    const named = mention.sentence.match(/^\s*(\w+)\s+level\b/i)?.[1]?.toLowerCase()
    return named === undefined || levelName.includes(named)
  })
  const base = own.filter((mention) => !mention.additional)
  if (base.length === 0) return null
  const separate = base.filter((mention) => !mention.years.combined)
  const pool = separate.length > 0 ? separate : base
  const minimum = pool.filter((mention) => mention.minimum)
  const chosen = (minimum.length > 0 ? minimum : pool)[0]
  if (!chosen) return null
  const extra = own.filter(
    (mention) =>
      mention.additional &&
      levelName.length > 0 &&
      mention.sentence.toLowerCase().includes(levelName.split(/\s+/).at(-1) ?? '\u0000'),
  )
  const added = extra.reduce((sum, mention) => sum + mention.years.min, 0)
  return {
    value: {
      min: chosen.years.min + added,
      max: chosen.years.max === null ? null : chosen.years.max + added,
      combined: chosen.years.combined,
    },
    quotes: [chosen, ...extra].map((mention) => quoteAround(job, mention.hit.start, mention.hit.end)),
  }
}

// ── supervision received ─────────────────────────────────────────────────────────────────

const supervisionPatterns: [Supervision, RegExp][] = [
  [
    'close',
    /\b(?:close|direct|immediate)\s+supervision\b(?!\s+(?:of|over|to)\b)|\bworks? under direction\b|\bunder (?:the )?direction of\b|\bdetailed (?:verbal\/written )?instructions\b|\bclose supervision\b/i,
  ],
  ['moderate', /\bmoderate (?:direction|supervision|guidance)\b/i],
  [
    'general',
    /\bgeneral (?:supervision|direction|guidance)\b|\b(?:some )?direction is provided\b|\bworks? under the supervision of\b/i,
  ],
  [
    'minimal',
    /\b(?:minimal|limited|little) (?:supervision|direction|guidance)\b|\bwithout close supervision\b|\bconsulting with (?:a |the |their )?(?:manager|supervisor)\b|\bindependently (?:provides?|performs?|performing|resolves?|resolving|completes?|completing|providing)\b|\bworks independently\b|\b(?:assignments|tasks|duties) independently\b|\b(?<!fully )autonomously\b/i,
  ],
  ['independent', /\bfully autonomous(?:ly)?\b|\bwithout (?:any )?supervision\b(?! of)|\badministrative direction\b/i],
]

const supervisionRank: Supervision[] = ['close', 'moderate', 'general', 'minimal', 'independent']

/** Stock phrases that class specifications use from technicians to supervisors: weak evidence. */
const weakSupervision =
  /\bgeneral (?:supervision|direction|guidance)\b|\bdirection is provided\b|\bunder the supervision of\b/i

/**
 * Supervision received: every statement is read, and the most specific wins (a labelled
 * "Supervision received:" statement, a qualified one), not the first. Qualifiers count:
 * "initially ... close supervision ... more independently with experience" is moderate;
 * independence on routine or recurring work is moderate; independence on "the majority of
 * assignments" or "with the exception of" the hardest is one step less than full.
 */
function readSupervision(job: JobText, used: Hit[] = []): Reading<Supervision> | null {
  const found: { value: Supervision; hit: Hit; specificity: number; weak: boolean }[] = []
  for (const [pattern, patternValue] of supervisionPatterns.map(([value, pattern]) => [pattern, value] as const)) {
    for (const hit of hits(job.text, new RegExp(pattern.source, 'gi'))) {
      if (overlaps(hit, used)) continue
      if (/\bnot\s*$/i.test(clauseBefore(job.text, hit.start, 12))) continue
      const sentence = sentenceAt(job.text, hit.start)
      let value = patternValue
      let specificity = 2
      const around = job.text.slice(Math.max(0, hit.start - 40), hit.end + 120)
      if (
        value === 'close' &&
        /\binitially\b/i.test(around) &&
        /\bmore independently|\bwith (?:acquired )?experience\b/i.test(around)
      ) {
        value = 'moderate'
        specificity = 3
      }
      const rank = supervisionRank.indexOf(value)
      if (rank >= 3 && /\broutine\b|\brecurring\b|\bstandard (?:procedures|practices)\b/i.test(sentence)) {
        value = 'moderate'
        specificity = 3
      } else if (
        rank >= 3 &&
        /independ|autonom/i.test(job.text.slice(hit.start, hit.end)) &&
        /\bmajority of\b|\bexception of\b|\bmost (?:assignments|work|tasks)\b|\bon many\b/i.test(sentence)
      ) {
        value = supervisionRank[rank - 1] as Supervision
        specificity = 3
      }
      let weak = weakSupervision.test(job.text.slice(hit.start, hit.end))
      if (rank <= 2 && concededSupervision(sentence, sentence.indexOf(job.text.slice(hit.start, hit.end)))) {
        // "Although direction is provided, incumbents have the knowledge to make informed decisions":
        // the supervision is conceded, the independence is what the sentence asserts.
        value = 'minimal'
        weak = false
        specificity = 3
      }
      if (weak) specificity = 1
      if (/supervision received|relation to supervision/i.test(clauseBefore(job.text, hit.start, 60) + sentence))
        specificity += 1
      found.push({ value, hit, specificity, weak })
    }
  }
  if (found.length === 0) return null
  found.sort((a, b) => b.specificity - a.specificity || a.hit.start - b.hit.start)
  const best = found[0] as (typeof found)[number]
  used.push(best.hit)
  return {
    value: best.value,
    quotes: [quoteAround(job, best.hit.start, best.hit.end)],
    ...(best.weak ? { strength: 0.5 } : {}),
  }
}

/**
 * A supervision phrase conceded in its sentence ("although ... is provided", "... is provided,
 * but") whose main clause says the incumbent makes their own decisions or judgements.
 */
export function concededSupervision(sentence: string, at: number): boolean {
  if (at < 0) return false
  const before = sentence.slice(0, at)
  const after = sentence.slice(at)
  const conceded = /\b(?:although|though|while|whilst)\b[^.;]*$/i.test(before) || /^[^.;]*?,\s*but\b/i.test(after)
  const independent =
    /\b(?:make|making|exercise|exercising)\b[^.;]{0,60}\b(?:decisions|judge?ments?)\b|\b(?:independent|own) (?:decisions|judge?ments?)\b/i
  return conceded && independent.test(after)
}

function overlaps(hit: Hit, used: Hit[]): boolean {
  return used.some((other) => hit.start < other.end && other.start < hit.end)
}

// ── support tier and complexity ──────────────────────────────────────────────────────────

const ordinal: Record<string, number> = { '1st': 1, first: 1, '2nd': 2, second: 2, '3rd': 3, third: 3 }

const escalating =
  /\b(?:escalat\w*|refer\w*|dispatch\w*|to (?:the )?appropriate|higher level|to (?:intermediate|senior))\b/i

function readTier(job: JobText): Reading<{ low: number; high: number }> | null {
  const found: { low: number; high: number; hit: Hit }[] = []
  const tierPattern = /\btier\s*([123])(?:\s*(?:and(?:\/or)?|&|-|–|\/|or)\s*(?:tier\s*)?([123]))?/gi
  for (const match of job.text.matchAll(tierPattern)) {
    const before = clauseBefore(job.text, match.index, 60)
    const a = Number(match[1])
    const b = match[2] ? Number(match[2]) : a
    if (/\bfrom\s*$/i.test(before)) {
      found.push({ low: Math.min(3, Math.max(a, b) + 1), high: Math.min(3, Math.max(a, b) + 1), hit: hitOf(match) })
      continue
    }
    if (escalating.test(before)) continue
    found.push({ low: Math.min(a, b), high: Math.max(a, b), hit: hitOf(match) })
  }
  const levelPattern =
    /\b(1st|first|2nd|second|3rd|third)(?:\s*(?:and\/or|and|or|-|\/)\s*(1st|first|2nd|second|3rd|third))?[- ](?:level|line|tier)\b(?! of response to)|\b(first|second) point of contact\b/gi
  for (const match of job.text.matchAll(levelPattern)) {
    const before = clauseBefore(job.text, match.index, 60)
    if (escalating.test(before)) continue
    const a = ordinal[(match[1] ?? match[3] ?? '').toLowerCase()] ?? 1
    const b = match[2] ? (ordinal[match[2].toLowerCase()] ?? a) : a
    found.push({ low: Math.min(a, b), high: Math.max(a, b), hit: hitOf(match) })
  }
  for (const hit of hits(
    job.text,
    /\bfinal point of escalation\b|\bescalation point\b|\bissues escalated from other staff\b/gi,
  )) {
    found.push({ low: 3, high: 3, hit })
  }
  if (found.length === 0) return null
  const low = Math.min(...found.map((entry) => entry.low))
  const high = Math.max(...found.map((entry) => entry.high))
  const quotes = dedupe(found.slice(0, 3).map((entry) => quoteAround(job, entry.hit.start, entry.hit.end)))
  return { value: { low, high }, quotes }
}

function hitOf(match: RegExpMatchArray): Hit {
  return { start: match.index ?? 0, end: (match.index ?? 0) + match[0].length }
}

const complexityPatterns: [Complexity, RegExp][] = [
  [
    'expert',
    /\bmost (?:complex|difficult)\b|\bhighest complexity\b|\bexpert level\b|\bexpert in\b|\bexpertise in\b|\btechnical consultant\b|\bhighly (?:specialized|complex)\b|\bsuperior skills\b|\bvisionary\b|\b(?:internal and external |external )?consulting services\b|\bsubject[- ]matter expert\b/i,
  ],
  [
    'complex',
    /\b(?<!more )complex (?:problems|issues|technical|assignments|applications|soft\/hardware|work)\b|\bof a complex nature\b|\bin-depth\b|\badvanced (?:technical|support|level|solutions|skills)\b|\ban advanced level of skills\b|\btechnical expert\b|\bmore complicated issues are handled\b/i,
  ],
  [
    'moderate',
    /\bmoderate(?:ly)?(?:\s*(?:to|\/)\s*(?:complex)?)?\s*complex(?:ity)?\b|\bmoderate\/complex\b|\bnon-routine\b|\bintermediate[- ]level\b|\bsimple to moderate\b/i,
  ],
  [
    'routine',
    /\b(?:simple|routine|basic|elementary|straightforward|repetitive|circumscribed|prescribed)\b(?! and non-routine| qualifications)|\bestablished,? standard processes\b/i,
  ],
]

const complexityRank: Complexity[] = ['routine', 'moderate', 'complex', 'expert']

/** Words that take a phrase out of the job's own work: an exception, a negation. */
const exceptionBefore = /\b(?:exception of|except(?:ing)?|other than|excluding|not|no|never)\b(?:\s+\S+){0,3}\s*$/i
/** The job hands such problems to someone else: "Consults with higher-level staff to resolve complex problems". */
const referral =
  /\b(?:are|is) (?:referred|escalated)\b|\breferred to (?:a |the )?higher\b|\bconsults? with (?:a |the )?(?:higher|senior)[- ]level\b|\bassists? (?:the )?higher[- ]level\b|\bhelp from (?:senior|higher)\b/i

function readComplexity(
  job: JobText,
  tier: Reading<{ low: number; high: number }> | null,
  used: Hit[] = [],
): Reading<Complexity> | null {
  let best = null as { value: Complexity; hit: Hit } | null
  for (const [value, pattern] of complexityPatterns) {
    for (const hit of hits(job.text, new RegExp(pattern.source, 'gi'))) {
      if (overlaps(hit, used)) continue
      const before = clauseBefore(job.text, hit.start, 60)
      if (escalating.test(before) || (/\b(?:more|most)\s*$/i.test(before) && value !== 'expert')) continue
      if (value !== 'routine' && exceptionBefore.test(job.text.slice(Math.max(0, hit.start - 40), hit.start))) continue
      if (value !== 'routine' && referral.test(sentenceAt(job.text, hit.start))) continue
      if (/\bability to\b|\bskills? in\b/i.test(before) && value === 'routine') continue
      if (!best || complexityRank.indexOf(value) > complexityRank.indexOf(best.value)) best = { value, hit }
      break
    }
    if (best) break
  }
  const fromTier: Complexity | null = tier
    ? tier.value.high >= 3
      ? 'complex'
      : tier.value.high === 2
        ? 'moderate'
        : 'routine'
    : null
  if (!best && !fromTier) return null
  if (!best || (fromTier && complexityRank.indexOf(fromTier) > complexityRank.indexOf(best.value))) {
    return { value: fromTier as Complexity, quotes: tier?.quotes ?? [] }
  }
  used.push(best.hit)
  const quotes = [quoteAround(job, best.hit.start, best.hit.end)]
  if (tier) quotes.push(...tier.quotes)
  return { value: best.value, quotes: dedupe(quotes) }
}

// ── leadership exercised ─────────────────────────────────────────────────────────────────

const notSupervising =
  /\b(?:does|do|will|is|are) not (?:normally |typically |usually )?(?:supervise|lead|manage|have supervisory)\b|\bsupervision of others is not required\b|\bno supervisory (?:responsibilit\w+|duties|authority)\b|\bnon-supervisory position\b(?! at this level)|\bsupervision exercised\s*:\s*none\b|\bline\/staff authority\s*-*\s*individual contributor\b|\bhas no (?:direct )?reports\b/i

const leadershipPatterns: [Leadership, RegExp][] = [
  [
    'manages_supervisors',
    /\b(?:multiple|other|subordinate|team|first-line|unit)\s+supervisors\b|\bguide supervisors\b|\bmanag\w*\s+(?:\w+\s+){0,3}(?:supervisors|managers)\b|\bsupervis\w*\s+(?:\w+\s+){0,3}supervisors\b|\bthrough (?:subordinate )?supervisors\b|\bsupervisors report\b/i,
  ],
  [
    'manages',
    /\bstaff management\b|\bmanag(?:es|e|ing) (?:the )?(?:staff|employees|personnel|a team|teams)\b|\bfull management responsibility\b|\bresponsible for hiring\b|\bhiring(?: and|,)\b|\bmanagerial (?:position|oversight|responsibilit\w+)\b|\bperformance management\b|\bdirect reports\b|\bfull supervisory[- ]control\b/i,
  ],
  [
    'supervises',
    /\bsupervises\b(?! day to day)|\bresponsible for supervis\w+\b|\bsupervision of (?:a |the )?(?:team|staff|unit|employees|lower|technicians|the provision)\b|\bsupervisory position\b|\bsupervisory responsibilit\w+\b|\bassesses performance\b|\bworking supervisor\b|\bsupervise (?:staff|three|two|a |the |employees|all)\b|\baccountable for (?:the )?supervision\b|\bapply leadership and supervisory skills\b/i,
  ],
  [
    'leads',
    /\blead worker\b|\bteam lead(?:er)?\b|\b(?:leads?|leading) (?:and coordinat\w+ )?(?:small |medium |large )?(?:to (?:medium|large) )?(?:\w+ )?teams?\b|\bleads and tracks the work of\b|\bdirect(?:s|ing)? (?:and monitor(?:s|ing) )?the (?:day-to-day )?work of\b|\boversee(?:s)? team members\b|\btechnical or team leadership\b|\bleadership of (?:\w+ ){0,5}teams\b|\btechnical (?:lead|coordinator)\b|\bday-to-day (?:work )?direction\b|\bleading and coordinating\b|\btemporary supervisory\b|\bleads\/supervises\b|\bwith full accountability for\b/i,
  ],
  [
    'guides',
    /\bmentor\w*\b|\btrain(?:s|ing)? (?:of )?(?:other |new |lower[- ]level )?(?:staff|peers|employees|team members|technicians)\b|\bguidance (?:and instruction )?to (?:other|less|lower)\b|\bgives guidance\b|\bprovides? (?:technical )?guidance\b|\blead(?:s)? (?:small |and\/or large )?projects\b|\bproject team leader\b|\btechnical lead\b|\blead or direct lower\b|\blead (?:paraprofessional|lower)\b|\bassistance to less senior\b|\bplans work of other\b|\bcoordinate a project\b|\bcoordinates? others\b|\bproject coordination\b/i,
  ],
]

const leadershipRank: Leadership[] = ['none', 'guides', 'leads', 'supervises', 'manages', 'manages_supervisors']

function readLeadership(
  job: JobText,
  used: Hit[] = [],
): {
  leadership: Reading<Leadership> | null
  doesNotSupervise: Reading<true> | null
} {
  const negations = hits(job.text, new RegExp(notSupervising.source, 'gi'))
  const negatedSentences = new Set(negations.map((hit) => sentenceAt(job.text, hit.start)))
  const found: { value: Leadership; hit: Hit; modal: boolean }[] = []
  for (const [value, pattern] of leadershipPatterns) {
    for (const hit of hits(job.text, new RegExp(pattern.source, 'gi'))) {
      const sentence = sentenceAt(job.text, hit.start)
      if (negatedSentences.has(sentence)) continue
      const before = clauseBefore(job.text, hit.start, 60)
      if (/\b(?:assist(?:s|ing)? (?:the )?(?:team )?supervisor|ability to|experience|knowledge of)\b/i.test(before))
        continue
      if (/\bnon-supervisory\b/i.test(sentence)) continue
      const modal =
        /\bmay\b(?!\s+(?:be|have been) (?:required|called))/i.test(before) || /\bas assigned\b/i.test(sentence)
      // An alternative ("performs, and/or coordinates others"; "... or acts as a team leader") is not a duty of every incumbent.
      const alternative =
        /\b(?:or|and\/or)\s+(?:\w+[,]?\s+){0,4}$/i.test(before) && !/\bdirect(?:s|ing)?\b/i.test(before)
      found.push({ value, hit, modal: modal || alternative })
    }
  }
  let best: { value: Leadership; hit: Hit; modal: boolean } | null = null
  let effective = -1
  for (const entry of found) {
    let rank = leadershipRank.indexOf(entry.value)
    if (entry.modal && rank >= 2) rank -= 1
    if (rank > effective || (rank === effective && best && entry.hit.start < best.hit.start)) {
      effective = rank
      best = entry
    }
  }
  const doesNotSupervise =
    negations.length > 0 && effective < 3
      ? { value: true as const, quotes: [quoteAround(job, negations[0]?.start ?? 0, negations[0]?.end ?? 0)] }
      : null
  // "Does not supervise" decides the track; it is no evidence of a lower point.
  if (!best) return { leadership: null, doesNotSupervise }
  const value = leadershipRank[Math.max(0, Math.min(effective, doesNotSupervise ? 2 : 5))] ?? 'none'
  used.push(best.hit)
  return { leadership: { value, quotes: [quoteAround(job, best.hit.start, best.hit.end)] }, doesNotSupervise }
}

// ── scope: budget, vendors, strategy ─────────────────────────────────────────────────────

const budgetPattern =
  /\b(?:develop|manag|oversee|administer|prepar|control|own|monitor)\w*\s+(?:and (?:manag|oversee|monitor|administer)\w*\s+)?(?:the\s+|a\s+)?(?:\w+\s+){0,2}budgets?\b|\bbudget (?:authority|responsibility|management|development|oversight)\b|\bfinancial management\b|\bfiscal (?:responsibility|management)\b/i
const vendorPattern =
  /\bvendor (?:management|relations|relationships|contracts|performance)\b|\bmanag\w*\s+(?:\w+\s+){0,2}vendors?\b|\bcontract management\b|\bnegotiat\w+ (?:\w+ ){0,3}(?:vendors?|contracts)\b/i
const leadStrategyPattern =
  /\blead(?:s)? (?:\w+ ){0,2}strategy\b|\bsets? (?:the )?(?:strategic )?direction\b|\bstrategic direction for\b|\bdirects? the planning and implementation\b|\bestablish(?:es)? (?:the )?(?:\w+ )?strategy\b/i
const contributeStrategyPattern =
  /\bcontribute\w* to (?:\w+ ){0,2}strategy\b|\bstrategic planning\b|\bstrategic alliances\b|\bIT strategy\b|\bstrategy development\b/i
const unitPattern =
  /\bplans and policies\b|\bpolicies,? (?:and )?procedures\b|\bestablish\w* (?:and implement\w* )?(?:\w+ ){0,2}polic|\brecommend new (?:internal )?policies\b|\bplanning for the organization\b|\blong term strategies\b|\bresource requirements\b/i

function readScope(job: JobText): Reading<Scope> | null {
  const scope: Scope = { budget: false, vendors: false, strategy: 'none' }
  const quotes: Quote[] = []
  const take = (pattern: RegExp) => {
    const hit = hits(job.text, new RegExp(pattern.source, 'gi')).find(
      (candidate) => !/\bability to|knowledge of|skills? in\b/i.test(clauseBefore(job.text, candidate.start, 40)),
    )
    if (hit) quotes.push(quoteAround(job, hit.start, hit.end))
    return hit !== undefined
  }
  scope.budget = take(budgetPattern)
  scope.vendors = take(vendorPattern)
  if (take(leadStrategyPattern)) scope.strategy = 'leads'
  else if (take(contributeStrategyPattern)) scope.strategy = 'contributes'
  else if (take(unitPattern)) scope.strategy = 'unit'
  if (!scope.budget && !scope.vendors && scope.strategy === 'none') return null
  return { value: scope, quotes: dedupe(quotes) }
}

// ── the level the text names ─────────────────────────────────────────────────────────────

const levelWordPatterns: [LevelWord, RegExp][] = [
  ['director', /\bdirector\b|\bchief\b|\bhead of\b/i],
  ['manager', /\bmanager\b|\bsupervisor\b|\bsupervisory\b/i],
  ['lead', /\blead\b|\bexpert\b|\bprincipal\b/i],
  ['senior', /\bsenior\b|\bsr\.?(?=\s)|\badvanced\b/i],
  ['journey', /\bjourney\b|\bfull[- ]performance\b|\bfully competent\b|\bcareer\b|\bproficient\b/i],
  ['developing', /\bassociate\b(?!'s| degree)|\bdeveloping\b|\bintermediate\b|\bcontributing\b/i],
  ['trainee', /\btrainee\b|\bentry\b|\bapprentice\b|\bassistant\b|\bjunior\b/i],
]

function readLevelWord(job: JobText, title: string | null, used: Hit[] = []): Reading<LevelWord> | null {
  if (title) {
    const at = job.text.indexOf(title)
    for (const [value, pattern] of levelWordPatterns) {
      const match = title.match(pattern)
      if (match?.index === undefined) continue
      const quote = at >= 0 ? quoteExact(job, at, at + title.length) : { quote: title }
      return { value, quotes: [quote] }
    }
  }
  const phrase =
    /\b(trainee|entry|journey|full[- ]performance|intermediate|senior|advanced|lead|expert)[- ]level\b|\bthe (trainee|entry|journey|senior|advanced|lead|expert) level\b/gi
  for (const match of job.text.matchAll(phrase)) {
    if (overlaps({ start: match.index, end: match.index + match[0].length }, used)) continue
    const word = (match[1] ?? match[2] ?? '').toLowerCase()
    if (
      escalating.test(clauseBefore(job.text, match.index, 60)) ||
      /\b(?:to|and\/or|or)\s*$/i.test(clauseBefore(job.text, match.index, 20))
    )
      continue
    if (
      /^\s*(?:\w+\s+)?level\b/i.test(job.text.slice(match.index)) &&
      match.index === sentenceStart(job.text, match.index)
    )
      continue
    const value: LevelWord =
      word === 'trainee' || word === 'entry'
        ? 'trainee'
        : word === 'intermediate'
          ? 'developing'
          : word === 'senior' || word === 'advanced'
            ? 'senior'
            : word === 'lead' || word === 'expert'
              ? 'lead'
              : 'journey'
    return { value, quotes: [quoteAround(job, match.index, match.index + match[0].length)] }
  }
  return null
}

function sentenceStart(text: string, at: number): number {
  const before = text.slice(0, at)
  const match = before.match(/(?:^|[.\n\t]\s*)[^.\n\t]*$/)
  return match ? before.length - match[0].length + (match[0].match(/^[.\n\t]\s*/)?.[0].length ?? 0) : 0
}

function dedupe(quotes: Quote[]): Quote[] {
  const seen = new Set<string>()
  return quotes.filter((quote) => {
    if (quote.quote.length === 0 || seen.has(quote.quote)) return false
    seen.add(quote.quote)
    return true
  })
}

function readDuties(job: JobText): string[] {
  return job.text
    .split(/\n|\t|(?<=\.)\s+(?=[A-Z])/)
    .map(collapse)
    .filter((line) => line.length > 20 && line.length <= 1000)
    .slice(0, 40)
}

/** Reads every evidence field of one job from its text. */
export function extractEvidence(job: JobText): JobEvidence {
  const title = cleanTitle(job.heading) || null
  const code = codeOf(job)
  const tier = readTier(job)
  // One phrase counts for one factor: each reader skips the words an earlier one took.
  const used: Hit[] = []
  const { leadership, doesNotSupervise } = readLeadership(job, used)
  const supervisionReceived = readSupervision(job, used)
  const complexity = readComplexity(job, tier, used)
  return {
    title,
    jobCode: code,
    grade: readGrade(job),
    education: readEducation(job),
    experience: readExperience(job, title),
    supervisionReceived,
    supportTier: tier,
    complexity,
    leadership,
    doesNotSupervise,
    scope: readScope(job),
    levelWord: readLevelWord(job, title, used),
    summary: collapse(job.text).slice(0, 600) || null,
    duties: readDuties(job),
    ...(job.group ? { group: job.group } : {}),
    ...(job.flags && job.flags.length > 0 ? { flags: [...job.flags] } : {}),
  }
}

/** Whether a job text carries anything a job description has: a title and at least one factor. */
export function isRecognisableJob(evidence: JobEvidence): boolean {
  const factors = [
    evidence.education,
    evidence.experience,
    evidence.supervisionReceived,
    evidence.supportTier,
    evidence.complexity,
    evidence.leadership,
    evidence.scope,
    evidence.levelWord,
  ].filter((reading) => reading !== null)
  return factors.length >= 1
}
