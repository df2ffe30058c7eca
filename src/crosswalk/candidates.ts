// Candidate search: a target institution's grades for one set of source tracks, sorted by point,
// so that finding the nearest grade is a binary search. The index hangs on the institution object,
// which a snapshot reuses while the institution is unchanged: a write to one institution leaves
// every other institution's index in place.
import type { Grade, Institution, Job, SeniorityRange } from '../catalog/model.js'
import type { Track } from '../documents/schema.js'
import { compareGrades, type RankedGrade, type TieRule } from './rule.js'

export interface Candidates {
  jobs: Job[]
  grades: Grade[]
  values: number[]
  jobsOf: Map<Grade, Job[]>
}

export function shareTrack(job: Job, tracks: readonly Track[]): boolean {
  return job.tracks.some((track) => tracks.includes(track))
}

const indexes = new WeakMap<Institution, Map<string, Candidates>>()

/** The candidate grades of `target` for the source tracks (null: every job), built on first use. */
export function candidatesOf(target: Institution, tracks: readonly Track[] | null): Candidates {
  let byTracks = indexes.get(target)
  if (!byTracks) {
    byTracks = new Map()
    indexes.set(target, byTracks)
  }
  const key = tracks === null ? '*' : tracks.join('+')
  let candidates = byTracks.get(key)
  if (!candidates) {
    const jobs = tracks ? target.jobs.filter((job) => shareTrack(job, tracks)) : target.jobs
    const jobsOf = new Map<Grade, Job[]>()
    for (const job of jobs) jobsOf.set(job.grade, [...(jobsOf.get(job.grade) ?? []), job])
    const grades = [...jobsOf.keys()].sort((a, b) => a.seniority.value - b.seniority.value || a.position - b.position)
    candidates = { jobs, grades, values: grades.map((grade) => grade.seniority.value), jobsOf }
    byTracks.set(key, candidates)
  }
  return candidates
}

function ranked(grade: Grade, tracks: readonly Track[] | null): RankedGrade {
  return {
    seniority: grade.seniority,
    onSourceTrack: tracks === null || grade.jobs.some((job) => shareTrack(job, tracks)),
    position: grade.position,
  }
}

/** The nearest candidate grades, best first by the tie rules, and the rule that put the first ahead. */
export function nearestGrades(
  candidates: Candidates,
  source: SeniorityRange,
  tracks: readonly Track[] | null,
): { grades: Grade[]; decidedBy: TieRule | null } {
  const { grades, values } = candidates
  let low = 0
  let high = values.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((values[middle] as number) < source.value) low = middle + 1
    else high = middle
  }
  const below = low > 0 ? source.value - (values[low - 1] as number) : Number.POSITIVE_INFINITY
  const above = low < values.length ? (values[low] as number) - source.value : Number.POSITIVE_INFINITY
  const distance = Math.min(below, above)
  let first = low
  let last = low
  while (first > 0 && source.value - (values[first - 1] as number) === distance) first--
  while (last < values.length && (values[last] as number) - source.value === distance) last++
  const tied = grades.slice(first, last)
  if (tied.length < 2) return { grades: tied, decidedBy: null }
  tied.sort((a, b) => compareGrades(source, ranked(a, tracks), ranked(b, tracks)).order)
  const [winner, runnerUp] = tied as [Grade, Grade]
  return { grades: tied, decidedBy: compareGrades(source, ranked(winner, tracks), ranked(runnerUp, tracks)).decidedBy }
}
