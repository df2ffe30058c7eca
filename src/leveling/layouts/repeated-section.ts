// A section or label every job repeats ("Jobcode:", "Distinguishing Characteristics", "Knowledge,
// skills & abilities"): each occurrence is a job, titled by the nearest title line before it.
import { jobSlice } from '../job-text.js'
import type { Normalized } from '../normalize.js'
import {
  cellsOf,
  collapse,
  filled,
  isSectionWord,
  isTitleLine,
  type Layout,
  type LayoutSplit,
  type Line,
} from './layout.js'

export function markerKey(line: Line): string | null {
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
export function findRepeatedMarker(lines: Line[]): { key: string; starts: number[]; titles: string[] } | null {
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
        if (isTitleLine(line) && !isSectionWord(line.text.trim())) {
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
  text: Normalized,
  lines: Line[],
  chosen: { key: string; starts: number[]; titles: string[] },
): LayoutSplit {
  const occurrences = new Map<string, number[]>()
  lines.forEach((line, index) => {
    const key = markerKey(line)
    if (key === null) return
    occurrences.set(key, [...(occurrences.get(key) ?? []), index])
  })
  const jobs = chosen.starts.map((at, k) => {
    const next = chosen.starts[k + 1]
    const start = (lines[at] as Line).start
    const end = next !== undefined ? (lines[next - 1] as Line).end : (lines.at(-1)?.end ?? text.text.length)
    return jobSlice(text, start, end, chosen.titles[k] ?? '')
  })
  const shown = lines[occurrences.get(chosen.key)?.[0] ?? 0]?.text.trim().match(/^[^:\t]{1,60}:?/)?.[0] ?? chosen.key
  return {
    jobs,
    method: `split on ${jobs.length} title lines, each followed by the repeated section "${collapse(shown)}"`,
  }
}

export const repeatedSectionLayout: Layout = {
  name: 'repeated-section',
  detect(_text, lines) {
    const marker = findRepeatedMarker(lines)
    return marker ? Math.min(0.7, 0.4 + 0.1 * marker.starts.length) : 0
  },
  split(text, lines) {
    const marker = findRepeatedMarker(lines)
    return marker ? splitRepeatedMarker(text, lines, marker) : null
  },
}
