// Every invalid document is refused whole with 422 problem+json listing each problem by JSON
// pointer, before anything is written.
import { describe, expect, it } from 'vitest'
import { readInstitutions } from '../../../src/db/institutions.js'
import type { InstitutionDocument } from '../../../src/documents/schema.js'
import { useTestApp } from '../../helpers/app.js'
import { documentAs, seedDocument } from '../../helpers/documents.js'
import { bearer, createTestKeys } from '../../helpers/keys.js'

const context = useTestApp()
let writeKey: string | undefined

type Edit = (document: InstitutionDocument & Record<string, unknown>) => void

// [what is wrong, the edit to a valid copy of Missouri as "yale", the paths the answer must list]
const cases: [string, Edit, string[]][] = [
  ['an unknown top-level field', (d) => Object.assign(d, { extra: 1 }), ['/extra']],
  ['an unknown field in a job', (d) => Object.assign(d.jobs[1] ?? {}, { salary: 90000 }), ['/jobs/1/salary']],
  [
    'an unknown field in a placement',
    (d) => Object.assign(d.grades[0]?.placement ?? {}, { confidence: 'high' }),
    ['/grades/0/placement/confidence'],
  ],
  ['a missing required field', (d) => Reflect.deleteProperty(d, 'name'), ['/name']],
  ['a job without sources', (d) => Reflect.deleteProperty(d.jobs[0] ?? {}, 'sources'), ['/jobs/0/sources']],
  ['a job with an empty source list', (d) => Object.assign(d.jobs[2] ?? {}, { sources: [] }), ['/jobs/2/sources']],
  [
    'a placement without evidence',
    (d) => Object.assign(d.grades[1]?.placement ?? {}, { evidence: [] }),
    ['/grades/1/placement/evidence'],
  ],
  ['a source without quotes', (d) => Object.assign(d.source, { quotes: [] }), ['/source/quotes']],
  [
    'a placement without a rationale',
    (d) => Object.assign(d.grades[0]?.placement ?? {}, { rationale: '' }),
    ['/grades/0/placement/rationale'],
  ],
  [
    'a citation without a quote',
    (d) => Reflect.deleteProperty(d.families[0]?.sources[0] ?? {}, 'quote'),
    ['/families/0/sources/0/quote'],
  ],
  [
    'a seniority given as a string',
    (d) => Object.assign(d.grades[0]?.placement ?? {}, { seniority: '1' }),
    ['/grades/0/placement/seniority'],
  ],
  [
    'a track that does not exist',
    (d) => Object.assign(d.jobs[0] ?? {}, { tracks: ['contractor'] }),
    ['/jobs/0/tracks/0'],
  ],
  ['an FLSA status that does not exist', (d) => Object.assign(d.jobs[0] ?? {}, { flsa: 'hourly' }), ['/jobs/0/flsa']],
  ['a title over 200 characters', (d) => Object.assign(d.jobs[3] ?? {}, { title: 'x'.repeat(201) }), ['/jobs/3/title']],
  [
    'years of experience off the chart',
    (d) => Object.assign(d.jobs[0]?.experience ?? {}, { minYears: 99 }),
    ['/jobs/0/experience/minYears'],
  ],
  [
    'a malformed effective date',
    (d) => Object.assign(d.source, { effectiveDate: 'July 2020' }),
    ['/source/effectiveDate'],
  ],
  [
    'more than 500 jobs',
    (d) => {
      const job = d.jobs[0]
      if (job) d.jobs = Array.from({ length: 501 }, (_, i) => ({ ...job, id: `yale.job-${i}`, jobCode: null }))
    },
    ['/jobs'],
  ],
  [
    'a placement above the top of the scale',
    (d) => Object.assign(d.grades[3]?.placement ?? {}, { seniority: 8, min: 8, max: 8 }),
    ['/grades/3/placement/seniority', '/grades/3/placement/min', '/grades/3/placement/max'],
  ],
  [
    'a seniority outside its own band',
    (d) => Object.assign(d.grades[0]?.placement ?? {}, { seniority: 2.5 }),
    ['/grades/0/placement/seniority'],
  ],
  [
    'grades out of seniority order',
    (d) => {
      const [low, middle, high, top] = d.grades
      if (low && middle && high && top) d.grades = [low, high, middle, top]
    },
    // The job of the grade moved up now sits below a job of a lower grade on its track.
    ['/grades/2/placement/seniority', '/grades/2/placement', '/jobs/1'],
  ],
  [
    'a duplicate grade code (and so a job whose grade is gone)',
    (d) => Object.assign(d.grades[1] ?? {}, { code: 'IT2' }),
    ['/grades/1/code', '/jobs/1/grade'],
  ],
  [
    'a grade alias that repeats another code (case-insensitively)',
    (d) => Object.assign(d.grades[1] ?? {}, { aliases: ['it2'] }),
    ['/grades/1/code'],
  ],
  ['a duplicate job id', (d) => Object.assign(d.jobs[1] ?? {}, { id: d.jobs[0]?.id }), ['/jobs/1/id']],
  [
    'a duplicate job code',
    (d) => {
      Object.assign(d.jobs[0] ?? {}, { jobCode: 'A100' })
      Object.assign(d.jobs[1] ?? {}, { jobCode: 'a100' })
    },
    ['/jobs/1/jobCode'],
  ],
  ['a job in a grade that does not exist', (d) => Object.assign(d.jobs[0] ?? {}, { grade: 'IT9' }), ['/jobs/0/grade']],
  [
    'a job in a family that does not exist',
    (d) => Object.assign(d.jobs[0] ?? {}, { family: 'yale.nope' }),
    ['/jobs/0/family'],
  ],
  ['a job id of another institution', (d) => Object.assign(d.jobs[0] ?? {}, { id: 'harvard.x1' }), ['/jobs/0/id']],
  [
    'a family id of another institution',
    (d) => Object.assign(d.families[0] ?? {}, { id: 'missouri.technical-support' }),
    ['/families/0/id', '/jobs/0/family', '/jobs/1/family', '/jobs/2/family', '/jobs/3/family'],
  ],
  ['a body slug that differs from the URL', (d) => Object.assign(d, documentAs('princeton')), ['/slug']],
  ['a malformed body slug', (d) => Object.assign(d, { slug: 'Yale!' }), ['/slug']],
]

describe('PUT /v1/institutions/{slug} with an invalid document', () => {
  const put = (slug: string, document: unknown) => {
    writeKey ??= createTestKeys(context.app).write
    return context.app.inject({
      method: 'PUT',
      url: `/v1/institutions/${slug}`,
      payload: document as object,
      headers: bearer(writeKey),
    })
  }

  it.each(cases)('refuses %s with 422, naming the path', async (_name, edit, paths) => {
    const document = documentAs('yale') as InstitutionDocument & Record<string, unknown>
    edit(document)
    const response = await put('yale', document)
    expect(response.statusCode).toBe(422)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    const body = response.json()
    expect(body).toMatchObject({ type: '/problems/invalid-document', status: 422, code: 'invalid-document' })
    expect(body.detail).toMatch(/^The document has \d+ problems?; nothing was written\. First: /)
    const reported = body.errors.map((error: { path: string }) => error.path)
    expect(new Set(reported)).toEqual(new Set(paths))
    for (const error of body.errors) {
      expect(error).toEqual({ location: 'body', path: expect.any(String), message: expect.any(String) })
      expect(error.message.length).toBeGreaterThan(5)
    }
  })

  it('refuses a document that moves a calibration grade, naming the grade', async () => {
    const document = seedDocument('harvard')
    Object.assign(document.grades[0]?.placement ?? {}, { seniority: 2, min: 2, max: 3 })
    const response = await put('harvard', document)
    expect(response.statusCode).toBe(422)
    expect(response.json().errors).toEqual([
      {
        location: 'body',
        path: '/grades/0/placement/seniority',
        message: expect.stringContaining('grade 57 is fixed at 3 by the calibration'),
      },
    ])
  })

  it('refuses a document that drops a calibration grade', async () => {
    const document = seedDocument('columbia')
    document.grades = document.grades.filter((grade) => grade.code !== '12')
    document.jobs = document.jobs.filter((job) => job.grade !== '12')
    const response = await put('columbia', document)
    expect(response.statusCode).toBe(422)
    expect(response.json().errors).toEqual([
      { location: 'body', path: '/grades', message: expect.stringContaining('grade 12 must stay') },
    ])
  })

  it('reports every problem at once, the schema errors and the rules together', async () => {
    const document = documentAs('yale') as InstitutionDocument & Record<string, unknown>
    document.extra = true
    Object.assign(document.jobs[0] ?? {}, { flsa: 'hourly', grade: 'IT9' })
    Object.assign(document.jobs[2] ?? {}, { tracks: [] })
    Object.assign(document.grades[1] ?? {}, { aliases: ['IT2'] })
    const response = await put('yale', document)
    expect(response.statusCode).toBe(422)
    expect(response.json().errors).toEqual([
      { location: 'body', path: '/extra', message: 'unknown field "extra"' },
      { location: 'body', path: '/jobs/0/flsa', message: 'must be "exempt", "non_exempt" or null' },
      { location: 'body', path: '/jobs/2/tracks', message: expect.stringContaining('1') },
      { location: 'body', path: '/grades/1/code', message: 'grade code "IT2" is already used at index 0' },
      { location: 'body', path: '/jobs/0/grade', message: `grade "IT9" is not one of this institution's grades` },
    ])
  })

  it('lists at most 200 problems, then says how many more there are', async () => {
    const document = documentAs('yale')
    const job = document.jobs[0]
    if (!job) throw new Error('Missouri has jobs')
    document.jobs = Array.from({ length: 300 }, () => ({ ...job, jobCode: null }))
    const response = await put('yale', document)
    expect(response.statusCode).toBe(422)
    const { errors } = response.json()
    expect(errors).toHaveLength(201)
    expect(errors.slice(0, 200).every((error: { path: string }) => /^\/jobs\/\d+\/id$/.test(error.path))).toBe(true)
    expect(errors[200]).toEqual({ location: 'body', path: '', message: 'and at least 99 more problems, not listed' })
  })

  it('has written nothing: the database, the change log and the served data are as they were', async () => {
    expect(readInstitutions(context.app.db).map((document) => document.slug)).toEqual([
      'columbia',
      'harvard',
      'missouri',
      'new-mexico',
      'north-carolina',
    ])
    expect(readInstitutions(context.app.db)).toEqual(
      ['columbia', 'harvard', 'missouri', 'new-mexico', 'north-carolina'].map(seedDocument),
    )
    const changes = await context.app.inject({ method: 'GET', url: '/v1/changes' })
    expect(changes.json().total).toBe(0)
    expect((await context.app.inject({ method: 'GET', url: '/v1/institutions/yale' })).statusCode).toBe(404)
  })
})
