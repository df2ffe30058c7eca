import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import type { LimitsConfig } from '../../../src/config.js'
import { inWords } from '../../../src/http/plugins/rate-limit.js'
import { buildTestApp } from '../../helpers/app.js'

const apps: FastifyInstance[] = []

/** An app with the test configuration and these limits turned on. */
async function appWith(limits: Partial<LimitsConfig>, metrics = false) {
  const app = await buildTestApp({ limits, metrics })
  apps.push(app)
  return app
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Keeps the event loop busy in `sliceMs` slices for `totalMs`, as a process past its capacity is. */
async function saturate(totalMs: number, sliceMs: number) {
  const end = Date.now() + totalMs
  while (Date.now() < end) {
    const until = Date.now() + sliceMs
    while (Date.now() < until) {
      // busy
    }
    await new Promise((resolve) => setImmediate(resolve))
  }
}

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()))
})

describe('rate limits', () => {
  it('answers 429 problem+json with Retry-After once a client exceeds its read limit', async () => {
    const app = await appWith({ rateLimit: { read: 3, write: 1 } })
    await app.ready()
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) statuses.push((await app.inject('/v1/scale')).statusCode)
    expect(statuses).toEqual([200, 200, 200])
    const limited = await app.inject('/v1/institutions')
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(limited.json()).toMatchObject({ status: 429, code: 'rate-limited', type: '/problems/rate-limited' })
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(limited.headers['ratelimit-limit']).toBe('3')
    expect(limited.headers['ratelimit-remaining']).toBe('0')
  })

  it('counts writes apart from reads, with their own tighter limit', async () => {
    const app = await appWith({ rateLimit: { read: 2, write: 1 } })
    await app.ready()
    await app.inject('/v1/scale')
    await app.inject('/v1/scale')
    expect((await app.inject('/v1/scale')).statusCode).toBe(429)
    const put = () => app.inject({ method: 'DELETE', url: '/v1/institutions/missouri' })
    expect((await put()).statusCode).toBe(401)
    const limited = await put()
    expect(limited.statusCode).toBe(429)
    expect(limited.json().detail).toContain('writes')
  })

  it('never limits health checks', async () => {
    const app = await appWith({ rateLimit: { read: 2, write: 1 } })
    await app.ready()
    await app.inject('/v1/scale')
    await app.inject('/v1/scale')
    expect((await app.inject('/v1/scale')).statusCode).toBe(429)
    expect((await app.inject('/healthz')).statusCode).toBe(200)
    expect((await app.inject('/readyz')).statusCode).toBe(200)
  })

  it('counts and labels answers sent from the answer cache like any other', async () => {
    const app = await appWith({ rateLimit: { read: 3, write: 1 } })
    await app.ready()
    const first = await app.inject('/v1/crosswalk?from=harvard&grade=57')
    const cached = await app.inject('/v1/crosswalk?from=harvard&grade=57')
    expect(cached.statusCode).toBe(200)
    expect(cached.body).toBe(first.body)
    expect(cached.headers['ratelimit-remaining']).toBe('1')
    await app.inject('/v1/crosswalk?from=harvard&grade=57')
    expect((await app.inject('/v1/crosswalk?from=harvard&grade=57')).statusCode).toBe(429)
  })

  it('sends the RateLimit headers on ordinary answers', async () => {
    const app = await appWith({ rateLimit: { read: 10, write: 1 } })
    const response = await app.inject('/v1/scale')
    expect(response.headers['ratelimit-limit']).toBe('10')
    expect(response.headers['ratelimit-remaining']).toBe('9')
  })
})

describe('headers', () => {
  it('sets security headers and echoes a request id', async () => {
    const app = await appWith({})
    const response = await app.inject({ url: '/v1/scale', headers: { 'x-request-id': 'abc-123' } })
    expect(response.headers['x-request-id']).toBe('abc-123')
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(response.headers['strict-transport-security']).toBeDefined()
  })

  it('replaces a request id that is not a plain token', async () => {
    const app = await appWith({})
    const response = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\twith "quotes"' } })
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('allows GET from the configured origins only, and never a cross-origin write', async () => {
    const app = await appWith({ corsOrigins: ['https://hr.example'] })
    const allowed = await app.inject({ url: '/v1/scale', headers: { origin: 'https://hr.example' } })
    expect(allowed.headers['access-control-allow-origin']).toBe('https://hr.example')
    const other = await app.inject({ url: '/v1/scale', headers: { origin: 'https://evil.example' } })
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/institutions/harvard',
      headers: { origin: 'https://hr.example', 'access-control-request-method': 'PUT' },
    })
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD')
  })

  it('sends no CORS headers when no origin is configured', async () => {
    const app = await appWith({ corsOrigins: [] })
    const response = await app.inject({ url: '/v1/scale', headers: { origin: 'https://hr.example' } })
    expect(response.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('load shedding', () => {
  it('answers 503 problem+json with Retry-After while the event loop stays saturated', async () => {
    const app = await appWith({ maxEventLoopDelayMs: 20 }, true)
    // Requests issued while the loop is saturated: the first slices are answered, later ones shed.
    const statuses: number[] = []
    const probes = (async () => {
      for (let i = 0; i < 40; i++) {
        const response = await app.inject('/v1/scale')
        statuses.push(response.statusCode)
        if (response.statusCode === 503) return response
        await sleep(50)
      }
      return undefined
    })()
    await saturate(3000, 150)
    const shed = await probes
    expect(statuses).toContain(503)
    expect(shed?.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(shed?.headers['retry-after']).toBe('5')
    expect(shed?.json()).toMatchObject({ code: 'overloaded', status: 503 })
    // Health checks and metrics answer even while shedding, and shedding ends once the loop recovers.
    expect((await app.inject('/healthz')).statusCode).toBe(200)
    const metrics = await app.inject('/metrics')
    expect(metrics.statusCode).toBe(200)
    const shedCount = /^levelmap_requests_shed_total (\d+)$/m.exec(metrics.body)?.[1]
    expect(Number(shedCount)).toBe(statuses.filter((status) => status === 503).length)
    await sleep(1200)
    expect((await app.inject('/v1/scale')).statusCode).toBe(200)
  })

  it('does not shed after one long synchronous step', async () => {
    const app = await appWith({ maxEventLoopDelayMs: 20 })
    await saturate(700, 700)
    for (let i = 0; i < 10; i++) {
      expect((await app.inject('/v1/scale')).statusCode).toBe(200)
      await sleep(100)
    }
    expect(app.loadShedding.shedding).toBe(false)
  })
})

describe('headers computed once', () => {
  it('sends exactly the security header set Helmet sent, on answers, errors and cached answers', async () => {
    const app = await appWith({})
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';upgrade-insecure-requests;connect-src 'self'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'cross-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    }
    for (const url of ['/v1/scale', '/v1/scale', '/v1/nothing', '/healthz']) {
      const response = await app.inject(url)
      expect(response.headers, url).toMatchObject(expected)
    }
    // The ladder page keeps its own, stricter policy.
    expect((await app.inject('/')).headers['content-security-policy']).toContain("default-src 'none'")
  })

  it('sends the same CORS headers for any origin, and answers preflights as before', async () => {
    const app = await appWith({ corsOrigins: ['*'] })
    const simple = await app.inject({ url: '/v1/scale', headers: { origin: 'https://any.example' } })
    expect(simple.headers['access-control-allow-origin']).toBe('*')
    expect(simple.headers['access-control-expose-headers']).toBe(
      'ETag, Link, X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset',
    )
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/nowhere',
      headers: {
        origin: 'https://any.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    })
    expect(preflight.statusCode).toBe(204)
    expect(preflight.headers).toMatchObject({
      'access-control-allow-methods': 'GET, HEAD',
      'access-control-allow-headers': 'if-none-match',
      'access-control-max-age': '600',
      vary: 'Access-Control-Request-Headers',
    })
    const malformed = await app.inject({
      method: 'OPTIONS',
      url: '/v1/scale',
      headers: { 'access-control-request-method': 'GET' },
    })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(malformed.json()).toMatchObject({
      code: 'bad-request',
      detail: 'A CORS preflight (OPTIONS) needs Origin and Access-Control-Request-Method; Origin is missing.',
      errors: [{ location: 'headers', name: 'origin', message: 'missing' }],
    })
  })

  it('varies on Origin when the origins are a list', async () => {
    const app = await appWith({ corsOrigins: ['https://hr.example'] })
    const response = await app.inject({ url: '/healthz', headers: { origin: 'https://hr.example' } })
    expect(response.headers.vary).toBe('Origin')
    expect(response.headers['access-control-allow-origin']).toBe('https://hr.example')
  })
})

describe('the rate limiter', () => {
  it('tells a refused client when to retry, in seconds and in words', async () => {
    const app = await appWith({ rateLimit: { read: 1, write: 1 } })
    await app.inject('/v1/scale')
    const limited = await app.inject('/v1/scale')
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['retry-after']).toBe(limited.headers['ratelimit-reset'])
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(limited.json().detail).toMatch(
      /^More than 1 reads a minute from this client; retry in (1 minute|\d+ seconds)\.$/,
    )
  })

  it('words durations as before', () => {
    expect([60, 59, 1, 90, 3600].map(inWords)).toEqual(['1 minute', '59 seconds', '1 second', '2 minutes', '1 hour'])
  })
})
