// The ladder's geometry: the scale points as rows (most senior first), each institution as one or
// more columns, and each grade as a cell that starts at the highest point of its band and spans
// down to the lowest. Bands of one institution may overlap (North Carolina's competency levels,
// Missouri IT4 and IT5), and a table cell cannot share rows with another, so overlapping grades
// are put side by side in lanes: the institution's header spans all its lanes.
import type { Catalog, Grade, Institution, ScalePoint } from '../../catalog/model.js'
import { nearestPointIndex } from '../../catalog/model.js'

export interface LadderCell {
  grade: Grade
  /** Row of the band's highest point (rows run from the most senior point down). */
  row: number
  /** Rows the band covers. */
  rowSpan: number
  /** Row of the grade's best point, inside the span. */
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

function institutionColumn(institution: Institution, ascending: ScalePoint[]): LadderColumn {
  const top = ascending.length - 1
  const placed = institution.grades
    .map((grade) => {
      const low = nearestPointIndex(ascending, grade.seniority.min)
      const high = nearestPointIndex(ascending, grade.seniority.max)
      return { grade, low, high, point: nearestPointIndex(ascending, grade.seniority.value) }
    })
    .sort((a, b) => a.low - b.low || a.high - b.high || a.grade.position - b.grade.position)
  // Interval partitioning: a grade takes the first lane whose last band ends below its own band.
  const laneEnds: number[] = []
  const cells = placed.map(({ grade, low, high, point }): LadderCell => {
    let lane = laneEnds.findIndex((end) => end < low)
    if (lane === -1) lane = laneEnds.push(high) - 1
    else laneEnds[lane] = high
    return { grade, row: top - high, rowSpan: high - low + 1, pointRow: top - point, lane }
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
