import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'
import { getJson } from '../../helpers/http.js'

const context = useTestApp()

const get = (url: string) => getJson(context.app, url)

describe('GET /v1/crosswalk', () => {
  it('maps Harvard grade 57 to Columbia grade 12 and New Mexico IC, with reasons and sources', async () => {
    const { response, body } = await get('/v1/crosswalk?from=harvard&grade=57')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(body.results).toHaveLength(2)
    const [professional] = body.results
    expect(professional.source).toMatchObject({
      institution: 'harvard',
      grade: { id: 'harvard.57', code: '57' },
      level: { id: 'harvard.10657P', jobCode: '10657P', track: 'individual_contributor' },
      seniority: { value: 3, min: 3, max: 3 },
    })
    // Best first: the two exact matches (score 1, distance 0) by name, then the close ones.
    expect(professional.matches.map((match: { institution: string }) => match.institution)).toEqual([
      'columbia',
      'new-mexico',
      'missouri',
      'north-carolina',
    ])
    const columbia = professional.matches[0]
    expect(columbia).toMatchObject({
      institution: 'columbia',
      grade: { id: 'columbia.12', code: '12' },
      levels: [{ id: 'columbia.service-specialist' }],
      relation: 'exact',
      score: 1,
      delta: 0,
    })
    expect(columbia.rationale.length).toBeGreaterThan(40)
    expect(columbia.sources.length).toBeGreaterThan(1)
    const newMexico = professional.matches[1]
    expect(newMexico).toMatchObject({ grade: { code: 'IC' }, levels: [{ jobCode: 'IEUP17' }], relation: 'exact' })
  })

  it('accepts a zero-padded grade and a lower-case job code', async () => {
    const padded = await get('/v1/crosswalk?from=harvard&grade=057&to=columbia')
    expect(padded.response.statusCode).toBe(200)
    expect(padded.body.results[0].matches[0].grade.code).toBe('12')
    const code = await get('/v1/crosswalk?from=new-mexico&jobCode=ieup17&to=harvard')
    expect(code.response.statusCode).toBe(200)
    expect(code.body.results[0].matches[0].levels.map((level: { id: string }) => level.id)).toEqual(['harvard.10657P'])
  })

  it('takes to= repeated or comma-separated, in the order given with order=catalog', async () => {
    const repeated = await get('/v1/crosswalk?from=harvard&grade=58&to=new-mexico&to=columbia&order=catalog')
    const commas = await get('/v1/crosswalk?from=harvard&grade=58&to=new-mexico,columbia&order=catalog')
    const institutions = (body: { results: { matches: { institution: string }[] }[] }) =>
      body.results[0]?.matches.map((match) => match.institution)
    expect(institutions(repeated.body)).toEqual(['new-mexico', 'columbia'])
    expect(institutions(commas.body)).toEqual(['new-mexico', 'columbia'])
  })

  it('maps by level id and by raw seniority', async () => {
    const level = await get('/v1/crosswalk?level=columbia.service-specialist&to=harvard')
    expect(level.body.results[0].matches[0].levels[0].id).toBe('harvard.10657P')
    const raw = await get('/v1/crosswalk?seniority=6')
    expect(raw.response.statusCode).toBe(200)
    expect(raw.body.results[0].source).toEqual({
      institution: null,
      grade: null,
      level: null,
      seniority: { value: 6, min: 6, max: 6 },
    })
    expect(raw.body.results[0].matches).toHaveLength(5)
  })

  it('switches off the track filter with track=any', async () => {
    const same = await get('/v1/crosswalk?from=harvard&jobCode=10657M&to=columbia')
    const any = await get('/v1/crosswalk?from=harvard&jobCode=10657M&to=columbia&track=any')
    expect(same.body.results[0].matches[0].grade.code).toBe('14')
    expect(any.body.results[0].matches[0].grade.code).toBe('13')
  })

  it('reaches every job by its job code or its grade', async () => {
    const levels = await get('/v1/levels?limit=100')
    expect(levels.body.total).toBe(24)
    for (const level of levels.body.items) {
      const query = level.jobCode
        ? `from=${level.institution}&jobCode=${level.jobCode}`
        : `from=${level.institution}&grade=${level.grade.code}`
      const { response, body } = await get(`/v1/crosswalk?${query}`)
      expect(response.statusCode, query).toBe(200)
      expect(body.results.map((result: { source: { level: { id: string } } }) => result.source.level.id)).toContain(
        level.id,
      )
      expect(body.results[0].matches).toHaveLength(4)
    }
  })

  describe('errors', () => {
    it.each([
      ['/v1/crosswalk?from=yale&grade=1', 404, 'unknown-institution', 'from'],
      ['/v1/crosswalk?from=harvard&grade=61', 404, 'unknown-grade', 'grade'],
      ['/v1/crosswalk?from=harvard&jobCode=99999', 404, 'unknown-job-code', 'jobCode'],
      ['/v1/crosswalk?level=harvard.99999', 404, 'unknown-level', 'level'],
      ['/v1/crosswalk?from=harvard&grade=57&to=yale', 404, 'unknown-institution', 'to'],
      ['/v1/crosswalk?from=harvard&grade=57&jobCode=10657P', 400, 'conflicting-parameters', 'grade'],
      ['/v1/crosswalk?from=harvard', 400, 'conflicting-parameters', 'grade'],
      ['/v1/crosswalk?grade=57', 400, 'conflicting-parameters', 'from'],
      ['/v1/crosswalk?seniority=3&from=harvard', 400, 'conflicting-parameters', 'from'],
      ['/v1/crosswalk?seniority=8', 400, 'seniority-out-of-scale', 'seniority'],
      ['/v1/crosswalk?seniority=-1', 400, 'seniority-out-of-scale', 'seniority'],
      ['/v1/crosswalk?seniority=abc', 400, 'invalid-parameter', 'seniority'],
      ['/v1/crosswalk?from=harvard&grade=57&track=diagonal', 400, 'invalid-parameter', 'track'],
      ['/v1/crosswalk?from=harvard&grade=57&colour=blue', 400, 'invalid-parameter', 'colour'],
      ['/v1/crosswalk?from=Harvard%20U&grade=57', 400, 'invalid-parameter', 'from'],
      ['/v1/crosswalk?level=columbia.service-specialist&from=harvard', 400, 'level-institution-mismatch', 'level'],
    ])('%s answers %i %s naming %s', async (url, status, code, name) => {
      const { response, body } = await get(url)
      expect(response.statusCode).toBe(status)
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
      expect(body).toMatchObject({ type: `/problems/${code}`, status, code })
      expect(typeof body.title).toBe('string')
      expect(typeof body.detail).toBe('string')
      expect(body.errors.map((error: { name: string }) => error.name)).toContain(name)
      expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/)
    })
  })
})

describe('GET /v1/crosswalk pages the target institutions', () => {
  it('answers every other institution on one page by default, with total, limit and offset', async () => {
    const response = await context.app.inject('/v1/crosswalk?from=harvard&grade=57')
    const body = response.json()
    expect(body).toMatchObject({ total: 4, limit: 20, offset: 0 })
    expect(body.results[0].matches).toHaveLength(4)
    expect(response.headers.link).toBeUndefined()
  })

  it('gives limit targets per page, in catalog order, with Link to the next and previous pages', async () => {
    const all = (await context.app.inject('/v1/crosswalk?from=harvard&grade=57&order=catalog')).json()
    const order = all.results[0].matches.map((match: { institution: string }) => match.institution)
    expect(order).toEqual(['columbia', 'missouri', 'new-mexico', 'north-carolina'])
    const first = await context.app.inject('/v1/crosswalk?from=harvard&grade=57&order=catalog&limit=3')
    expect(first.json()).toMatchObject({ total: 4, limit: 3, offset: 0 })
    expect(first.json().results[1].matches.map((match: { institution: string }) => match.institution)).toEqual(
      order.slice(0, 3),
    )
    expect(first.headers.link).toBe('</v1/crosswalk?from=harvard&grade=57&order=catalog&limit=3&offset=3>; rel="next"')
    const second = await context.app.inject('/v1/crosswalk?from=harvard&grade=57&order=catalog&limit=3&offset=3')
    expect(second.json().results[0].matches.map((match: { institution: string }) => match.institution)).toEqual(
      order.slice(3),
    )
    expect(second.headers.link).toBe('</v1/crosswalk?from=harvard&grade=57&order=catalog&limit=3&offset=0>; rel="prev"')
  })

  it('pages the targets named in to as well, and refuses a limit over 100', async () => {
    const body = (await context.app.inject('/v1/crosswalk?seniority=3&to=columbia,missouri&limit=1')).json()
    expect(body).toMatchObject({ total: 2, limit: 1, offset: 0 })
    expect(body.results[0].matches.map((match: { institution: string }) => match.institution)).toEqual(['columbia'])
    expect((await context.app.inject('/v1/crosswalk?seniority=3&limit=101')).statusCode).toBe(400)
  })
})
