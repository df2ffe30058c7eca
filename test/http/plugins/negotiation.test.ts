// Negotiation: the representation a GET under /v1 is answered in, and the 406 that comes only
// after a resource is known to exist.
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'
import { getRaw } from '../../helpers/http.js'

const context = useTestApp()

const get = (url: string, headers: Record<string, string> = {}) => getRaw(context.app, url, headers)

describe('negotiation', () => {
  it('answers 406 problem+json when the Accept header allows nothing the resource offers', async () => {
    const response = await get('/v1/scale', { accept: 'text/html' })
    expect(response.statusCode).toBe(406)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(response.json()).toMatchObject({
      status: 406,
      code: 'not-acceptable',
      detail: 'This resource is available as application/json; the Accept header allows none of them.',
      errors: [{ location: 'headers', name: 'accept' }],
    })
  })

  it('answers a missing resource 404 whatever Accept says, and carries Vary on the 406', async () => {
    const missing = await get('/v1/levels/harvard.nope', { accept: 'text/html' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().code).toBe('unknown-level')
    const refused = await get('/v1/levels?institution=harvard', { accept: 'image/png' })
    expect(refused.statusCode).toBe(406)
    expect(refused.headers.vary).toBe('Accept, Accept-Encoding')
    expect(refused.headers.link).toBeUndefined()
    expect(refused.headers.etag).toBeUndefined()
  })

  it('picks CSV or NDJSON by Accept or format=, and the same Accept header again gives the same answer', async () => {
    for (let round = 0; round < 2; round++) {
      expect((await get('/v1/levels?limit=1', { accept: 'text/csv' })).headers['content-type']).toBe(
        'text/csv; charset=utf-8',
      )
      expect((await get('/v1/levels?limit=1&format=ndjson')).headers['content-type']).toBe(
        'application/x-ndjson; charset=utf-8',
      )
      expect((await get('/v1/levels?limit=1', { accept: 'text/html, */*;q=0.1' })).headers['content-type']).toBe(
        'application/json; charset=utf-8',
      )
    }
  })
})
