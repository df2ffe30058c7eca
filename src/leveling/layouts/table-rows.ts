// A table whose rows are jobs: a header row naming a title column ("Title", "Job Title", "Labor
// Category", "Position", "Classification", "Role", "Profile") over rows of cells separated by pipes
// or tabs, as catalogs and labor-category schedules print them. Each row is a job: its title cell,
// and every other cell labelled by its column ("Education: BS in Computer Science").
import { jobFromRuns } from '../job-text.js'
import type { Normalized } from '../normalize.js'
import { looksLikeJobTitle } from '../titles.js'
import { collapse, type Layout, type LayoutSplit, type Line } from './layout.js'

interface Cell {
  text: string
  start: number
  end: number
}

const titleHeader =
  /^(?:(?:job|class|position|working|role|profile|classification)\s+)?(?:title|name)s?$|^labou?r\s+categor(?:y|ies)$|^(?:position|classification|job|role|profile|occupation)s?$/i

function cellsOf(line: Line): Cell[] | null {
  const separator = line.text.includes('|') ? '|' : line.text.includes('\t') ? '\t' : null
  if (!separator) return null
  const cells: Cell[] = []
  let start = line.start
  for (const part of line.text.split(separator)) {
    const lead = part.length - part.trimStart().length
    const text = part.trim()
    cells.push({ text, start: start + lead, end: start + lead + text.length })
    start += part.length + 1
  }
  // A row written "| a | b |" has an empty cell at either end.
  if (separator === '|') {
    if (cells[0]?.text === '') cells.shift()
    if (cells.at(-1)?.text === '') cells.pop()
  }
  return cells.length >= 2 ? cells : null
}

const isRule = (cells: Cell[]) => cells.every((cell) => /^:?-{2,}:?$/.test(cell.text) || cell.text === '')

function findTables(lines: Line[]): { header: Cell[]; column: number; rows: Cell[][] }[] {
  const tables: { header: Cell[]; column: number; rows: Cell[][] }[] = []
  let index = 0
  while (index < lines.length) {
    const header = cellsOf(lines[index] as Line)
    const column = header ? header.findIndex((cell) => titleHeader.test(cell.text)) : -1
    if (!header || column < 0) {
      index++
      continue
    }
    const rows: Cell[][] = []
    let next = index + 1
    while (next < lines.length) {
      const cells = cellsOf(lines[next] as Line)
      if (!cells) {
        if ((lines[next] as Line).text.trim() === '') {
          next++
          continue
        }
        break
      }
      if (!isRule(cells)) rows.push(cells)
      next++
    }
    const titled = rows.filter((row) => (row[column]?.text.length ?? 0) > 1)
    // Rows whose title cells name jobs: a table of fields and values ("Title | IT Analyst", "Overtime | Exempt") is one job's.
    const jobs = titled.filter((row) => looksLikeJobTitle(row[column]?.text ?? ''))
    if (titled.length >= 2 && jobs.length >= titled.length * 0.75) tables.push({ header, column, rows: titled })
    index = next
  }
  return tables
}

function splitRows(text: Normalized, lines: Line[]): LayoutSplit | null {
  const tables = findTables(lines)
  if (tables.length === 0) return null
  const jobs = tables.flatMap(({ header, column, rows }) =>
    rows.map((row) => {
      const title = collapse(row[column]?.text ?? '')
      const runs: { start: number; end: number }[] = [{ start: row[column]?.start ?? 0, end: row[column]?.end ?? 0 }]
      row.forEach((cell, k) => {
        if (k === column || cell.text.length === 0 || /^\d{1,3}$/.test(cell.text)) return
        const label = header[k]
        if (label && label.text.length > 0) runs.push({ start: label.start, end: label.end })
        runs.push({ start: cell.start, end: cell.end })
      })
      const job = jobFromRuns(text, runs, title)
      // Columns that hold the grade and the code are read as such.
      row.forEach((cell, k) => {
        const label = header[k]?.text ?? ''
        if (k === column || cell.text.length === 0 || cell.text.length > 20) return
        if (
          /\b(?:grade|band|level|range|class(?:ification)? level|pay\s*grade|salary\s*grade)\b/i.test(label) &&
          !job.grade
        )
          job.grade = cell.text
        else if (/\b(?:code|class(?:\s*(?:no|number|code))?|job\s*(?:no|number)|number)\b/i.test(label) && !job.jobCode)
          job.jobCode = cell.text
      })
      return job
    }),
  )
  const count = tables.reduce((sum, table) => sum + table.rows.length, 0)
  return {
    jobs,
    method: `split a table of ${count} rows, one job a row, titled by its "${tables[0]?.header[tables[0].column]?.text}" column`,
  }
}

export const tableRowsLayout: Layout = {
  name: 'table-rows',
  detect(_text, lines) {
    return findTables(lines).length > 0 ? 0.98 : 0
  },
  split: splitRows,
}
