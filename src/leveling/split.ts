// Splitting a submission into jobs: the text is normalized (normalize.ts), every layout says how
// strongly the text shows it (layouts/), and the strongest that finds jobs splits it. The split
// says which layout it used and what no job holds; a job whose text holds another level's heading
// or names another employer is flagged, with the words.
import { jobFromRuns, jobWords } from './job-text.js'
import { acronym, numberedTitle, otherEmployer } from './layouts/excerpts.js'
import { layouts } from './layouts/index.js'
import { collapse, type Layout, linesOf } from './layouts/layout.js'
import { type Normalized, normalize } from './normalize.js'
import { looksLikeJobTitle, titleOf } from './titles.js'
import type { Flag, JobText, SplitResult } from './types.js'

/** Headings of other levels inside one job's text, and words naming another employer: signs of jobs run together. */
function mergeFlags(job: JobText): Flag[] {
  const flags: Flag[] = []
  const own = numberedTitle(titleOf(job)) ?? numberedTitle(job.heading)
  const ownKey = own ? `${acronym(own.stem)}#${own.level}` : null
  const others = new Map<string, { start: number; end: number }>()
  const bounds = [0, ...job.joins, job.text.length]
  for (let k = 0; k < bounds.length - 1; k++) {
    const pieceStart = bounds[k] as number
    const piece = job.text.slice(pieceStart, bounds[k + 1])
    let offset = pieceStart
    piece.split('\n').forEach((line, index) => {
      const lineStart = offset
      offset += line.length + 1
      if (index === 0 || line.includes('|') || line.trim().length > 100) return
      const numbered = numberedTitle(line)
      if (!numbered) return
      const key = `${acronym(numbered.stem)}#${numbered.level}`
      if (
        key !== ownKey &&
        ownKey !== null &&
        key.split('#')[0] === ownKey.split('#')[0] &&
        !others.has(numbered.title)
      )
        others.set(numbered.title, { start: lineStart, end: lineStart + line.length })
    })
  }
  if (others.size > 0)
    flags.push({
      code: 'merged-jobs',
      detail: `its text holds the heading of another level (${[...others.keys()].slice(0, 3).join(', ')}): it may be several jobs run together`,
      quotes: [...others.values()]
        .slice(0, 3)
        .map((range) => ({ quote: jobWords(job, range.start, range.end).trim() })),
    })
  const firstBreak = job.text.indexOf('\n')
  const employer = firstBreak >= 0 ? otherEmployer.exec(job.text.slice(firstBreak)) : null
  if (employer) {
    const at = firstBreak + employer.index
    const lineEnd = job.text.indexOf('\n', at)
    flags.push({
      code: 'other-employer',
      detail: 'its text names another employer: part of it may belong to another job',
      quotes: [
        { quote: jobWords(job, job.text.lastIndexOf('\n', at) + 1, lineEnd < 0 ? job.text.length : lineEnd).trim() },
      ],
    })
  }
  return flags
}

/** A title's words without codes, numbers in front, brackets or case: "1093-IT Operations Support Administrator III" and "IT Operations Support Administrator III" are one. */
function titleKey(title: string): string {
  return title
    .replace(/^(?:job\s*|class\s*|position\s*)?title\s*:?\s*(?=[A-Z])/i, '')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/^[\s\d.#:-]+/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** A page that repeats its own title (a header, a title field, a breadcrumb) is one job: parts with the same title are joined. */
function mergeRepeatedTitles(text: Normalized, jobs: JobText[]): JobText[] {
  if (jobs.length < 2 || jobs.some((job) => !job.spans)) return jobs
  const byKey = new Map<string, JobText[]>()
  const order: string[] = []
  jobs.forEach((job, index) => {
    const key = titleKey(titleOf(job)) || `#${index}`
    if (!byKey.has(key)) order.push(key)
    byKey.set(key, [...(byKey.get(key) ?? []), job])
  })
  if (order.length === jobs.length) return jobs
  return order.map((key) => {
    const group = byKey.get(key) as JobText[]
    if (group.length === 1) return group[0] as JobText
    const spans = group.flatMap((job) => job.spans ?? []).sort((a, b) => a.start - b.start)
    const first = group[0] as JobText
    const joined = jobFromRuns(text, spans, first.heading)
    if (first.group) joined.group = first.group
    const flags = group.flatMap((job) => job.flags ?? [])
    if (flags.length > 0) joined.flags = flags
    return joined
  })
}

function rankLayouts(text: Normalized, lines: ReturnType<typeof linesOf>): { layout: Layout; score: number }[] {
  return layouts
    .map((layout, index) => ({ layout, index, score: layout.detect(text, lines) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
}

/** Splits a normalized text into jobs by its layout, and says how and what no job holds. */
export function splitNormalized(text: Normalized, only?: string): SplitResult {
  const lines = linesOf(text.text)
  let chosen: { layout: Layout; jobs: JobText[]; method: string; leftOut?: string[] } | null = null
  const ranked = rankLayouts(text, lines).filter(({ layout }) => only === undefined || layout.name === only)
  for (const { layout } of ranked) {
    const result = layout.split(text, lines)
    // Headings that do not name jobs (a skills table's rows, a page's navigation) are not this layout's.
    if (
      result &&
      result.jobs.length > 1 &&
      ['repeated-section', 'headings', 'excerpts', 'inline-list'].includes(layout.name)
    ) {
      const titled = result.jobs.filter((job) => looksLikeJobTitle(job.heading)).length
      if (titled < result.jobs.length * 0.75) continue
    }
    if (result && result.jobs.length > 0) {
      chosen = { layout, ...result }
      break
    }
  }
  if (!chosen) return { jobs: [], layout: 'none', method: 'no text', leftOut: [] }
  const merged = mergeRepeatedTitles(text, chosen.jobs)
  if (merged.length < chosen.jobs.length) {
    chosen.method = `${chosen.method}; ${chosen.jobs.length - merged.length} part${chosen.jobs.length - merged.length > 1 ? 's' : ''} repeating a job's own title joined to it`
    chosen.jobs = merged
  }
  let leftOut = chosen.leftOut
  if (leftOut === undefined) {
    // The lines no job holds (each job's characters know their place in the normalized text's source).
    const held = new Set<number>()
    for (const job of chosen.jobs) for (let i = 0; i < job.from.length; i++) held.add(job.from[i] as number)
    const outside = lines.filter((line) => {
      if (line.text.trim().length === 0) return false
      const first = line.start + (line.text.length - line.text.trimStart().length)
      return !held.has(text.from[first] as number)
    })
    leftOut =
      outside.length > 0
        ? [
            `${outside.length} line${outside.length > 1 ? 's' : ''} outside any job ("${collapse(outside[0]?.text ?? '').slice(0, 50)}…")`,
          ]
        : []
  }
  leftOut = [...text.notes.map((note) => `page furniture and encoding: ${note}`), ...leftOut]
  for (const job of chosen.jobs) {
    const flags = mergeFlags(job)
    if (flags.length > 0) job.flags = [...(job.flags ?? []), ...flags]
  }
  const method = leftOut.length > 0 ? `${chosen.method}; left out: ${leftOut.join('; ')}` : chosen.method
  return { jobs: chosen.jobs, layout: chosen.layout.name, method, leftOut }
}

/** Splits a submitted text into jobs by its layout. */
export function splitJobs(submission: string): SplitResult {
  return splitNormalized(normalize(submission))
}
