// Which crosswalk answers between two institutions differ between two moments: for every job of
// the source institution then or now, its best match in the target then and now, and what changed
// (the grade, the relation, the distance or the score). Each side is a catalog with its crosswalk,
// as the moment's snapshot gives them.
import type { Catalog } from '../catalog/model.js'
import type { Crosswalk } from './crosswalk.js'

export interface MatchState {
  grade: { id: string; code: string; label: string }
  levels: { id: string; title: string }[]
  relation: string
  delta: number
  score: number
  rationale: string
}

export interface AnswerChange {
  level: { id: string; title: string; grade: string }
  before: MatchState | null
  after: MatchState | null
  change: 'added' | 'removed' | 'changed'
}

interface Side {
  catalog: Catalog
  crosswalk: Crosswalk
}

function answers(
  side: Side,
  from: string,
  to: string,
): Map<string, { level: AnswerChange['level']; match: MatchState | null }> {
  const found = new Map<string, { level: AnswerChange['level']; match: MatchState | null }>()
  const source = side.catalog.institutionBySlug.get(from)
  if (!source) return found
  const target = side.catalog.institutionBySlug.has(to)
  for (const job of source.jobs) {
    const level = { id: job.id, title: job.title, grade: job.grade.code }
    if (!target) {
      found.set(job.id, { level, match: null })
      continue
    }
    const [result] = side.crosswalk.map({ level: job.id }, { to: [to] })
    const match = result?.matches[0]
    found.set(job.id, {
      level,
      match: match
        ? {
            grade: { id: match.grade.id, code: match.grade.code, label: match.grade.label },
            levels: match.jobs.map((candidate) => ({ id: candidate.id, title: candidate.title })),
            relation: match.relation,
            delta: match.delta,
            score: match.score,
            rationale: match.rationale,
          }
        : null,
    })
  }
  return found
}

const same = (a: MatchState | null, b: MatchState | null) =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.grade.id === b.grade.id &&
    a.relation === b.relation &&
    a.delta === b.delta &&
    a.score === b.score &&
    a.levels.map((level) => level.id).join() === b.levels.map((level) => level.id).join())

/** The answers from `from` to `to` that differ between the two sides, in the source's job order. */
export function crosswalkChanges(before: Side, after: Side, from: string, to: string): AnswerChange[] {
  const then = answers(before, from, to)
  const now = answers(after, from, to)
  const changes: AnswerChange[] = []
  for (const [id, entry] of now) {
    const old = then.get(id)
    if (!old || old.match === null) {
      if (entry.match) changes.push({ level: entry.level, before: null, after: entry.match, change: 'added' })
    } else if (!entry.match) changes.push({ level: entry.level, before: old.match, after: null, change: 'removed' })
    else if (!same(old.match, entry.match)) {
      changes.push({ level: entry.level, before: old.match, after: entry.match, change: 'changed' })
    }
  }
  for (const [id, entry] of then) {
    if (!now.has(id) && entry.match)
      changes.push({ level: entry.level, before: entry.match, after: null, change: 'removed' })
  }
  return changes
}
