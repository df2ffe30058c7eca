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
function splitRepeatedMarker(submission: string, lines: Line[]): SplitResult | null {
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
  if (!best) return null
  const chosen = best
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

/**
 * Title lines that share their words and differ by a level number: "Technician I", "Technician II";
 * a code with a level number opening a line ("TS1 …", "TS3 …"); or a qualification heading ending
 * with one ("For No. 20-786 Information Technology Specialist 1:"). Rows of pipe tables are skipped.
 */
function splitNumberedSeries(submission: string, lines: Line[]): SplitResult | null {
  const series = new Map<string, { index: number; level: number; title?: string }[]>()
  const add = (stem: string, numeral: string, index: number, title?: string) => {
    const level = /^\d+$/.test(numeral) ? Number(numeral) : romanValue(numeral)
    if (level === null) return
    const key = stem.toLowerCase().trim()
    const list = series.get(key) ?? []
    if (!list.some((entry) => entry.level === level)) list.push(title ? { index, level, title } : { index, level })
    series.set(key, list)
  }
  lines.forEach((line, index) => {
    const text = collapse(line.text)
    if (text.includes(' | ')) return
    const titled = text.match(/^(.{3,60}?)\s+(\d{1,2}|[IVX]{1,5})\b(?![-–][IVX\d])(?:\s*[-–(:]|$)/)
    if (titled?.[1] && titled[2] && /^[A-Z]/.test(titled[1]) && titled[1].split(/\s+/).length <= 8)
      add(titled[1], titled[2], index)
    const coded = text.match(/^([A-Z]{2,5})(\d{1,2})\b(?![-–'’])/)
    if (coded?.[1] && coded[2]) add(`${coded[1]}#`, coded[2], index, `${coded[1]}${coded[2]}`)
    const heading = text.match(/((?:[A-Z][\w&/-]*\s+){1,6})(\d{1,2}|[IVX]{1,5}):$/)
    if (heading?.[1] && heading[2] && text.length <= 120)
      add(`${heading[1]}:`, heading[2], index, `${heading[1]}${heading[2]}`)
  })
  const best = [...series].filter(([, list]) => list.length >= 2).sort((a, b) => b[1].length - a[1].length)[0]
  if (!best) return null
  const entries = [...best[1]].sort((a, b) => a.index - b.index)
  const jobs = entries.map((entry, k) => {
    const next = entries[k + 1]
    const start = (lines[entry.index] as Line).start
    const end = next ? (lines[next.index - 1] as Line).end : (lines.at(-1)?.end ?? submission.length)
    const line = collapse((lines[entry.index] as Line).text)
    const heading = line.length <= 90 ? line : (line.match(/^\S+/)?.[0] ?? line.slice(0, 90))
    return contiguousJob(submission, start, end, entry.title ?? heading.replace(/:$/, ''))
  })
  return {
    jobs,
    method: `split on ${jobs.length} numbered title lines ("${collapse(lines[entries[0]?.index ?? 0]?.text ?? '').slice(0, 60)}" …)`,
  }
}

/** Splits a submitted text into jobs by its layout, and says how. */
export function splitJobs(submission: string): SplitResult {
  const lines = linesOf(submission)
  const columns = splitColumns(submission, lines)
  if (columns) return columns
  const titled = splitTitleHeadings(submission, lines, lines)
  if (titled && titled.jobs.length >= 1) return titled
  const marker = splitRepeatedMarker(submission, lines)
  if (marker) return marker
  const numbered = splitNumberedSeries(submission, lines)
  if (numbered) return numbered
  const first = lines.find((line) => line.text.trim().length > 0)
  const start = first?.start ?? 0
  const end = submission.trimEnd().length
  return {
    jobs: [contiguousJob(submission, start, end, first ? collapse(first.text).slice(0, 200) : '')],
    method: 'one job: no layout that separates several jobs was found',
  }
}
