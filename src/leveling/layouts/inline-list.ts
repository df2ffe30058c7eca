// A list of job titles run together with their codes, as a contents page, a career grid or a
// catalog prints it and as a copied PDF flattens it: "IM&T Operator 2 2 IM&T Analyst/ Technician
// entry level 3 3 IM&T Section Manager 7 12 ...", "Chief Information Officer (E3) Deputy Chief ...
// (E2)". Four or more titles one after another, with nothing between them but codes, grades, page
// numbers or a word or two, are a list of jobs: each is its title and what follows it up to the next.
import { jobSlice } from '../job-text.js'
import { jobNouns } from '../titles.js'
import { collapse, type Layout, type LayoutSplit } from './layout.js'

const noun = `(?:${jobNouns})s?`
const word = "(?:[A-Z][\\w&/'’.-]*/?|of|and|the|for|in|&|/)"
/** A title: capitalised words (with the small words titles use) ending in a job noun, its numeral and a bracketed code. */
const title = new RegExp(
  `(?<![\\w&])((?:${word}[ \\t]+){0,7}?(?:${word}[ \\t]*/?[ \\t]*)?${noun.replace(/\b(\w)/g, (c) => `[${c.toUpperCase()}${c}]`)}(?:[ \\t]+(?:I{1,3}|IV|VI{0,3}|[1-9]))?(?:[ \\t]*\\([^)\\n]{1,60}\\))?)(?![\\w])`,
  'g',
)

interface Entry {
  start: number
  end: number
  title: string
}

/** Between two titles of a list: codes, grades, pay lines (at most 120 characters), no sentence stop, at most two small words. */
function isGap(text: string): boolean {
  if (text.length > 120) return false
  if (/[.;:!?]\s/.test(text)) return false
  return (text.match(/\b[a-z]{4,}\b/g) ?? []).length <= 2
}

function longestList(text: string): Entry[] | null {
  const found: Entry[] = []
  for (const match of text.matchAll(title)) {
    const value = collapse(match[1] as string)
    if (value.split(' ').length < 2 && !/^[A-Z]{2,}/.test(value)) continue
    found.push({ start: match.index, end: match.index + (match[1] as string).length, title: value })
  }
  let best: Entry[] = []
  let current: Entry[] = []
  for (const entry of found) {
    const previous = current.at(-1)
    if (previous && isGap(text.slice(previous.end, entry.start))) current.push(entry)
    else current = [entry]
    if (current.length > best.length) best = [...current]
  }
  return best.length >= 4 ? best : null
}

export const inlineListLayout: Layout = {
  name: 'inline-list',
  detect(text) {
    return longestList(text.text) ? 0.45 : 0
  },
  split(text): LayoutSplit | null {
    const list = longestList(text.text)
    if (!list) return null
    const jobs = list.map((entry, index) => {
      const next = list[index + 1]
      const end = next ? next.start : Math.min(text.text.length, entry.end + 30)
      const job = jobSlice(text, entry.start, end, entry.title)
      // The code printed after the title is its grade or band ("3", "8a-b", "(M2)"); a page number may follow it.
      const code = text.text.slice(entry.end, end).match(/^[\s(]*([A-Z]{0,3}\d{1,2}[a-d]?)\b/)?.[1]
      if (code) job.grade = code
      return job
    })
    return {
      jobs,
      method: `split a list of ${jobs.length} job titles printed one after another with their codes ("${list[0]?.title}" …)`,
    }
  },
}
