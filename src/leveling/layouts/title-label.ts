// "Job Title:", "Class Title:", "Position Title:", "Classification:" headings: each starts a job
// that ends at the next one. In a text flattened onto one line the labels are found inside it.
import { jobSlice } from '../job-text.js'
import type { Normalized } from '../normalize.js'
import { collapse, type Layout, type LayoutSplit, type Line, previousBlank, titleLabel } from './layout.js'

export function splitTitleHeadings(text: Normalized, candidates: Line[], all: Line[]): LayoutSplit | null {
  const headings = candidates.filter(
    (line) => titleLabel.test(line.text.trim()) && line.text.trim().replace(titleLabel, '').length > 0,
  )
  if (headings.length === 0) return null
  const label = collapse(headings[0]?.text.trim().match(titleLabel)?.[0] ?? 'Job Title:')
  const jobs = headings.map((heading, k) => {
    const following = headings[k + 1]
    // A heading's job ends at the next heading, or at a blank-line gap before another layout.
    const end = following ? previousBlank(all, following.start) : (all.at(-1)?.end ?? text.text.length)
    const title = heading.text.trim().replace(titleLabel, '').trim()
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
    const title = collapse(rest.split(/\s{2,}|\s(?=[A-Z][A-Za-z ]{2,30}:)|[.;]\s|\s(?=[A-Z]{4,}\b)/)[0] ?? '').slice(0, 120)
    return jobSlice(text, start, end, title)
  })
  return { jobs, method: `split on ${jobs.length} "Job Title:" labels inside the running text` }
}

export const titleLabelLayout: Layout = {
  name: 'title-label',
  detect(text, lines) {
    const headings = lines.filter((line) => titleLabel.test(line.text.trim()) && line.text.trim().replace(titleLabel, '').length > 0)
    if (headings.length >= 1) return 0.96
    return [...text.text.matchAll(inlineLabel)].length >= 2 ? 0.8 : 0
  },
  split(text, lines) {
    return splitTitleHeadings(text, lines, lines) ?? inlineHeadings(text)
  },
}
