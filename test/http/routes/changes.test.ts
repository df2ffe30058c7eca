import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'
import { documentAs, seedDocument } from '../../helpers/documents.js'
import { getJson } from '../../helpers/http.js'
import { bearer, createTestKeys } from '../../helpers/keys.js'

const context = useTestApp()

interface Change {
  id: number
  at: string
  keyName: string
  institution: string
  kind: string
  versionBefore: string
  versionAfter: string
}

const get = (url: string) => getJson(context.app, url)

let seedVersion = ''
let log: Change[] = []

// Four writes by two keys: create yale, delete yale (the data is back at the seed version),
// replace missouri, create brown.
beforeAll(async () => {
  const keys = createTestKeys(context.app)
  const other = createTestKeys(context.app, 'other')
  seedVersion = (await get('/readyz')).body.dataVersion
  const send = async (method: 'PUT' | 'DELETE', slug: string, key: string, payload?: object) => {
    const response = await context.app.inject({
      method,
      url: `/v1/institutions/${slug}`,
      headers: bearer(key),
      ...(payload ? { payload } : {}),
    })
    expect(response.statusCode).toBeLessThan(300)
  }
  const missouri = seedDocument('missouri')
  missouri.notes = ['corrected']
  await send('PUT', 'yale', keys.write, documentAs('yale'))
  await send('DELETE', 'yale', keys.write)
  await send('PUT', 'missouri', other.write, missouri)
  await send('PUT', 'brown', other.write, documentAs('brown'))
  log = (await get('/v1/changes')).body.items
})

describe('GET /v1/changes', () => {
  it('lists every write oldest first: key name, time, institution, kind, versions before and after', async () => {
    const { response, body } = await get('/v1/changes')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(body).toMatchObject({ total: 4, limit: 20, offset: 0 })
    expect(body.items.map((change: Change) => [change.id, change.keyName, change.institution, change.kind])).toEqual([
      [1, 'test-writer', 'yale', 'create'],
      [2, 'test-writer', 'yale', 'delete'],
      [3, 'other-writer', 'missouri', 'replace'],
      [4, 'other-writer', 'brown', 'create'],
    ])
    expect(body.items[0].versionBefore).toBe(seedVersion)
    body.items.slice(1).forEach((change: Change, i: number) => {
      expect(change.versionBefore).toBe(body.items[i].versionAfter)
    })
    expect(body.items[3].versionAfter).toBe((await get('/readyz')).body.dataVersion)
    const times = body.items.map((change: Change) => change.at)
    expect(times).toEqual([...times].sort())
    expect(times[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  })

  it('since a data version: the changes made after the data was at it', async () => {
    expect((await get(`/v1/changes?since=${log[0]?.versionAfter}`)).body.items).toEqual(log.slice(1))
    expect((await get(`/v1/changes?since=${log[2]?.versionAfter}`)).body.items).toEqual(log.slice(3))
    const current = await get(`/v1/changes?since=${log[3]?.versionAfter}`)
    expect(current.response.statusCode).toBe(200)
    expect(current.body).toMatchObject({ items: [], total: 0, limit: 20, offset: 0 })
  })

  it('since a version the data held twice: from its first appearance, repeating rather than skipping', async () => {
    expect(log[1]?.versionAfter).toBe(seedVersion)
    expect((await get(`/v1/changes?since=${seedVersion}`)).body.items).toEqual(log)
  })

  it('answers 404 problem+json for a version the log never saw', async () => {
    const { response, body } = await get('/v1/changes?since=0123456789abcdef')
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(body).toMatchObject({ status: 404, code: 'unknown-version' })
  })

  it('since a time: the changes at or after it', async () => {
    expect((await get('/v1/changes?since=2000-01-01')).body.total).toBe(4)
    expect((await get('/v1/changes?since=2000-01-01T00:00:00%2B01:00')).body.total).toBe(4)
    expect((await get('/v1/changes?since=2999-12-31T23:59:59Z')).body).toMatchObject({ items: [], total: 0 })
    const last = log[3]
    const fromLast = (await get(`/v1/changes?since=${last?.at}`)).body.items
    expect(fromLast.at(-1)).toEqual(last)
    expect(fromLast.every((change: Change) => change.at >= (last?.at ?? ''))).toBe(true)
  })

  it.each([
    ['a word', 'yesterday'],
    ['a time without a zone', '2024-01-01T10:00:00'],
    ['an impossible date', '2024-13-45'],
    ['a short hash', 'abc123'],
  ])('answers 400 naming since for %s', async (_name, since) => {
    const { response, body } = await get(`/v1/changes?since=${since}`)
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(body).toMatchObject({ code: 'invalid-parameter', errors: [{ location: 'querystring', name: 'since' }] })
  })

  it('pages with limit and offset, total and a Link header, and refuses a limit over 100', async () => {
    const first = await get('/v1/changes?limit=3')
    expect(first.body).toMatchObject({ total: 4, limit: 3, offset: 0 })
    expect(first.body.items).toEqual(log.slice(0, 3))
    expect(first.response.headers.link).toBe('</v1/changes?limit=3&offset=3>; rel="next"')
    const second = await get('/v1/changes?limit=3&offset=3')
    expect(second.body.items).toEqual(log.slice(3))
    expect(second.response.headers.link).toBe('</v1/changes?limit=3&offset=0>; rel="prev"')
    const tooMany = await get('/v1/changes?limit=101')
    expect(tooMany.response.statusCode).toBe(400)
    expect(tooMany.body).toMatchObject({
      code: 'invalid-parameter',
      errors: [{ location: 'querystring', name: 'limit' }],
    })
  })

  it('needs no key', async () => {
    const { response } = await get('/v1/changes')
    expect(response.statusCode).toBe(200)
  })
})
