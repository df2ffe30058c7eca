import { describe, expect, it } from 'vitest'
import { buildCatalog } from '../../../src/catalog/model.js'
import { loadDataFiles } from '../../../src/documents/files.js'
import { type LadderColumn, ladderLayout } from '../../../src/http/page/ladder.js'
import { seedCatalog } from '../../helpers/catalog.js'

function column(columns: LadderColumn[], slug: string): LadderColumn {
  const found = columns.find((candidate) => candidate.institution.slug === slug)
  if (!found) throw new Error(`no column ${slug}`)
  return found
}

/** A column's cells by grade code, or grade code and job ids for a placement of the jobs' own. */
function cells(ladderColumn: LadderColumn) {
  return Object.fromEntries(
    ladderColumn.cells.map((cell) => [
      cell.placedBy === 'job' ? `${cell.grade.code} ${cell.jobs.map((job) => job.id).join(',')}` : cell.grade.code,
      { row: cell.row, rowSpan: cell.rowSpan, pointRow: cell.pointRow, lane: cell.lane },
    ]),
  )
}

describe('ladderLayout', () => {
  const ladder = ladderLayout(seedCatalog())

  it('puts the scale points in rows, most senior first, and the institutions in catalog order', () => {
    expect(ladder.points.map((point) => point.code)).toEqual(['S7', 'S6', 'S5', 'S4', 'S3', 'S2', 'S1'])
    expect(ladder.columns.map((entry) => entry.institution.slug)).toEqual([
      'columbia',
      'harvard',
      'missouri',
      'new-mexico',
      'north-carolina',
    ])
  })

  it('draws the jobs in the row of their point, inside the band (Harvard 58: S4, band S4–S5, is in the S4 row)', () => {
    const harvard = column(ladder.columns, 'harvard')
    // Rows: 0 is S7, 2 is S5, 3 is S4. Grade 58 keeps Prof IV at its point, S4, under a band up to S5.
    expect(cells(harvard)['58']).toEqual({ row: 2, rowSpan: 2, pointRow: 3, lane: 0 })
    expect(cells(harvard)['59']).toEqual({ row: 1, rowSpan: 2, pointRow: 1, lane: 1 })
    expect(cells(harvard)['60']).toEqual({ row: 0, rowSpan: 2, pointRow: 0, lane: 0 })
  })

  it('draws a job placed apart from its grade at its own point and band (Harvard 57 and 58, Columbia 14)', () => {
    const harvard = column(ladder.columns, 'harvard')
    expect(harvard.lanes).toBe(3)
    expect(cells(harvard)).toEqual({
      // Grade 57 is S3 [S3–S4]; Prof III sits at S3 [S3], Mgt III at S4 [S3–S4]: no job takes the grade's.
      '57 harvard.10657P': { row: 4, rowSpan: 1, pointRow: 4, lane: 0 },
      '57 harvard.10657M': { row: 3, rowSpan: 2, pointRow: 3, lane: 1 },
      '58': { row: 2, rowSpan: 2, pointRow: 3, lane: 0 },
      // Grade 58 is S4 [S4–S5]; Mgt IV sits at S5 [S4–S5].
      '58 harvard.10658M': { row: 2, rowSpan: 2, pointRow: 2, lane: 2 },
      '59': { row: 1, rowSpan: 2, pointRow: 1, lane: 1 },
      '60': { row: 0, rowSpan: 2, pointRow: 0, lane: 0 },
    })
    const placements = harvard.cells.map((cell) => ({
      grade: cell.grade.code,
      jobs: cell.jobs.map((job) => job.title),
      placedBy: cell.placedBy,
      seniority: cell.seniority,
    }))
    expect(placements).toContainEqual({
      grade: '57',
      jobs: ['User Support Mgt III'],
      placedBy: 'job',
      seniority: { value: 4, min: 3, max: 4 },
    })
    expect(placements).toContainEqual({
      grade: '58',
      jobs: ['User Support Professional IV'],
      placedBy: 'grade',
      seniority: { value: 4, min: 4, max: 5 },
    })
    // Columbia 14 (S5 [S4–S5]) keeps its manager; its Lead Service Specialist sits at S5 [S5].
    expect(cells(column(ladder.columns, 'columbia'))).toMatchObject({
      '14': { row: 2, rowSpan: 2, pointRow: 2, lane: 0 },
      '14 columbia.lead-service-specialist': { row: 2, rowSpan: 1, pointRow: 2, lane: 1 },
    })
  })

  it('keeps a grade that holds no job, at its own placement', () => {
    const files = loadDataFiles()
    const harvard = files.institutions.find((institution) => institution.slug === 'harvard')
    if (!harvard) throw new Error('Harvard is in the seed data')
    harvard.jobs = harvard.jobs.filter((job) => job.grade !== '59')
    const layout = ladderLayout(buildCatalog(files.scale, files.institutions))
    const grade59 = column(layout.columns, 'harvard').cells.find((cell) => cell.grade.code === '59')
    expect(grade59).toMatchObject({ jobs: [], placedBy: 'grade', row: 1, rowSpan: 2, pointRow: 1 })
  })

  it('sets overlapping bands side by side in lanes (North Carolina, Missouri IT4 and IT5, Columbia 13)', () => {
    const northCarolina = column(ladder.columns, 'north-carolina')
    expect(northCarolina.lanes).toBe(2)
    expect(cells(northCarolina)).toEqual({
      Contributing: { row: 5, rowSpan: 1, pointRow: 5, lane: 0 },
      Journey: { row: 4, rowSpan: 2, pointRow: 4, lane: 1 },
      Advanced: { row: 3, rowSpan: 2, pointRow: 3, lane: 0 },
    })
    const missouri = column(ladder.columns, 'missouri')
    expect(missouri.lanes).toBe(2)
    expect(cells(missouri)).toMatchObject({
      IT2: { row: 5, rowSpan: 2, pointRow: 6, lane: 0 },
      IT4: { row: 3, rowSpan: 2, pointRow: 4, lane: 0 },
      IT5: { row: 2, rowSpan: 2, pointRow: 3, lane: 1 },
      IT7: { row: 1, rowSpan: 1, pointRow: 1, lane: 0 },
    })
    const columbia = column(ladder.columns, 'columbia')
    expect(columbia.lanes).toBe(2)
    expect(cells(columbia)).toMatchObject({
      '12': { row: 4, rowSpan: 1, pointRow: 4, lane: 0 },
      '13': { row: 3, rowSpan: 2, pointRow: 3, lane: 1 },
      '14': { row: 2, rowSpan: 2, pointRow: 2, lane: 0 },
    })
    expect(column(ladder.columns, 'new-mexico').lanes).toBe(1)
  })

  it('shows a placement between points at the nearer point, the lower one on a tie', () => {
    const files = loadDataFiles()
    const harvard = files.institutions.find((institution) => institution.slug === 'harvard')
    const grade = harvard?.grades.find((candidate) => candidate.code === '58')
    if (!grade) throw new Error('Harvard grade 58 is in the seed data')
    grade.placement = { ...grade.placement, seniority: 4.5, min: 4, max: 5.2 }
    const layout = ladderLayout(buildCatalog(files.scale, files.institutions))
    expect(cells(column(layout.columns, 'harvard'))['58']).toEqual({ row: 2, rowSpan: 2, pointRow: 3, lane: 0 })
  })
  it('draws two adjacent grades that share a point side by side, each in the row of that point', () => {
    // Missouri IT4 moved onto IT2's point and band (S1 [S1–S2]): two grades, one row, two lanes.
    const files = loadDataFiles()
    const missouri = files.institutions.find((institution) => institution.slug === 'missouri')
    const [it2, it4] = missouri?.grades ?? []
    if (!it2 || !it4) throw new Error('Missouri IT2 and IT4 are in the seed data')
    it4.placement = {
      ...it4.placement,
      seniority: it2.placement.seniority,
      min: it2.placement.min,
      max: it2.placement.max,
    }
    const layout = cells(column(ladderLayout(buildCatalog(files.scale, files.institutions)).columns, 'missouri'))
    expect(layout.IT2).toEqual({ row: 5, rowSpan: 2, pointRow: 6, lane: 0 })
    expect(layout.IT4).toEqual({ row: 5, rowSpan: 2, pointRow: 6, lane: 1 })
  })
})
