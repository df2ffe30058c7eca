// Full-text search over levels. User input never reaches MATCH as query syntax: the text is split
// into words, and each word of three or more characters becomes one quoted FTS5 string (inner
// quotes doubled), which the trigram tokenizer matches as a substring anywhere in the title, job
// code, family name or duties; NEAR, AND, *, ^, column filters and parentheses are just text.
// Shorter words (the trigram index cannot hold them) are matched with LIKE, escaped. Every word
// must match. A word with a known abbreviation also matches it ("manager" finds Harvard's "Mgt"
// jobs, "supervisor" "Supv"). Inferred class codes are searched with the job codes. Ranking: a
// level holding the query's words together as typed ("tier 3") first, so that words scattered
// over fields (a duty's "tier" and the "3" of a job code IEUP13) do not outrank it; then BM25
// with a title or job-code match weighing most.
import { type SQL, sql } from 'drizzle-orm'
import type { Track } from '../documents/schema.js'
import type { LevelmapDatabase } from './client.js'

export const maxQueryLength = 200
export const maxWords = 12

export type SearchField = 'title' | 'jobCode' | 'family' | 'duties' | 'inferredCode'

export interface SearchQuery {
  q: string
  institution?: string
  track?: Track
  limit: number
  offset: number
}

export interface SearchHit {
  levelId: string
  field: SearchField
  /** The matching text, matches wrapped in <mark>…</mark>, long text cut around the first match. */
  snippet: string
}

/** A query the search cannot run, with a message for the caller. */
export class SearchQueryError extends Error {
  override name = 'SearchQueryError'
}

const start = '\u0002'
const end = '\u0003'
/** A part of the text already marked by the FTS index. */
const markedPart = new RegExp(`(${start}[^${end}]*${end})`, 'u')
const fields: SearchField[] = ['title', 'jobCode', 'family', 'duties', 'inferredCode']

/**
 * Words and the abbreviations job catalogs write them as, both ways; each at least three
 * characters, so that each is a trigram match.
 */
const abbreviationGroups = [
  ['manager', 'mgt', 'mgr', 'mgmt'],
  ['managers', 'mgt', 'mgr', 'mgmt'],
  ['supervisor', 'supv', 'supvr', 'spvr'],
  ['supervisors', 'supv', 'supvr', 'spvr'],
]
const alternativesOf = new Map<string, string[]>()
for (const group of abbreviationGroups) {
  for (const word of group) {
    const known = alternativesOf.get(word) ?? [word]
    alternativesOf.set(word, [...new Set([...known, ...group])])
  }
}

/** The word and its abbreviations (or the word an abbreviation stands for). */
export function alternatives(word: string): string[] {
  return alternativesOf.get(word.toLowerCase()) ?? [word]
}
const snippetLength = 160

export function searchWords(q: string): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(q)) throw new SearchQueryError('q must not contain control characters.')
  const words = q
    .trim()
    .split(/\s+/u)
    .filter((word) => word.length > 0)
  if (words.length === 0) throw new SearchQueryError('q needs at least one word.')
  if (words.length > maxWords) throw new SearchQueryError(`q holds at most ${maxWords} words; it has ${words.length}.`)
  return words
}

/** Characters counted as the trigram tokenizer counts them (code points). */
const long = (word: string) => [...word].length >= 3

const quoted = (word: string) => `"${word.replaceAll('"', '""')}"`

function matchExpression(words: string[]): string {
  return (
    words
      .filter(long)
      .map((word) => {
        const forms = alternatives(word).filter(long)
        return forms.length === 1 ? quoted(word) : `(${forms.map(quoted).join(' OR ')})`
      })
      // FTS5 takes no implicit AND next to a parenthesised group: every AND is written out.
      .join(' AND ')
  )
}

function likePattern(word: string): string {
  return `%${word.replace(/[!%_]/g, (char) => `!${char}`)}%`
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Marks the short words the FTS index does not highlight, outside what is already marked. */
function markShortWords(text: string, words: string[]): string {
  const short = words.filter((word) => !long(word))
  if (short.length === 0) return text
  const pattern = new RegExp(short.map(escapeRegExp).join('|'), 'giu')
  return text
    .split(markedPart)
    .map((part) => (part.startsWith(start) ? part : part.replace(pattern, (found) => `${start}${found}${end}`)))
    .join('')
}

/** The marked line of a field, cut to about 160 characters around the first match. */
function snippetOf(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.includes(start)) ?? text
  let cut = line
  if ([...line].length > snippetLength) {
    const first = line.indexOf(start)
    const from = Math.max(0, first - 40)
    cut = line.slice(from, from + snippetLength)
    const opened = cut.split(start).length - cut.split(end).length
    if (opened > 0) cut += end
    if (cut.indexOf(end) !== -1 && (cut.indexOf(start) === -1 || cut.indexOf(end) < cut.indexOf(start))) {
      cut = start + cut
    }
    cut = `${from > 0 ? '…' : ''}${cut}${from + snippetLength < line.length ? '…' : ''}`
  }
  return cut.replaceAll(start, '<mark>').replaceAll(end, '</mark>')
}

interface Row {
  level_id: string
  title: string
  job_code: string
  family: string
  duties: string
  inferred_codes: string
}

/** Every searched text of a row, for LIKE. */
const allText = sql.raw("(title || ' ' || job_code || ' ' || family || ' ' || duties || ' ' || inferred_codes)")

export function searchLevels(db: LevelmapDatabase, query: SearchQuery): { total: number; hits: SearchHit[] } {
  const words = searchWords(query.q)
  const match = matchExpression(words)
  const conditions: SQL[] = []
  if (match) conditions.push(sql`level_search MATCH ${match}`)
  for (const word of words.filter((candidate) => !long(candidate))) {
    conditions.push(sql`${allText} LIKE ${likePattern(word)} ESCAPE '!'`)
  }
  if (query.institution !== undefined) conditions.push(sql`institution = ${query.institution}`)
  if (query.track !== undefined) conditions.push(sql`(' ' || tracks || ' ') LIKE ${`% ${query.track} %`}`)
  const where = sql.join(conditions, sql` AND `)

  const [counted] = db.all<{ n: number }>(sql`SELECT count(*) AS n FROM level_search WHERE ${where}`)
  const total = counted?.n ?? 0
  if (total === 0 || query.offset >= total) return { total, hits: [] }

  const marked = (column: number, name: string) =>
    match ? sql.raw(`highlight(level_search, ${column}, char(2), char(3)) AS ${name}`) : sql.raw(name)
  // The query's words together, as typed: a level holding them so ranks first.
  const phrase = sql`CASE WHEN ${allText} LIKE ${likePattern(words.join(' '))} ESCAPE '!' THEN 0 ELSE 1 END`
  // Weights per column: level_id, institution, tracks (unindexed), title, job_code, family, duties,
  // inferred_codes. Without a MATCH there is no BM25: the field the first word is found in ranks instead.
  const first = likePattern(words[0] as string)
  const order = match
    ? sql`${phrase}, bm25(level_search, 0, 0, 0, 10, 8, 3, 1, 8), institution, level_id`
    : sql`${phrase}, CASE WHEN title LIKE ${first} ESCAPE '!' THEN 0 WHEN job_code LIKE ${first} ESCAPE '!' THEN 1
               WHEN family LIKE ${first} ESCAPE '!' THEN 2 ELSE 3 END, institution, level_id`
  const rows = db.all<Row>(sql`
    SELECT level_id, ${marked(3, 'title')}, ${marked(4, 'job_code')}, ${marked(5, 'family')}, ${marked(6, 'duties')},
           ${marked(7, 'inferred_codes')}
    FROM level_search WHERE ${where}
    ORDER BY ${order}
    LIMIT ${query.limit} OFFSET ${query.offset}`)

  const hits = rows.map((row): SearchHit => {
    const texts = [row.title, row.job_code, row.family, row.duties, row.inferred_codes].map((text) =>
      markShortWords(text, words),
    )
    // The field that holds the most of the query's distinct words (ties: the earlier field), so a
    // duty that says "tier 3" is shown rather than the "3" of a job code.
    let index = 0
    let most = 0
    texts.forEach((text, position) => {
      const marked = text.split(start).slice(1)
      const marks = new Set(marked.map((part) => part.slice(0, part.indexOf(end)).toLowerCase())).size
      if (marks > most) {
        most = marks
        index = position
      }
    })
    return { levelId: row.level_id, field: fields[index] as SearchField, snippet: snippetOf(texts[index] as string) }
  })
  return { total, hits }
}
