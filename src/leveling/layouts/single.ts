// One job: a text whose layout shows no other job. Its title is its first line (or, in a text
// flattened onto one line, its first words up to the first sentence or section heading).
import { jobSlice } from '../job-text.js'
import { sentencesOf } from '../sentences.js'
import { collapse, type Layout } from './layout.js'

export const singleLayout: Layout = {
  name: 'single',
  detect() {
    return 0.01
  },
  split(text, lines) {
    const first = lines.find((line) => line.text.trim().length > 0)
    const start = first ? first.start + (first.text.length - first.text.trimStart().length) : 0
    const end = text.text.trimEnd().length
    if (end <= start) return null
    let heading = first ? collapse(first.text) : ''
    if (heading.length > 120) {
      // A flattened text: its first sentence, or the words before its first section heading.
      const sentence = sentencesOf(text.text.slice(start, Math.min(end, start + 2000)))[0]
      heading = collapse(sentence?.text ?? heading).slice(0, 120)
    }
    const job = jobSlice(text, start, end, heading.slice(0, 200))
    job.guessed = true
    return {
      jobs: [job],
      method: 'one job: no layout that separates several jobs was found',
    }
  },
}
