// Side-by-side jobs in tab-separated columns: a row of "Job Title:" cells (job descriptions
// printed next to each other), or a row of grade headers ("Grade 10", "Level II") over rows
// labelled in the first column (a table of grades). Each column is a job, its text the column's
// cells with their row labels; running text after the tables may hold more jobs under "Job Title:".
import { jobFromRuns } from '../job-text.js'
import type { Normalized } from '../normalize.js'
import type { JobText } from '../types.js'
import { type Cell, cellsOf, filled, type Layout, type LayoutSplit, type Line, titleLabel } from './layout.js'
import { splitTitleHeadings } from './title-label.js'

const gradeHeader = /^(?:grade|level|band|pay\s*band|pay\s*grade|salary\s*grade|class|step|tier)\b\s*[-:]?\s*\S/i

function headerColumns(line: Line): { columns: { i: number; header: Cell }[]; labelled: boolean } {
  const cells = cellsOf(line)
  const titled = cells.map((cell, i) => ({ cell, i })).filter(({ cell }) => titleLabel.test(cell.text))
  const graded = cells
    .map((cell, i) => ({ cell, i }))
    .filter(({ cell, i }) => i > 0 && gradeHeader.test(cell.text) && cell.text.length <= 60)
  if (titled.length >= 2) return { columns: titled.map(({ cell, i }) => ({ i, header: cell })), labelled: false }
  if (graded.length >= 2 && graded.length >= filled(cells).length - 1)
    return { columns: graded.map(({ cell, i }) => ({ i, header: cell })), labelled: true }
  return { columns: [], labelled: false }
}

function splitColumns(text: Normalized, lines: Line[]): LayoutSplit | null {
  const jobs: JobText[] = []
  const found: string[] = []
  const covered: { start: number; end: number }[] = []
  let index = 0
  while (index < lines.length) {
    const line = lines[index] as Line
    const { columns, labelled } = headerColumns(line)
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
    const titles: (string | null)[] = columns.map((column) =>
      labelled ? null : column.header.text.replace(titleLabel, '').trim(),
    )
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
      jobs.push(jobFromRuns(text, runs[k] ?? [], titles[k] ?? column.header.text))
    })
    covered.push({ start: line.start, end: (block.at(-1) as Line).end })
    found.push(
      labelled
        ? `a table of ${columns.length} job columns under grade headers ("${columns[0]?.header.text}" …)`
        : `${columns.length} side-by-side columns headed "Job Title:"`,
    )
    index = next
  }
  if (jobs.length === 0) return null
  // Running text after or between the tables may hold more jobs under title headings.
  const free = lines.filter(
    (line) =>
      !line.text.includes('\t') && !covered.some((range) => range.start <= line.start && line.start < range.end),
  )
  const rest = splitTitleHeadings(text, free, lines)
  return {
    jobs: [...jobs, ...(rest?.jobs ?? [])],
    method: `split ${found.join(' and ')}${rest ? `, and ${rest.method}` : ''}`,
  }
}

export const columnsLayout: Layout = {
  name: 'columns',
  detect(_text, lines) {
    return lines.some((line) => headerColumns(line).columns.length >= 2) ? 1 : 0
  },
  split: splitColumns,
}
