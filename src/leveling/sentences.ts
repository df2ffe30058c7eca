// Sentences of a job's text: what the factor rules read one at a time. A sentence ends at a full
// stop (not an abbreviation's or a decimal's), a question or exclamation mark, a bullet or list
// number, a blank line or a tab, a heading, and the join between two pieces of a job (two cells of
// a table column). Headings are found by their form, not only by their line: a short line without
// a full stop, or a run of capitals followed by running text ("SUPERVISION RECEIVED Works under
// ..."), so that a text flattened onto one line is cut where its headings were.

export interface Sentence {
  start: number
  end: number
  text: string
  /** A heading, a label or a title line: read for the title and the layout, never quoted as evidence. */
  heading: boolean
}

/** Words after whose full stop a sentence does not end. */
const abbreviations = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'no',
  'nos',
  'dr',
  'mr',
  'mrs',
  'ms',
  'st',
  'inc',
  'co',
  'corp',
  'ltd',
  'dept',
  'div',
  'approx',
  'min',
  'max',
  'yrs',
  'yr',
  'mos',
  'sr',
  'jr',
  'u.s',
  'a.m',
  'p.m',
  'b.s',
  'b.a',
  'm.s',
  'm.a',
  'ph.d',
  'a.a',
  'a.s',
  'a.a.s',
  'b.sc',
  'm.sc',
  'b.b.a',
  'm.b.a',
  'hr',
  'gov',
  'govt',
  'ext',
  'fig',
  'incl',
  'esp',
  'cf',
  'al',
  'viz',
  'op',
  'vol',
  'ed',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
])

/** A run of capitals that heads a section in a flattened text: two or more words, or one of five letters. */
const capitalHeading =
  /(?:^|(?<=[\s.:;]))((?:[A-Z][A-Z&/,'()-]*\s+){1,7}[A-Z][A-Z&/'()-]*|[A-Z][A-Z&/'-]{4,})(?=[\s:]+[A-Z][a-z])/g

function isAbbreviation(text: string, dot: number): boolean {
  const before = text.slice(Math.max(0, dot - 8), dot)
  const word = before.match(/([A-Za-z.]+)$/)?.[1]?.toLowerCase() ?? ''
  if (abbreviations.has(word)) return true
  // A single capital: an initial ("J. Smith") or a list letter ("a.").
  if (/^[A-Za-z]$/.test(word)) return true
  return false
}

/** Whether a line is a heading: short, no full stop at its end, not a list item, starting with a capital. */
export function isHeadingLine(line: string): boolean {
  const text = line.trim()
  if (text.length === 0 || text.length > 90) return false
  if (/[.;,]$/.test(text)) return false
  if (!/^[A-Z0-9"([]/.test(text)) return false
  if (text.split(/\s+/).length > 12) return false
  // "Experience: 3 years", "Reports to: IT Team Leader": a label with its value is a statement, not a heading.
  if (/^[^:]{1,50}:\s*\S/.test(text)) return false
  return true
}

/** Cuts a job's text into sentences. `joins` are offsets where two pieces of the job meet. */
export function sentencesOf(text: string, joins: number[] = []): Sentence[] {
  const cuts = new Set<number>([0, text.length, ...joins])
  const headings: [number, number][] = []
  // Blank lines, tabs and bullets (a dash or a list number after a line break or a space, before a capital).
  for (const match of text.matchAll(
    /\n[ \t]*\n|\t|(?:^|\s)[•·▪◦●■*](?=\s)|(?:^|\n)[ \t]*(?:-|\d{1,2}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\))(?=\s)|\s[-–](?=\s+[A-Z])|\s\((?:[ivx]{1,4}|[a-h])\)(?=\s)|(?<=[;:]|\bor|\band)\s*\(\d{1,2}\)(?=\s)/g,
  )) {
    cuts.add(match.index)
    cuts.add(match.index + match[0].length)
  }
  // Sentence ends.
  for (const match of text.matchAll(/[.!?]+["')\]]?(?=\s+["'(]?[A-Z0-9•·-])|[.!?]+["')\]]?(?=\s*$)/g)) {
    const dot = match.index
    if (text[dot] === '.' && isAbbreviation(text, dot)) continue
    if (/\d$/.test(text.slice(0, dot)) && /^\.\d/.test(text.slice(dot))) continue
    cuts.add(dot + match[0].length)
  }
  // Lines: a heading line is its own sentence; a short line before a capital ends a sentence.
  let lineStart = 0
  // A text of one line (a flattened text, a field's value) has no heading lines: its first words are not a heading.
  for (const line of text.includes('\n') ? text.split('\n') : []) {
    const lineEnd = lineStart + line.length
    if (isHeadingLine(line) && !/^\s*(?:and|or|of|the|to|in|for|with)\b/.test(line)) {
      const lead = line.length - line.trimStart().length
      cuts.add(lineStart + lead)
      cuts.add(lineEnd)
      headings.push([lineStart + lead, lineStart + line.trimEnd().length])
    } else if (/^\s*[A-Z][A-Za-z /&()'-]{1,40}:/.test(line)) {
      // A label at a line's start ("Supervision Received: ...") starts a sentence.
      cuts.add(lineStart + (line.length - line.trimStart().length))
    }
    lineStart = lineEnd + 1
  }
  // Headings inside running text (a flattened text): capitals followed by a capitalised word.
  for (const match of text.matchAll(capitalHeading)) {
    const words = match[1] as string
    if (/^(?:I{1,3}|IV|VI{0,3}|IX|X|IT|ICT|PC|LAN|WAN|US|UK|HR|GS|TCP\/IP|DOS|CPU|II|III)$/.test(words.trim())) continue
    if (!/[A-Z]{3}/.test(words)) continue
    const start = match.index + (match[0].length - words.length)
    cuts.add(start)
    cuts.add(start + words.length)
    headings.push([start, start + words.trimEnd().length])
  }
  // Labels inside running text: "... duties. Supervision Received: Works under ...".
  for (const match of text.matchAll(/(?<=[.;]\s+)[A-Z][A-Za-z /&()'-]{2,40}:(?=\s)/g)) cuts.add(match.index)
  const ordered = [...cuts].filter((cut) => cut >= 0 && cut <= text.length).sort((a, b) => a - b)
  const sentences: Sentence[] = []
  for (let k = 0; k < ordered.length - 1; k++) {
    let start = ordered[k] as number
    let end = ordered[k + 1] as number
    while (start < end && /[\s•·▪◦●■*]/.test(text[start] as string)) start++
    while (end > start && /\s/.test(text[end - 1] as string)) end--
    if (end <= start) continue
    const sentenceText = text.slice(start, end)
    if (!/[A-Za-z0-9]/.test(sentenceText)) continue
    const heading =
      headings.some(([from, to]) => from <= start && end <= to + 1) ||
      /^[A-Z][A-Za-z /&()'-]{1,40}:$/.test(sentenceText)
    sentences.push({ start, end, text: sentenceText, heading })
  }
  return sentences
}

/** The index of the sentence that holds `offset` (the last one starting at or before it). */
export function sentenceIndexAt(sentences: Sentence[], offset: number): number {
  let low = 0
  let high = sentences.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >>> 1
    if ((sentences[middle] as Sentence).start <= offset) {
      found = middle
      low = middle + 1
    } else high = middle - 1
  }
  return found
}
