// Documents of excerpts and class series printed one after another: headings of every kind (numbered
// or coded titles such as "Support Worker 1", "TS3", "GS-9", bracketed source labels, "---"
// separators, rows of pipe or level-summary tables, all-capital level titles), each job ending at
// the next heading. Source notes (addresses, "SOURCE:" blocks, "(=> ...)" remarks) are never part
// of a job; sections about the series or its context are left out and named; a table row that
// repeats a described level joins that level's job; a job of another employer is put in its own group.
import { jobFromRuns } from '../job-text.js'
import type { Normalized } from '../normalize.js'
import { romanValue } from '../numbers.js'
import { collapse, isSectionWord, isTitleLine, type Layout, type LayoutSplit, type Line } from './layout.js'
import { findRepeatedMarker } from './repeated-section.js'

/** Lines that say where the text came from, not what a job is: source lists, URLs, compiler notes. */
const provenanceLabel =
  /^\s*(?:sources?|employer|family|limits?|important limitation|provenance|retrieved|accessed)\b[^:\n]{0,40}:/i
const urlLine = /^\s*(?:\[[^\]]{1,12}\](?:\/\[[^\]]{1,12}\])*\s*)?(?:[A-Za-z][\w ,.-]{0,40}:?\s*)?https?:\/\//
const noteStart = /^\s*\((?:=>|note\b|reading\b|inferred\b|applicability\b)/i
const separatorLine = /^\s*(?:-{3,}|={3,})\s*(.*?)\s*(?:-{3,}|={3,})?\s*$/
const bracketLabel = /^\s*\[[A-Z]{1,3}\d{0,2}\](?:\/\[[A-Z]{1,3}\d{0,2}\])*\s*(.*)$/
export const otherEmployer = /\b(?:separate|different|another|other) employer\b|^\s*related\s*:/i
const organisation =
  /\b(?:University of [A-Z][A-Za-z]+|(?:[A-Z][A-Za-z.]*\s+){1,3}(?:Judicial Branch|University|College|Ministry|County))\b/
/** Headings of text about the series or its context rather than one job. */
const contextWords =
  /\b(?:population|summary|structure|crosswalk|old\/new|context|series concept|classes in the series|class distinctions|exclusions|how .* works?|equivalence|pay tables?|appeal|description of the \S+ series|grading information|introduction)\b|\bseries\s*$/i
const levelWords = /\b(?:trainee|entry|journey|senior|lead|expert|principal|specialist|supervisor|manager|director)\b/i
const gradeCode = /^(?:GS|GG|WG|SG|ZP|ZA|PB)[- ]?(\d{1,2})(\+|\s+and\s+above)?\b/

interface Heading {
  index: number
  kind: 'job' | 'row' | 'context'
  title: string
  /** Jobs whose headings share a key are one job (a table row repeating a described level). */
  key: string
  group: string
  /** A table row's own text: each cell after the header cell of its column, so "Salary Grade" labels "14". */
  runs?: { start: number; end: number }[]
}

const romanOrNumber = (numeral: string): number | null =>
  /^\d+$/.test(numeral) ? Number(numeral) : romanValue(numeral)

/** The letters a title is abbreviated to: "Information Technology Specialist" and "ITS" alike give ITS. */
export function acronym(stem: string): string {
  const words = stem
    .replace(/\([^)]*\)/g, ' ')
    .split(/[\s/-]+/)
    .filter((word) => /^[A-Za-z]/.test(word) && !/^(?:of|and|the|for|in|&)$/i.test(word))
  if (words.length === 1 && /^[A-Z]{2,6}$/.test(words[0] ?? '')) return words[0] as string
  return words.map((word) => (/^[A-Z]{2,4}$/.test(word) ? word : word.charAt(0).toUpperCase())).join('')
}

export const titleKey = (title: string): string =>
  title
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

interface Numbered {
  stem: string
  numeral: string
  level: number
  title: string
}

/** "Support Worker 1", "IT SUPPORT SERVICES I (T1I1XX)", "TS3 (official) …", "GS-5 …", "IT Specialist 2: …" at a line's start. */
export function numberedTitle(raw: string): Numbered | null {
  let text = collapse(raw)
    .replace(/^["“]\s*/, '')
    .replace(/^\((?:[^)]{1,30})\)\s*/, '')
    .replace(/^For\s+(?:No\.?\s*)?[\d-]+\s+/i, '')
    .replace(/^[\d/]{3,}\s*(?:-\s*)?(?=[A-Z])/, '')
  const grade = text.match(gradeCode)
  if (grade?.[1]) {
    const prefix = text.match(/^[A-Z]+/)?.[0] ?? ''
    return { stem: prefix, numeral: grade[1], level: Number(grade[1]), title: collapse(grade[0]) }
  }
  const coded = text.match(/^([A-Z]{2,5})[- ]?(\d{1,2})\b(?![-–'’.,\d])/)
  if (coded?.[1] && coded[2]) {
    return { stem: coded[1], numeral: coded[2], level: Number(coded[2]), title: `${coded[1]}${coded[2]}` }
  }
  text = text.replace(/^\((?:[^)]{1,30})\)\s*/, '')
  const match = text.match(
    /^([A-Z][\w&/().,'’-]*(?:\s+[\w&/().,'’-]+){0,7}?)\s+(\d{1,2}|[IVX]{1,5})\b(?![-–.,][IVX\d])(.*)$/,
  )
  if (!match?.[1] || !match[2]) return null
  const rest = match[3] ?? ''
  const stem = match[1]
  // Pay lines and references are not titles: "SALARY RANGE 47", "Grade 12", "Page 2", "Step 3".
  if (
    /^(?:salary|pay|grade|range|step|band|page|section|unit|bargaining|revised|effective|no|number|level|tier|scale|appendix|part|chapter|article|item|table|figure|class code|job code|position (?:no|number)|classification code)\b/i.test(
      stem,
    )
  )
    return null
  if (
    /[.;]$/.test(stem) ||
    /^(?:the|a|an|in|at|of|and|or|for|this|these|positions?|incumbents?|level)$/i.test(stem.split(/\s+/)[0] ?? '')
  )
    return null
  // The numeral ends the title: the line ends, or a code, a colon, a dash, a bar or a wide gap follows.
  if (
    !(
      rest.trim() === '' ||
      /^\s*[(:|–-]/.test(rest) ||
      /^\s{2,}/.test(raw.slice(raw.indexOf(match[2]) + match[2].length))
    )
  )
    return null
  if (collapse(raw).length > 100 && !/^\s*[(:]/.test(rest) && !/\s{2,}/.test(raw)) return null
  const level = romanOrNumber(match[2])
  if (level === null) return null
  const code = rest.match(/^\s*(\([A-Z0-9]*\d[A-Z0-9]*\))/)?.[1]
  return { stem, numeral: match[2], level, title: `${stem} ${match[2]}${code ? ` ${code}` : ''}` }
}

function numberedKey(numbered: Numbered): string {
  return `${acronym(numbered.stem)}#${numbered.level}`
}

/** How many numbered titles a line names ("IT SUPPORT SPECIALIST I IT SUPPORT SPECIALIST II …" is a list, not a heading). */
function titlesOnLine(text: string): number {
  return (
    text.match(
      /\b(?:(?!(?:I{1,3}|IV|VI{0,3}|IX|X)\b)[A-Z][A-Za-z()]*\s+){1,5}(?:I{1,3}|IV|VI{0,3}|\d)\b(?=\s+[A-Z]|\s*$)/g,
    ) ?? []
  ).length
}

function cleanHeadingTitle(text: string): string {
  let title = collapse(text)
    .replace(/\((?:quoted|official|mirror|unofficial|[^)]*(?:employer|retrieved|inferred|fragments?)[^)]*)\)/gi, ' ')
    .replace(/:\s*["“].*$/, '')
    .replace(/\s*[:–-]\s*$/, '')
  const dash = title.split(/\s+-\s+/)
  if (dash.length === 2 && organisation.test(dash[0] ?? '')) title = dash[1] ?? title
  // "(Information Technology Technician level -- title inferred)": the title the note infers.
  if (title.trim() === '') title = text.match(/\(([^()]*?)\s*--[^()]*\)/)?.[1] ?? ''
  return collapse(title)
}

interface Classified {
  /** Lines that are source notes, excluded from every job. */
  excluded: Set<number>
  headings: Heading[]
  notes: number
}

function classifyLines(lines: Line[], markerStarts: number[]): Classified {
  const excluded = new Set<number>()
  const headings: Heading[] = []
  let group = ''
  let header: { text: string; start: number; end: number }[] | null = null
  let notes = 0
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as Line).text
    const text = raw.trim()
    if (text === '') {
      header = null
      continue
    }
    if (provenanceLabel.test(raw) || urlLine.test(raw)) {
      excluded.add(i)
      notes++
      // The lines under a source label continue it, up to a blank line or the next heading.
      while (
        i + 1 < lines.length &&
        /\S/.test(lines[i + 1]?.text ?? '') &&
        !bracketLabel.test(lines[i + 1]?.text ?? '') &&
        !separatorLine.test(lines[i + 1]?.text ?? '') &&
        (/^\s/.test(lines[i + 1]?.text ?? '') || !provenanceLabel.test(lines[i + 1]?.text ?? '')) &&
        (/^\s+\S/.test(lines[i + 1]?.text ?? '') ||
          (provenanceLabel.test(raw) &&
            numberedTitle(lines[i + 1]?.text ?? '') === null &&
            !/^["“]/.test(lines[i + 1]?.text ?? '')))
      ) {
        i++
        excluded.add(i)
      }
      continue
    }
    if (noteStart.test(raw)) {
      let depth = 0
      for (let j = i; j < Math.min(lines.length, i + 10); j++) {
        const line = lines[j]?.text ?? ''
        excluded.add(j)
        depth += (line.match(/\(/g) ?? []).length - (line.match(/\)/g) ?? []).length
        if (depth <= 0 || line.trim() === '') {
          i = j
          break
        }
        i = j
      }
      notes++
      continue
    }
    const separator = text.match(separatorLine)
    if (separator && /^[-=]{3}/.test(text)) {
      const label = separator[1] ?? ''
      group = otherEmployer.test(label) ? (label.match(organisation)?.[0] ?? label) : ''
      headings.push({ index: i, kind: 'context', title: label, key: '', group })
      continue
    }
    const bracket = text.match(bracketLabel)
    if (bracket) {
      const rest = bracket[1] ?? ''
      if (otherEmployer.test(rest) || organisation.test(rest.split(/[:"“]/)[0] ?? ''))
        group = (rest.match(organisation)?.[0] ?? rest).trim()
      const title = cleanHeadingTitle(rest)
      const numbered = numberedTitle(title)
      const context = title.length < 3 || contextWords.test(title)
      headings.push({
        index: i,
        kind: context ? 'context' : 'job',
        title: context ? rest : title,
        key: numbered ? numberedKey(numbered) : titleKey(title),
        group,
      })
      continue
    }
    if (text.includes('|') && /^[^a-z]/.test(text)) {
      const line = lines[i] as Line
      const positioned: { text: string; start: number; end: number }[] = []
      let offset = line.start
      for (const part of line.text.split('|')) {
        const lead = part.length - part.trimStart().length
        positioned.push({ text: part.trim(), start: offset + lead, end: offset + lead + part.trim().length })
        offset += part.length + 1
      }
      const cells = positioned.map((cell) => cell.text)
      const rowRuns = positioned
        .flatMap((cell, k) => {
          const label = header && header.length === positioned.length ? header[k] : undefined
          return label && label.text.length > 0 ? [label, cell] : [cell]
        })
        .filter((run) => run.end > run.start)
        .map(({ start, end }) => ({ start, end }))
      if (cells.length >= 2) {
        const first = /^[\d/-]{3,}$/.test(cells[0] ?? '') ? (cells[1] ?? '') : (cells[0] ?? '')
        const numbered = numberedTitle(first)
        if (numbered) {
          headings.push({
            index: i,
            kind: 'row',
            title: numbered.title,
            key: numberedKey(numbered),
            group,
            runs: rowRuns,
          })
          continue
        }
        const words = first.replace(/\([^)]*\)/g, ' ').trim()
        const isHeader = cells.every((cell) => /^["“]?[A-Za-z][A-Za-z /&]{0,30}$/.test(cell))
        if (isHeader) {
          header = positioned
          headings.push({ index: i, kind: 'context', title: text, key: '', group })
          continue
        }
        const nothing = cells.slice(1).every((cell) => /^(?:not?\b|n\/a\b|none\b|—|-|$)/i.test(cell))
        if (
          /^[A-Z(]/.test(first) &&
          words.split(/\s+/).length <= 8 &&
          !nothing &&
          !/[IVX]+\s*[-–]\s*[IVX]+\b/.test(first)
        ) {
          headings.push({ index: i, kind: 'row', title: collapse(first), key: titleKey(first), group, runs: rowRuns })
          continue
        }
        headings.push({ index: i, kind: 'context', title: text, key: '', group })
        continue
      }
    }
    if (titlesOnLine(text) >= 2 && text === text.toUpperCase()) {
      headings.push({ index: i, kind: 'context', title: text, key: '', group })
      continue
    }
    const coded = text.match(/^(?:Spec|Class|Exam|Job|Position)\s*(?:No\.?|#)?\s*(\d{2,6}[A-Z]?)\s*:/i)
    if (coded) {
      const title = text.slice(0, text.indexOf(':'))
      headings.push({ index: i, kind: 'job', title, key: titleKey(title), group })
      continue
    }
    const numbered = numberedTitle(raw)
    if (numbered && !/^\s/.test(raw.replace(/^\s{0,1}(?=\S)/, ''))) {
      headings.push({ index: i, kind: 'job', title: numbered.title, key: numberedKey(numbered), group })
      continue
    }
    if (text.length <= 80 && !/[a-z]/.test(text) && /[A-Z]{2}/.test(text) && !isSectionWord(text)) {
      if (contextWords.test(text)) headings.push({ index: i, kind: 'context', title: text, key: '', group })
      else if (levelWords.test(text) || /\b(?:I{1,3}|IV|V|VI{0,3})$/.test(text))
        headings.push({ index: i, kind: 'job', title: text, key: titleKey(text), group })
      continue
    }
    if (markerStarts.includes(i) && isTitleLine(lines[i] as Line) && !isSectionWord(text)) {
      headings.push({ index: i, kind: 'job', title: collapse(text), key: titleKey(text), group })
    }
  }
  return { excluded, headings, notes }
}

/**
 * Splits a text at headings of every kind — numbered titles, bracketed source labels, separators,
 * rows of level tables, all-capital level titles, source notes — so that each job ends at the next
 * heading. Source notes are left out; sections about the series or its context are left out and
 * named; a table row that repeats a described level joins that level's job.
 */
export function splitSections(text: Normalized, lines: Line[], markerStarts: number[]): LayoutSplit | null {
  const { excluded, headings, notes } = classifyLines(lines, markerStarts)
  const jobHeadings = headings.filter((heading) => heading.kind !== 'context')
  if (jobHeadings.length === 0) return null
  // A heading repeating the job heading just before it (a source label, then the document's own title line) continues it.
  const kept: Heading[] = []
  for (const heading of headings) {
    const previous = kept.at(-1)
    if (
      previous &&
      heading.kind === 'job' &&
      previous.kind === 'job' &&
      heading.index - previous.index <= 3 &&
      (heading.key === previous.key || titleKey(previous.title).includes(titleKey(heading.title)))
    )
      continue
    kept.push(heading)
  }
  interface Draft {
    heading: Heading
    runs: { start: number; end: number }[]
    rows: number
  }
  const drafts = new Map<string, Draft>()
  const order: Draft[] = []
  const leftOut: string[] = []
  let joinedRows = 0
  const runsOf = (from: number, to: number) => {
    const runs: { start: number; end: number }[] = []
    let open: { start: number; end: number } | null = null
    for (let i = from; i < to; i++) {
      const line = lines[i] as Line
      if (excluded.has(i)) {
        open = null
        continue
      }
      if (line.text.trim() === '') continue
      if (open) open.end = line.end
      else {
        open = { start: line.start + (line.text.length - line.text.trimStart().length), end: line.end }
        runs.push(open)
      }
    }
    return runs
  }
  const first = kept[0]
  if (first) {
    const before = runsOf(0, first.index)
    if (before.length > 0) {
      const words = collapse(text.text.slice(before[0]?.start ?? 0, before[0]?.end ?? 0)).slice(0, 50)
      leftOut.push(`the text before the first heading ("${words}…")`)
    }
  }
  kept.forEach((heading, k) => {
    const end = kept[k + 1]?.index ?? lines.length
    const runs = heading.runs ? [...heading.runs, ...runsOf(heading.index + 1, end)] : runsOf(heading.index, end)
    if (heading.kind === 'context') {
      if (runs.length > 0) leftOut.push(`the section "${collapse(heading.title).slice(0, 60)}"`)
      return
    }
    const key = `${heading.key}`
    const existing = key.length > 0 ? drafts.get(key) : undefined
    if (existing) {
      existing.runs.push(...runs)
      if (heading.kind === 'row') joinedRows++
      else if (existing.heading.kind === 'row') existing.heading = { ...heading, group: existing.heading.group }
      return
    }
    const draft = { heading, runs, rows: heading.kind === 'row' ? 1 : 0 }
    if (key.length > 0) drafts.set(key, draft)
    order.push(draft)
  })
  const jobs = order
    .filter((draft) => draft.runs.length > 0)
    .map((draft) => {
      const job = jobFromRuns(text, draft.runs, draft.heading.title)
      if (draft.heading.group) job.group = draft.heading.group
      return job
    })
  if (jobs.length === 0) return null
  if (notes > 0)
    leftOut.unshift(`${notes} source note${notes > 1 ? 's' : ''} (addresses, provenance, compiler remarks)`)
  const kinds = new Set(jobHeadings.map((heading) => heading.kind))
  return {
    jobs,
    method: `split on ${jobs.length} heading${jobs.length > 1 ? 's' : ''} (${[...kinds].map((kind) => (kind === 'row' ? 'level-table rows' : 'title lines and source labels')).join(' and ')}), each job ending at the next heading${joinedRows > 0 ? `; ${joinedRows} table row${joinedRows > 1 ? 's' : ''} joined to the job${joinedRows > 1 ? 's' : ''} they repeat` : ''}`,
    leftOut,
  }
}

/** Whether the text reads as a document of excerpts: source notes, bracketed labels, separators or level tables. */
export function hasExcerptLayout(lines: Line[]): boolean {
  return lines.some(
    (line) =>
      provenanceLabel.test(line.text) ||
      bracketLabel.test(line.text) ||
      /^\s*(?:-{3,}|={3,})\s*\S/.test(line.text) ||
      (line.text.includes(' | ') && numberedTitle(line.text.split('|')[0] ?? '') !== null),
  )
}

export const excerptsLayout: Layout = {
  name: 'excerpts',
  detect(_text, lines) {
    return hasExcerptLayout(lines) ? 0.95 : 0
  },
  split(text, lines) {
    return splitSections(text, lines, findRepeatedMarker(lines)?.starts ?? [])
  },
}

/** Numbered or coded titles, level tables and all-capital level headings without source notes: a series printed one level after another. */
export const headingsLayout: Layout = {
  name: 'headings',
  detect(text, lines) {
    const result = splitSections(text, lines, [])
    return result && result.jobs.length >= 2 ? 0.5 : 0
  },
  split(text, lines) {
    const result = splitSections(text, lines, [])
    return result && result.jobs.length >= 2 ? result : null
  },
}
