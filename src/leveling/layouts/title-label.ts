// "Job Title:", "Class Title:", "Position Title:", "Classification:" headings: each starts a job
// that ends at the next one. In a text flattened onto one line the labels are found inside it.
import { jobSlice } from '../job-text.js'
import type { Normalized } from '../normalize.js'
import {
  collapse,
  isSectionWord,
  isTitleLine,
  type Layout,
  type LayoutSplit,
  type Line,
  previousBlank,
  titleLabel,
} from './layout.js'

/** The title a "Job Title:" line gives: the words after the label, or the title line under a bare label. */
function labelledTitle(line: Line, all: Line[]): string | null {
  const text = line.text.trim()
  if (!titleLabel.test(text)) return null
  const rest = text.replace(titleLabel, '').trim()
  if (rest.length > 0) {
    // "Job Title Definition:" is a section, not a title.
    if (/:$/.test(rest) || isSectionWord(rest)) return null
    return rest
  }
  if (!/:\s*$/.test(text)) return null
  const next = all.find((candidate) => candidate.start > line.end && candidate.text.trim().length > 0)
  return next && isTitleLine(next) ? collapse(next.text) : null
}

export function splitTitleHeadings(text: Normalized, candidates: Line[], all: Line[]): LayoutSplit | null {
  const headings = candidates
    .map((line) => ({ line, title: labelledTitle(line, all) }))
    .filter((entry): entry is { line: Line; title: string } => entry.title !== null)
  if (headings.length === 0) return null
  const label = collapse(headings[0]?.line.text.trim().match(titleLabel)?.[0] ?? 'Job Title:')
  const jobs = headings.map(({ line: heading, title }, k) => {
    const following = headings[k + 1]?.line
    // A heading's job ends at the next heading, or at a blank-line gap before another layout.
    const end = following ? previousBlank(all, following.start) : (all.at(-1)?.end ?? text.text.length)
    const lead = heading.text.length - heading.text.trimStart().length
    return jobSlice(text, heading.start + lead, end, title)
  })
  return { jobs, method: `split on ${headings.length} "${label}" heading${headings.length > 1 ? 's' : ''}` }
}

/** The same labels inside running text: "... Job Title: Help Desk Technician Grade: 12 ...". */
const inlineLabel = /(?<![A-Za-z])(?:job|class|position|classification)\s+title\s*:\s*/gi

function inlineHeadings(text: Normalized): LayoutSplit | null {
  const starts = [...text.text.matchAll(inlineLabel)]
  if (starts.length < 2) return null
  const jobs = starts.map((match, k) => {
    const start = match.index
    const end = starts[k + 1]?.index ?? text.text.length
    const rest = text.text.slice(start + match[0].length, end)
    // The title: words up to the next label, full stop or a run of capitals that heads a section.
    const title = collapse(rest.split(/\s{2,}|\s(?=[A-Z][A-Za-z ]{2,30}:)|[.;]\s|\s(?=[A-Z]{4,}\b)/)[0] ?? '').slice(
      0,
      120,
    )
    return jobSlice(text, start, end, title)
  })
  return { jobs, method: `split on ${jobs.length} "Job Title:" labels inside the running text` }
}

export const titleLabelLayout: Layout = {
  name: 'title-label',
  detect(text, lines) {
    if (lines.some((line) => labelledTitle(line, lines) !== null)) return 0.96
    return [...text.text.matchAll(inlineLabel)].length >= 2 ? 0.8 : 0
  },
  split(text, lines) {
    return splitTitleHeadings(text, lines, lines) ?? inlineHeadings(text)
  },
}
