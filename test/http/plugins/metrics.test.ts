import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Registry } from 'prom-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, rewriteStored, useTestApp } from '../../helpers/app.js'
import { getJson, getRaw } from '../../helpers/http.js'
import { eventually } from '../../helpers/wait.js'

const ladder = readFileSync(new URL('../../fixtures/ladder.txt', import.meta.url), 'utf8')

/** The value of one sample in a Prometheus text exposition; undefined when there is no such line. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]),
    )
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3])
  }
  return undefined
}

const scrape = async (app: FastifyInstance) => (await getRaw(app, '/metrics')).body

describe('GET /metrics with LEVELMAP_METRICS off (the default)', () => {
  const context = useTestApp()

  it('is 404 like any unknown route', async () => {
    const response = await getRaw(context.app, '/metrics')
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(response.json()).toMatchObject({ status: 404, code: 'not-found' })
  })

  it('leaves the reporter in place, doing nothing', () => {
    expect(context.app.metrics.enabled).toBe(false)
  })
})

describe('GET /metrics with LEVELMAP_METRICS on', () => {
  const context = useTestApp({ metrics: true })
  const crosswalk = '/v1/crosswalk?from=harvard&grade=57'
  let text = ''

  beforeAll(async () => {
    const { app } = context
    const first = await getRaw(app, crosswalk)
    const second = await getRaw(app, crosswalk)
    expect([first.statusCode, second.statusCode]).toEqual([200, 200])
    expect(second.body).toBe(first.body)
    expect((await getRaw(app, '/v1/institutions/harvard')).statusCode).toBe(200)
    expect((await getRaw(app, '/v1/institutions/atlantis')).statusCode).toBe(404)
    expect((await getRaw(app, '/no/such/route')).statusCode).toBe(404)
    expect((await getRaw(app, '/metrics')).statusCode).toBe(200)
    const leveled = await app.inject({
      method: 'POST',
      url: '/v1/leveling',
      headers: { 'content-type': 'text/plain' },
      payload: ladder,
    })
    expect(leveled.statusCode).toBe(200)
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/leveling',
      headers: { 'content-type': 'text/plain' },
      payload: 'Our office is on the third floor.\nThe coffee machine is by the window.',
    })
    expect(refused.statusCode).toBe(422)
    text = await scrape(app)
  })

  it("answers in Prometheus' text format, with no key, and to no other origin", async () => {
    const response = await getRaw(context.app, '/metrics', { origin: 'https://elsewhere.example' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['access-control-allow-origin']).toBeUndefined()
    // Every read of the API may be read from any origin (CORS_ORIGINS defaults to *).
    expect((await getRaw(context.app, '/healthz')).headers['access-control-allow-origin']).toBe('*')
    expect(response.headers['content-type']).toBe(new Registry().contentType)
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(response.body).toContain('# TYPE levelmap_http_requests_total counter')
  })

  it('counts requests by method, route pattern and status, never by raw URL', () => {
    expect(sample(text, 'levelmap_http_requests_total', { method: 'GET', route: '/v1/crosswalk', status: '200' })).toBe(
      2,
    )
    expect(
      sample(text, 'levelmap_http_requests_total', { method: 'GET', route: '/v1/institutions/:slug', status: '200' }),
    ).toBe(1)
    expect(
      sample(text, 'levelmap_http_requests_total', { method: 'GET', route: '/v1/institutions/:slug', status: '404' }),
    ).toBe(1)
    expect(text).not.toContain('harvard')
    expect(text).not.toContain('atlantis')
  })

  it('counts a request no route took under one label', () => {
    expect(sample(text, 'levelmap_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1)
    expect(text).not.toContain('/no/such/route')
  })

  it('does not count its own scrapes', () => {
    expect(text).not.toContain('route="/metrics"')
  })

  it('keeps a latency histogram per route and status', () => {
    const labels = { method: 'GET', route: '/v1/crosswalk', status: '200' }
    expect(text).toContain('# TYPE levelmap_http_request_duration_seconds histogram')
    expect(sample(text, 'levelmap_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(2)
    expect(sample(text, 'levelmap_http_request_duration_seconds_bucket', { ...labels, le: '0.005' })).toBeDefined()
    expect(sample(text, 'levelmap_http_request_duration_seconds_count', labels)).toBe(2)
  })

  it('counts the second GET of the same crosswalk as an answer-cache hit', () => {
    expect(sample(text, 'levelmap_answer_cache_lookups_total', { result: 'hit' })).toBe(1)
    // The first crosswalk and the two institutions.
    expect(sample(text, 'levelmap_answer_cache_lookups_total', { result: 'miss' })).toBe(3)
    expect(sample(text, 'levelmap_answer_cache_entries')).toBeGreaterThanOrEqual(2)
  })

  it('gives the data version served as a gauge', () => {
    const version = context.app.levelmap.current.catalog.version
    expect(version).toMatch(/^[0-9a-f]{16}$/)
    expect(sample(text, 'levelmap_data_version_info', { version })).toBe(1)
    expect(sample(text, 'levelmap_institutions')).toBe(context.app.levelmap.current.catalog.institutions.length)
  })

  it('counts leveling submissions by outcome, the jobs leveled, and their time', () => {
    expect(sample(text, 'levelmap_leveling_submissions_total', { outcome: 'leveled' })).toBe(1)
    expect(sample(text, 'levelmap_leveling_submissions_total', { outcome: 'refused' })).toBe(1)
    expect(sample(text, 'levelmap_leveling_jobs_total')).toBe(6)
    expect(sample(text, 'levelmap_leveling_duration_seconds_count', { outcome: 'leveled' })).toBe(1)
  })

  it('reports load shedding (off here) and no PostgreSQL pool on SQLite', () => {
    expect(sample(text, 'levelmap_load_shedding_active')).toBe(0)
    expect(sample(text, 'levelmap_requests_shed_total')).toBe(0)
    expect(text).not.toContain('levelmap_store_pool_connections')
  })

  it("includes prom-client's default process metrics", () => {
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0)
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0)
  })

  it('shows how long a change made elsewhere has waited while it waits, then times it once served', async () => {
    const { app } = context
    app.metrics.changesNoticed()
    const waiting = await scrape(app)
    expect(sample(waiting, 'levelmap_change_follow_pending_seconds')).toBeGreaterThan(0)
    expect(sample(waiting, 'levelmap_change_follow_seconds_count')).toBe(0)
    app.metrics.changesServed()
    const served = await scrape(app)
    expect(sample(served, 'levelmap_change_follow_pending_seconds')).toBe(0)
    expect(sample(served, 'levelmap_change_follow_seconds_count')).toBe(1)
  })

  it('is not in the OpenAPI document', async () => {
    const { body } = await getJson(context.app, '/openapi.json')
    expect(Object.keys(body.paths)).not.toContain('/metrics')
    expect(Object.keys(body.paths)).toContain('/v1/crosswalk')
  })
})

describe('metrics of two apps in one process', () => {
  let apps: FastifyInstance[] = []
  beforeAll(async () => {
    apps = [await buildTestApp({ metrics: true }), await buildTestApp({ metrics: true })]
  })
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()))
  })

  it('count apart, each in its own registry', async () => {
    const [one, two] = apps as [FastifyInstance, FastifyInstance]
    await getRaw(one, '/v1/scale')
    await getRaw(one, '/v1/scale')
    await getRaw(two, '/v1/scale')
    const labels = { method: 'GET', route: '/v1/scale', status: '200' }
    expect(sample(await scrape(one), 'levelmap_http_requests_total', labels)).toBe(2)
    expect(sample(await scrape(two), 'levelmap_http_requests_total', labels)).toBe(1)
  })
})

describe('metrics of a change made elsewhere', () => {
  const folder = mkdtempSync(join(tmpdir(), 'levelmap-metrics-'))
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true })
  })

  it('times it from noticed to served, and the data-version gauge moves to the new version', async () => {
    const file = join(folder, 'levelmap.sqlite')
    const writer = await buildTestApp({ database: file, changeCheckMs: 0 })
    const reader = await buildTestApp({ database: file, changeCheckMs: 20, metrics: true })
    try {
      const before = reader.levelmap.current.catalog.version
      expect(sample(await scrape(reader), 'levelmap_change_follow_seconds_count')).toBe(0)
      rewriteStored(writer, 'harvard', (document) => {
        ;(document.grades[0] as { placement: { rationale: string } }).placement.rationale = 'Edited elsewhere.'
      })
      let text = ''
      await eventually(
        async () => {
          text = await scrape(reader)
          return sample(text, 'levelmap_change_follow_seconds_count') === 1
        },
        'the reader follows the change',
        { budgetMs: 10_000, everyMs: 20 },
      )
      const after = reader.levelmap.current.catalog.version
      expect(after).not.toBe(before)
      expect(sample(text, 'levelmap_data_version_info', { version: after })).toBe(1)
      expect(sample(text, 'levelmap_data_version_info', { version: before })).toBeUndefined()
      expect(sample(text, 'levelmap_change_follow_pending_seconds')).toBe(0)
    } finally {
      await reader.close()
      await writer.close()
    }
  })
})
