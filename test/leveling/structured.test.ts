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
    const { jobs, warnings } = jobsFromCsv(
      'Title,Job Code,Grade,Education,Experience Years,Supervision Received,Support Tier,Leads\r\n' +
        'Technician,T1,5,High school diploma,1,close,1,\r\n' +
        '"Analyst, Senior",T3,7,"Bachelor\'s degree",5,minimal,3,"Mentors technicians; does not supervise."\r\n',
    )
    expect(jobs.map((job) => [job.evidence.title, job.evidence.jobCode, job.evidence.grade])).toEqual([
      ['Technician', 'T1', '5'],
      ['Analyst, Senior', 'T3', '7'],
    ])
    expect(jobs[1]?.evidence.doesNotSupervise?.value).toBe(true)
    expect(warnings).toEqual([])
  })

  it('keeps an unknown column with each job and warns of it, naming its row and column', () => {
    const { jobs, warnings } = jobsFromCsv('Title,Favourite colour,Experience\nTechnician,blue,2\n')
    expect(jobs[0]?.otherColumns).toEqual([{ name: 'Favourite colour', value: 'blue' }])
    expect(jobs[0]?.evidence.experience?.value.min).toBe(2)
    expect(warnings).toEqual([
      { row: 1, column: 2, message: expect.stringContaining('"Favourite colour" names no job field') },
    ])
  })

  it('reads the headers real HRIS exports use, and ignores a blank header from a trailing comma', () => {
    const csv =
      'Job Title,Job Code,Pay Grade,Job Description,Min Education,Years Experience,Department,FLSA Status,\r\n' +
      'Help Desk Technician,HD1,12,Answers calls and resolves routine problems under close supervision.,High school diploma,1,IT,Non-exempt,\r\n' +
      'Desktop Support Analyst,HD3,15,Resolves complex problems independently.,"BS/BA",4,IT,Exempt,\r\n'
    const { jobs, warnings } = jobsFromCsv(csv)
    expect(jobs.map((job) => [job.evidence.title, job.evidence.jobCode, job.evidence.grade])).toEqual([
      ['Help Desk Technician', 'HD1', '12'],
      ['Desktop Support Analyst', 'HD3', '15'],
    ])
    expect(jobs.map((job) => job.evidence.experience?.value.min)).toEqual([1, 4])
    expect(jobs[0]?.evidence.supervisionReceived?.value).toBe('close')
    expect(jobs[1]?.otherColumns).toEqual([
      { name: 'Department', value: 'IT' },
      { name: 'FLSA Status', value: 'Exempt' },
    ])
    // Two columns the intake does not read; the blank header holds no value, so it says nothing.
    expect(warnings.map((warning) => [warning.row, warning.column])).toEqual([
      [1, 7],
      [1, 8],
    ])
  })

  it('reads a second column for a field as another column, and leaves out a row with no job field', () => {
    const { jobs, warnings } = jobsFromCsv('Title,Job Title,Notes\nTechnician,Tech I,x\n,,only a note\nAnalyst,,\n')
    expect(jobs.map((job) => job.evidence.title)).toEqual(['Technician', 'Analyst'])
    expect(warnings).toEqual([
      { row: 1, column: 2, message: expect.stringContaining('which column 1 already gives') },
      { row: 1, column: 3, message: expect.stringContaining('"Notes" names no job field') },
      { row: 3, column: null, message: 'the row has no value in any job column: it is left out' },
    ])
  })

  it('refuses a header that names no field, and a value beyond the header, naming the place', () => {
    expect(() => jobsFromCsv('Department,FLSA\nIT,Exempt\n')).toThrow(/no column names a job field/)
    expect(() => jobsFromCsv('Title,Grade\nTechnician,5,extra\n')).toThrow(
      expect.objectContaining({ place: 'row 2, column 3' }),
    )
    // A trailing empty field beyond the header is nothing to refuse.
    expect(jobsFromCsv('Title,Grade\nTechnician,5,\n').jobs).toHaveLength(1)
  })
})
