import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'
import { parseCsv } from '../../helpers/csv.js'

const context = useTestApp()

function post(payload: unknown, url = '/v1/crosswalk/batch') {
  return context.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  })
}

describe('POST /v1/crosswalk/batch', () => {
  it('answers every item in input order, each with its results or its own problem', async () => {
    const response = await post({
      items: [
        { from: 'harvard', grade: '57' },
        { from: 'harvard', grade: '999' },
        { seniority: 4 },
        'not an item',
        { from: 'new-mexico', jobCode: 'ieup17' },
        { from: 'harvard', grade: '57', jobCode: '10657P' },
        { level: 'columbia.service-specialist' },
        { from: 'atlantis', grade: '1' },
        { from: 'harvard', grade: '57', colour: 'blue' },
      ],
      to: ['columbia'],
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(response.headers['server-timing']).toMatch(/^batch;dur=\d+\.\d$/)
    const body = response.json()
    expect(body.total).toBe(9)
    expect(body.failed).toBe(5)
    const [grade57, unknownGrade, seniority, notAnItem, jobCode, conflict, level, unknownFrom, unknownField] =
      body.items
    expect(grade57.results.map((result: { source: { level: { id: string } } }) => result.source.level.id)).toEqual([
      'harvard.10657P',
      'harvard.10657M',
    ])
    expect(grade57.results[0].matches[0]).toEqual({
      institution: 'columbia',
      grade: { id: 'columbia.12', code: '12', label: 'Grade 12' },
      levels: [{ id: 'columbia.service-specialist', title: 'Service Specialist' }],
      delta: 0,
      relation: 'exact',
      score: 1,
    })
    expect(unknownGrade).toEqual({
      type: '/problems/unknown-grade',
      title: 'Unknown grade',
      status: 404,
      detail: 'Harvard has no grade "999". Known: 57, 58, 59, 60.',
      code: 'unknown-grade',
      errors: [
        { location: 'body', path: '/items/1/grade', message: 'Harvard has no grade "999". Known: 57, 58, 59, 60.' },
      ],
    })
    expect(seniority.results[0].source).toEqual({
      institution: null,
      grade: null,
      level: null,
      seniority: { value: 4, min: 4, max: 4 },
    })
    expect(seniority.results[0].matches[0].grade.code).toBe('13')
    expect(notAnItem).toMatchObject({
      status: 400,
      code: 'invalid-parameter',
      errors: [{ location: 'body', path: '/items/3', message: 'must be an object' }],
    })
    expect(jobCode.results[0].matches[0].grade.code).toBe('12')
    expect(conflict).toMatchObject({ status: 400, code: 'conflicting-parameters' })
    expect(conflict.errors.map((error: { path: string }) => error.path)).toEqual(['/items/5/grade', '/items/5/jobCode'])
    expect(level.results[0].source.level).toEqual({ id: 'columbia.service-specialist', title: 'Service Specialist' })
    // As in the GET, a target named in to is answered even when it is the source's own institution.
    expect(level.results[0].matches[0]).toMatchObject({ institution: 'columbia', relation: 'exact', delta: 0 })
    expect(unknownFrom).toMatchObject({ status: 404, code: 'unknown-institution', errors: [{ path: '/items/7/from' }] })
    expect(unknownField).toMatchObject({
      status: 400,
      code: 'invalid-parameter',
      detail: 'Item 8: colour: unknown field "colour".',
      errors: [{ location: 'body', path: '/items/8/colour', message: 'unknown field "colour"' }],
    })
  })

  it('gives the GET’s own result with detail=full, in the query or the body', async () => {
    const get = await context.app.inject({
      method: 'GET',
      url: '/v1/crosswalk?from=harvard&grade=57&to=columbia,missouri',
    })
    const items = [{ from: 'harvard', grade: 57 }]
    const byQuery = await post({ items, to: ['columbia', 'missouri'] }, '/v1/crosswalk/batch?detail=full')
    const byBody = await post({ items, to: ['columbia', 'missouri'], detail: 'full' })
    expect(byQuery.statusCode).toBe(200)
    expect(byQuery.json().items[0]).toEqual({ results: get.json().results })
    expect(byBody.json().items[0]).toEqual({ results: get.json().results })
    expect(byBody.json().items[0].results[0].matches[0].rationale).toMatch(/exact match/)
  })

  it('keeps the essentials small: no rationale and no sources by default', async () => {
    const body = (await post({ items: [{ from: 'missouri', grade: 'IT4' }] })).json()
    const [match] = body.items[0].results[0].matches
    expect(Object.keys(match)).toEqual(['institution', 'grade', 'levels', 'delta', 'relation', 'score'])
    expect(body.items[0].results[0].matches).toHaveLength(4)
  })

  it('applies to and track to every item, and maps to every other institution without to', async () => {
    const same = (await post({ items: [{ from: 'harvard', jobCode: '10657M' }], to: ['columbia'] })).json()
    const any = (await post({ items: [{ from: 'harvard', jobCode: '10657M' }], to: ['columbia'], track: 'any' })).json()
    expect(same.items[0].results[0].matches[0].grade.code).toBe('14')
    expect(any.items[0].results[0].matches[0].grade.code).toBe('13')
    const all = (await post({ items: [{ from: 'north-carolina', grade: 'journey' }], order: 'catalog' })).json()
    expect(all.items[0].results[0].matches.map((match: { institution: string }) => match.institution)).toEqual([
      'columbia',
      'harvard',
      'missouri',
      'new-mexico',
    ])
  })

  it('answers repeated items alike, and a repeated bad item with its own position', async () => {
    const body = (
      await post({
        items: [
          { from: 'columbia', grade: '13' },
          { from: 'x-y', grade: '1' },
          { from: 'columbia', grade: '13' },
          { from: 'x-y', grade: '1' },
        ],
      })
    ).json()
    expect(body.items[2]).toEqual(body.items[0])
    expect(body.items[1].errors[0].path).toBe('/items/1/from')
    expect(body.items[3].errors[0].path).toBe('/items/3/from')
  })

  it('answers an empty batch with no entries', async () => {
    const response = await post({ items: [] })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ items: [], total: 0, failed: 0 })
  })

  it('fails the whole batch on an unknown institution in to', async () => {
    const response = await post({ items: [{ seniority: 3 }], to: ['columbia', 'atlantis'] })
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(response.json()).toMatchObject({ code: 'unknown-institution', errors: [{ location: 'body', path: '/to' }] })
  })
})

describe('POST /v1/crosswalk/batch beside other requests', () => {
  it('lets a small GET that arrives during a 10,000-item batch be answered before the batch is', async () => {
    const app = context.app
    const crosswalk = app.levelmap.current.crosswalk
    const resolve = crosswalk.resolve
    const finished: string[] = []
    let get: Promise<void> | undefined
    // The GET is sent once the batch is being answered (its first item resolved).
    crosswalk.resolve = (input) => {
      get ??= app.inject('/v1/scale').then((response) => {
        expect(response.statusCode).toBe(200)
        finished.push('get')
      })
      return resolve(input)
    }
    // Many distinct items (every seniority step, grades and levels), so the batch has work to do.
    const pool = [
      ...Array.from({ length: 25 }, (_, i) => ({ seniority: 1 + i / 4 })),
      ...['54', '55', '56', '57', '58', '59', '60'].map((grade) => ({ from: 'harvard', grade })),
      { level: 'columbia.service-specialist' },
    ]
    try {
      const batch = post({ items: Array.from({ length: 10_000 }, (_, i) => pool[i % pool.length]) }).then(
        (response) => {
          expect(response.statusCode).toBe(200)
          expect(response.json().total).toBe(10_000)
          finished.push('batch')
        },
      )
      await batch
      await get
    } finally {
      crosswalk.resolve = resolve
    }
    expect(finished).toEqual(['get', 'batch'])
  })
})

describe('POST /v1/crosswalk/batch limits', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ from: 'harvard', grade: String(57 + (i % 4)) }))

  it('answers 10,000 items, one entry each', async () => {
    const response = await post({ items: items(10_000), to: ['columbia'] })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.items).toHaveLength(10_000)
    expect(body.failed).toBe(0)
    expect(body.items[9_999].results[0].source.grade.code).toBe('60')
  })

  it('answers 10,001 items with 413 problem+json naming the limit', async () => {
    const response = await post({ items: items(10_001) })
    expect(response.statusCode).toBe(413)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(response.json()).toEqual({
      type: '/problems/too-many-items',
      title: 'Too many items',
      status: 413,
      detail: 'A batch holds at most 10,000 items; this one has 10,001. Split it.',
      code: 'too-many-items',
    })
  })

  it('answers a body over the byte limit with 413 naming both limits', async () => {
    const response = await post({ items: [{ level: `harvard.${'x'.repeat(5_000_000)}` }] })
    expect(response.statusCode).toBe(413)
    expect(response.json()).toMatchObject({
      code: 'payload-too-large',
      detail:
        'The request body is larger than the limit of 4,194,304 bytes. A batch is { items: [...], to?, track?, order?, detail? } with at most 10,000 items.',
    })
  })

  it.each([
    ['no items', { to: ['columbia'] }, "Invalid body: must have required property 'items'."],
    ['items that are not a list', { items: { from: 'harvard' } }, 'Invalid body: must be array.'],
    ['an unknown field', { items: [], colour: 'blue' }, 'Invalid body: unknown field "colour".'],
    ['a list instead of an object', [{ from: 'harvard', grade: '57' }], 'Invalid body: must be object.'],
  ])('answers a body with %s with 400 problem+json that gives the shape and the limit', async (_, payload, start) => {
    const response = await post(payload)
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(response.json()).toMatchObject({
      code: 'invalid-parameter',
      detail: `${start} A batch is { items: [...], to?, track?, order?, detail? } with at most 10,000 items.`,
    })
  })

  it('answers malformed JSON with 400 problem+json', async () => {
    const response = await post('{"items": [')
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(response.json()).toMatchObject({ status: 400, code: 'bad-request' })
  })
})

describe('POST /v1/crosswalk/batch: refs and CSV', () => {
  const items = [
    { ref: 'emp-1', from: 'harvard', grade: 57 },
    { ref: 'emp-2', from: 'harvard', grade: '57' },
    { from: 'harvard', grade: 57 },
    { ref: 'emp-4', form: 'harvard', grade: 57 },
    { ref: 'emp-5', seniority: 4 },
  ]

  it('echoes each item’s ref in its entry, answered or failed, and repeats the shared results', async () => {
    const response = await post({ items, to: ['columbia'] })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.failed).toBe(1)
    const [first, second, third, typo, seniority] = body.items
    expect(first.ref).toBe('emp-1')
    expect(second.ref).toBe('emp-2')
    expect(third.ref).toBeUndefined()
    expect(second.results).toEqual(first.results)
    expect(third.results).toEqual(first.results)
    expect(typo).toMatchObject({ ref: 'emp-4', code: 'invalid-parameter', status: 400 })
    expect(typo.errors).toContainEqual({ location: 'body', path: '/items/3/form', message: 'unknown field "form"' })
    expect(seniority.ref).toBe('emp-5')
  })

  it('answers CSV, one row per match and one per failed item, by format=csv or Accept', async () => {
    const response = await post({ items, to: ['columbia', 'new-mexico'] }, '/v1/crosswalk/batch?format=csv')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    const rows = parseCsv(response.body)
    const header = rows[0] ?? []
    expect(header.slice(0, 3)).toEqual(['item', 'ref', 'sourceInstitution'])
    expect(header.at(-1)).toBe('problem')
    const column = (name: string) => header.indexOf(name)
    const ofItem = (index: number) => rows.slice(1).filter((row) => row[0] === String(index))
    // Harvard grade 57 holds two jobs; two targets each.
    expect(ofItem(0)).toHaveLength(4)
    expect(ofItem(0).map((row) => row[column('ref')])).toEqual(['emp-1', 'emp-1', 'emp-1', 'emp-1'])
    expect(ofItem(1).map((row) => row.slice(2))).toEqual(ofItem(0).map((row) => row.slice(2)))
    expect(ofItem(2)[0]?.[column('ref')]).toBe('')
    expect(ofItem(3)).toHaveLength(1)
    expect(ofItem(3)[0]?.[column('problem')]).toMatch(/^invalid-parameter: /)
    expect(ofItem(0).find((row) => row[column('targetInstitution')] === 'columbia')?.[column('targetGrade')]).toBe('12')
    const byAccept = await context.app.inject({
      method: 'POST',
      url: '/v1/crosswalk/batch',
      headers: { 'content-type': 'application/json', accept: 'text/csv' },
      payload: JSON.stringify({ items, to: ['columbia', 'new-mexico'] }),
    })
    expect(byAccept.body).toBe(response.body)
    const marked = await post({ items: [{ seniority: 3 }] }, '/v1/crosswalk/batch?format=csv&bom=true')
    expect([...marked.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })
})
