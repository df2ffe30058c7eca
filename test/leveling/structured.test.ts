import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../src/leveling/csv.js'
import { levelEvidence } from '../../src/leveling/level.js'
import { loadModel } from '../../src/leveling/model.js'
import { jobsFromCsv, jobsFromJson } from '../../src/leveling/structured.js'

const model = loadModel()

describe('parseCsv', () => {
  it('reads quoted fields with commas, line breaks and doubled quotes', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ])
  })

  it('names the record and field of a broken quote', () => {
    expect(() => parseCsv('a,b\n"open,x\n')).toThrow(/not closed/)
  })
})

describe('structured jobs', () => {
  it('levels JSON items given as evidence fields, ordered by grade', () => {
    const jobs = jobsFromJson({
      jobs: [
        {
          title: 'Service Desk Analyst I',
          grade: '10',
          education: "Associate's degree",
          experienceYears: 0,
          supervisionReceived: 'close',
          supportTier: '1',
        },
        {
          title: 'Service Desk Analyst II',
          grade: '11',
          education: "Bachelor's degree or equivalent",
          experienceYears: '2-4 years',
          supervisionReceived: 'general',
          supportTier: '1-2',
        },
        {
          title: 'Service Desk Supervisor',
          grade: '13',
          experienceYears: 5,
          leads: 'Supervises a team of service desk analysts.',
        },
      ],
    })
    const proposals = levelEvidence(
      jobs.map((job) => job.evidence),
      model,
    )
    expect(proposals.map((job) => job.track)).toEqual([
      'individual_contributor',
      'individual_contributor',
      'management',
    ])
    const points = proposals.map((job) => job.seniority.point)
    expect(points).toEqual([...points].sort((a, b) => a - b))
    expect(proposals[1]?.factors.find((factor) => factor.factor === 'experience')?.evidence[0]?.quote).toBe('2-4 years')
  })

  it('levels a JSON item given as text', () => {
    const [job] = jobsFromJson({
      jobs: [{ text: 'Help Desk Technician\nUnder close supervision, resolves routine problems.' }],
    })
    expect(job?.evidence.supervisionReceived?.value).toBe('close')
  })

  it('names the place of an item that is neither shape', () => {
    expect(() => jobsFromJson({ jobs: [{ title: 'A' }, { colour: 'blue' }] })).toThrow(/unknown field "colour"/)
    try {
      jobsFromJson({ jobs: [{ title: 'A' }, 42] })
    } catch (error) {
      expect((error as { place: string }).place).toBe('/jobs/1')
    }
  })

  it('reads a CSV job catalog whose header names the fields', () => {
    const jobs = jobsFromCsv(
      'Title,Job Code,Grade,Education,Experience Years,Supervision Received,Support Tier,Leads\r\n' +
        'Technician,T1,5,High school diploma,1,close,1,\r\n' +
        '"Analyst, Senior",T3,7,"Bachelor\'s degree",5,minimal,3,"Mentors technicians; does not supervise."\r\n',
    )
    expect(jobs.map((job) => [job.evidence.title, job.evidence.jobCode, job.evidence.grade])).toEqual([
      ['Technician', 'T1', '5'],
      ['Analyst, Senior', 'T3', '7'],
    ])
    expect(jobs[1]?.evidence.doesNotSupervise?.value).toBe(true)
  })

  it('rejects an unknown CSV column, naming it', () => {
    expect(() => jobsFromCsv('Title,Favourite colour\nTechnician,blue\n')).toThrow(/unknown column "Favourite colour"/)
  })
})
