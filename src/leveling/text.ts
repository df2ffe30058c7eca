// Reading helpers shared by the split and the extraction: numbers written as words, and quotes
// cut from a job's text that are always verbatim words of the submission.
import type { JobText, Piece, Quote } from './types.js'

const units: Record<string, number> = {
  zero: 0,
  no: 0,
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  half: 0.5,
}

/** A number as job descriptions write it: `5`, `2.5`, `five`, `twenty-four`, `one-half`. */
export const numberPattern =
  '(?:\\d+(?:\\.\\d+)?|(?:twenty|thirty|forty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|an?|half)'

export function parseNumber(word: string): number | null {
  const text = word.toLowerCase().trim()
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text)
  const parts = text.split(/[- ]/)
  let total = 0
  for (const part of parts) {
    const value = units[part]
    if (value === undefined) return null
    total += value
  }
  return total
}

/** Roman numerals up to 20, as level suffixes are printed (I, II, IV, IX). */
export function romanValue(text: string): number | null {
  if (!/^[IVX]+$/.test(text)) return null
  const values: Record<string, number> = { I: 1, V: 5, X: 10 }
  let total = 0
  for (let i = 0; i < text.length; i++) {
    const value = values[text[i] ?? ''] ?? 0
    const next = values[text[i + 1] ?? ''] ?? 0
    total += value < next ? -value : value
  }
  return total > 0 && total <= 20 ? total : null
}

/** The piece of a job that holds the job-text offset. */
function pieceAt(job: JobText, offset: number): Piece | undefined {
  let found: Piece | undefined
  for (const piece of job.pieces) {
    if (piece.at <= offset) found = piece
    else break
  }
  return found
}

// Sentence ends, blank lines, table cells, list items, labels, and a line break after a short line
// (a heading) or before a quoted or bracketed line; a break inside wrapped running text is not an end.
export const sentenceEnd =
  /[.;!?•·]\s|\n\s*\n|\t|\n(?=\s*(?:[-*•·]|\d+\.)\s)|\n(?=\s*[A-Z][A-Za-z ]{0,40}:)|(?<=(?:^|\n)[^\n]{0,50})\n|\n(?=\s*["“[(])/g

/**
 * The sentence (or list item, or table cell) of `job.text` around the match at [start, end),
 * trimmed, kept inside one piece of the job so it is a verbatim substring of the submission,
 * and cut to at most `limit` characters around the match.
 */
export function quoteAround(job: JobText, start: number, end: number, limit = 240): Quote {
  const piece = pieceAt(job, start)
  const low = piece ? piece.at : 0
  const high = piece ? piece.at + piece.length : job.text.length
  // Sentence ends are looked for from at most `reach` characters before the match: a sentence that
  // starts farther back is longer than `limit` and is cut around the match all the same, and
  // scanning from the piece's start made each quote cost the length of the whole piece.
  const reach = Math.max(2000, 4 * limit)
  const scanFrom = Math.max(low, start - reach)
  let from = scanFrom
  let to = high
  sentenceEnd.lastIndex = scanFrom
  for (let match = sentenceEnd.exec(job.text); match && match.index < high; match = sentenceEnd.exec(job.text)) {
    const stop = match.index + (match[0].startsWith('.') || match[0].startsWith(';') ? 1 : 0)
    if (match.index + match[0].length <= start) from = match.index + match[0].length
    else if (match.index >= end) {
      to = Math.min(to, stop)
      break
    }
  }
  if (to - from > limit) {
    const middle = Math.floor((start + end) / 2)
    from = Math.max(from, Math.min(start, middle - Math.floor(limit / 2)))
    to = Math.min(to, Math.max(end, from + limit))
    // Whole words only.
    while (from > low && from < start && /\S/.test(job.text[from - 1] ?? '')) from++
    while (to < high && to > end && /\S/.test(job.text[to] ?? '')) to--
  }
  const quote = job.text
    .slice(from, to)
    .trim()
    .replace(/^[-*•·\s]+/, '')
  return { quote: quote.length > 0 ? quote : job.text.slice(start, end).trim() }
}

/** The exact matched words, kept inside one piece. */
export function quoteExact(job: JobText, start: number, end: number): Quote {
  const piece = pieceAt(job, start)
  const high = piece ? piece.at + piece.length : job.text.length
  return { quote: job.text.slice(start, Math.min(end, high)).trim() }
}

/** A job text made of one contiguous run of the submission. */
export function contiguousJob(submission: string, start: number, end: number, heading: string): JobText {
  const text = submission.slice(start, end)
  return { heading, text, pieces: [{ at: 0, start, length: text.length }] }
}

/** A job text made of several runs of the submission (columns of a table), joined by newlines. */
export function jobFromRuns(submission: string, runs: { start: number; end: number }[], heading: string): JobText {
  const pieces: Piece[] = []
  let text = ''
  for (const run of runs) {
    if (run.end <= run.start) continue
    if (text.length > 0) text += '\n'
    pieces.push({ at: text.length, start: run.start, length: run.end - run.start })
    text += submission.slice(run.start, run.end)
  }
  return { heading, text, pieces }
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
