import { describe, expect, it } from 'vitest'
import { levelText } from '../../src/leveling/level.js'
import { loadModel } from '../../src/leveling/model.js'

const model = loadModel()
const find = (result: ReturnType<typeof levelText>, title: string) => result.jobs.find((job) => job.title === title)
const codes = (job: { flags: { code: string }[] } | undefined) => job?.flags.map((flag) => flag.code) ?? []

describe('ladder order', () => {
  it('orders a series the text gives only titles and grades for by its rank, flagged as placed by the ladder', () => {
    const text = [
      'Desk Support Specialist I | class 0101 | salary group B10',
      'Desk Support Specialist II | class 0102 | salary group B12',
      'Desk Support Specialist III | class 0103 | salary group B14',
      'Desk Support Specialist IV | class 0104 | salary group B16',
    ].join('\n')
    const points = levelText(text, model).jobs.map((job) => job.seniority.point)
    expect(points).toEqual([...points].sort((a, b) => a - b))
    // Two thirds of a point a rung: four rungs span two or three points, not the whole scale.
    expect((points.at(-1) ?? 0) - (points[0] ?? 0)).toBeGreaterThanOrEqual(1)
    expect((points.at(-1) ?? 0) - (points[0] ?? 0)).toBeLessThanOrEqual(3)
  })

  it('moves rungs out of order toward each other by one point at most, and flags both for an analyst', () => {
    const text = [
      'Job Title: Help Desk Analyst 1',
      'Works with minimal supervision; the final point of escalation for the most complex problems.',
      'Minimum Qualifications: Bachelor’s degree and five years of experience.',
      '',
      'Job Title: Help Desk Analyst 2',
      'Under close supervision, answers routine calls.',
    ].join('\n')
    const result = levelText(text, model)
    const low = find(result, 'Help Desk Analyst 1')
    const high = find(result, 'Help Desk Analyst 2')
    expect(high?.ownPoint).toBeLessThan(low?.ownPoint ?? 0)
    // Each moves toward the other; a gap wider than two points stays, flagged, rather than a job moved far.
    expect(high?.seniority.point).toBeGreaterThan(high?.ownPoint ?? 9)
    expect(low?.seniority.point).toBeLessThan(low?.ownPoint ?? 0)
    for (const job of [low, high]) {
      expect(Math.abs((job?.seniority.point ?? 0) - (job?.ownPoint ?? 0))).toBeLessThanOrEqual(1)
      expect(codes(job)).toContain('ladder-disagrees')
    }
  })

  it('ranks the jobs of another employer only among themselves', () => {
    const text = [
      '[A1] Support Technician 1 (quoted)',
      'Works under close supervision on routine requests. Six months of experience.',
      '',
      '[A2] Support Technician 2 (quoted)',
      'Works under general supervision on moderately complex problems. Two years of experience.',
      '',
      '[B1] Example University (separate employer) - Support Technician 3 (quoted)',
      'Entry level; works under close supervision on routine requests.',
    ].join('\n')
    const result = levelText(text, model)
    const other = find(result, 'Support Technician 3')
    expect(other?.seniority.point).toBe(other?.ownPoint)
    expect(other?.adjustments.join(' ')).not.toMatch(/ranks above/)
    expect(find(result, 'Support Technician 2')?.seniority.point).toBeGreaterThanOrEqual(
      find(result, 'Support Technician 1')?.seniority.point ?? 9,
    )
  })

  it('never puts management below point 3, and flags management under close supervision', () => {
    const text =
      'Job Title: Help Desk Supervisor\nSupervises two trainees. Works under close supervision on routine requests.'
    const [job] = levelText(text, model).jobs
    expect(job?.track).toBe('management')
    expect(job?.seniority.point).toBeGreaterThanOrEqual(3)
    expect(job?.flags.find((flag) => flag.code === 'contradiction')?.detail).toMatch(/close supervision/)
  })
})
