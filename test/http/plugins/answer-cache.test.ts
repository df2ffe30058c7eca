import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it, vi } from 'vitest'
import { buildTestApp, rewriteStored, useTestApp } from '../../helpers/app.js'
import { seedDocument } from '../../helpers/documents.js'
import { getRaw, putDocument } from '../../helpers/http.js'
import { createTestKeys } from '../../helpers/keys.js'
import { eventually } from '../../helpers/wait.js'

const context = useTestApp()

const get = (url: string, headers: Record<string, string> = {}) => getRaw(context.app, url, headers)

describe('conditional GETs under /v1', () => {
  it('tags a GET with a strong ETag made of the data version, plus Vary and Cache-Control', async () => {
    const meta = (await get('/v1/meta')).json()
    const response = await get('/v1/scale')
    expect(response.statusCode).toBe(200)
    expect(response.headers.etag).toMatch(new RegExp(`^"${meta.dataVersion}-[A-Za-z0-9_-]{16}"$`))
    expect(response.headers.vary).toBe('Accept, Accept-Encoding')
    expect(response.headers['cache-control']).toBe('public, max-age=60')
  })

  it('answers 304 with no body when If-None-Match holds the current ETag', async () => {
    const first = await get('/v1/levels?institution=harvard')
    const etag = first.headers.etag as string
    const second = await get('/v1/levels?institution=harvard', { 'if-none-match': etag })
    expect(second.statusCode).toBe(304)
    expect(second.body).toBe('')
    expect(second.headers.etag).toBe(etag)
    expect(second.headers.vary).toBe('Accept, Accept-Encoding')
    expect(second.headers['cache-control']).toBe('public, max-age=60')
  })

  it('matches If-None-Match in a list, with W/, or as *', async () => {
    const etag = (await get('/v1/institutions')).headers.etag as string
    for (const header of [`"other", ${etag}`, `W/${etag}`, '*']) {
      expect((await get('/v1/institutions', { 'if-none-match': header })).statusCode, header).toBe(304)
    }
  })

  it('answers 200 with the body for a stale ETag', async () => {
    const response = await get('/v1/institutions', { 'if-none-match': '"0000000000000000-stale"' })
    expect(response.statusCode).toBe(200)
    expect(response.json().total).toBe(5)
  })

  it('gives each URL its own ETag, and HEAD the same ETag as GET', async () => {
    const harvard = await get('/v1/institutions/harvard')
    const columbia = await get('/v1/institutions/columbia')
    expect(harvard.headers.etag).not.toBe(columbia.headers.etag)
    const head = await context.app.inject({ method: 'HEAD', url: '/v1/institutions/harvard' })
    expect(head.statusCode).toBe(200)
    expect(head.headers.etag).toBe(harvard.headers.etag)
  })

  it('puts no ETag or Cache-Control on an error', async () => {
    const response = await get('/v1/institutions/atlantis')
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(response.headers.etag).toBeUndefined()
    expect(response.headers['cache-control']).toBeUndefined()
  })

  it('leaves /healthz and /readyz uncached', async () => {
    for (const url of ['/healthz', '/readyz']) {
      const response = await get(url)
      expect(response.statusCode, url).toBe(200)
      expect(response.headers.etag, url).toBeUndefined()
    }
  })

  it('changes the ETag when the data changes', async () => {
    const before = await get('/v1/scale')
    rewriteStored(context.app, 'harvard', (document) => {
      ;(document.grades[0] as { placement: { rationale: string } }).placement.rationale = 'Edited for the test.'
    })
    await context.app.levelmap.reload()
    const after = await get('/v1/scale', { 'if-none-match': before.headers.etag as string })
    expect(after.statusCode).toBe(200)
    expect(after.headers.etag).not.toBe(before.headers.etag)
  })
})

describe('the answer cache', () => {
  it('answers a repeated GET from the cache, with the same body, content type and Link header', async () => {
    const url = '/v1/levels?format=csv&limit=5'
    const first = await get(url)
    const stored = context.app.answers.size
    expect(stored).toBeGreaterThan(0)
    const lookups = vi.spyOn(context.app.answers, 'get')
    const second = await get(url)
    expect(lookups.mock.results.at(-1)?.value).toBeDefined()
    lookups.mockRestore()
    expect(context.app.answers.size).toBe(stored)
    expect(second.statusCode).toBe(200)
    expect(second.body).toBe(first.body)
    expect(second.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(second.headers.link).toBe(first.headers.link)
    expect(second.headers.etag).toBe(first.headers.etag)
  })

  it('keeps JSON and CSV of one URL apart', async () => {
    const json = await get('/v1/ladder?institutions=columbia')
    const csv = await get('/v1/ladder?institutions=columbia', { accept: 'text/csv' })
    const jsonAgain = await get('/v1/ladder?institutions=columbia')
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(jsonAgain.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(jsonAgain.body).toBe(json.body)
  })

  it('keeps no error answer', async () => {
    const before = context.app.answers.size
    await get('/v1/levels/harvard.nope')
    await get('/v1/levels/harvard.nope')
    expect(context.app.answers.size).toBe(before)
  })

  it('answers from the new data after a reload', async () => {
    const before = (await get('/v1/institutions/harvard')).json()
    rewriteStored(context.app, 'harvard', (document) => {
      ;(document.grades[1] as { placement: { rationale: string } }).placement.rationale = 'Rewritten.'
    })
    await context.app.levelmap.reload()
    const after = (await get('/v1/institutions/harvard')).json()
    expect(before.grades[1].rationale).not.toBe('Rewritten.')
    expect(after.grades[1].rationale).toBe('Rewritten.')
  })

  it('does not keep an answer that awaited the store while a write moved the change log on', async () => {
    const app = await buildTestApp()
    try {
      const keys = createTestKeys(app)
      const { store } = app
      const readChanges = store.readChanges.bind(store)
      // The first listing reads the log, then waits (as a slow PostgreSQL answer would) until released.
      let release: () => void = () => {}
      const held = new Promise<void>((resolve) => {
        release = resolve
      })
      let reached: () => void = () => {}
      const hasRead = new Promise<void>((resolve) => {
        reached = resolve
      })
      let first = true
      store.readChanges = async (from, page) => {
        const read = await readChanges(from, page)
        if (first) {
          first = false
          reached()
          await held
        }
        return read
      }
      const slow = getRaw(app, '/v1/changes')
      await hasRead
      const write = await putDocument(app, 'columbia', seedDocument('columbia'), keys.write)
      expect(write.statusCode).toBe(200)
      // Another answer starts the new generation before the slow one finishes.
      expect((await getRaw(app, '/v1/meta')).statusCode).toBe(200)
      release()
      expect((await slow).json().total).toBe(0)
      const after = await getRaw(app, '/v1/changes')
      expect(after.json().total).toBe(1)
    } finally {
      await app.close()
    }
  })

  it('sends a stored answer brotli- or gzip-compressed to a client that accepts it, under its own ETag', async () => {
    const url = '/v1/ladder?institutions=harvard,columbia'
    const plain = await get(url)
    expect(plain.headers['content-encoding']).toBeUndefined()
    // The compressed forms are made off the event loop after the first answer.
    let gzipped = await get(url, { 'accept-encoding': 'gzip' })
    await eventually(
      async () => {
        gzipped = await get(url, { 'accept-encoding': 'gzip' })
        return gzipped.headers['content-encoding'] !== undefined
      },
      'the gzip form is stored',
      { budgetMs: 10_000, everyMs: 5 },
    )
    expect(gzipped.statusCode).toBe(200)
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    expect(gzipped.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(plain.body)
    expect(gzipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3)
    expect(gzipped.headers.etag).toBe(`${(plain.headers.etag as string).slice(0, -1)}-gzip"`)

    // Brotli is made beside gzip and may finish later.
    let brotli = await get(url, { 'accept-encoding': 'gzip, deflate, br' })
    await eventually(
      async () => {
        brotli = await get(url, { 'accept-encoding': 'gzip, deflate, br' })
        return brotli.headers['content-encoding'] === 'br'
      },
      'the brotli form is stored',
      { budgetMs: 10_000, everyMs: 5 },
    )
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(plain.body)
    const notModified = await get(url, { 'accept-encoding': 'br', 'if-none-match': brotli.headers.etag as string })
    expect(notModified.statusCode).toBe(304)
    const refused = await get(url, { 'accept-encoding': 'br;q=0, gzip;q=0' })
    expect(refused.headers['content-encoding']).toBeUndefined()
    expect(refused.body).toBe(plain.body)
  })

  it('keeps nothing when turned off', async () => {
    const app = await buildTestApp({ answerCacheMiB: 0 })
    try {
      const first = await app.inject({ method: 'GET', url: '/v1/scale' })
      const second = await app.inject({ method: 'GET', url: '/v1/scale' })
      expect(second.body).toBe(first.body)
      expect(app.answers.size).toBe(0)
    } finally {
      await app.close()
    }
  })
})
