import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readJob } from '../../src/leveling/read.js'
import { splitJobs } from '../../src/leveling/split.js'

const source = (name: string) => readFileSync(new URL(`../../data/sources/${name}`, import.meta.url), 'utf8')

function titlesOf(text: string) {
  const result = splitJobs(text)
  // Every letter and digit of a job's text is the submission's own, at the place it maps to.
  for (const job of result.jobs) {
    for (let i = 0; i < job.text.length; i++) {
      if (/[A-Za-z0-9]/.test(job.text[i] as string)) expect(text[job.from[i] as number]).toBe(job.text[i])
    }
  }
  return { method: result.method, jobs: result.jobs.map((job) => readJob(job).evidence) }
}

describe('splitJobs on the five sources', () => {
  it('splits Harvard side-by-side columns and the page after them into six jobs', () => {
    const { method, jobs } = titlesOf(source('000_eb341e2be9d923db.txt'))
    expect(jobs.map((job) => job.title)).toEqual([
      'User Support Professional III',
      'User Support Professional IV',
      'User Support Mgt III',
      'User Support Mgt IV',
      'User Support Mgt V',
      'User Support Mgt VI',
    ])
    expect(jobs.map((job) => job.grade)).toEqual(['57', '58', '57', '58', '59', '60'])
    expect(method).toContain('side-by-side columns')
  })

  it('splits Missouri on its title lines', () => {
    const { jobs } = titlesOf(source('001_31c9c880f449cd9f.txt'))
    expect(jobs.map((job) => [job.title, job.grade])).toEqual([
      ['Client Support Technician', 'IT2'],
      ['Senior Client Support Technician', 'IT4'],
      ['Client Support Professional', 'IT5'],
      ['Client Support Manager', 'IT7'],
    ])
  })

  it('splits North Carolina into its three competency levels', () => {
    const { jobs } = titlesOf(source('002_773bc1bc4be37be0.txt'))
    expect(jobs.map((job) => job.title)).toEqual(['CONTRIBUTING', 'JOURNEY', 'ADVANCED'])
  })

  it('splits the Columbia table into one job per grade column', () => {
    const { method, jobs } = titlesOf(source('003_5b3e4719a2fd7f9d.txt'))
    expect(jobs.map((job) => [job.title, job.grade])).toEqual([
      ['Assistant Service Specialist', '10'],
      ['Associate Service Specialist', '11'],
      ['Service Specialist', '12'],
      ['Sr. Service Specialist', '13'],
      ['Lead Service Specialist', '14'],
      ['Manager, Client Solutions & Email Systems', '14'],
    ])
    expect(method).toContain('table of 6 job columns')
  })

  it('splits New Mexico on its title lines with job codes and pay bands', () => {
    const { jobs } = titlesOf(source('004_2db6d7170d26a3de.txt'))
    expect(jobs.map((job) => [job.title, job.jobCode, job.grade])).toEqual([
      ['IT End User Support I', 'IEUP13', 'IA'],
      ['IT End User Support II', 'IEUP15', 'IB'],
      ['IT End User Support III', 'IEUP17', 'IC'],
      ['IT End User Support Supervisor', 'IEUS20', 'ID'],
      ['IT End User Support Manager', 'IEUX26', 'IF'],
    ])
  })
})

describe('splitJobs on other layouts', () => {
  it('splits class specifications on "Class Title:" headings', () => {
    const text = [
      'Class Title: Computer Support Technician I',
      'Supervision Received: Works under close supervision.',
      '',
      'Class Title: Computer Support Technician II',
      'Supervision Received: Works under general supervision.',
    ].join('\n')
    const result = splitJobs(text)
    expect(result.method).toBe('split on 2 "Class Title:" headings')
    expect(result.jobs.map((job) => readJob(job).evidence.title)).toEqual([
      'Computer Support Technician I',
      'Computer Support Technician II',
    ])
  })

  it('keeps a text without a layout of several jobs as one job', () => {
    const result = splitJobs('Help Desk Analyst\n\nAnswers calls under general supervision.')
    expect(result.jobs).toHaveLength(1)
    expect(result.method).toMatch(/^one job/)
  })
})

describe('splitJobs on documents of excerpts', () => {
  const dossier = [
    'SOURCE: https://example.org/hr/class-specs/desk-support',
    'SOURCES:',
    ' [A1] https://example.org/hr/specs/1',
    '      (older page; title not printed)',
    'EMPLOYER: Example State, Personnel Division',
    'LIMITS: the pay grades are not in the available text;',
    'levels 4-5 were not retrieved.',
    '',
    '[A1] Desk Support Technician 1 (quoted)',
    '"Works under close supervision on routine requests."',
    '(=> the compiler thinks this is the trainee level;',
    'not confirmed.)',
    '',
    '[A2] Desk Support Technician 2 (quoted)',
    '"Under general supervision, resolves moderately complex problems."',
    '',
    '[B1] Example Judicial Branch (separate employer) - Help Desk Coordinator (quoted)',
    '"Supervises three technicians."',
    '',
    '--- level summary ---',
    'Desk Support Technician 1 | pay grade: 11 | close supervision',
    'Desk Support Technician 2 | pay grade: 13 | general supervision',
    'Desk Support Technician 3-5 | NOT retrieved',
  ].join('\n')

  it('leaves source notes out of every job and says what it left out', () => {
    const result = splitJobs(dossier)
    const text = result.jobs.map((job) => job.text).join('\n')
    expect(text).not.toContain('https://')
    expect(text).not.toContain('compiler thinks')
    expect(text).not.toContain('EMPLOYER')
    expect(text).not.toContain('levels 4-5')
    expect(result.leftOut?.join(' ')).toMatch(/source note/)
    expect(result.method).toContain('left out:')
  })

  it('ends each job at the next heading and joins a summary row to the level it repeats', () => {
    const { jobs } = titlesOf(dossier)
    expect(jobs.map((job) => job.title)).toEqual([
      'Desk Support Technician 1',
      'Desk Support Technician 2',
      'Help Desk Coordinator',
    ])
    expect(jobs.map((job) => job.grade)).toEqual(['11', '13', null])
    const result = splitJobs(dossier)
    expect(result.jobs[0]?.text).not.toContain('general supervision.')
    expect(result.method).toContain('2 table rows joined')
  })

  it('puts a job of another employer in its own group', () => {
    const result = splitJobs(dossier)
    expect(result.jobs[2]?.group).toMatch(/Judicial Branch/)
    expect(result.jobs[0]?.group).toBeUndefined()
  })

  it('splits a pipe table into one job per row, its cells labelled by the header row', () => {
    const text = [
      'Code | Title | Salary Grade',
      '10-1 | Service Desk Analyst 1 | 14',
      '10-2 | Service Desk Analyst 2 | 18',
    ].join('\n')
    const { jobs } = titlesOf(text)
    expect(jobs.map((job) => [job.title, job.grade])).toEqual([
      ['Service Desk Analyst 1', '14'],
      ['Service Desk Analyst 2', '18'],
    ])
  })

  it('splits federal grade rows and coded levels (GS-5 … , TS1 …) into rows', () => {
    const grades = [
      'GS-5  : bachelor’s degree | Level 3',
      'GS-7  : 1 year at GS-5 | Level 3',
      'GS-9  : 1 year at GS-7 | Level 3',
    ].join('\n')
    const { jobs } = titlesOf(grades)
    expect(jobs.map((job) => [job.title, job.grade])).toEqual([
      ['GS-5', 'GS-5'],
      ['GS-7', 'GS-7'],
      ['GS-9', 'GS-9'],
    ])
    const coded = ['TS1 (draft) entry level; close supervision.', 'TS2 (draft) works under general supervision.'].join(
      '\n',
    )
    expect(titlesOf(coded).jobs.map((job) => job.title)).toEqual(['TS1', 'TS2'])
  })

  it('treats a line naming several titles as a list, not a job', () => {
    const text = [
      'Source: https://example.org/series',
      'CLASS TITLE',
      'DESK SUPPORT SPECIALIST I DESK SUPPORT SPECIALIST II',
      'Desk Support Specialist I | class 0101 | salary group B10',
      'Desk Support Specialist II | class 0102 | salary group B12',
    ].join('\n')
    const { jobs } = titlesOf(text)
    expect(jobs.map((job) => [job.title, job.jobCode, job.grade])).toEqual([
      ['Desk Support Specialist I', '0101', 'B10'],
      ['Desk Support Specialist II', '0102', 'B12'],
    ])
  })

  it('flags a job whose text holds the heading of another level', () => {
    const text = [
      'Job Title: Support Analyst 1',
      'Works under close supervision on routine problems.',
      'Support Analyst 2',
      'Works under general supervision on complex problems.',
    ].join('\n')
    const result = splitJobs(text)
    expect(result.jobs).toHaveLength(1)
    expect(result.jobs[0]?.flags?.map((flag) => flag.detail).join(' ')).toMatch(/several jobs run together/)
    expect(result.jobs[0]?.flags?.[0]?.code).toBe('merged-jobs')
  })

  it('says which lines no job holds', () => {
    const text = ['Notes from the HR office', '', 'Job Title: Support Analyst', 'Works under close supervision.'].join(
      '\n',
    )
    expect(splitJobs(text).method).toMatch(/left out: 1 line outside any job \("Notes from the HR office…"\)/)
  })
})
