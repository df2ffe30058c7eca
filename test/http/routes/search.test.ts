import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'

const context = useTestApp()

async function search(query: Record<string, string>) {
  const response = await context.app.inject({ method: 'GET', url: '/v1/search', query })
  return { response, body: response.json() }
}

interface Hit {
  institution: string
  level: { id: string }
  field: string
  snippet: string
}

const ids = (items: Hit[]) => items.map((hit) => hit.level.id)

describe('GET /v1/search', () => {
  it('ranks a title match first and marks the matched prefixes: senior tech', async () => {
    const { response, body } = await search({ q: 'senior tech' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(body.total).toBe(3)
    expect(body.items[0]).toEqual({
      institution: 'missouri',
      level: expect.objectContaining({ id: 'missouri.senior-client-support-technician', grade: 'IT4' }),
      field: 'title',
      snippet: '<mark>Senior</mark> Client Support <mark>Tech</mark>nician',
    })
    expect(body.items.slice(1).map((hit: Hit) => hit.field)).toEqual(['duties', 'duties'])
  })

  it('finds job codes by prefix: IEUP', async () => {
    const { body } = await search({ q: 'IEUP' })
    expect(body.total).toBe(3)
    // Equal matches rank by BM25, which favours the shorter document.
    expect([...ids(body.items)].sort()).toEqual(['new-mexico.IEUP13', 'new-mexico.IEUP15', 'new-mexico.IEUP17'])
    expect(body.items.every((hit: Hit) => hit.field === 'jobCode')).toBe(true)
    expect(body.items[0]).toMatchObject({ snippet: '<mark>IEUP</mark>13' })
    const lower = await search({ q: 'ieus' })
    expect(ids(lower.body.items)).toEqual(['new-mexico.IEUS20'])
  })

  it('matches parts of words in titles and family names: service spec', async () => {
    const { body } = await search({ q: 'service spec' })
    expect(body.total).toBe(6)
    expect(body.items.every((hit: Hit) => hit.institution === 'columbia')).toBe(true)
    expect(body.items.slice(0, 5).map((hit: Hit) => hit.field)).toEqual(['title', 'title', 'title', 'title', 'title'])
    expect(body.items[5]).toMatchObject({
      level: { id: 'columbia.manager-client-solutions-email-systems' },
      field: 'family',
      snippet: '<mark>Service</mark> <mark>Spec</mark>ialists - Client Solutions',
    })
  })

  it('cuts a long duty around the first match', async () => {
    const { body } = await search({ q: 'day-to-day operations', institution: 'missouri' })
    const hit = body.items[0] as Hit
    expect(hit.field).toBe('duties')
    expect(hit.snippet).toContain('<mark>day-to-day</mark> <mark>operations</mark>')
    expect(hit.snippet.replaceAll(/<\/?mark>/g, '').length).toBeLessThanOrEqual(162)
  })

  it('matches words shorter than three characters as substrings too', async () => {
    const { body } = await search({ q: 'IT', institution: 'new-mexico' })
    expect(body.total).toBe(5)
    expect(body.items[0]).toMatchObject({ field: 'title', snippet: '<mark>IT</mark> End User Support I' })
    const mixed = await search({ q: 'tier 3', institution: 'new-mexico' })
    expect(ids(mixed.body.items)).toContain('new-mexico.IEUP17')
  })

  it('filters by institution and track', async () => {
    const managers = await search({ q: 'support', track: 'management' })
    const tracks = await Promise.all(
      (managers.body.items as Hit[]).map(
        async (hit) => (await context.app.inject({ method: 'GET', url: `/v1/levels/${hit.level.id}` })).json().tracks,
      ),
    )
    expect(tracks.length).toBeGreaterThan(0)
    expect(tracks.every((list: string[]) => list.includes('management'))).toBe(true)
    const harvard = await search({ q: 'support', institution: 'harvard' })
    expect(harvard.body.total).toBe(6)
    expect(harvard.body.items.every((hit: Hit) => hit.institution === 'harvard')).toBe(true)
    const unknown = await search({ q: 'support', institution: 'atlantis' })
    expect(unknown.response.statusCode).toBe(404)
    expect(unknown.body.code).toBe('unknown-institution')
  })

  it('pages with limit and offset, total and a Link header', async () => {
    const first = await search({ q: 'support', limit: '5' })
    const second = await search({ q: 'support', limit: '5', offset: '5' })
    expect(first.body).toMatchObject({ limit: 5, offset: 0 })
    expect(first.body.total).toBeGreaterThan(10)
    expect(first.response.headers.link).toBe('</v1/search?q=support&limit=5&offset=5>; rel="next"')
    expect(ids(second.body.items)).not.toContain(ids(first.body.items)[0])
    expect(second.body.items).toHaveLength(5)
  })

  it('answers an empty list when nothing matches', async () => {
    const { response, body } = await search({ q: 'astronaut' })
    expect(response.statusCode).toBe(200)
    expect(body).toEqual({ items: [], total: 0, limit: 20, offset: 0 })
  })
})

describe('GET /v1/search with hostile queries', () => {
  it.each([
    '"',
    '""',
    '"senior',
    'NEAR(senior tech)',
    'senior NEAR tech',
    'senior OR tech',
    'NOT senior',
    'senior AND',
    'tech*',
    '*',
    '^senior',
    '(senior tech)',
    'title:senior',
    '{title job_code}: senior',
    '-senior',
    "'; DROP TABLE jobs; --",
    '%',
    '_',
    '!',
    '\\',
    '😀😀😀',
  ])('treats %j as text: 200, never a 500', async (q) => {
    const { response, body } = await search({ q })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(typeof body.total).toBe('number')
  })

  it('finds operators as the text they are', async () => {
    const { body } = await search({ q: 'tech*' })
    expect(body.total).toBe(0)
    const or = await search({ q: 'senior OR astronaut' })
    expect(or.body.total).toBe(0)
    const dash = await search({ q: 'day-to-day' })
    expect(dash.body.total).toBeGreaterThan(0)
  })

  it.each([
    ['an empty q', '', 'q: must NOT have fewer than 1 characters'],
    ['a blank q', '   ', 'q: must hold 1 to 12 words and no control characters'],
    ['a q over 200 characters', 'a'.repeat(201), 'q: must NOT have more than 200 characters'],
    [
      'more than 12 words',
      Array.from({ length: 13 }, () => 'tech').join(' '),
      'q: must hold 1 to 12 words and no control characters',
    ],
    ['a control character', 'senior\u0000tech', 'q: must hold 1 to 12 words and no control characters'],
  ])('answers %s with 400 problem+json', async (_, q, detail) => {
    const { response, body } = await search({ q })
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(body.code).toBe('invalid-parameter')
    expect(body.detail).toContain(detail)
    expect(body.errors[0]).toMatchObject({ location: 'querystring', name: 'q' })
  })

  it('answers a missing q with 400 problem+json', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/v1/search' })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'invalid-parameter', errors: [{ name: 'q' }] })
  })
})

describe('GET /v1/search finds what people type', () => {
  const search = async (q: string) =>
    (await context.app.inject({ method: 'GET', url: `/v1/search?q=${encodeURIComponent(q)}&limit=50` })).json()
  const ids = (body: { items: { level: { id: string } }[] }) => body.items.map((item) => item.level.id)

  it('"manager" finds Harvard’s "Mgt" jobs beside the managers', async () => {
    const body = await search('manager')
    expect(ids(body)).toEqual(
      expect.arrayContaining([
        'harvard.10657M',
        'harvard.10658M',
        'harvard.10659M',
        'harvard.10660M',
        'new-mexico.IEUX26',
      ]),
    )
    const mgt = body.items.find((item: { level: { id: string } }) => item.level.id === 'harvard.10657M')
    expect(mgt).toMatchObject({ field: 'title', snippet: 'User Support <mark>Mgt</mark> III' })
  })

  it('"supervisor" ranks the supervisor first', async () => {
    expect(ids(await search('supervisor'))[0]).toBe('new-mexico.IEUS20')
  })

  it('finds inferred class codes', async () => {
    const missouri = await search('14TS40')
    expect(missouri.items).toEqual([expect.objectContaining({ field: 'inferredCode', snippet: '<mark>14TS40</mark>' })])
    expect(ids(missouri)).toEqual(['missouri.client-support-professional'])
    expect(ids(await search('12249'))).toHaveLength(3)
  })

  it('"tier 3" shows duties that say it, not the 3 of a job code', async () => {
    const body = await search('tier 3')
    expect(body.items.length).toBeGreaterThan(0)
    for (const item of body.items) expect(item.field).toBe('duties')
    const together = body.items.filter((item: { snippet: string }) => /tier<\/mark> <mark>3/i.test(item.snippet))
    expect(together.length).toBeGreaterThan(0)
    // Every level whose duties hold "tier 3" ranks before one that holds the words apart.
    const first = body.items.findIndex((item: { level: { id: string } }) => item.level.id === 'new-mexico.IEUS20')
    expect(first).toBe(body.items.length - 1)
    expect(ids(await search('IEUP13'))[0]).toBe('new-mexico.IEUP13')
  })
})
