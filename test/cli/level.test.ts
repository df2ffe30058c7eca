// npm run level as a command: the same answer POST /v1/leveling gives, as text, JSON or CSV.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { levelCommand } from '../../src/cli/level.js'
import { parseCsv } from '../../src/leveling/csv.js'
import { workbook } from '../helpers/workbook.js'

const catalog = fileURLToPath(new URL('../fixtures/catalog.csv', import.meta.url))

async function run(args: string[]) {
  let out = ''
  let err = ''
  const code = await levelCommand(args, { out: (text) => (out += text), err: (text) => (err += text) })
  return { code, out, err }
}

describe('npm run level', () => {
  it('writes the answer as CSV, one row per job, and as JSON with its summary', async () => {
    const csv = await run([catalog, '--csv'])
    expect(csv.code, csv.err).toBe(0)
    const [header, ...rows] = parseCsv(csv.out)
    expect(header?.slice(0, 4)).toEqual(['title', 'jobCode', 'grade', 'point'])
    const json = await run([catalog, '--json'])
    const answer = JSON.parse(json.out)
    expect(answer.summary.jobs).toBe(rows.length)
    expect(rows.map((row) => row[0])).toEqual(answer.jobs.map((job: { title: string }) => job.title))
    expect(rows.map((row) => Number(row[3]))).toEqual(
      answer.jobs.map((job: { seniority: { point: number } }) => job.seniority.point),
    )
  })

  it('prints each flag in words, and refuses --json with --csv', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'levelmap-level-'))
    const file = join(folder, 'finance.csv')
    writeFileSync(
      file,
      'Job Title,Job Description,Years Experience\nAccountant II,Prepares journal entries and reconciles accounts.,2\n',
    )
    const text = await run([file])
    rmSync(folder, { recursive: true })
    expect(text.out).toContain('check (outside-family): the job reads as work outside IT')
    expect(text.out).not.toContain('[object Object]')
    // A word of both the title and the text is named once.
    expect(text.out).toContain('outside IT (accountant):')
    expect(await run([catalog, '--json', '--csv'])).toMatchObject({ code: 2, err: expect.stringContaining('give one') })
  })

  it('reads the first sheet of an .xlsx workbook as a job catalog', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'levelmap-level-'))
    const file = join(folder, 'catalog.xlsx')
    writeFileSync(
      file,
      workbook([
        ['Job Title', 'Years Experience'],
        ['Help Desk Technician', 1],
        ['Senior Desktop Analyst', 6],
      ]),
    )
    const answer = await run([file, '--json'])
    rmSync(folder, { recursive: true })
    expect(answer.code, answer.err).toBe(0)
    const { jobs, split } = JSON.parse(answer.out)
    expect(split).toBe('2 spreadsheet rows, one job each')
    expect(jobs.map((job: { title: string }) => job.title)).toEqual(['Help Desk Technician', 'Senior Desktop Analyst'])
  })
})
