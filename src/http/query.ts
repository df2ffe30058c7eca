// Query parameters that several routes read the same way: the crosswalk's input, and slug lists.
import type { CrosswalkInput } from '../crosswalk/crosswalk.js'
import { HttpProblem } from './problems.js'

export interface CrosswalkQuery {
  from?: string
  grade?: string
  jobCode?: string
  level?: string
  seniority?: number
}

/** Turns the query into one crosswalk input, or explains which parameters conflict. */
export function crosswalkInput(query: CrosswalkQuery): CrosswalkInput {
  const selectors = (['grade', 'jobCode', 'level'] as const).filter((name) => query[name] !== undefined)
  const conflict = (detail: string, names: string[]) =>
    HttpProblem.of('conflicting-parameters', detail, {
      errors: names.map((name) => ({ location: 'querystring', name, message: detail })),
    })
  if (query.seniority !== undefined) {
    const extra = [...(query.from !== undefined ? ['from'] : []), ...selectors]
    if (extra.length > 0) throw conflict(`seniority stands alone; drop ${extra.join(', ')}.`, extra)
    return { seniority: query.seniority }
  }
  if (selectors.length === 0) {
    throw conflict('Give from with exactly one of grade, jobCode or level; or seniority alone.', ['grade'])
  }
  if (selectors.length > 1)
    throw conflict(`Give exactly one of grade, jobCode or level, not ${selectors.join(' and ')}.`, selectors)
  if (query.level !== undefined) {
    return query.from === undefined ? { level: query.level } : { level: query.level, institution: query.from }
  }
  if (query.from === undefined) throw conflict(`from is required with ${selectors[0]}.`, ['from'])
  if (query.grade !== undefined) return { institution: query.from, grade: query.grade }
  return { institution: query.from, jobCode: query.jobCode as string }
}

/** Slugs given repeated or comma-separated (?to=a&to=b or ?to=a,b), without repeats. */
export function slugList(to: string[] | undefined): string[] | undefined {
  if (!to) return undefined
  return [...new Set(to.flatMap((item) => item.split(',')).filter((slug) => slug.length > 0))]
}

/** A moment as an ISO instant (a date is the end of that day, UTC), or null for a day or time that does not exist. */
export function momentOf(value: string): string | null {
  const [, year, month, date] = /^(\d{4})-(\d{2})-(\d{2})/.exec(value) ?? []
  const day = new Date(Date.UTC(Number(year), Number(month) - 1, Number(date)))
  // Date.parse would roll 2026-02-30 over to March: a day that does not exist is refused instead.
  if (!year || day.getUTCMonth() !== Number(month) - 1 || day.getUTCDate() !== Number(date)) return null
  const time = Date.parse(value.length === 10 ? `${value}T23:59:59.999Z` : value)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

/** The moment a query parameter names, or the 400 that says it names no day or time that exists. */
export function requireMoment(value: unknown, name: string): string {
  const moment = typeof value === 'string' ? momentOf(value) : null
  if (moment !== null) return moment
  const shown = typeof value === 'string' && value.length <= 40 ? `"${value}"` : 'the value given'
  throw HttpProblem.of('invalid-parameter', `${name}: ${shown} is not a date or timestamp that exists.`, {
    errors: [
      {
        location: 'querystring',
        name,
        message: 'a date (2026-03-15) or a timestamp (2026-03-15T09:30:00Z) that exists',
      },
    ],
  })
}
