// Metrics for operators: GET /metrics in the Prometheus text format, served only with
// LEVELMAP_METRICS=1. Every app has a registry of its own (never prom-client's global one), so
// several apps in one process (the tests) count apart.
//
// The rest of the app reports through `app.metrics` (a plain interface, no prom-client types), so
// the plugins that have something to count (the answer cache, load shedding, leveling, the
// catalog) stay free of prom-client. With metrics off `app.metrics` is there but does nothing.
//
// What is measured when:
// - requests, in onResponse: by method, the route's URL pattern (`/v1/institutions/:slug`, never
//   the raw URL, so the label's values are as many as the routes) or `unmatched` for a request no
//   route took (404, 405), and status. GET /metrics itself is not counted.
// - the data served (version, change log head, institutions), the answer cache's size, whether
//   requests are being shed, and PostgreSQL's pool, read at scrape time from the app's own state.
// - cache lookups, shed requests, leveling runs and changes followed, as they happen; how long a
//   change made elsewhere has waited, while it waits (a reload retried through an outage shows
//   there long before it reaches the histogram).
import { performance } from 'node:perf_hooks'
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import fp from 'fastify-plugin'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

/** How an answer-cache lookup went: a stored answer sent (200 or 304), a 304 from the ETag alone, or the handler runs. */
export type AnswerLookup = 'hit' | 'not_modified' | 'miss'

/** How a leveling run ended: leveled, refused as bad input, or failed. */
export type LevelingOutcome = 'leveled' | 'refused' | 'failed'

/** What the rest of the app reports. Every method is a no-op when metrics are off. */
export interface MetricsReporter {
  readonly enabled: boolean
  answerLookup(result: AnswerLookup): void
  requestShed(): void
  leveled(outcome: LevelingOutcome, seconds: number, jobs: number): void
  /** A change made elsewhere is noticed while every earlier one is served. */
  changesNoticed(): void
  /** Every change made elsewhere noticed so far is served. */
  changesServed(): void
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: MetricsReporter
  }
}

export interface MetricsOptions {
  /** LEVELMAP_METRICS: serve GET /metrics and count. */
  enabled: boolean
}

export const metricsPath = '/metrics'

const off: MetricsReporter = {
  enabled: false,
  answerLookup: () => {},
  requestShed: () => {},
  leveled: () => {},
  changesNoticed: () => {},
  changesServed: () => {},
}

/** Seconds: from a cached answer (well under a millisecond) to a slow write or batch. */
const requestBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
/** Seconds: one short description to a 500-row catalog. */
const levelingBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
/** Seconds: a notification reloaded at once to a reload retried through an outage. */
const followBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

export default fp<MetricsOptions>(
  async function metrics(app: FastifyInstance, options: MetricsOptions) {
    if (!options.enabled) {
      app.decorate('metrics', off)
      return
    }
    const registry = new Registry()
    const registers = [registry]
    collectDefaultMetrics({ register: registry })

    const requests = new Counter({
      name: 'levelmap_http_requests_total',
      help: 'Requests answered, by method, route pattern (unmatched: no route) and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    })
    const durations = new Histogram({
      name: 'levelmap_http_request_duration_seconds',
      help: 'Time from receiving a request to sending its answer, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: requestBuckets,
      registers,
    })
    const lookups = new Counter({
      name: 'levelmap_answer_cache_lookups_total',
      help: 'Answer-cache lookups of GETs under /v1: hit (a stored answer sent), not_modified (304 from the ETag, no stored answer), miss (the handler runs).',
      labelNames: ['result'] as const,
      registers,
    })
    new Gauge({
      name: 'levelmap_answer_cache_bytes',
      help: 'Bytes of answers held in the answer cache.',
      registers,
      collect() {
        this.set(app.answers.usedBytes)
      },
    })
    new Gauge({
      name: 'levelmap_answer_cache_entries',
      help: 'Answers held in the answer cache.',
      registers,
      collect() {
        this.set(app.answers.size)
      },
    })
    const shed = new Counter({
      name: 'levelmap_requests_shed_total',
      help: 'Requests answered 503 overloaded by load shedding.',
      registers,
    })
    new Gauge({
      name: 'levelmap_load_shedding_active',
      help: '1 while requests are being shed, else 0.',
      registers,
      collect() {
        this.set(app.loadShedding.shedding ? 1 : 0)
      },
    })
    const levelingRuns = new Counter({
      name: 'levelmap_leveling_submissions_total',
      help: 'Leveling submissions (POST /v1/leveling, the page), by outcome.',
      labelNames: ['outcome'] as const,
      registers,
    })
    const levelingJobs = new Counter({
      name: 'levelmap_leveling_jobs_total',
      help: 'Jobs leveled, over all submissions.',
      registers,
    })
    const levelingTime = new Histogram({
      name: 'levelmap_leveling_duration_seconds',
      help: 'Time to level one submission (in the worker pool when it has threads), by outcome.',
      labelNames: ['outcome'] as const,
      buckets: levelingBuckets,
      registers,
    })
    const followed = new Histogram({
      name: 'levelmap_change_follow_seconds',
      help: 'Time from noticing a change made elsewhere (a PostgreSQL notification, a poll, the SQLite change check) until it is served; changes noticed meanwhile are measured from the first.',
      buckets: followBuckets,
      registers,
    })
    /** When the oldest change made elsewhere that is not served yet was noticed. */
    let behindSince: number | undefined
    new Gauge({
      name: 'levelmap_change_follow_pending_seconds',
      help: 'How long the oldest change made elsewhere that is not served yet has waited; 0 when caught up.',
      registers,
      collect() {
        this.set(behindSince === undefined ? 0 : (performance.now() - behindSince) / 1000)
      },
    })
    new Gauge({
      name: 'levelmap_data_version_info',
      help: 'The data version served (the ETags carry it); always 1.',
      labelNames: ['version'] as const,
      registers,
      collect() {
        this.reset()
        this.set({ version: app.levelmap.current.catalog.version }, 1)
      },
    })
    new Gauge({
      name: 'levelmap_change_log_head',
      help: 'The change log head served: writes counted by the store and loaded here.',
      registers,
      collect() {
        this.set(app.levelmap.current.catalog.logHead)
      },
    })
    new Gauge({
      name: 'levelmap_institutions',
      help: 'Institutions in the catalog served.',
      registers,
      collect() {
        this.set(app.levelmap.current.catalog.institutions.length)
      },
    })

    app.decorate('metrics', {
      enabled: true,
      answerLookup: (result: AnswerLookup) => lookups.inc({ result }),
      requestShed: () => shed.inc(),
      leveled(outcome: LevelingOutcome, seconds: number, jobs: number) {
        levelingRuns.inc({ outcome })
        levelingTime.observe({ outcome }, seconds)
        if (jobs > 0) levelingJobs.inc(jobs)
      },
      changesNoticed() {
        behindSince ??= performance.now()
      },
      changesServed() {
        if (behindSince !== undefined) followed.observe((performance.now() - behindSince) / 1000)
        behindSince = undefined
      },
    } satisfies MetricsReporter)

    // The store is opened after this plugin: its pool, if it has one, is known once the app is ready.
    app.addHook('onReady', async () => {
      const connections = app.store.connections?.bind(app.store)
      if (!connections) return
      new Gauge({
        name: 'levelmap_store_pool_connections',
        help: 'PostgreSQL pool: connections open (idle or in use).',
        registers,
        collect() {
          this.set(connections().total)
        },
      })
      new Gauge({
        name: 'levelmap_store_pool_idle_connections',
        help: 'PostgreSQL pool: connections open and idle.',
        registers,
        collect() {
          this.set(connections().idle)
        },
      })
      new Gauge({
        name: 'levelmap_store_pool_waiting_requests',
        help: 'PostgreSQL pool: operations waiting for a connection.',
        registers,
        collect() {
          this.set(connections().waiting)
        },
      })
    })

    app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      const route = request.routeOptions.url ?? 'unmatched'
      if (route === metricsPath) return done()
      const labels = { method: request.method, route, status: String(reply.statusCode) }
      requests.inc(labels)
      durations.observe(labels, reply.elapsedTime / 1000)
      done()
    })

    // Not in the API's document, and no key: it is protected where it is exposed (README). It is
    // for a scraper, never for a page of another origin, so it carries none of the CORS headers
    // every read gets.
    app.get(metricsPath, { schema: { hide: true } }, async (_request, reply) => {
      const text = await registry.metrics()
      reply.removeHeader('access-control-allow-origin')
      reply.removeHeader('access-control-expose-headers')
      return reply.type(registry.contentType).send(text)
    })
  },
  { name: 'metrics' },
)
