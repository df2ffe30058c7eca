// What a job title looks like: a run of words ending in a noun that names a job ("Computer Systems
// Support Technician II", "Service Desk Manager"), or a label that says so ("Job Title: ...").
// The split uses it to tell a job's heading from a page's navigation or a skills table, and reading
// uses it to find the title of a text whose first line is not one.
import { cleanTitle, collapse } from './grades.js'
import type { JobText } from './types.js'

export const jobNouns =
  'technician|technologist|tech|specialist|analyst|officer|engineer|administrator|coordinator|co-ordinator|manager|supervisor|director|lead|leader|consultant|representative|operator|worker|developer|architect|advisor|adviser|associate|assistant|aide|clerk|head|chief|dispatcher|accountant|programmer|trainee|apprentice|intern|controller|secretary|receptionist|librarian|auditor|planner|inspector|investigator|counselor|counsellor|nurse|officer|superintendent|foreman|mechanic|generalist|designer|scientist|agent|steward|liaison|helper|attendant|advocate|facilitator|instructor|trainer|teacher|administrator|custodian|driver|cio|cto'

const nounPattern = new RegExp(`\\b(?:${jobNouns})s?\\b`, 'i')
const level = '(?:\\s+(?:I{1,3}|IV|VI{0,3}|[1-9]|[A-Z]))?'
/** A title in running text: capitalised words ending in a job noun, with an optional level. */
const inlineTitle = new RegExp(
  `((?:[A-Z][\\w&/'’().-]*[ \\t]+){0,5}(?:${jobNouns.replace(/\b(\w)/g, (c) => `[${c.toUpperCase()}${c}]`)})s?${level})(?![a-z])`,
  'g',
)
/** The same in capitals: "COMPUTER SYSTEMS SUPPORT TECHNICIAN II". */
const capitalTitle = new RegExp(
  `((?:[A-Z][A-Z&/'’().-]*[ \\t]+){0,5}(?:${jobNouns.toUpperCase()})S?${level})(?![A-Za-z])`,
  'g',
)
const labelled =
  /(?:^|\n|\s)(?:(?:job|class|position|working|role|official|business)\s+)?title\s*[:|]\s*([^\n|:]{3,100}?)(?=\s*(?:\n|\||$|\s{2,})|\s+[A-Z][a-z]+(?:\s+[A-Za-z]+)?\s*:)/i

/** Whether a heading names a job: it holds a job noun, or a level numeral after capitalised words. */
export function looksLikeJobTitle(title: string): boolean {
  const text = title.trim()
  if (text.length < 3 || text.length > 160) return false
  if (nounPattern.test(text)) return true
  // "Client Support Professional"; a competency level of a banded class ("Contributing", "Journey").
  if (/\bprofessional$/i.test(text) && text.split(/\s+/).length <= 5) return true
  if (
    /^(?:contributing|journey|advanced|entry|intermediate|senior|expert|lead|trainee|foundation|practitioner|working|full performance)(?:\s+level)?$/i.test(
      text,
    )
  )
    return true
  return (
    /^(?:[A-Z][\w&/'-]*\s+){0,6}[A-Z][\w&/'-]*\s+(?:I{1,3}|IV|VI{0,3}|[1-9])\b/.test(text) ||
    /^(?:GS|GG|CL|TS)[- ]?\d/.test(text)
  )
}

/** A title the text labels as one ("Position Title: ...", "title: ..."). */
export function labelledTitle(text: string): string | null {
  const label = text.slice(0, 1500).match(labelled)?.[1]
  return label && looksLikeJobTitle(label) ? collapse(label) : null
}

/** The title of a text whose first line may be a page's furniture: a labelled title, a title line, or a title in its first words. */
export function findTitle(text: string): string | null {
  const head = text.slice(0, 1500)
  const label = labelledTitle(head)
  if (label) return label
  const lines = head.split('\n').slice(0, 20)
  for (const line of lines) {
    const trimmed = collapse(line)
    if (
      trimmed.length >= 3 &&
      trimmed.length <= 100 &&
      !/[.;]$/.test(trimmed) &&
      trimmed.split(' ').length <= 12 &&
      looksLikeJobTitle(trimmed) &&
      /^[A-Z0-9]/.test(trimmed)
    )
      return trimmed
  }
  for (const match of head.slice(0, 800).matchAll(capitalTitle)) {
    const candidate = collapse(match[1] as string)
    if (candidate.split(' ').length >= 2) return candidate
  }
  for (const match of head.slice(0, 800).matchAll(inlineTitle)) {
    const candidate = collapse(match[1] as string)
    if (candidate.split(' ').length >= 2 || /^[A-Z]{2,}/.test(candidate)) return candidate
  }
  return null
}

/** The title a job goes by: its heading, or the start of its text where it has none. */
export function titleOf(job: JobText): string {
  const heading = cleanTitle(job.heading)
  const label = labelledTitle(job.text)
  if (label) return cleanTitle(label)
  // A heading that is a title: few words, naming a job, no sentence in it; a layout's own heading
  // is its job's title even where its words name no job noun.
  if (isCompactTitle(heading)) return heading
  if (!job.guessed && heading.length > 0 && heading.length <= 90 && heading.split(/\s+/).length <= 10) return heading
  // Else the first title in the text's first words, found the same way whether or not the text
  // keeps its line breaks; a title found inside a long heading comes from the same words.
  const inline = firstTitle(`${job.heading}\n${job.text.slice(0, 1500)}`)
  if (inline) return cleanTitle(inline)
  const found = findTitle(job.text)
  if (found) return cleanTitle(found)
  if (heading.length > 0) return heading.slice(0, 120)
  const first = job.text.split('\n').find((line) => line.trim().length > 0) ?? ''
  return collapse(first).slice(0, 120)
}

/** A heading that is itself a job title: at most ten words, naming a job, with no sentence in it. */
function isCompactTitle(text: string): boolean {
  if (text.length === 0 || text.length > 90) return false
  if (text.split(/\s+/).length > 10 || /[.;!?]\s/.test(text)) return false
  return looksLikeJobTitle(text)
}

/** The first run of capitalised words ending in a job noun (with its level) in a text. */
export function firstTitle(text: string): string | null {
  const head = text.slice(0, 1600)
  const found: { at: number; title: string }[] = []
  for (const pattern of [capitalTitle, inlineTitle]) {
    pattern.lastIndex = 0
    for (const match of head.matchAll(pattern)) {
      const candidate = collapse(match[1] as string)
      if (candidate.split(' ').length < 2 && !/^[A-Z]{2,}/.test(candidate)) continue
      const at = match.index + (match[0].length - (match[1] as string).length)
      // A title named as someone the job works for or with ("under the supervision of the Chief
      // Information Officer", "reports to the IT Manager") is not the job's.
      if (
        /\b(?:of|to|from|by|with|under|assists?|assisting|and)\s+(?:the\s+|a\s+|an\s+|their\s+|his\s+or\s+her\s+)?$/i.test(
          head.slice(Math.max(0, at - 30), at),
        )
      )
        continue
      found.push({ at, title: candidate })
      break
    }
  }
  found.sort((a, b) => a.at - b.at)
  return found[0]?.title ?? null
}

const dutyVerbs =
  /\b(?:provides?|performs?|maintains?|responds?|installs?|assists?|supports?|manages?|receives?|resolves?|troubleshoots?|configures?|monitors?|coordinates?|answers?|helps?|helping|repairs?|trains?|ensures?|develops?|reviews?|prepares?|records?|processes|operates?|supervises?|responsible for)\b/gi
const sections =
  /\b(?:responsibilities|duties|qualifications|requirements|job (?:summary|description|purpose)|main purpose|essential functions|examples of (?:work|duties)|skills|experience|role (?:purpose|summary)|about the role|what you will do|position (?:summary|purpose))\b/i

/** Whether a text reads as a job description even where no factor was read: a job title, duties, or a job description's sections. */
export function looksLikeJobDescription(text: string, title: string): boolean {
  const duties = (text.slice(0, 20_000).match(dutyVerbs) ?? []).length
  if (looksLikeJobTitle(title) && duties >= 1) return true
  return duties >= 3 && sections.test(text.slice(0, 20_000))
}
