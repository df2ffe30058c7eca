// The order of a crosswalk's matches: best first (score, then distance, then institution name)
// unless the caller asks for catalog order, on the GET (JSON and CSV, page by page) and the batch.
// A new institution takes its place by how well it matches, not by where its slug sorts.
import { beforeAll, describe, expect, it } from 'vitest'
import { compareMatches } from '../../../src/crosswalk/rule.js'
import { useTestApp } from '../../helpers/app.js'
import { parseCsv } from '../../helpers/csv.js'
import { documentAs } from '../../helpers/documents.js'
import { getJson, getRaw, putDocument } from '../../helpers/http.js'
import { createTestKeys } from '../../helpers/keys.js'

const context = useTestApp()

interface Match {
  institution: string
  score: number
  delta: number
}

const slugs = (matches: Match[]) => matches.map((match) => match.institution)

describe('GET /v1/crosswalk lists matches best first', () => {
  it('orders each result by score, then distance, then institution name', async () => {
    const { body } = await getJson(context.app, '/v1/crosswalk?from=harvard&grade=57')
    const [professional, manager] = body.results as { matches: Match[] }[]
    expect(slugs(professional?.matches ?? [])).toEqual(['columbia', 'new-mexico', 'missouri', 'north-carolina'])
    expect(slugs(manager?.matches ?? [])).toEqual(['new-mexico', 'missouri', 'north-carolina', 'columbia'])
    const { catalog } = context.app.levelmap.current
    for (const result of body.results as { matches: Match[] }[]) {
      const ranked = result.matches.map((match) => ({
        ...match,
        institution: catalog.institutionBySlug.get(match.institution) as { name: string; slug: string },
      }))
      for (let i = 1; i < ranked.length; i++) {
        expect(compareMatches(ranked[i - 1] as never, ranked[i] as never)).toBeLessThan(0)
      }
    }
  })

  it('ranks the institutions named in `to` too, and keeps their order with order=catalog', async () => {
    const best = await getJson(context.app, '/v1/crosswalk?from=harvard&grade=58&to=new-mexico,columbia')
    expect(slugs(best.body.results[0].matches)).toEqual(['columbia', 'new-mexico'])
    const given = await getJson(context.app, '/v1/crosswalk?from=harvard&grade=58&to=new-mexico,columbia&order=catalog')
    expect(slugs(given.body.results[0].matches)).toEqual(['new-mexico', 'columbia'])
  })

  it('pages each result’s ranking: the pages never overlap and together are the whole ranking', async () => {
    const whole = (await getJson(context.app, '/v1/crosswalk?from=harvard&grade=57')).body.results as {
      matches: Match[]
    }[]
    for (const limit of [1, 2, 3]) {
      const paged: string[][] = whole.map(() => [])
      for (let offset = 0; offset < 4; offset += limit) {
        const page = await getJson(context.app, `/v1/crosswalk?from=harvard&grade=57&limit=${limit}&offset=${offset}`)
        expect(page.body).toMatchObject({ total: 4, limit, offset })
        page.body.results.forEach((result: { matches: Match[] }, index: number) => {
          paged[index]?.push(...slugs(result.matches))
        })
      }
      expect(paged).toEqual(whole.map((result) => slugs(result.matches)))
    }
  })

  it('writes the CSV rows in the same order', async () => {
    const csv = await getRaw(context.app, '/v1/crosswalk?from=harvard&grade=57&format=csv')
    const [header, ...rows] = parseCsv(csv.body)
    const column = (header as string[]).indexOf('targetInstitution')
    const level = (header as string[]).indexOf('sourceLevel')
    const professional = rows.filter((row) => row[level] === 'harvard.10657P').map((row) => row[column])
    expect(professional).toEqual(['columbia', 'new-mexico', 'missouri', 'north-carolina'])
  })

  it('refuses an unknown order with the values it allows', async () => {
    const response = await getRaw(context.app, '/v1/crosswalk?from=harvard&grade=57&order=name')
    expect(response.statusCode).toBe(400)
    expect(response.json().errors).toEqual([
      { location: 'querystring', name: 'order', message: 'must be one of: best, catalog' },
    ])
  })
})

describe('POST /v1/crosswalk/batch lists matches best first', () => {
  it('orders each item’s matches best first, or in catalog order when asked', async () => {
    const post = (payload: object) =>
      context.app.inject({ method: 'POST', url: '/v1/crosswalk/batch', payload }).then((response) => response.json())
    const items = [{ from: 'harvard', grade: 57 }]
    const best = await post({ items })
    expect(slugs(best.items[0].results[0].matches)).toEqual(['columbia', 'new-mexico', 'missouri', 'north-carolina'])
    const catalog = await post({ items, order: 'catalog' })
    expect(slugs(catalog.items[0].results[0].matches)).toEqual(['columbia', 'missouri', 'new-mexico', 'north-carolina'])
  })
})

describe('a new institution in the crosswalk', () => {
  beforeAll(async () => {
    // A copy of Missouri whose slug and name sort before every other institution.
    const keys = createTestKeys(context.app)
    const document = { ...documentAs('aardvark'), name: 'Aardvark State University' }
    expect((await putDocument(context.app, 'aardvark', document, keys.write)).statusCode).toBe(201)
  })

  it('does not displace Columbia as matches[0] for Harvard 57’s professional job', async () => {
    const { body } = await getJson(context.app, '/v1/crosswalk?from=harvard&grade=57')
    expect(body.results[0].source.level.id).toBe('harvard.10657P')
    expect(body.results[0].matches[0]).toMatchObject({
      institution: 'columbia',
      grade: { code: '12' },
      relation: 'exact',
    })
    expect(slugs(body.results[0].matches)).toEqual(['columbia', 'new-mexico', 'aardvark', 'missouri', 'north-carolina'])
    // In catalog order it would have been first.
    const catalog = await getJson(context.app, '/v1/crosswalk?from=harvard&grade=57&order=catalog')
    expect(catalog.body.results[0].matches[0].institution).toBe('aardvark')
  })
})
