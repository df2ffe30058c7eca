// Candidate search: a target institution's placements for one set of source tracks, sorted by
// point, so that finding the nearest is a binary search. A candidate is a grade at one placement
// with the jobs that sit there: usually the grade's own, but a job placed apart from its grade
// (Harvard 57's manager) is a candidate of its own. The index hangs on the institution object,
// which a snapshot reuses while the institution is unchanged: a write to one institution leaves
// every other institution's index in place.
import type { Grade, Institution, Job, SeniorityRange } from '../catalog/model.js'
import type { Track } from '../documents/schema.js'
import { compareGrades, type RankedGrade, type TieRule } from './rule.js'

/** A grade at one placement, with the candidate jobs that sit there. */
export interface Slot {
  grade: Grade
  seniority: SeniorityRange
  jobs: Job[]
}

export interface Candidates {
  jobs: Job[]
  slots: Slot[]
  values: number[]
}

export function shareTrack(job: Job, tracks: readonly Track[]): boolean {
  return job.tracks.some((track) => tracks.includes(track))
}

const indexes = new WeakMap<Institution, Map<string, Candidates>>()

/** The candidate slots of `target` for the source tracks (null: every job), built on first use. */
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
    const slotOf = new Map<string, Slot>()
    for (const job of jobs) {
      const { value, min, max } = job.seniority
      const id = `${job.grade.id} ${value} ${min} ${max}`
      const slot = slotOf.get(id)
      if (slot) slot.jobs.push(job)
      else slotOf.set(id, { grade: job.grade, seniority: job.seniority, jobs: [job] })
    }
    const slots = [...slotOf.values()].sort(
      (a, b) => a.seniority.value - b.seniority.value || a.grade.position - b.grade.position,
    )
    candidates = { jobs, slots, values: slots.map((slot) => slot.seniority.value) }
    byTracks.set(key, candidates)
  }
  return candidates
}

function ranked(slot: Slot, tracks: readonly Track[] | null): RankedGrade {
  return {
    seniority: slot.seniority,
    onSourceTrack: tracks === null || slot.jobs.some((job) => shareTrack(job, tracks)),
    position: slot.grade.position,
  }
}

/** The nearest candidate slots, best first by the tie rules, and the rule that put the first ahead. */
export function nearestSlots(
  candidates: Candidates,
  source: SeniorityRange,
  tracks: readonly Track[] | null,
): { slots: Slot[]; decidedBy: TieRule | null } {
  const { slots, values } = candidates
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
  const tied = slots.slice(first, last)
  if (tied.length < 2) return { slots: tied, decidedBy: null }
  tied.sort((a, b) => compareGrades(source, ranked(a, tracks), ranked(b, tracks)).order)
  const [winner, runnerUp] = tied as [Slot, Slot]
  return { slots: tied, decidedBy: compareGrades(source, ranked(winner, tracks), ranked(runnerUp, tracks)).decidedBy }
}
