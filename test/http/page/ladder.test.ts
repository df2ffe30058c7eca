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

function cells(ladderColumn: LadderColumn) {
  return Object.fromEntries(
    ladderColumn.cells.map((cell) => [
      cell.grade.code,
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

  it('spans a grade over its band and marks the row of its point (Harvard 58: S4, band S4–S5)', () => {
    const harvard = column(ladder.columns, 'harvard')
    expect(harvard.lanes).toBe(2)
    expect(cells(harvard)).toEqual({
      '57': { row: 3, rowSpan: 2, pointRow: 4, lane: 0 },
      '58': { row: 2, rowSpan: 2, pointRow: 3, lane: 1 },
      '59': { row: 1, rowSpan: 2, pointRow: 1, lane: 0 },
      '60': { row: 0, rowSpan: 2, pointRow: 0, lane: 1 },
    })
  })

  it('sets overlapping bands side by side in lanes (North Carolina, Harvard 57–60, Missouri IT4 and IT5, Columbia 13)', () => {
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
    expect(cells(column(layout.columns, 'harvard'))['58']).toEqual({ row: 2, rowSpan: 2, pointRow: 3, lane: 1 })
  })
})
