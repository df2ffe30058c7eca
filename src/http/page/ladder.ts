// The ladder's geometry: the scale points as rows (most senior first), each institution as one or
// more columns, and each placement as a cell. A placement is a grade's (its jobs that have none of
// their own, or the grade alone when it holds no job) or a job's own (jobs of one grade that sit
// apart from it, e.g. Harvard 57 holds Prof III at S3 and Mgt III at S4 [S3–S4]). Its jobs are
// drawn in the row of its point; its band covers the rows from its highest point down to its
// lowest. Bands of one institution may overlap (North Carolina's competency levels, Missouri IT4
// and IT5), and a table cell cannot share rows with another, so overlapping placements are put
// side by side in lanes: the institution's header spans all its lanes.
import type { Catalog, Grade, Institution, Job, ScalePoint, SeniorityRange } from '../../catalog/model.js'
import { nearestPointIndex } from '../../catalog/model.js'

export interface LadderCell {
  grade: Grade
  /** The jobs at this placement, in document order (none for a grade that holds no job). */
  jobs: Job[]
  seniority: SeniorityRange
  /** The grade's placement, or the jobs' own. */
  placedBy: 'job' | 'grade'
  /** Row of the band's highest point (rows run from the most senior point down). */
  row: number
  /** Rows the band covers. */
  rowSpan: number
  /** Row of the placement's point, inside the span: where the jobs are drawn. */
  pointRow: number
  lane: number
}

export interface LadderColumn {
  institution: Institution
  lanes: number
  cells: LadderCell[]
}

export interface Ladder {
  /** Scale points, most senior first: one table row each. */
  points: ScalePoint[]
  columns: LadderColumn[]
}

interface Placement {
  grade: Grade
  jobs: Job[]
  seniority: SeniorityRange
  placedBy: 'job' | 'grade'
}

/** A grade's placements: its own with the jobs that take it, then one per distinct own placement. */
function placementsOf(grade: Grade): Placement[] {
  if (grade.jobs.length === 0) return [{ grade, jobs: [], seniority: grade.seniority, placedBy: 'grade' }]
  const byKey = new Map<string, Placement>()
  for (const job of grade.jobs) {
    const { value, min, max } = job.seniority
    const key = `${job.placedBy}/${value}/${min}/${max}`
    const found = byKey.get(key)
    if (found) found.jobs.push(job)
    else byKey.set(key, { grade, jobs: [job], seniority: job.seniority, placedBy: job.placedBy })
  }
  return [...byKey.values()]
}

function institutionColumn(institution: Institution, ascending: ScalePoint[]): LadderColumn {
  const top = ascending.length - 1
  const placed = institution.grades
    .flatMap(placementsOf)
    .map((placement) => {
      const { min, max, value } = placement.seniority
      const low = nearestPointIndex(ascending, min)
      const high = nearestPointIndex(ascending, max)
      return { placement, low, high, point: nearestPointIndex(ascending, value) }
    })
    .sort(
      (a, b) =>
        a.low - b.low ||
        a.high - b.high ||
        a.placement.grade.position - b.placement.grade.position ||
        a.point - b.point ||
        (a.placement.jobs[0]?.position ?? -1) - (b.placement.jobs[0]?.position ?? -1),
    )
  // Interval partitioning: a placement takes the first lane whose last band ends below its own band.
  const laneEnds: number[] = []
  const cells = placed.map(({ placement, low, high, point }): LadderCell => {
    let lane = laneEnds.findIndex((end) => end < low)
    if (lane === -1) lane = laneEnds.push(high) - 1
    else laneEnds[lane] = high
    return { ...placement, row: top - high, rowSpan: high - low + 1, pointRow: top - point, lane }
  })
  return { institution, lanes: Math.max(1, laneEnds.length), cells }
}

export function ladderLayout(catalog: Catalog): Ladder {
  const ascending = catalog.scale.points
  return {
    points: [...ascending].reverse(),
    columns: catalog.institutions.map((institution) => institutionColumn(institution, ascending)),
  }
}
