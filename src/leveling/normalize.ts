// The first step of reading: the submitted text made plain, with every character's place in the
// submission kept, so that a quote cut from the plain text is still the submission's own words.
//  - Unicode compatibility forms (NFKC), typographic quotes and dashes, non-breaking and zero-width
//    spaces, soft hyphens, HTML entities and tags, CR LF line ends and form feeds.
//  - Words broken across lines: "expe-\nrience" and "expe\nrience" (or "m\ninimal") are joined where
//    the joined word is one leveling reads or one the text writes elsewhere, and the pieces are not
//    both words.
//  - Page furniture: "Page n of m" and bare page numbers, lines a browser or a PDF printer repeats at
//    every page (addresses, print dates, running headers beside page breaks), tables of contents with
//    dot leaders, and a page printed twice.
// Each step says what it changed, in words, for the split's account of what it left out.

/** The plain text leveling reads, and where each of its characters came from. */
export interface Normalized {
  source: string
  text: string
  /** The submission offset of each character of `text`. */
  from: Int32Array
  /** The submission offset just after each character of `text` (a decoded entity spans several). */
  to: Int32Array
  /** What normalizing removed or rewrote, in words ("2 page footers"). */
  notes: string[]
}

type Piece = { keep: [number, number] } | { insert: string }

/** Rewrites every match of `pattern`: each match becomes the pieces `replace` gives (kept ranges of the match, or new text). */
function rewrite(
  input: Normalized,
  pattern: RegExp,
  replace: (match: RegExpExecArray) => Piece[] | null,
): { output: Normalized; count: number } {
  const { text } = input
  const parts: string[] = []
  const from: number[] = []
  const to: number[] = []
  let last = 0
  let count = 0
  const keep = (start: number, end: number) => {
    parts.push(text.slice(start, end))
    for (let i = start; i < end; i++) {
      from.push(input.from[i] as number)
      to.push(input.to[i] as number)
    }
  }
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)
  for (let match = global.exec(text); match; match = global.exec(text)) {
    if (match[0].length === 0) {
      global.lastIndex++
      continue
    }
    const pieces = replace(match)
    if (pieces === null) continue
    count++
    keep(last, match.index)
    const start = match.index
    const end = start + match[0].length
    for (const piece of pieces) {
      if ('keep' in piece) keep(start + piece.keep[0], start + piece.keep[1])
      else {
        parts.push(piece.insert)
        for (let i = 0; i < piece.insert.length; i++) {
          from.push(input.from[start] as number)
          to.push(input.to[end - 1] as number)
        }
      }
    }
    last = end
  }
  if (count === 0) return { output: input, count }
  keep(last, text.length)
  return {
    output: { ...input, text: parts.join(''), from: Int32Array.from(from), to: Int32Array.from(to) },
    count,
  }
}

function identity(source: string): Normalized {
  const from = new Int32Array(source.length)
  const to = new Int32Array(source.length)
  for (let i = 0; i < source.length; i++) {
    from[i] = i
    to[i] = i + 1
  }
  return { source, text: source, from, to, notes: [] }
}

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '-',
  mdash: '-',
  rsquo: "'",
  lsquo: "'",
  rdquo: '"',
  ldquo: '"',
  hellip: '...',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  sect: '§',
  eacute: 'é',
  egrave: 'è',
  aacute: 'á',
  ccedil: 'ç',
}

/** Characters whose compatibility or typographic form reads the same as plain ASCII. */
const plainForms: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u00a0': ' ',
  '\u2007': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u3000': ' ',
  '\t': '\t',
}

function plainCharacters(input: Normalized): Normalized {
  // Soft hyphens, zero-width characters and byte order marks are dropped; CR LF and CR become LF;
  // a form feed (a page break) becomes a blank line.
  let step = rewrite(input, /\r\n?|\f|[\u00ad\u200b-\u200d\u2060\ufeff]/g, (match) => {
    if (match[0] === '\f') return [{ insert: '\n\n' }]
    if (match[0].startsWith('\r')) return [{ insert: '\n' }]
    return []
  }).output
  step = rewrite(step, /[\u0080-\uffff]/g, (match) => {
    const char = match[0]
    const plain = plainForms[char] ?? char.normalize('NFKC')
    return plain === char ? null : [{ insert: plain }]
  }).output
  return step
}

function htmlEntities(input: Normalized): { output: Normalized; count: number } {
  const decoded = rewrite(input, /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g, (match) => {
    const code = match[1] ? Number(match[1]) : match[2] ? Number.parseInt(match[2], 16) : null
    if (code !== null) {
      if (code === 0 || code > 0x10ffff) return null
      const char = String.fromCodePoint(code)
      return [{ insert: plainForms[char] ?? char }]
    }
    const named = namedEntities[(match[3] ?? '').toLowerCase()]
    return named === undefined ? null : [{ insert: named }]
  })
  // Markup a copied page may carry: block tags end a line, others go.
  const tags = rewrite(
    decoded.output,
    /<\/?(?:p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|span|strong|b|i|em|u|a|font|section|article|body|html)\b[^<>]{0,200}>/gi,
    (match) => (/^<\/?(?:p|div|br|li|tr|h[1-6]|table|ul|ol)\b/i.test(match[0]) ? [{ insert: '\n' }] : []),
  )
  return { output: tags.output, count: decoded.count + tags.count }
}

// ── words broken across lines ───────────────────────────────────────────────────────────────

/** Words leveling's rules read: a broken word is joined when the join is one of these. */
let vocabulary: Set<string> = new Set()

/** Sets the words the rules read (the rules register them when they are compiled). */
export function addVocabulary(words: Iterable<string>): void {
  const next = new Set(vocabulary)
  for (const word of words) if (word.length >= 4) next.add(word.toLowerCase())
  vocabulary = next
}

const shortWords = new Set([
  'a',
  'i',
  'an',
  'as',
  'at',
  'be',
  'by',
  'do',
  'if',
  'in',
  'is',
  'it',
  'of',
  'on',
  'or',
  'so',
  'to',
  'up',
  'us',
  'we',
  'and',
  'are',
  'for',
  'has',
  'may',
  'not',
  'the',
  'was',
  'who',
  'all',
  'any',
  'can',
  'its',
  'new',
  'one',
  'two',
])

function wordsOf(text: string): Set<string> {
  const words = new Set<string>()
  for (const match of text.toLowerCase().matchAll(/[a-z]{2,}/g)) words.add(match[0])
  return words
}

/** Joins words broken across a line (with or without a hyphen) where the join is a word. */
function brokenWords(input: Normalized): { output: Normalized; count: number } {
  const own = wordsOf(input.text)
  const known = (word: string) => vocabulary.has(word) || shortWords.has(word)
  const isWord = (word: string) => known(word) || own.has(word)
  // "expe-\nrience": the hyphen and the break go where the join is a word; "well-\nknown" keeps its hyphen.
  const hyphen = rewrite(input, /([A-Za-z]{1,30})-[ \t]*\n[ \t]*([a-z]{1,30})/g, (match) => {
    const left = match[1] as string
    const right = match[2] as string
    const joined = (left + right).toLowerCase()
    if (known(joined) || (own.has(joined) && !(isWord(left.toLowerCase()) && isWord(right))))
      return [{ keep: [0, left.length] }, { keep: [match[0].length - right.length, match[0].length] }]
    // A hyphenated compound: keep the hyphen, lose the break.
    return [{ keep: [0, left.length + 1] }, { keep: [match[0].length - right.length, match[0].length] }]
  })
  // "expe\nrience", "m\ninimal", and the same flattened ("expe rience"): joined only where neither
  // piece is a word and the join is one leveling reads, or one the text itself writes.
  const bare = rewrite(hyphen.output, /\b([A-Za-z]{1,20})([ \t]*\n[ \t]*| )([a-z]{1,20})\b/g, (match) => {
    const left = (match[1] as string).toLowerCase()
    const right = match[3] as string
    const joined = left + right
    if (left.length + right.length < 5) return null
    if (isWord(left) || isWord(right)) return null
    if (!(known(joined) || own.has(joined))) return null
    const gap = (match[2] as string).length
    return [{ keep: [0, left.length] }, { keep: [left.length + gap, match[0].length] }]
  })
  return { output: bare.output, count: hyphen.count + bare.count }
}

// ── page furniture ──────────────────────────────────────────────────────────────────────────

const pageLine =
  /^[ \t]*(?:-\s*)?(?:page|pg\.?)[ \t]*\d{1,4}(?:[ \t]*(?:of|\/)[ \t]*\d{1,4})?(?:\s*-)?[ \t]*$|^[ \t]*-?[ \t]*\d{1,3}[ \t]*-?[ \t]*$|^[ \t]*\d{1,4}[ \t]*(?:of|\/)[ \t]*\d{1,4}[ \t]*$/gim
const inlinePage = /\b(?:page|pg\.?)[ \t]+\d{1,4}[ \t]+of[ \t]+\d{1,4}\b/gi
/** What a browser prints at the top or foot of every page: a date and time, an address with a page count. */
const printedLine =
  /^[ \t]*(?:\d{1,2}\/\d{1,2}\/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\b[^\n]{0,120}|https?:\/\/\S+[ \t]+\d{1,3}\/\d{1,3})[ \t]*$/gim
/** A table of contents line: a title, a dot leader, a page number. */
const contentsLine = /^[ \t]*[^\n.]{2,100}?[ \t]*(?:\.[ \t]?){4,}[ \t]*\d{1,4}[ \t]*$/gm
/** The same in a flattened text: one entry after another. */
const contentsInline = /(?:[A-Z][^.\n]{2,100}?)[ \t]*(?:\.[ \t]?){4,}[ \t]*\d{1,4}\b/g

function masked(line: string): string {
  return line.trim().replace(/\d+/g, '#').replace(/\s+/g, ' ').toLowerCase()
}

/** Lines repeated beside three or more page breaks (running headers and footers). */
function runningLines(text: string): Set<string> {
  const pages = text.split(/\n[ \t]*\n[ \t]*\n|(?<=\n)(?=[ \t]*(?:page|pg\.?)[ \t]*\d)/i)
  if (pages.length < 3) return new Set()
  const counts = new Map<string, number>()
  for (const page of pages) {
    const lines = page.split('\n').filter((line) => line.trim().length > 0)
    const edges = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map(masked))
    for (const line of edges) if (line.length > 0 && line.length <= 120) counts.set(line, (counts.get(line) ?? 0) + 1)
  }
  return new Set([...counts].filter(([, count]) => count >= 3).map(([line]) => line))
}

/** Drops paragraphs repeated in the same order: a page printed twice. */
function repeatedPages(input: Normalized): { output: Normalized; count: number } {
  const blocks: { start: number; end: number; key: string }[] = []
  const paragraph = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g
  for (const match of input.text.matchAll(paragraph)) {
    const key = match[0].replace(/\s+/g, ' ').trim().toLowerCase()
    if (key.length > 0) blocks.push({ start: match.index, end: match.index + match[0].length, key })
  }
  const drop: { start: number; end: number }[] = []
  const seen = new Map<string, number>()
  let i = 0
  while (i < blocks.length) {
    const block = blocks[i] as (typeof blocks)[number]
    const earlier = seen.get(block.key)
    if (earlier !== undefined && block.key.length >= 40) {
      // A run of paragraphs that repeats an earlier run, paragraph for paragraph, 600 characters or more.
      let length = 0
      let k = 0
      while (
        i + k < blocks.length &&
        earlier + k < i &&
        (blocks[earlier + k] as (typeof blocks)[number]).key === (blocks[i + k] as (typeof blocks)[number]).key
      ) {
        length += (blocks[i + k] as (typeof blocks)[number]).key.length
        k++
      }
      if (k >= 2 && length >= 600) {
        drop.push({ start: block.start, end: (blocks[i + k - 1] as (typeof blocks)[number]).end })
        i += k
        continue
      }
    }
    if (!seen.has(block.key)) seen.set(block.key, i)
    i++
  }
  if (drop.length === 0) return { output: input, count: 0 }
  const result = rewrite(input, /[\s\S]+/g, () => {
    const pieces: Piece[] = []
    let last = 0
    for (const range of drop) {
      pieces.push({ keep: [last, range.start] }, { insert: '\n\n' })
      last = range.end
    }
    pieces.push({ keep: [last, input.text.length] })
    return pieces
  })
  return { output: result.output, count: drop.length }
}

function furniture(input: Normalized): { output: Normalized; notes: string[] } {
  const notes: string[] = []
  let current = input
  const pages = rewrite(current, pageLine, () => [{ insert: '\n' }])
  current = pages.output
  const inline = rewrite(current, inlinePage, () => [{ insert: ' ' }])
  current = inline.output
  if (pages.count + inline.count > 0)
    notes.push(`${pages.count + inline.count} page number${pages.count + inline.count > 1 ? 's' : ''}`)
  const printed = rewrite(current, printedLine, () => [{ insert: '\n' }])
  current = printed.output
  const running = runningLines(current.text)
  let runningCount = 0
  if (running.size > 0) {
    const step = rewrite(current, /^[^\n]+$/gm, (match) => (running.has(masked(match[0])) ? [{ insert: '' }] : null))
    current = step.output
    runningCount = step.count
  }
  if (printed.count + runningCount > 0)
    notes.push(
      `${printed.count + runningCount} running header or footer line${printed.count + runningCount > 1 ? 's' : ''}`,
    )
  const contents = rewrite(current, contentsLine, () => [{ insert: '\n' }])
  current = contents.output
  const contentsFlat = rewrite(current, contentsInline, () => [{ insert: ' ' }])
  current = contentsFlat.output
  if (contents.count + contentsFlat.count > 0)
    notes.push(
      `a table of contents (${contents.count + contentsFlat.count} entr${contents.count + contentsFlat.count > 1 ? 'ies' : 'y'})`,
    )
  const repeated = repeatedPages(current)
  current = repeated.output
  if (repeated.count > 0) notes.push(`${repeated.count} repeated page${repeated.count > 1 ? 's' : ''}`)
  return { output: current, notes }
}

/** The plain text of a submission, each character mapped to its place in the submission. */
export function normalize(source: string): Normalized {
  let current = plainCharacters(identity(source))
  const notes: string[] = []
  const entities = htmlEntities(current)
  current = entities.output
  if (entities.count > 0)
    notes.push(`${entities.count} HTML entit${entities.count > 1 ? 'ies or tags' : 'y or tag'} decoded`)
  const pageSteps = furniture(current)
  current = pageSteps.output
  notes.push(...pageSteps.notes)
  const broken = brokenWords(current)
  current = broken.output
  if (broken.count > 0) notes.push(`${broken.count} word${broken.count > 1 ? 's' : ''} broken across lines joined`)
  return { ...current, notes }
}

/** The submission's own words for the plain text's [start, end): what a quote shows. */
export function verbatim(normalized: Normalized, start: number, end: number): string {
  if (end <= start) return ''
  const from = normalized.from[start] as number
  const to = normalized.to[end - 1] as number
  return normalized.source.slice(from, to)
}

/** The submission offsets of the plain text's [start, end). */
export function sourceRange(normalized: Normalized, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at = start < normalized.text.length ? (normalized.from[start] as number) : normalized.source.length
    return { start: at, end: at }
  }
  return { start: normalized.from[start] as number, end: normalized.to[end - 1] as number }
}
