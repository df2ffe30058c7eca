// The edges found by outside fuzzing: what the server answers to methods, parser errors, bare
// OPTIONS, poisoned JSON, Accept headers that allow nothing, and look-alike characters in codes.
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'
import { createTestKeys } from '../../helpers/keys.js'

const context = useTestApp()
const problemType = 'application/problem+json; charset=utf-8'

describe('methods a resource does not answer', () => {
  it.each([
    ['DELETE', '/v1/scale', 'GET, HEAD, OPTIONS'],
    ['POST', '/v1/levels', 'GET, HEAD, OPTIONS'],
    ['PATCH', '/v1/institutions/harvard', 'DELETE, GET, HEAD, OPTIONS, PUT'],
    ['GET', '/v1/crosswalk/batch', 'OPTIONS, POST'],
  ])('answers %s %s with 405 method-not-allowed and Allow', async (method, url, allow) => {
    const response = await context.app.inject({ method: method as 'GET', url })
    expect(response.statusCode).toBe(405)
    expect(response.headers['content-type']).toBe(problemType)
    expect(response.headers.allow).toBe(allow)
    expect(response.json()).toMatchObject({ code: 'method-not-allowed', status: 405 })
  })

  it('still answers 404 for a path no method answers', async () => {
    const response = await context.app.inject({ method: 'DELETE', url: '/v1/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(response.headers.allow).toBeUndefined()
  })

  it('answers a bare OPTIONS with 204 and Allow, and leaves CORS preflights to CORS', async () => {
    const bare = await context.app.inject({ method: 'OPTIONS', url: '/v1/institutions/harvard' })
    expect(bare.statusCode).toBe(204)
    expect(bare.headers.allow).toBe('DELETE, GET, HEAD, OPTIONS, PUT')
    const preflight = await context.app.inject({
      method: 'OPTIONS',
      url: '/v1/scale',
      headers: { origin: 'https://hr.example', 'access-control-request-method': 'GET' },
    })
    expect(preflight.statusCode).toBe(204)
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD')
  })
})

describe('JSON bodies', () => {
  it('refuses a __proto__ key and says so', async () => {
    const keys = createTestKeys(context.app)
    const response = await context.app.inject({
      method: 'PUT',
      url: '/v1/institutions/yale',
      headers: { authorization: `Bearer ${keys.write}`, 'content-type': 'application/json' },
      payload: '{"slug":"yale","grades":[{"__proto__":{"polluted":true}}]}',
    })
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toBe(problemType)
    expect(response.json().detail).toContain('/grades/0/__proto__')
    expect(response.json().detail).toContain('prototype')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('says where a malformed body breaks', async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/v1/crosswalk/batch',
      headers: { 'content-type': 'application/json' },
      payload: '{"items": [',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().detail).toMatch(/^The request body is not valid JSON: /)
  })
})

describe('Accept that allows nothing', () => {
  it('answers a missing resource 404 whatever the Accept header, and an existing one 406', async () => {
    const missing = await context.app.inject({ url: '/v1/institutions/nope', headers: { accept: '*/*;q=0' } })
    expect(missing.statusCode).toBe(404)
    const present = await context.app.inject({ url: '/v1/institutions/harvard', headers: { accept: '*/*;q=0' } })
    expect(present.statusCode).toBe(406)
    expect(present.headers['content-type']).toBe(problemType)
    expect(present.headers.etag).toBeUndefined()
    expect(present.json()).toMatchObject({ code: 'not-acceptable', errors: [{ name: 'accept' }] })
  })
})

describe('codes in look-alike characters', () => {
  it('finds full-width ５７ as grade 57 and ＩＥＵＰ１７ as job code IEUP17', async () => {
    const grade = await context.app.inject({ url: `/v1/crosswalk?from=harvard&grade=${encodeURIComponent('５７')}` })
    expect(grade.statusCode).toBe(200)
    expect(grade.json().results[0].source.grade.code).toBe('57')
    const job = await context.app.inject({
      url: `/v1/crosswalk?from=new-mexico&jobCode=${encodeURIComponent('ＩＥＵＰ１７')}`,
    })
    expect(job.statusCode).toBe(200)
  })

  it('does not let the dotless ı stand for I', async () => {
    const response = await context.app.inject({
      url: `/v1/crosswalk?from=new-mexico&grade=${encodeURIComponent('ıc')}`,
    })
    expect(response.statusCode).toBe(404)
    expect(response.json().code).toBe('unknown-grade')
    const plain = await context.app.inject({ url: '/v1/crosswalk?from=new-mexico&grade=ic' })
    expect(plain.statusCode).toBe(200)
  })
})

describe('errors of the HTTP parser', () => {
  const rawExchange = (port: number, text: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(text))
      let received = ''
      socket.on('data', (chunk) => {
        received += chunk
      })
      socket.on('close', () => resolve(received))
      socket.on('error', reject)
    })

  it('answers a control character in a header and oversized headers as problem+json', async () => {
    const app = context.app
    await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const port = (app.server.address() as { port: number }).port
      const bad = await rawExchange(port, 'GET /v1/scale HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n')
      expect(bad).toMatch(/^HTTP\/1\.1 400 /)
      expect(bad).toContain('Content-Type: application/problem+json; charset=utf-8')
      expect(JSON.parse(bad.slice(bad.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, code: 'bad-request' })
      const big = await new Promise<{ status?: number; type?: string; body: string }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: '/v1/scale', headers: { 'x-big': 'a'.repeat(20_000) } },
          (res) => {
            let body = ''
            res.on('data', (chunk) => {
              body += chunk
            })
            res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }))
          },
        )
        req.on('error', reject)
        req.end()
      })
      expect(big.status).toBe(431)
      expect(big.type).toBe(problemType)
      expect(JSON.parse(big.body)).toMatchObject({ status: 431, code: 'headers-too-large' })
    } finally {
      // The shared app is closed by the harness; only stop listening here.
      await new Promise<void>((resolve) => app.server.close(() => resolve()))
    }
  })
})
