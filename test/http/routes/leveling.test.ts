import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { LightMyRequestResponse } from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../../../src/leveling/csv.js'
import { useTestApp } from '../../helpers/app.js'
import { bearer, createTestKeys, type TestKeys } from '../../helpers/keys.js'
import { workbook } from '../../helpers/workbook.js'

const context = useTestApp()
let keys: TestKeys
beforeAll(() => {
  keys = createTestKeys(context.app, 'leveling')
})

// Six jobs written for the tests ("Job Title:" headings), a CSV catalog of four, and JSON items.
const ladder = readFileSync(new URL('../../fixtures/ladder.txt', import.meta.url), 'utf8')
const catalog = readFileSync(new URL('../../fixtures/catalog.csv', import.meta.url), 'utf8')
const items = {
  jobs: [
    {
      title: 'Field Technician',
      grade: 'T2',
      education: "Associate's degree",
      experienceYears: 2,
      supervisionReceived: 'general',
      supportTier: '2',
      duties: ['Installs workstations', 'Repairs printers'],
    },
    {
      text: "Senior Field Technician\nWorks with minimal supervision on complex problems. Requires a bachelor's degree and four years of experience.",
    },
  ],
}

interface Proposal {
  title: string
  grade: string | null
  jobCode: string | null
  seniority: { point: number; band: { min: number; max: number } }
  track: string
  confidence: number
  factors: { factor: string; level: string; point: number; evidence: { quote: string }[] }[]
  rationale: string
  family: { family: string; words: string[] }
  flags: { code: string; detail: string; quotes: { quote: string }[] }[]
  nearest: { institution: string; grade: { code: string }; levels: { id: string }[]; relation: string; score: number }[]
}

function level(type: string, payload: string, query = ''): Promise<LightMyRequestResponse> {
  return context.app.inject({ method: 'POST', url: `/v1/leveling${query}`, headers: { 'content-type': type }, payload })
}

const collapse = (text: string) => text.replace(/\s+/g, ' ')

function expectQuotesFrom(jobs: Proposal[], text: string) {
  for (const job of jobs) {
    expect(job.factors.length, job.title).toBeGreaterThan(0)
    for (const factor of job.factors) {
      for (const { quote } of factor.evidence) expect(collapse(text)).toContain(collapse(quote))
    }
  }
}

async function expectProblem(
  response: LightMyRequestResponse,
  status: number,
  code: string,
  errors?: Record<string, unknown>[],
) {
  expect(response.statusCode, response.body).toBe(status)
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
  const body = response.json()
  expect(body.code).toBe(code)
  expect(body.status).toBe(status)
  expect(body.type).toBe(`/problems/${code}`)
  if (errors) expect(body.errors).toEqual(errors.map((error) => expect.objectContaining(error)))
  return body
}

describe('POST /v1/leveling', () => {
  it('levels a text of six job descriptions, split on its "Job Title:" headings', async () => {
    const response = await level('text/plain', ladder)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    const body = response.json() as { split: string; layout: string; jobs: Proposal[]; draft?: unknown }
    expect(body.split).toBe('split on 6 "Job Title:" headings')
    expect(body.draft).toBeUndefined()
    expect(body.jobs.map((job) => [job.title, job.grade, job.seniority.point, job.track])).toEqual([
      ['Desktop Technician I', '21', 1, 'individual_contributor'],
      ['Desktop Technician II', '22', 2, 'individual_contributor'],
      ['Desktop Technician III', '23', 3, 'individual_contributor'],
      ['Desktop Support Lead', '24', 5, 'individual_contributor'],
      ['Desktop Support Supervisor', '24', 4, 'management'],
      ['Client Services Manager', '26', 6, 'management'],
    ])
    expectQuotesFrom(body.jobs, ladder)
    const first = body.jobs[0] as Proposal
    expect(first.seniority.band).toEqual({ min: 1, max: 2 })
    expect(first.factors.map((factor) => `${factor.factor}:${factor.level}`)).toEqual([
      'experience:E0',
      'education:D0',
      'supervision:R0',
      'complexity:C0',
      'tier:K1',
      'role:N1',
      'numeral:M1',
    ])
    expect(first.rationale).toMatch(/^Proposed at 1 \(band 1–2\) as an individual contributor/)
    expect(first.family).toEqual({ family: 'it-end-user-support', words: expect.any(Array) })
    expect(first.flags).toEqual([])
    expect(body.layout).toBe('title-label')
    // Crosswalked like any placement: Missouri IT2 sits at 1 with band 1–2, an exact match.
    expect(first.nearest[0]).toEqual({
      institution: 'missouri',
      grade: { id: 'missouri.IT2', code: 'IT2', label: expect.any(String) },
      levels: [{ id: expect.stringMatching(/^missouri\./), title: expect.any(String) }],
      delta: 0,
      relation: 'exact',
      score: 1,
    })
    expect(first.nearest.map((match) => match.institution).sort()).toEqual([
      'columbia',
      'harvard',
      'missouri',
      'new-mexico',
      'north-carolina',
    ])
    // A manager maps to managers where the institution has them.
    const manager = body.jobs[5] as Proposal
    const harvard = manager.nearest.find((match) => match.institution === 'harvard')
    expect(harvard?.grade.code).toBe('59')
    for (const job of body.jobs) {
      const scores = job.nearest.map((match) => match.score)
      expect(scores).toEqual([...scores].sort((a, b) => b - a))
    }
  })

  it('levels JSON items given as evidence fields or as text', async () => {
    const response = await context.app.inject({ method: 'POST', url: '/v1/leveling', payload: items })
    expect(response.statusCode).toBe(200)
    const body = response.json() as { split: string; jobs: Proposal[] }
    expect(body.split).toBe('2 JSON items, one job each')
    expect(body.jobs.map((job) => [job.title, job.grade, job.seniority.point, job.track])).toEqual([
      ['Field Technician', 'T2', 2, 'individual_contributor'],
      ['Senior Field Technician', null, 3, 'individual_contributor'],
    ])
    const [fields] = body.jobs as [Proposal]
    expect(fields.factors.find((factor) => factor.factor === 'experience')?.evidence).toEqual([{ quote: '2' }])
    expect(fields.factors.find((factor) => factor.factor === 'supervision')?.evidence).toEqual([{ quote: 'general' }])
  })

  it('levels a CSV job catalog whose header row names the fields', async () => {
    const response = await level('text/csv; charset=utf-8', catalog)
    expect(response.statusCode).toBe(200)
    const body = response.json() as { split: string; jobs: Proposal[] }
    expect(body.split).toBe('4 CSV rows, one job each')
    expect(body.jobs.map((job) => [job.title, job.jobCode, job.grade, job.seniority.point, job.track])).toEqual([
      ['Service Desk Analyst I', 'SD101', '10', 1, 'individual_contributor'],
      ['Service Desk Analyst II', 'SD102', '11', 2, 'individual_contributor'],
      ['Service Desk Analyst III', 'SD103', '12', 4, 'individual_contributor'],
      ['Service Desk Supervisor', 'SD201', '13', 4, 'management'],
    ])
    // "this would sit with Harvard 57, Missouri IT5 and New Mexico ID"
    const supervisor = body.jobs[3] as Proposal
    expect(supervisor.nearest.slice(0, 3).map((match) => `${match.institution} ${match.grade.code}`)).toEqual([
      'harvard 57',
      'missouri IT5',
      'new-mexico ID',
    ])
  })

  it('writes nothing: the data version is the same after a request with a draft', async () => {
    const before = (await context.app.inject({ method: 'GET', url: '/v1/meta' })).json().dataVersion
    expect((await level('text/plain', ladder, '?draft=unwritten')).statusCode).toBe(200)
    const after = (await context.app.inject({ method: 'GET', url: '/v1/meta' })).json().dataVersion
    expect(after).toBe(before)
    expect((await context.app.inject({ method: 'GET', url: '/v1/institutions/unwritten' })).statusCode).toBe(404)
  })
})

describe('POST /v1/leveling?draft=: the draft that PUT accepts unchanged', () => {
  it('drafts a text and PUT creates the institution from it (201)', async () => {
    const response = await level('text/plain', ladder, '?draft=desktop-college')
    expect(response.statusCode).toBe(200)
    const { draft, draftIssues, jobs } = response.json()
    expect(draftIssues).toBeUndefined()
    expect(draft.slug).toBe('desktop-college')
    expect(draft.sources).toEqual([{ file: 'desktop-college.txt', text: ladder }])
    expect(draft.jobs).toHaveLength(jobs.length)
    // The draft is the proposal: every job placed exactly where leveling proposed it, saying so.
    draft.jobs.forEach(
      (job: { placement: { seniority: number; min: number; max: number; rationale: string } }, index: number) => {
        const { point, band } = (jobs[index] as Proposal).seniority
        expect(job.placement).toMatchObject({ seniority: point, min: band.min, max: band.max })
        expect(job.placement.rationale).toMatch(/^Proposal, not yet reviewed\. The leveling model proposed /)
      },
    )
    for (const grade of draft.grades) {
      for (const citation of grade.placement.evidence) {
        expect(citation.file).toBe('desktop-college.txt')
        expect(collapse(ladder)).toContain(collapse(citation.quote))
      }
    }
    const put = await context.app.inject({
      method: 'PUT',
      url: '/v1/institutions/desktop-college',
      headers: { ...bearer(keys.write), 'content-type': 'application/json' },
      payload: JSON.stringify(draft),
    })
    expect(put.statusCode, put.body).toBe(201)
    expect(put.headers.location).toBe('/v1/institutions/desktop-college')
    const source = await context.app.inject({
      method: 'GET',
      url: '/v1/sources/desktop-college.txt',
      headers: { accept: 'text/plain' },
    })
    expect(source.statusCode).toBe(200)
    expect(source.body).toBe(ladder)
    // The new institution is now one of the institutions a later proposal is crosswalked to.
    const again = (await level('text/plain', ladder)).json() as { jobs: Proposal[] }
    expect(again.jobs[0]?.nearest).toContainEqual(
      expect.objectContaining({ institution: 'desktop-college', relation: 'exact', score: 1 }),
    )
  })

  it('drafts JSON items (draft in the body) and a CSV catalog, and PUT accepts both', async () => {
    const fromJson = await context.app.inject({
      method: 'POST',
      url: '/v1/leveling',
      payload: { ...items, draft: 'field-college' },
    })
    const fromCsv = await level('text/csv', catalog, '?draft=desk-college')
    for (const [slug, response] of [
      ['field-college', fromJson],
      ['desk-college', fromCsv],
    ] as const) {
      expect(response.statusCode, response.body).toBe(200)
      const { draft, draftIssues } = response.json()
      expect(draftIssues).toBeUndefined()
      const put = await context.app.inject({
        method: 'PUT',
        url: `/v1/institutions/${slug}`,
        headers: { ...bearer(keys.write), 'content-type': 'application/json' },
        payload: JSON.stringify(draft),
      })
      expect(put.statusCode, put.body).toBe(201)
    }
    const csvSource = fromCsv.json().draft.sources[0].text as string
    expect(csvSource).toContain('Job code: SD103\nGrade: 12\n')
    expect(csvSource).toContain('Final point of escalation for the "hardest" problems')
  })

  it('names the source file apart when another text is already stored under <slug>.txt', async () => {
    const response = await level(
      'text/plain',
      ladder.replace('Client Services Manager', 'Client Manager'),
      '?draft=desktop-college',
    )
    const { draft, draftIssues } = response.json()
    expect(draftIssues).toBeUndefined()
    expect(draft.sources[0].file).toBe('desktop-college-2.txt')
    const put = await context.app.inject({
      method: 'PUT',
      url: '/v1/institutions/desktop-college',
      headers: { ...bearer(keys.write), 'content-type': 'application/json' },
      payload: JSON.stringify(draft),
    })
    expect(put.statusCode, put.body).toBe(200)
  })

  it('refuses a draft under the slug of an institution the scale is calibrated on (409)', async () => {
    await expectProblem(await level('text/plain', ladder, '?draft=harvard'), 409, 'conflict')
  })

  it('refuses a draft slug that is not a slug, and two different drafts in the query and the body', async () => {
    await expectProblem(await level('text/plain', ladder, '?draft=Not%20A%20Slug'), 400, 'invalid-parameter')
    const both = await context.app.inject({
      method: 'POST',
      url: '/v1/leveling?draft=one-college',
      payload: { ...items, draft: 'other-college' },
    })
    await expectProblem(both, 400, 'conflicting-parameters', [
      { location: 'querystring', name: 'draft' },
      { location: 'body', path: '/draft' },
    ])
    const badBody = await context.app.inject({ method: 'POST', url: '/v1/leveling', payload: { ...items, draft: 'X' } })
    await expectProblem(badBody, 400, 'invalid-submission', [{ location: 'body', path: '/draft' }])
  })
})

describe('POST /v1/leveling › an HRIS export as it comes', () => {
  const exported =
    'Job Title,Job Code,Pay Grade,Job Description,Min Education,Years Experience,Department,FLSA Status,\r\n' +
    'Help Desk Technician,HD1,12,Answers calls and resolves routine problems under close supervision.,High school diploma,1,IT,Non-exempt,\r\n' +
    'Desktop Support Analyst,HD3,15,Resolves complex problems independently and mentors technicians.,"BS/BA",4,IT,Exempt,\r\n' +
    "Accountant II,FN2,14,Prepares journal entries and reconciles accounts.,Bachelor's degree,2,Finance,Exempt,\r\n"

  it('reads its headers, keeps the columns it does not read with each job, and warns of them', async () => {
    const response = await level('text/csv', exported)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.jobs.map((job: Proposal) => [job.title, job.jobCode, job.grade])).toEqual([
      ['Help Desk Technician', 'HD1', '12'],
      ['Desktop Support Analyst', 'HD3', '15'],
      ['Accountant II', 'FN2', '14'],
    ])
    expect(body.jobs[2].otherColumns).toEqual([
      { name: 'Department', value: 'Finance' },
      { name: 'FLSA Status', value: 'Exempt' },
    ])
    expect(body.warnings).toEqual([
      { row: 1, column: 7, message: expect.stringContaining('"Department" names no job field') },
      { row: 1, column: 8, message: expect.stringContaining('"FLSA Status" names no job field') },
    ])
    // The higher of the two IT jobs sits higher.
    expect(body.jobs[1].seniority.point).toBeGreaterThan(body.jobs[0].seniority.point)
  })

  it('sums the answer up: jobs per point and track, and the counts that say where to look first', async () => {
    const body = (await level('text/csv', exported)).json()
    const jobs = body.jobs as (Proposal & { ownPoint: number })[]
    const spread = new Map<string, number>()
    for (const job of jobs) {
      const key = `${job.seniority.point} ${job.track}`
      spread.set(key, (spread.get(key) ?? 0) + 1)
    }
    expect(body.summary.jobs).toBe(3)
    expect(
      body.summary.points.map((entry: { point: number; track: string; jobs: number }) => [
        `${entry.point} ${entry.track}`,
        entry.jobs,
      ]),
    ).toEqual([...spread.entries()].sort())
    expect(body.summary.outsideFamily).toBe(jobs.filter((job) => job.family.family === 'other').length)
    expect(body.summary.outsideFamily).toBeGreaterThanOrEqual(1)
    expect(body.summary.flagged).toBe(jobs.filter((job) => job.flags.length > 0).length)
    expect(body.summary.movedByLadder).toBe(jobs.filter((job) => job.ownPoint !== job.seniority.point).length)
  })

  it('answers the same proposals as CSV, with a byte order mark when asked, and the kept columns at the end', async () => {
    const json = (await level('text/csv', exported)).json()
    const response = await context.app.inject({
      method: 'POST',
      url: '/v1/leveling?bom=true',
      headers: { 'content-type': 'text/csv', accept: 'text/csv' },
      payload: exported,
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers.vary).toContain('Accept')
    expect(response.body.startsWith('\uFEFF')).toBe(true)
    const [header, ...rows] = parseCsv(response.body)
    expect(header).toEqual([
      'title',
      'jobCode',
      'grade',
      'point',
      'bandMin',
      'bandMax',
      'ownPoint',
      'track',
      'family',
      'confidence',
      'flags',
      'nearest',
      'rationale',
      'Department',
      'FLSA Status',
    ])
    expect(rows.map((row) => [row[0], row[3], row[7], row[13]])).toEqual(
      json.jobs.map((job: Proposal & { otherColumns: { value: string }[] }) => [
        job.title,
        String(job.seniority.point),
        job.track,
        job.otherColumns[0]?.value,
      ]),
    )
    const formatted = await level('text/csv', exported, '?format=csv')
    expect(formatted.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(formatted.body).toBe(response.body.slice(1))
  })
})

describe('POST /v1/leveling › an Excel workbook', () => {
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  const send = (payload: Buffer) =>
    context.app.inject({ method: 'POST', url: '/v1/leveling', headers: { 'content-type': xlsx }, payload })

  it('reads its first sheet as the CSV catalog it holds: the same proposals, columns kept and warned of', async () => {
    const rows = parseCsv(catalog).map((row) => row.map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell)))
    rows[0]?.push('Department')
    for (const row of rows.slice(1)) row.push('IT')
    const fromWorkbook = await send(Buffer.from(workbook(rows)))
    expect(fromWorkbook.statusCode, fromWorkbook.body).toBe(200)
    const fromCsv = (await level('text/csv', catalog)).json()
    const answer = fromWorkbook.json()
    expect(answer.split).toBe(`${fromCsv.jobs.length} spreadsheet rows, one job each`)
    expect(answer.jobs.map((job: Proposal) => [job.title, job.seniority, job.track])).toEqual(
      fromCsv.jobs.map((job: Proposal) => [job.title, job.seniority, job.track]),
    )
    expect(answer.warnings).toEqual([
      expect.objectContaining({ row: 1, message: expect.stringContaining('"Department"') }),
    ])
    expect(answer.jobs[0].otherColumns).toEqual([{ name: 'Department', value: 'IT' }])
  })

  it('answers a legacy .xls file and a file that is no workbook with 400, saying what it is', async () => {
    // The first bytes of every OLE2 compound file, as a legacy .xls is.
    const legacy = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)])
    const old = await expectProblem(await send(legacy), 400, 'invalid-submission')
    expect(old.detail).toMatch(/legacy \.xls workbook: save it as \.xlsx/)
    const garbage = await expectProblem(await send(Buffer.from('not a workbook at all')), 400, 'invalid-submission')
    expect(garbage.detail).toMatch(/not an \.xlsx workbook|cannot be read/)
    await expectProblem(await send(Buffer.alloc(0)), 400, 'empty-submission')
  })
})

describe('POST /v1/leveling with bad input', () => {
  it('answers an empty body of each media type with 400 empty-submission', async () => {
    await expectProblem(await level('text/plain', ''), 400, 'empty-submission')
    await expectProblem(await level('text/plain', ' \n\t '), 400, 'empty-submission')
    await expectProblem(await level('application/json', ''), 400, 'empty-submission', [{ location: 'body', path: '' }])
    await expectProblem(await level('application/json', '{"jobs":[]}'), 400, 'empty-submission', [
      { location: 'body', path: '/jobs' },
    ])
    await expectProblem(await level('text/csv', ''), 400, 'empty-submission')
    await expectProblem(await level('text/csv', 'title,grade\n'), 400, 'empty-submission', [
      { location: 'body', row: 2 },
    ])
  })

  it('is documented the same way: the OpenAPI body schema of each media type refuses what is answered 400 empty-submission', async () => {
    const document = (await context.app.inject('/openapi.json')).json()
    const operation = document.paths['/v1/leveling'].post
    expect(operation.requestBody.required).toBe(true)
    const content = operation.requestBody.content as Record<string, { schema: object }>
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    expect(Object.keys(content).sort()).toEqual([xlsx, 'application/json', 'text/csv', 'text/plain'].sort())
    const ajv = new Ajv2020({ strict: false })
    const accepts = (media: string, value: unknown) =>
      ajv.compile({ ...content[media]?.schema, components: document.components })(value)
    const empties: [string, string, unknown][] = [
      ['text/plain', '', ''],
      ['text/plain', ' \n\t ', ' \n\t '],
      ['text/csv', '', ''],
      ['text/csv', ' \r\n', ' \r\n'],
      ['text/csv', 'title,grade\n', 'title,grade\n'],
      ['application/json', '{"jobs":[]}', { jobs: [] }],
      [xlsx, '', ''],
    ]
    for (const [media, sent, value] of empties) {
      await expectProblem(await level(media, sent), 400, 'empty-submission')
      expect(accepts(media, value), `${media} ${JSON.stringify(sent)}`).toBe(false)
    }
    // And what is answered 200 the document accepts.
    expect(accepts('text/plain', ladder)).toBe(true)
    expect(accepts('text/csv', catalog)).toBe(true)
    expect((await level('text/plain', ladder)).statusCode).toBe(200)
    expect((await level('text/csv', catalog)).statusCode).toBe(200)
  })

  it('answers a text with no recognisable job with 422 no-recognisable-job', async () => {
    const body = await expectProblem(
      await level('text/plain', 'Our office is on the third floor.\nThe coffee machine is by the window.'),
      422,
      'no-recognisable-job',
    )
    expect(body.detail).toMatch(/no recognisable job description/i)
    // A catalog row that gives a title alone is leveled from its title's words, flagged as thin evidence.
    const titleOnly = await context.app.inject({
      method: 'POST',
      url: '/v1/leveling',
      payload: { jobs: [{ title: 'Analyst' }] },
    })
    expect(titleOnly.statusCode).toBe(200)
    const [job] = (titleOnly.json() as { jobs: Proposal[] }).jobs
    expect(job?.flags.map((flag) => flag.code)).toContain('thin-evidence')
  })

  it('answers JSON items of neither shape with 400 invalid-submission naming each JSON pointer', async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/v1/leveling',
      payload: {
        jobs: [
          { text: 'A job', grade: '12' },
          7,
          { colour: 'blue' },
          { title: '   ' },
          {},
          { experienceYears: -1 },
          items.jobs[0],
        ],
      },
    })
    const body = await expectProblem(response, 400, 'invalid-submission', [
      { location: 'body', path: '/jobs/0/grade', message: expect.stringMatching(/not both/) },
      { location: 'body', path: '/jobs/1', message: expect.stringMatching(/must be an object/) },
      { location: 'body', path: '/jobs/2/colour', message: expect.stringMatching(/unknown field "colour"/) },
      { location: 'body', path: '/jobs/3/title', message: 'must not be empty or only white space' },
      { location: 'body', path: '/jobs/4', message: expect.stringMatching(/no field/) },
      { location: 'body', path: '/jobs/5/experienceYears' },
    ])
    expect(body.detail).toMatch(/^6 problems in the jobs; first: \/jobs\/0\/grade: /)
  })

  it('answers a JSON body that is not { jobs } with 400 invalid-submission', async () => {
    await expectProblem(await level('application/json', '[1,2]'), 400, 'invalid-submission', [{ path: '' }])
    await expectProblem(await level('application/json', '{"items":[]}'), 400, 'invalid-submission', [
      { path: '/items', message: 'unknown field "items"' },
    ])
    await expectProblem(await level('application/json', '{"jobs":{"text":"x"}}'), 400, 'invalid-submission', [
      { path: '/jobs' },
    ])
    await expectProblem(await level('application/json', '{"jobs":['), 400, 'bad-request')
  })

  it('answers a CSV header that names no field, broken quoting and a value beyond the header with 400 naming the row and column', async () => {
    const none = await expectProblem(
      await level('text/csv', 'Department,FLSA Status\nIT,Exempt\n'),
      400,
      'invalid-submission',
      [{ location: 'body', row: 1, message: expect.stringMatching(/no column names a job field/) }],
    )
    expect(none.detail).toMatch(/\(at row 1\)\.$/)
    await expectProblem(
      await level('text/csv', 'title,education\nAnalyst,"Bachelor\'s degree\n'),
      400,
      'invalid-submission',
      [{ row: 2, column: 2, message: 'a quoted field is not closed' }],
    )
    await expectProblem(
      await level('text/csv', 'title,education\nAnalyst,Bachelor,extra\n'),
      400,
      'invalid-submission',
      [{ row: 2, column: 3 }],
    )
  })

  it('answers more than 500 jobs with 413 too-many-jobs, as JSON items or CSV rows', async () => {
    const many = { jobs: Array.from({ length: 501 }, () => ({ title: 'Analyst', experienceYears: 2 })) }
    const json = await context.app.inject({ method: 'POST', url: '/v1/leveling', payload: many })
    const body = await expectProblem(json, 413, 'too-many-jobs', [{ path: '/jobs' }])
    expect(body.detail).toMatch(/at most 500 jobs; this one has 501/)
    const rows = ['title,experience', ...Array.from({ length: 501 }, (_, n) => `Analyst ${n},2`)].join('\n')
    await expectProblem(await level('text/csv', rows), 413, 'too-many-jobs', [{ row: 502 }])
  })

  it('answers a text over 1,000,000 characters and a body over 4 MiB with 413 payload-too-large', async () => {
    const long = `${ladder}\n${'x'.repeat(1_000_000 - ladder.length)}`
    const text = await expectProblem(await level('text/plain', long), 413, 'payload-too-large')
    expect(text.detail).toMatch(/1000001 characters; at most 1000000/)
    const huge = await expectProblem(
      await level('text/plain', 'a'.repeat(4 * 1024 * 1024 + 1)),
      413,
      'payload-too-large',
    )
    expect(huge.detail).toMatch(/limit of 4,194,304 bytes/)
    const field = { jobs: [{ title: 'Analyst', education: 'B'.repeat(2001) }] }
    await expectProblem(
      await context.app.inject({ method: 'POST', url: '/v1/leveling', payload: field }),
      413,
      'payload-too-large',
      [{ path: '/jobs/0/education' }],
    )
  })

  it('answers another media type with 415 naming the body and listing the four it takes', async () => {
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    for (const type of ['application/xml', 'application/pdf']) {
      const body = await expectProblem(await level(type, '<job/>'), 415, 'unsupported-media-type', [
        { location: 'headers', name: 'content-type', message: `takes text/plain, application/json, text/csv, ${xlsx}` },
      ])
      expect(body.detail).toBe(
        `The body is ${type}; POST /v1/leveling takes text/plain, application/json, text/csv or ${xlsx}.`,
      )
    }
  })

  it('refuses an Accept header it cannot answer (406) and a draft asked for as CSV (400)', async () => {
    const refused = await context.app.inject({
      method: 'POST',
      url: '/v1/leveling',
      headers: { 'content-type': 'text/csv', accept: 'application/xml' },
      payload: catalog,
    })
    await expectProblem(refused, 406, 'not-acceptable', [{ location: 'headers', name: 'accept' }])
    await expectProblem(
      await level('text/csv', catalog, '?format=csv&draft=some-college'),
      400,
      'conflicting-parameters',
      [{ location: 'querystring', name: 'draft' }],
    )
  })

  it('describes each new problem type at /problems/{code}', async () => {
    for (const code of ['empty-submission', 'invalid-submission', 'no-recognisable-job', 'too-many-jobs']) {
      const response = await context.app.inject({ method: 'GET', url: `/problems/${code}` })
      expect(response.statusCode, code).toBe(200)
    }
  })
})
