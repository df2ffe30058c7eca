// A layout is one way employers lay several jobs out in one text: side-by-side columns, "Job
// Title:" headings, a section every job repeats, a document of excerpts with source notes, a
// series whose levels are named inline. Each says how strongly the text shows it (`detect`) and
// splits it (`split`); the index lists them, and the split takes the one that fits best.
import type { Normalized } from '../normalize.js'
import type { JobText } from '../types.js'

export interface Line {
  text: string
  start: number
  end: number
}

export interface Cell {
  text: string
  start: number
  end: number
}

export interface LayoutSplit {
  jobs: JobText[]
  /** How the text was split, in words. */
  method: string
  /** What no job holds, in words. */
  leftOut?: string[]
}

export interface Layout {
  name: string
  /** How strongly the text shows this layout: 0 (not at all) to 1. */
  detect(text: Normalized, lines: Line[]): number
  /** The jobs, or null when the layout finds none after all. */
  split(text: Normalized, lines: Line[]): LayoutSplit | null
}

export function linesOf(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  for (const part of text.split('\n')) {
    lines.push({ text: part, start, end: start + part.length })
    start += part.length + 1
  }
  return lines
}

export function cellsOf(line: Line): Cell[] {
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

export const filled = (cells: Cell[]) => cells.filter((cell) => cell.text.length > 0)

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

export const titleLabel = /^(?:job|class|position|working|classification|role)\s*title\s*:?\s*/i

/** The end of the last line before `offset`. */
export function previousBlank(lines: Line[], offset: number): number {
  const before = lines.filter((line) => line.end < offset)
  return before.at(-1)?.end ?? offset
}

const sectionWords =
  /^(?:description|summary|general summary|general description|typical functions|duties|examples of (?:work|duties)|qualifications|minimum qualifications|knowledge|skills|abilities|distinguishing characteristics|nature of work|supervision|notes?|sources?|limits?|employer|family|purpose|working conditions|physical requirements|class series concept|concept of class|series concept|class definition|definition|character of this classification level)\b/i

export function isSectionWord(text: string): boolean {
  return sectionWords.test(text)
}

function isLabelLine(text: string): boolean {
  return /^[A-Za-z][A-Za-z /&()'.-]{1,40}:\s*\S/.test(text)
}

/** A line that could be a job's title: short, not a sentence, not a label, not a list item. */
export function isTitleLine(line: Line): boolean {
  const cells = filled(cellsOf(line))
  if (cells.length !== 1) return false
  const text = cells[0]?.text ?? ''
  if (text.length < 3 || text.length > 90) return false
  if (/[.;,]$/.test(text) || /^[-*•·\d]/.test(text) || /^["(]/.test(text)) return false
  if (isLabelLine(text) || /:$/.test(text)) return false
  if (text.split(/\s+/).length > 12) return false
  return /[A-Za-z]/.test(text) && /^[A-Z[]/.test(text)
}
