import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'
import { expectProblem, getJson } from '../../helpers/http.js'

const context = useTestApp()

const get = (url: string) => getJson(context.app, url)

describe('GET /v1/scale', () => {
  it('lists the points in order, each with its descriptor and the grades placed on it', async () => {
    const { response, body } = await get('/v1/scale')
    expect(response.statusCode).toBe(200)
    expect(body.points.map((point: { value: number }) => point.value)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(body.calibration).toMatchObject({ seniority: 3 })
    const career = body.points[2]
    expect(Object.keys(career.descriptor)).toEqual(['experience', 'autonomy', 'complexity', 'leadership'])
    const atPoint = career.grades
      .filter((grade: { placedAt: string }) => grade.placedAt === 'point')
      .map((grade: { grade: { id: string } }) => grade.grade.id)
    expect(atPoint).toEqual(expect.arrayContaining(['harvard.57', 'columbia.12', 'new-mexico.IC']))
  })

  it('shows a broad band on every point it covers (Missouri IT2 spans 1–2)', async () => {
    const { body } = await get('/v1/scale')
    const placements = (value: number) =>
      body.points[value - 1].grades.filter((grade: { grade: { id: string } }) => grade.grade.id === 'missouri.IT2')
    expect(placements(1)).toMatchObject([{ placedAt: 'point', seniority: { value: 1, min: 1, max: 2 } }])
    expect(placements(2)).toMatchObject([{ placedAt: 'band' }])
    expect(placements(3)).toEqual([])
  })
})

describe('GET /v1/institutions', () => {
  it('lists the five institutions with their source and effective date', async () => {
    const { response, body } = await get('/v1/institutions')
    expect(response.statusCode).toBe(200)
    expect(body.total).toBe(5)
    expect(body.items.map((item: { slug: string }) => item.slug)).toEqual([
      'columbia',
      'harvard',
      'missouri',
      'new-mexico',
      'north-carolina',
    ])
    const missouri = body.items[2]
    expect(missouri).toMatchObject({
      effectiveDate: '2020-07-01',
      source: { file: '001_31c9c880f449cd9f.txt', employerNamed: false },
      counts: { grades: 4, families: 1, levels: 4 },
    })
    expect(missouri.source.identification).toMatch(/inferred/i)
  })

  it('gives one institution its grades in pay order with placements, and its families', async () => {
    const { body } = await get('/v1/institutions/harvard')
    expect(body.grades.map((grade: { code: string }) => grade.code)).toEqual(['57', '58', '59', '60'])
    expect(body.grades[0]).toMatchObject({ aliases: ['057'], seniority: { value: 3 } })
    expect(body.grades[0].levels.map((level: { id: string }) => level.id)).toEqual(['harvard.10657P', 'harvard.10657M'])
    expect(body.grades[0].rationale.length).toBeGreaterThan(100)
    expect(body.families.map((family: { id: string }) => family.id)).toEqual([
      'harvard.user-support-professional',
      'harvard.user-support-management',
    ])
    expect(body.effectiveDate).toBe('2020-04')
  })

  it('answers 404 problem+json for an unknown slug and 400 for a malformed one', async () => {
    const unknown = await get('/v1/institutions/yale')
    expect(unknown.response.statusCode).toBe(404)
    expect(unknown.response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(unknown.body).toMatchObject({ status: 404, code: 'unknown-institution' })
    const malformed = await get('/v1/institutions/Not_A_Slug')
    expect(malformed.response.statusCode).toBe(400)
    expect(malformed.body).toMatchObject({ code: 'invalid-parameter', errors: [{ location: 'params', name: 'slug' }] })
  })
})

describe('GET /v1/families', () => {
  it('lists every family, or one institution’s', async () => {
    const all = await get('/v1/families')
    expect(all.body.total).toBe(6)
    const harvard = await get('/v1/families?institution=harvard')
    expect(harvard.body.items.map((family: { id: string }) => family.id)).toEqual([
      'harvard.user-support-professional',
      'harvard.user-support-management',
    ])
    const unknown = await get('/v1/families?institution=yale')
    expect(unknown.response.statusCode).toBe(404)
  })

  it('gives one family with its levels in pay order', async () => {
    const { response, body } = await get('/v1/families/columbia.service-specialists-client-solutions')
    expect(response.statusCode).toBe(200)
    expect(body.levels.map((level: { grade: string }) => level.grade)).toEqual(['10', '11', '12', '13', '14', '14'])
    const missing = await get('/v1/families/columbia.nothing')
    expect(missing.response.statusCode).toBe(404)
    expect(missing.body.code).toBe('unknown-family')
  })
})

describe('GET /v1/levels', () => {
  it('pages through all 24 levels with total in the body and Link headers', async () => {
    const first = await get('/v1/levels?limit=10')
    expect(first.body).toMatchObject({ total: 24, limit: 10, offset: 0 })
    expect(first.body.items).toHaveLength(10)
    expect(first.response.headers.link).toBe('</v1/levels?limit=10&offset=10>; rel="next"')
    const last = await get('/v1/levels?limit=10&offset=20')
    expect(last.body.items).toHaveLength(4)
    expect(last.response.headers.link).toBe('</v1/levels?limit=10&offset=10>; rel="prev"')
    const ids = new Set(
      [...first.body.items, ...(await get('/v1/levels?limit=10&offset=10')).body.items, ...last.body.items].map(
        (level) => level.id,
      ),
    )
    expect(ids.size).toBe(24)
  })

  it.each([
    ['institution=new-mexico', 5],
    ['institution=harvard&track=management', 4],
    ['track=management', 9],
    ['grade=057', 2],
    ['institution=harvard&grade=57', 2],
    ['jobCode=ieup17', 1],
    ['family=missouri.technical-support', 4],
    ['seniorityMin=6', 4],
    ['seniorityMin=3&seniorityMax=3', 5],
  ])('filters by %s', async (query, count) => {
    const { response, body } = await get(`/v1/levels?${query}&limit=100`)
    expect(response.statusCode).toBe(200)
    expect(body.total).toBe(count)
    expect(body.items).toHaveLength(count)
  })

  it('gives one level with its qualifications, duties and sources', async () => {
    const { body } = await get('/v1/levels/harvard.10657M')
    expect(body).toMatchObject({
      id: 'harvard.10657M',
      jobCode: '10657M',
      grade: { id: 'harvard.57', code: '57' },
      track: 'management',
      flsa: 'exempt',
      seniority: { value: 4, min: 3, max: 4 },
      experience: { minYears: 2 },
    })
    expect(
      body.sources.some((source: { correction?: { reads: string } }) => source.correction?.reads === 'I0657M'),
    ).toBe(true)
  })

  it.each([
    ['/v1/levels?limit=101', 400, 'invalid-parameter', 'limit'],
    ['/v1/levels?limit=0', 400, 'invalid-parameter', 'limit'],
    ['/v1/levels?offset=-1', 400, 'invalid-parameter', 'offset'],
    ['/v1/levels?track=executive', 400, 'invalid-parameter', 'track'],
    ['/v1/levels?seniorityMin=5&seniorityMax=2', 400, 'conflicting-parameters', 'seniorityMin'],
    // The problem codes tell these from a missing route, which would answer 404 not-found.
    ['/v1/levels?institution=yale', 404, 'unknown-institution', undefined],
    ['/v1/levels/harvard.99999', 404, 'unknown-level', undefined],
  ])('%s answers %i %s', async (url, status, code, name) => {
    expectProblem((await get(url)).response, status, code, name)
  })
})

describe('health and unknown routes', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await get('/healthz')).body).toEqual({ status: 'ok' })
    const ready = await get('/readyz')
    expect(ready.response.statusCode).toBe(200)
    expect(ready.body).toMatchObject({ status: 'ready', levels: 24 })
    expect(ready.body.dataVersion).toMatch(/^[0-9a-f]{16}$/)
  })

  it('answers an unknown route with a 404 problem, and describes problem types', async () => {
    const missing = await get('/v2/anything')
    expect(missing.response.statusCode).toBe(404)
    expect(missing.body).toMatchObject({ type: '/problems/not-found', code: 'not-found', status: 404 })
    const described = await get('/problems/unknown-grade')
    expect(described.body).toMatchObject({ code: 'unknown-grade', status: 404 })
  })
})

describe('numbers that are not written as JSON numbers', () => {
  it.each([
    '/v1/levels?limit=Infinity',
    '/v1/levels?seniorityMin=-Infinity',
    '/v1/crosswalk?seniority=Infinity',
    '/v1/changes?limit=0x10',
    '/v1/levels?limit=',
    '/v1/levels?limit=%205',
    '/v1/crosswalk?seniority=1e309',
  ])('%s answers 400 naming the parameter', async (url) => {
    const { response, body } = await get(url)
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(body.code).toBe('invalid-parameter')
    expect(body.errors[0].message).toBe('must be a decimal number')
  })
})
