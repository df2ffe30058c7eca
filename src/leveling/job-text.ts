// Job texts: runs of the normalized submission, each character keeping its place in the submission,
// and quotes cut from them that are always the submission's own words.
import { type Normalized, verbatim } from './normalize.js'
import type { JobText, Quote } from './types.js'

/** A job made of one run of the normalized text. */
export function jobSlice(normalized: Normalized, start: number, end: number, heading: string): JobText {
  return jobFromRuns(normalized, [{ start, end }], heading)
}

/** A job made of several runs of the normalized text (the cells of a table column), joined by blank lines. */
export function jobFromRuns(normalized: Normalized, runs: { start: number; end: number }[], heading: string): JobText {
  const parts: string[] = []
  const joins: number[] = []
  let length = 0
  const kept = runs.filter((run) => run.end > run.start)
  for (const run of kept) {
    if (parts.length > 0) {
      parts.push('\n\n')
      joins.push(length + 1)
      length += 2
    }
    parts.push(normalized.text.slice(run.start, run.end))
    length += run.end - run.start
  }
  const from = new Int32Array(length)
  const to = new Int32Array(length)
  let at = 0
  kept.forEach((run, index) => {
    if (index > 0) {
      const previous = kept[index - 1] as { start: number; end: number }
      const gap = normalized.to[previous.end - 1] ?? 0
      from[at] = gap
      to[at] = gap
      from[at + 1] = gap
      to[at + 1] = gap
      at += 2
    }
    for (let i = run.start; i < run.end; i++) {
      from[at] = normalized.from[i] as number
      to[at] = normalized.to[i] as number
      at++
    }
  })
  return {
    heading,
    text: parts.join(''),
    from,
    to,
    source: normalized.source,
    joins,
    spans: kept.map((run) => ({ ...run })),
  }
}

/** A job whose text is a plain string (a structured item's field): its own submission. */
export function plainJob(text: string, heading: string): JobText {
  const from = new Int32Array(text.length)
  const to = new Int32Array(text.length)
  for (let i = 0; i < text.length; i++) {
    from[i] = i
    to[i] = i + 1
  }
  return { heading, text, from, to, source: text, joins: [] }
}

/** The submission's own words for the job text's [start, end). */
export function jobWords(job: JobText, start: number, end: number): string {
  return verbatim({ source: job.source, text: job.text, from: job.from, to: job.to, notes: [] }, start, end)
}

/** A quote of the job text's [start, end), trimmed, in the submission's words, at most `limit` characters around the focus. */
export function quoteOf(
  job: JobText,
  start: number,
  end: number,
  focus?: { start: number; end: number },
  limit = 320,
): Quote {
  let from = start
  let to = end
  if (to - from > limit && focus) {
    const middle = Math.floor((focus.start + focus.end) / 2)
    from = Math.max(from, Math.min(focus.start, middle - Math.floor(limit / 2)))
    to = Math.min(to, Math.max(focus.end, from + limit))
    while (from > start && from < focus.start && /\S/.test(job.text[from - 1] ?? '')) from++
    while (to < end && to > focus.end && /\S/.test(job.text[to] ?? '')) to--
  }
  while (from < to && /[\s•·▪◦●■*-]/.test(job.text[from] ?? '')) from++
  while (to > from && /\s/.test(job.text[to - 1] ?? '')) to--
  return { quote: jobWords(job, from, to) }
}
