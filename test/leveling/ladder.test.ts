import { describe, expect, it } from 'vitest'
import { levelText } from '../../src/leveling/level.js'
import { loadModel } from '../../src/leveling/model.js'

const model = loadModel()
const pointOf = (result: ReturnType<typeof levelText>, title: string) =>
  result.jobs.find((job) => job.title === title)?.seniority.point ?? Number.NaN

describe('ladder order', () => {
  it('places jobs the text gives only a grade by their rung, with the lowest confidence', () => {
    const text = [
      'Desk Support Specialist I | class 0101 | salary group B10',
      'Desk Support Specialist II | class 0102 | salary group B12',
      'Desk Support Specialist III | class 0103 | salary group B14',
    ].join('\n')
    const result = levelText(text, model)
    expect(result.jobs.map((job) => job.seniority.point)).toEqual([1, 2, 3])
    for (const job of result.jobs) {
      expect(job.confidence).toBe(0.05)
      expect(job.adjustments.join(' ')).toMatch(/rank alone/)
    }
  })

  it('raises a higher rung that reads low instead of pulling the lower rung down, and flags it', () => {
    const text = [
      'Job Title: Help Desk Analyst 1',
      'Works with minimal supervision; the final point of escalation for the most complex problems.',
      'Minimum Qualifications: Bachelor’s degree and five years of experience.',
      '',
      'Job Title: Help Desk Analyst 2',
      'Under close supervision, answers routine calls.',
    ].join('\n')
    const result = levelText(text, model)
    const low = pointOf(result, 'Help Desk Analyst 1')
    const high = result.jobs.find((job) => job.title === 'Help Desk Analyst 2')
    expect(high?.seniority.point).toBe(low)
    expect(high?.flags?.join(' ')).toMatch(/lower rung/)
    expect(low).toBeGreaterThanOrEqual(3)
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
    const other = result.jobs.find((job) => job.title === 'Support Technician 3')
    expect(other?.seniority.point).toBe(1)
    expect(other?.adjustments.join(' ')).not.toMatch(/ranks above/)
  })

  it('never puts management below point 3', () => {
    const text =
      'Job Title: Help Desk Supervisor\nSupervises two trainees. Works under close supervision on routine requests.'
    const [job] = levelText(text, model).jobs
    expect(job?.track).toBe('management')
    expect(job?.seniority.point).toBeGreaterThanOrEqual(3)
    expect(job?.flags?.join(' ')).toMatch(/close supervision/)
  })
})
