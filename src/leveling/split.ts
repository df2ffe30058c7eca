// Splits a submitted text into jobs by its layout. Tried in order, the first that finds jobs wins:
//  1. tables whose columns are jobs: a row of "Job Title:" cells (side-by-side job descriptions),
//     or a row of grade headers ("Grade 10", "Level II") over rows labelled in the first column;
//  2. title headings in running text: "Job Title:", "Class Title:", "Position Title:", "Classification:";
//  3. a section heading or field label every job repeats ("Jobcode:", "Distinguishing Characteristics",
//     "Typical qualifications"): each occurrence is one job, titled by the nearest title line before it;
//  4. a numbered series of title lines (the same words followed by I, II, III or 1, 2, 3);
//  5. otherwise the whole text is one job.
// Every job keeps its text as verbatim runs of the submission, so quotes can be checked against it.
import { collapse, contiguousJob, jobFromRuns, romanValue } from './text.js'
import type { JobText, SplitResult } from './types.js'

interface Line {
  text: string
  start: number
  end: number
}

interface Cell {
  text: string
  start: number
  end: number
}

function linesOf(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  for (const part of text.split('\n')) {
    lines.push({ text: part.replace(/\r$/, ''), start, end: start + part.replace(/\r$/, '').length })
    start += part.length + 1
  }
  return lines
}

function cellsOf(line: Line): Cell[] {
  const cells: Cell[] = []
  let start = line.start
  for (const part of line.text.split('\t')) {
    const lead = part.length - part.trimStart().length
    const trimmed = part.trim()
    cells.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length })
    start += part.length + 1
  }
  return cells
}

const filled = (cells: Cell[]) => cells.filter((cell) => cell.text.length > 0)

const titleLabel = /^(?:job|class|position|working|classification)\s*title\s*:?\s*/i
const gradeHeader = /^(?:grade|level|band|pay\s*band|pay\s*grade|salary\s*grade|class|step|tier)\b\s*[-:]?\s*\S/i

/** Side-by-side jobs in tab-separated columns. */
function splitColumns(submission: string, lines: Line[]): SplitResult | null {
  const jobs: JobText[] = []
  const found: string[] = []
  let index = 0
  while (index < lines.length) {
    const line = lines[index] as Line
    const cells = cellsOf(line)
    const titled = cells.map((cell, i) => ({ cell, i })).filter(({ cell }) => titleLabel.test(cell.text))
    const graded = cells
      .map((cell, i) => ({ cell, i }))
      .filter(({ cell, i }) => i > 0 && gradeHeader.test(cell.text) && cell.text.length <= 60)
    let columns: { i: number; header: Cell }[] = []
    let labelled: boolean = false
    if (titled.length >= 2) columns = titled.map(({ cell, i }) => ({ i, header: cell }))
    else if (graded.length >= 2 && graded.length >= filled(cells).length - 1) {
      columns = graded.map(({ cell, i }) => ({ i, header: cell }))
      labelled = true
    }
    if (columns.length < 2) {
      index++
      continue
    }
    // The block: following lines that still hold at least two cells, across blank lines.
    const block: Line[] = [line]
    let next = index + 1
    while (next < lines.length) {
      const candidate = lines[next] as Line
      if (candidate.text.trim() === '') {
        // A gap before another table's header row ends this table.
        const ahead = lines.slice(next + 1, next + 6).filter((later) => later.text.trim() !== '')
        if (ahead.some((later) => cellsOf(later).filter((cell) => titleLabel.test(cell.text)).length >= 2)) break
        next++
        continue
      }
      const count = filled(cellsOf(candidate)).length
      if (count < 2 && !candidate.text.includes('\t')) break
      if (count < 2 && titleLabel.test(candidate.text.trim())) break
      block.push(candidate)
      next++
    }
    const runs: { start: number; end: number }[][] = columns.map(() => [])
    const titles: (string | null)[] = []
    for (const column of columns) titles.push(labelled ? null : column.header.text.replace(titleLabel, '').trim())
    const grades: (string | null)[] = columns.map((column) => (labelled ? column.header.text : null))
    for (const row of block) {
      const cells = cellsOf(row)
      const label = labelled ? cells[0] : undefined
      const contents = columns.map((column) => cells[column.i])
      if (labelled && !titles.some((title) => title !== null)) {
        const short = contents.every((cell) => cell && cell.text.length > 0 && cell.text.length <= 80)
        if (row !== line && short && !/:$/.test(label?.text ?? '')) {
          contents.forEach((cell, k) => {
            titles[k] = cell?.text ?? null
          })
        }
      }
      contents.forEach((cell, k) => {
        if (!cell || cell.text.length === 0) return
        const list = runs[k] as { start: number; end: number }[]
        if (label && label.text.length > 0) list.push({ start: label.start, end: label.end })
        list.push({ start: cell.start, end: cell.end })
      })
    }
    columns.forEach((column, k) => {
      const heading = titles[k] ?? column.header.text
      const job = jobFromRuns(submission, runs[k] ?? [], heading)
      if (grades[k]) job.heading = heading
      jobs.push(job)
    })
    found.push(
      labelled
        ? `a table of ${columns.length} job columns under grade headers ("${columns[0]?.header.text}" …)`
        : `${columns.length} side-by-side columns headed "Job Title:"`,
    )
    index = next
  }
  if (jobs.length === 0) return null
  // Running text after or between the tables may hold more jobs under title headings.
  const rest = remainderHeadings(submission, lines, jobs)
  return {
    jobs: [...jobs, ...rest.jobs],
    method: `split ${found.join(' and ')}${rest.jobs.length > 0 ? `, and ${rest.method}` : ''}`,
  }
}

/** "Job Title:" headings in the lines no column table covered. */
function remainderHeadings(submission: string, lines: Line[], covered: JobText[]): SplitResult {
  const taken = covered.flatMap((job) => job.pieces.map((piece) => [piece.start, piece.start + piece.length]))
  const free = lines.filter(
    (line) =>
      !line.text.includes('\t') && !taken.some(([start, end]) => (start ?? 0) <= line.start && line.start < (end ?? 0)),
  )
  const result = splitTitleHeadings(submission, free, lines)
  return result ?? { jobs: [], method: '' }
}

function splitTitleHeadings(submission: string, candidates: Line[], all: Line[]): SplitResult | null {
  const headings = candidates.filter(
    (line) => titleLabel.test(line.text.trim()) && line.text.trim().replace(titleLabel, '').length > 0,
  )
  if (headings.length === 0) return null
  const label = collapse(headings[0]?.text.trim().match(titleLabel)?.[0] ?? 'Job Title:')
  const jobs = headings.map((heading, k) => {
    const following = headings[k + 1]
    // A heading's job ends at the next heading, or at a blank-line gap before another layout.
    const end = following ? previousBlank(all, following.start) : (all.at(-1)?.end ?? submission.length)
    const title = heading.text.trim().replace(titleLabel, '').trim()
    return contiguousJob(submission, heading.start, end, title)
  })
  return { jobs, method: `split on ${headings.length} "${label}" heading${headings.length > 1 ? 's' : ''}` }
}

function previousBlank(lines: Line[], offset: number): number {
  const before = lines.filter((line) => line.end < offset)
  return before.at(-1)?.end ?? offset
}

const sectionWords =
  /^(?:description|summary|general summary|general description|typical functions|duties|examples of (?:work|duties)|qualifications|minimum qualifications|knowledge|skills|abilities|distinguishing characteristics|nature of work|supervision|notes?|sources?|limits?|employer|family|purpose|working conditions|physical requirements|class series concept|concept of class|series concept|class definition|character of this classification level)\b/i

function isLabelLine(text: string): boolean {
  return /^[A-Za-z][A-Za-z /&()'’.-]{1,40}:\s*\S/.test(text)
}

/** A line that could be a job's title: short, not a sentence, not a label, not a list item. */
function isTitleLine(line: Line): boolean {
  const cells = filled(cellsOf(line))
  if (cells.length !== 1) return false
  const text = cells[0]?.text ?? ''
  if (text.length < 3 || text.length > 90) return false
  if (/[.;,]$/.test(text) || /^[-*•·\d]/.test(text) || /^["“(]/.test(text)) return false
  if (isLabelLine(text) || /:$/.test(text)) return false
  if (text.split(/\s+/).length > 12) return false
  return /[A-Za-z]/.test(text) && /^[A-Z[]/.test(text)
}

function markerKey(line: Line): string | null {
  const cells = filled(cellsOf(line))
  const text = cells.map((cell) => cell.text).join(' ')
  if (text.length === 0) return null
  const label = text.match(/^([A-Za-z][A-Za-z /&()'’.-]{1,40}):/)
  if (label?.[1])
    return label[1]
      .toLowerCase()
      .replace(/[^a-z]+/g, ' ')
      .trim()
  if (text.length <= 80 && !/[.;,]$/.test(text.replace(/\*+$/, ''))) {
    return (
      text
        .toLowerCase()
        .replace(/[^a-z]+/g, ' ')
        .trim() || null
    )
  }
  return null
}

/** A section or label that every job repeats; each occurrence is a job, titled by the title line before it. */
function findRepeatedMarker(lines: Line[]): { key: string; starts: number[]; titles: string[] } | null {
  const occurrences = new Map<string, number[]>()
  lines.forEach((line, index) => {
    const key = markerKey(line)
    if (key === null || key.length < 3) return
    const list = occurrences.get(key) ?? []
    list.push(index)
    occurrences.set(key, list)
  })
  const repeated = new Set([...occurrences].filter(([, list]) => list.length >= 2).map(([key]) => key))
  let best: { key: string; starts: number[]; titles: string[] } | null = null
  for (const [key, list] of occurrences) {
    if (list.length < 2) continue
    const starts: number[] = []
    const titles: string[] = []
    let previous = -1
    for (const at of list) {
      let found = -1
      for (let i = at - 1; i > previous; i--) {
        const line = lines[i] as Line
        const lineKey = markerKey(line)
        if (lineKey !== null && repeated.has(lineKey)) continue
        if (isTitleLine(line) && !sectionWords.test(line.text.trim())) {
          found = i
          break
        }
      }
      if (found < 0) break
      starts.push(found)
      titles.push(collapse(lines[found]?.text ?? ''))
      previous = at
    }
    if (starts.length !== list.length) continue
    const first = list[0] ?? 0
    if (
      !best ||
      starts.length > best.starts.length ||
      (starts.length === best.starts.length && first < (occurrences.get(best.key)?.[0] ?? 0))
    ) {
      best = { key, starts, titles }
    }
  }
  return best
}

function splitRepeatedMarker(
  submission: string,
  lines: Line[],
  chosen: { key: string; starts: number[]; titles: string[] },
): SplitResult {
  const occurrences = new Map<string, number[]>()
  lines.forEach((line, index) => {
    const key = markerKey(line)
    if (key === null) return
    occurrences.set(key, [...(occurrences.get(key) ?? []), index])
  })
  const jobs = chosen.starts.map((at, k) => {
    const next = chosen.starts[k + 1]
    const start = (lines[at] as Line).start
    const end = next !== undefined ? (lines[next - 1] as Line).end : (lines.at(-1)?.end ?? submission.length)
    return contiguousJob(submission, start, end, chosen.titles[k] ?? '')
  })
  const shown = lines[occurrences.get(chosen.key)?.[0] ?? 0]?.text.trim().match(/^[^:\t]{1,60}:?/)?.[0] ?? chosen.key
  return {
    jobs,
    method: `split on ${jobs.length} title lines, each followed by the repeated section "${collapse(shown)}"`,
  }
}

// ── documents of excerpts: headings of every kind, source notes, level tables ────────────────

/** Lines that say where the text came from, not what a job is: source lists, URLs, compiler notes. */
const provenanceLabel =
  /^\s*(?:sources?|employer|family|limits?|important limitation|provenance|retrieved|accessed)\b[^:\n]{0,40}:/i
const urlLine = /^\s*(?:\[[^\]]{1,12}\](?:\/\[[^\]]{1,12}\])*\s*)?(?:[A-Za-z][\w ,.-]{0,40}:?\s*)?https?:\/\//
const noteStart = /^\s*\((?:=>|note\b|reading\b|inferred\b|applicability\b)/i
const separatorLine = /^\s*(?:-{3,}|={3,})\s*(.*?)\s*(?:-{3,}|={3,})?\s*$/
const bracketLabel = /^\s*\[[A-Z]{1,3}\d{0,2}\](?:\/\[[A-Z]{1,3}\d{0,2}\])*\s*(.*)$/
const otherEmployer = /\b(?:separate|different|another|other) employer\b|^\s*related\s*:/i
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
function acronym(stem: string): string {
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
    if (text.length <= 80 && !/[a-z]/.test(text) && /[A-Z]{2}/.test(text) && !sectionWords.test(text)) {
      if (contextWords.test(text)) headings.push({ index: i, kind: 'context', title: text, key: '', group })
      else if (levelWords.test(text) || /\b(?:I{1,3}|IV|V|VI{0,3})$/.test(text))
        headings.push({ index: i, kind: 'job', title: text, key: titleKey(text), group })
      continue
    }
    if (markerStarts.includes(i) && isTitleLine(lines[i] as Line) && !sectionWords.test(text)) {
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
function splitSections(submission: string, lines: Line[], markerStarts: number[]): SplitResult | null {
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
      const words = collapse(submission.slice(before[0]?.start ?? 0, before[0]?.end ?? 0)).slice(0, 50)
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
      const job = jobFromRuns(submission, draft.runs, draft.heading.title)
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
function hasExcerptLayout(lines: Line[]): boolean {
  return lines.some(
    (line) =>
      provenanceLabel.test(line.text) ||
      bracketLabel.test(line.text) ||
      /^\s*(?:-{3,}|={3,})\s*\S/.test(line.text) ||
      (line.text.includes(' | ') && numberedTitle(line.text.split('|')[0] ?? '') !== null),
  )
}

/** Headings of other levels inside one job's text, and words naming another employer: signs of jobs run together. */
function mergeFlags(job: JobText): string[] {
  const flags: string[] = []
  const own = numberedTitle(job.heading)
  const ownKey = own ? `${acronym(own.stem)}#${own.level}` : null
  const others = new Set<string>()
  for (const piece of job.pieces) {
    const lines = job.text.slice(piece.at, piece.at + piece.length).split('\n')
    lines.slice(1).forEach((line) => {
      if (line.includes('|') || line.trim().length > 100) return
      const numbered = numberedTitle(line)
      if (!numbered) return
      const key = `${acronym(numbered.stem)}#${numbered.level}`
      if (key !== ownKey && (ownKey === null || key.split('#')[0] === ownKey.split('#')[0])) others.add(numbered.title)
    })
  }
  if (others.size > 0)
    flags.push(
      `its text holds the heading of another level (${[...others].slice(0, 3).join(', ')}): it may be several jobs run together`,
    )
  const firstBreak = job.text.indexOf('\n')
  if (firstBreak >= 0 && otherEmployer.test(job.text.slice(firstBreak)))
    flags.push('its text names another employer: part of it may belong to another job')
  return flags
}

function chooseSplit(submission: string, lines: Line[]): SplitResult {
  const columns = splitColumns(submission, lines)
  if (columns) return columns
  const titled = splitTitleHeadings(submission, lines, lines)
  if (titled && titled.jobs.length >= 1) return titled
  const marker = findRepeatedMarker(lines)
  if (hasExcerptLayout(lines)) {
    const sections = splitSections(submission, lines, marker?.starts ?? [])
    if (sections) return sections
  }
  if (marker) return splitRepeatedMarker(submission, lines, marker)
  const sections = splitSections(submission, lines, [])
  if (sections && sections.jobs.length >= 2) return sections
  const first = lines.find((line) => line.text.trim().length > 0)
  const start = first?.start ?? 0
  const end = submission.trimEnd().length
  return {
    jobs: [contiguousJob(submission, start, end, first ? collapse(first.text).slice(0, 200) : '')],
    method: 'one job: no layout that separates several jobs was found',
  }
}

/** Splits a submitted text into jobs by its layout, and says how and what no job holds. */
export function splitJobs(submission: string): SplitResult {
  const lines = linesOf(submission)
  const result = chooseSplit(submission, lines)
  if (result.leftOut === undefined) {
    const covered = result.jobs.flatMap((job) => job.pieces.map((piece) => [piece.start, piece.start + piece.length]))
    const outside = lines.filter(
      (line) =>
        line.text.trim().length > 0 &&
        !covered.some(([start, end]) => (start ?? 0) < line.end && line.start < (end ?? 0)),
    )
    result.leftOut =
      outside.length > 0
        ? [
            `${outside.length} line${outside.length > 1 ? 's' : ''} outside any job ("${collapse(outside[0]?.text ?? '').slice(0, 50)}…")`,
          ]
        : []
  }
  for (const job of result.jobs) {
    const flags = mergeFlags(job)
    if (flags.length > 0) job.flags = [...(job.flags ?? []), ...flags]
  }
  if (result.leftOut.length > 0) result.method = `${result.method}; left out: ${result.leftOut.join('; ')}`
  return result
}
