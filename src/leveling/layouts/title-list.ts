// A list of job titles, each on its own line with its code or pay line under it, or its paragraph:
// a class series page ("Telecommunications/Network Technician I (#MADF01)" then its salary line,
// "... Technician Supervisor (#MADF05)", ...), a career-ladder page (a title line, then its
// definition). Titles are told from headings by naming a job, and belong to one list when they share
// a word of the job they name or the same kind of code; each starts a job that runs to the next.
import { jobSlice } from '../job-text.js'
import type { Normalized } from '../normalize.js'
import { looksLikeJobTitle } from '../titles.js'
import { collapse, isSectionWord, type Layout, type LayoutSplit, type Line } from './layout.js'

const stopWords = new Set(['of', 'and', 'the', 'for', 'in', 'i', 'ii', 'iii', 'iv', 'v', 'vi', '&', '-', '/'])

function titleWords(title: string): string[] {
  return title
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .split(/[^a-z]+/)
    .filter((word) => word.length > 2 && !stopWords.has(word))
}

/** A line that is a job's title: short, naming a job, not a section heading, a label or a sentence. */
function isJobTitleLine(line: Line): boolean {
  const text = collapse(line.text)
  if (text.length < 4 || text.length > 110) return false
  if (/[.;,:]$/.test(text) || /^[-*•·\d(]/.test(text)) return false
  if (/^[A-Za-z][\w /&()'.-]{1,40}:\s*\S/.test(text)) return false
  if (text.split(' ').length > 12 || !/^[A-Z]/.test(text)) return false
  if (isSectionWord(text) || /^(?:job|class|position)\s+(?:description|specification|summary)/i.test(text)) return false
  return looksLikeJobTitle(text.replace(/\([^)]*\)/g, ' '))
}

function candidates(lines: Line[]): number[] {
  const found: number[] = []
  lines.forEach((line, index) => {
    if (!isJobTitleLine(line)) return
    // A title line stands on its own: a blank line, a heading or the start before it, never the
    // middle of a wrapped sentence.
    const before = lines[index - 1]
    if (before && before.text.trim().length > 110) return
    if (
      before &&
      before.text.trim().length > 0 &&
      !/[.:;!?)]$/.test(before.text.trim()) &&
      before.text.trim().split(/\s+/).length > 8
    )
      return
    found.push(index)
  })
  return found
}

/** The largest group of title lines that share a word of the job they name, or a code shape. */
function listOf(lines: Line[]): number[] | null {
  const found = candidates(lines)
  if (found.length < 2) return null
  const byWord = new Map<string, number[]>()
  for (const index of found) {
    const words = new Set(titleWords((lines[index] as Line).text))
    for (const word of words) byWord.set(word, [...(byWord.get(word) ?? []), index])
    const code = (lines[index] as Line).text.match(/\((#?[A-Z]{1,5})\d{1,5}\)\s*$/)?.[1]
    if (code) byWord.set(`code:${code}`, [...(byWord.get(`code:${code}`) ?? []), index])
  }
  let best: number[] | null = null
  for (const list of byWord.values()) if (!best || list.length > best.length) best = list
  if (!best || best.length < 2) return null
  const list = [...new Set(best)].sort((a, b) => a - b)
  if (list.length === 2) {
    // Two titles make a list only when they name two levels of one job ("Senior ...", "Supervising ..."),
    // each with a paragraph of its own.
    const [a, b] = list.map((index) => collapse((lines[index] as Line).text).toLowerCase()) as [string, string]
    const level =
      /\b(?:senior|sr|junior|lead|principal|chief|head|supervising|supervisor|manager|assistant|associate|trainee|apprentice|i{1,3}|iv|v|[1-5])\b/g
    const levels = (title: string) => [...title.matchAll(level)].map((match) => match[0]).join(' ')
    if (levels(a) === levels(b)) return null
    const after = (index: number, next?: number) =>
      lines.slice(index + 1, next).reduce((sum, line) => sum + line.text.trim().length, 0)
    if (after(list[0] as number, list[1]) < 150 || after(list[1] as number) < 150) return null
  }
  return list
}

function splitList(text: Normalized, lines: Line[]): LayoutSplit | null {
  const list = listOf(lines)
  if (!list) return null
  const jobs = list.map((index, k) => {
    const line = lines[index] as Line
    const next = list[k + 1]
    const end =
      next !== undefined ? ((lines[next - 1] as Line).end ?? line.end) : (lines.at(-1)?.end ?? text.text.length)
    const lead = line.text.length - line.text.trimStart().length
    return jobSlice(text, line.start + lead, end, collapse(line.text))
  })
  const first = lines[list[0] as number] as Line
  const before = text.text.slice(0, first.start).trim()
  return {
    jobs,
    method: `split on ${jobs.length} title lines of one list ("${collapse(first.text).slice(0, 60)}" …), each job running to the next`,
    leftOut: before.length > 0 ? [`the text before the first title ("${collapse(before).slice(0, 50)}…")`] : [],
  }
}

export const titleListLayout: Layout = {
  name: 'title-list',
  detect(_text, lines) {
    const list = listOf(lines)
    if (!list) return 0
    return list.length >= 3 ? 0.6 : 0.35
  },
  split: splitList,
}
