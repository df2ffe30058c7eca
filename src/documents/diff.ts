// What changed between two versions of an institution document: grades and jobs added, removed,
// moved on the scale (from → to, with both rationales) and renamed. A job's placement is its own,
// else its grade's, as the crosswalk reads it; a job is the same job when its id is.
import type { GradeDocument, InstitutionDocument, JobDocument, Placement } from './schema.js'

export interface PlacementState {
  seniority: number
  min: number
  max: number
  rationale: string
}

export interface DocumentDiff {
  grades: {
    added: { code: string; label: string; placement: PlacementState }[]
    removed: { code: string; label: string; placement: PlacementState }[]
    moved: { code: string; from: PlacementState; to: PlacementState }[]
    renamed: { code: string; from: string; to: string }[]
  }
  jobs: {
    added: { id: string; title: string; grade: string; placement: PlacementState }[]
    removed: { id: string; title: string; grade: string; placement: PlacementState }[]
    moved: {
      id: string
      title: string
      from: PlacementState & { grade: string }
      to: PlacementState & { grade: string }
    }[]
    renamed: { id: string; from: string; to: string }[]
  }
  /** Whether anything a crosswalk answer rests on changed (a placement, a grade or a job added or removed). */
  placementsChanged: boolean
}

const state = (placement: Placement): PlacementState => ({
  seniority: placement.seniority,
  min: placement.min,
  max: placement.max,
  rationale: placement.rationale,
})

const samePlace = (a: PlacementState, b: PlacementState) =>
  a.seniority === b.seniority && a.min === b.min && a.max === b.max

function jobPlacement(job: JobDocument, grades: Map<string, GradeDocument>): PlacementState | null {
  const placement = job.placement ?? grades.get(job.grade)?.placement
  return placement ? state(placement) : null
}

/** The changes from `before` to `after`; either may be null (the institution did not exist, or was deleted). */
export function diffDocuments(before: InstitutionDocument | null, after: InstitutionDocument | null): DocumentDiff {
  const gradesBefore = new Map((before?.grades ?? []).map((grade) => [grade.code, grade]))
  const gradesAfter = new Map((after?.grades ?? []).map((grade) => [grade.code, grade]))
  const diff: DocumentDiff = {
    grades: { added: [], removed: [], moved: [], renamed: [] },
    jobs: { added: [], removed: [], moved: [], renamed: [] },
    placementsChanged: false,
  }
  for (const [code, grade] of gradesAfter) {
    const old = gradesBefore.get(code)
    if (!old) diff.grades.added.push({ code, label: grade.label, placement: state(grade.placement) })
    else {
      if (!samePlace(state(old.placement), state(grade.placement)))
        diff.grades.moved.push({ code, from: state(old.placement), to: state(grade.placement) })
      if (old.label !== grade.label) diff.grades.renamed.push({ code, from: old.label, to: grade.label })
    }
  }
  for (const [code, grade] of gradesBefore) {
    if (!gradesAfter.has(code))
      diff.grades.removed.push({ code, label: grade.label, placement: state(grade.placement) })
  }
  const jobsBefore = new Map((before?.jobs ?? []).map((job) => [job.id, job]))
  const jobsAfter = new Map((after?.jobs ?? []).map((job) => [job.id, job]))
  for (const [id, job] of jobsAfter) {
    const placement = jobPlacement(job, gradesAfter)
    const old = jobsBefore.get(id)
    if (!old) {
      if (placement) diff.jobs.added.push({ id, title: job.title, grade: job.grade, placement })
      continue
    }
    const was = jobPlacement(old, gradesBefore)
    if (placement && was && (!samePlace(was, placement) || old.grade !== job.grade)) {
      diff.jobs.moved.push({
        id,
        title: job.title,
        from: { ...was, grade: old.grade },
        to: { ...placement, grade: job.grade },
      })
    }
    if (old.title !== job.title) diff.jobs.renamed.push({ id, from: old.title, to: job.title })
  }
  for (const [id, job] of jobsBefore) {
    const placement = jobPlacement(job, gradesBefore)
    if (!jobsAfter.has(id) && placement) diff.jobs.removed.push({ id, title: job.title, grade: job.grade, placement })
  }
  diff.placementsChanged =
    diff.grades.added.length + diff.grades.removed.length + diff.grades.moved.length > 0 ||
    diff.jobs.added.length + diff.jobs.removed.length + diff.jobs.moved.length > 0
  return diff
}
