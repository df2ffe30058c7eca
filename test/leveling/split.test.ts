import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extractEvidence } from '../../src/leveling/extract.js'
import { splitJobs } from '../../src/leveling/split.js'

const source = (name: string) => readFileSync(new URL(`../../data/sources/${name}`, import.meta.url), 'utf8')

function titlesOf(text: string) {
  const result = splitJobs(text)
  for (const job of result.jobs) {
    for (const piece of job.pieces) {
      expect(job.text.slice(piece.at, piece.at + piece.length)).toBe(
        text.slice(piece.start, piece.start + piece.length),
      )
    }
  }
  return { method: result.method, jobs: result.jobs.map((job) => extractEvidence(job)) }
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
    expect(result.jobs.map((job) => extractEvidence(job).title)).toEqual([
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
