import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'

const context = useTestApp()

describe('GET /v1/meta', () => {
  it('gives the data version, counts, and each institution’s effective date and source', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/v1/meta' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    const body = response.json()
    expect(body.dataVersion).toBe(context.app.levelmap.current.catalog.version)
    expect(body.dataVersion).toMatch(/^[0-9a-f]{16}$/)
    expect(body.scale).toEqual({ id: 'levelmap-seniority', version: '1', points: 7 })
    expect(body.counts).toEqual({ institutions: 5, families: 6, grades: 21, levels: 24 })
    expect(body.institutions.map((institution: { slug: string }) => institution.slug)).toEqual([
      'columbia',
      'harvard',
      'missouri',
      'new-mexico',
      'north-carolina',
    ])
    expect(body.institutions[2]).toEqual({
      slug: 'missouri',
      name: expect.stringContaining('Missouri'),
      effectiveDate: '2020-07-01',
      source: { file: '001_31c9c880f449cd9f.txt', title: expect.any(String), employerNamed: false },
    })
  })

  it('matches the version /readyz reports', async () => {
    const meta = (await context.app.inject({ method: 'GET', url: '/v1/meta' })).json()
    const ready = (await context.app.inject({ method: 'GET', url: '/readyz' })).json()
    expect(meta.dataVersion).toBe(ready.dataVersion)
  })
})
