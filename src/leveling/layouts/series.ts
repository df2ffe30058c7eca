// A class series on one page: the levels are named where their own paragraph starts ("Systems
// Support Technician I: is the entry-level class ...", "Information Technology Specialist II: This
// is the full journey level ...", "At the Advanced Proficiency Level ...", "Tier 2: ..."), and the
// rest of the page (the definition, the duties, the qualifications the levels share) is every
// level's. Each level is a job: the shared text and its own paragraphs. A level named inside a
// sentence ("distinguished from the next higher class of ... II") is not a heading.
import { jobFromRuns } from '../job-text.js'
import type { Normalized } from '../normalize.js'
import { romanValue } from '../numbers.js'
import { sentencesOf } from '../sentences.js'
import { looksLikeJobTitle } from '../titles.js'
import { collapse, type Layout, type LayoutSplit, type Line } from './layout.js'

interface Mention {
  start: number
  /** Where the level's own text starts (after a "Title II:" label, the text after it). */
  key: string
  stem: string
  label: string
  rank: number
  /** A short line that is only the level's title (with a code or a salary line under it). */
  titleLine: boolean
}

const numeral = '(?:I{1,3}|IV|V|VI{1,3}|IX|X|[0-9])'
/** What follows a level's name where its own paragraph starts. */
const opener =
  '(?:\\s*\\((?:#?[A-Z0-9.-]{1,12}|[^)]{1,30})\\))?(?:\\s*:|\\s+[-–]\\s|\\s+is\\s+(?:the|an?)\\b|\\s+(?:This|These|Positions?|Incumbents?|Employees|Work|Under|The employee|An employee|The incumbent)\\b|[ \\t]*(?=\\n|$))'
const titled = new RegExp(
  `(?<=^|\\n|[.;:!?]\\s{1,3}|(?:^|\\n)[ \\t]*[-•*·][ \\t]*|\\bTitle\\s+(?:[\\w-]+\\s+){0,4}|\\b[A-Z]{4,}[ \\t]+)[ \\t]*((?:[A-Z][\\w&/'’-]*[ \\t]+){0,6}?[A-Z][\\w&/'’-]*)[ \\t]+(${numeral})\\b(?=${opener})`,
  'g',
)
const worded =
  /(?<=^|\n|[.;:!?]\s{1,3})[ \t]*(?:At|For)\s+the\s+(Entry|Trainee|Basic|Developmental|Intermediate|Journey|Full[- ]Performance|Advanced|Senior|Expert|Lead)(?:\s+(?:Proficiency|Skill|Competency|Performance))?\s+Level\b/g
/** "For consideration at the GS-05 level", "At the GS-7 level": a federal qualification table's grades. */
const graded =
  /(?<=^|\n|[.;:!?]\s{1,3})[ \t]*(?:(?:For\s+(?:consideration|appointment)\s+)?(?:at|for)\s+)?(?:the\s+)?(GS|GG|CL)[- ]?(\d{1,2})(?:\s+(?:level|grade))?\b(?=\s*[:,-]|\s+(?:level|grade)|\s*\n)/g
const wordRank: Record<string, number> = {
  entry: 1,
  trainee: 1,
  basic: 1,
  developmental: 2,
  intermediate: 2,
  journey: 3,
  'full-performance': 3,
  'full performance': 3,
  advanced: 4,
  senior: 4,
  expert: 5,
  lead: 5,
}

const stemKey = (stem: string) =>
  stem
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim()
    .split(' ')
    .map((word) => word.replace(/s$/, ''))
    .join(' ')

function mentionsOf(text: string): Mention[] {
  const found: Mention[] = []
  for (const match of text.matchAll(titled)) {
    const stem = (match[1] as string).trim()
    const rank = /^\d$/.test(match[2] as string) ? Number(match[2]) : romanValue(match[2] as string)
    if (rank === null) continue
    const words = stem.split(/\s+/)
    if (
      /^(?:The|A|An|This|These|Each|All|And|Or|Of|In|At|For|To|From|Section|Page|Step|Chapter|Part|Appendix|Article|Table|Figure|Item|No|Number|Grade|Pay|Salary|Band|Range)$/i.test(
        words[0] ?? '',
      ) &&
      words.length === 1
    )
      if (!/^(?:Level|Tier|Grade|Band)$/i.test(words[0] ?? '')) continue
    const start = match.index + (match[0].length - match[0].trimStart().length)
    const lineEnd = text.indexOf('\n', start)
    const line = text.slice(start, lineEnd < 0 ? text.length : lineEnd)
    found.push({
      start,
      key: stemKey(stem),
      stem,
      label: `${stem} ${match[2]}`,
      rank,
      titleLine: line.trim().length <= 90 && !/[.:]\s*\S/.test(line.trim().replace(/\([^)]*\)/g, '')),
    })
  }
  for (const match of text.matchAll(worded)) {
    const word = (match[1] as string).toLowerCase()
    const start = match.index + (match[0].length - match[0].trimStart().length)
    found.push({
      start,
      key: 'level',
      stem: '',
      label: `${match[1]} level`,
      rank: wordRank[word] ?? 3,
      titleLine: false,
    })
  }
  for (const match of text.matchAll(graded)) {
    const start = match.index + (match[0].length - match[0].trimStart().length)
    found.push({
      start,
      key: `grade:${(match[1] as string).toUpperCase()}`,
      stem: '',
      label: `${(match[1] as string).toUpperCase()}-${match[2]}`,
      rank: Number(match[2]),
      titleLine: false,
    })
  }
  return found.sort((a, b) => a.start - b.start)
}

/** The series' own levels: the stem that names the most distinct levels, at least two. */
function seriesMentions(text: string): Mention[] | null {
  const mentions = mentionsOf(text)
  const byKey = new Map<string, Mention[]>()
  for (const mention of mentions) byKey.set(mention.key, [...(byKey.get(mention.key) ?? []), mention])
  let best: Mention[] | null = null
  for (const list of byKey.values()) {
    const ranks = new Set(list.map((mention) => mention.rank))
    if (ranks.size < 2) continue
    if (!best || ranks.size > new Set(best.map((mention) => mention.rank)).size) best = list
  }
  return best
}

function splitSeries(text: Normalized, lines: Line[], mentions: Mention[]): LayoutSplit | null {
  const full = text.text
  const sentences = sentencesOf(full)
  const headings = sentences.filter((sentence) => sentence.heading).map((sentence) => sentence.start)
  // A level's own text runs from its name to the next level named, or the next section heading.
  const stops = [...new Set([...mentions.map((mention) => mention.start), ...headings, full.length])].sort(
    (a, b) => a - b,
  )
  const own = new Map<number, { start: number; end: number }[]>()
  const labels = new Map<number, string>()
  const covered: { start: number; end: number }[] = []
  for (const mention of mentions) {
    const end = stops.find((stop) => stop > mention.start) ?? full.length
    const runs = own.get(mention.rank) ?? []
    runs.push({ start: mention.start, end })
    own.set(mention.rank, runs)
    covered.push({ start: mention.start, end })
    const lineEnd = full.indexOf('\n', mention.start)
    const ownLabel =
      mention.stem === ''
        ? mention.label
        : collapse(full.slice(mention.start, lineEnd < 0 ? end : Math.min(end, lineEnd))).slice(0, 120)
    if (!labels.has(mention.rank) || mention.titleLine) labels.set(mention.rank, ownLabel)
  }
  // What no level holds is every level's: the definition, shared duties and qualifications.
  covered.sort((a, b) => a.start - b.start)
  const shared: { start: number; end: number }[] = []
  let at = 0
  for (const range of covered) {
    if (range.start > at) shared.push({ start: at, end: range.start })
    at = Math.max(at, range.end)
  }
  if (at < full.length) shared.push({ start: at, end: full.length })
  const sharedRuns = shared
    .map((range) => trim(full, range))
    .filter((range) => range.end > range.start && /[A-Za-z]/.test(full.slice(range.start, range.end)))
  const ranks = [...own.keys()].sort((a, b) => a - b)
  const jobs = ranks.map((rank) => {
    const runs = [...sharedRuns, ...(own.get(rank) ?? [])].sort((a, b) => a.start - b.start)
    const label = labels.get(rank) ?? ''
    const first = documentTitle(lines)
    const document = looksLikeJobTitle(first) && !/^(?:GS|GG|CL|level|tier)\b/i.test(first) ? first : ''
    const title =
      mentions[0]?.stem === '' ? `${document}${document ? ', ' : ''}${label}` : label.replace(/\s*[:–-]\s*.*$/, '')
    return jobFromRuns(text, runs, title)
  })
  if (jobs.length < 2) return null
  return {
    jobs,
    method: `split a class series of ${jobs.length} levels named where their own paragraphs start (${ranks.map((rank) => labels.get(rank)?.replace(/\s*[:–-]\s*.*$/, '')).join(', ')}); the text they share is each level's`,
  }
}

function trim(text: string, range: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = range
  while (start < end && /\s/.test(text[start] as string)) start++
  while (end > start && /\s/.test(text[end - 1] as string)) end--
  return { start, end }
}

function documentTitle(lines: Line[]): string {
  const first = lines.find((line) => line.text.trim().length > 0)
  return first ? collapse(first.text).slice(0, 80) : ''
}

export const seriesLayout: Layout = {
  name: 'series',
  detect(text) {
    const mentions = seriesMentions(text.text)
    if (!mentions) return 0
    const paragraphs = mentions.filter((mention) => !mention.titleLine).length
    // Named at their own paragraphs: a series page. Named only as title lines: other layouts split it.
    return paragraphs >= 2 ? 0.97 : 0
  },
  split(text, lines) {
    const mentions = seriesMentions(text.text)
    return mentions ? splitSeries(text, lines, mentions) : null
  },
}
