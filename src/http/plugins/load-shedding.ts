// Load shedding that sheds only real overload.
//
// @fastify/under-pressure (which this replaces) samples the event-loop delay histogram once a
// second and takes a window with no reading (NaN) as an infinite delay: a process that was merely
// descheduled for a second (a busy machine, SIGSTOP) or that ran one long synchronous step then
// answered 503 to everyone for the next whole second. Here a sample counts as overloaded only when
// both hold over the sampling window:
// - the loop was late: its delay (the histogram's median, or the sampling timer's own lateness
//   when the window holds no reading) exceeds `maxEventLoopDelayMs`; and
// - the loop was busy: its utilization (time running callbacks, not waiting for I/O) is at least
//   `minUtilization`. A descheduled process spends that time waiting in the poll phase, which
//   counts as idle, so it is late but not busy.
// Shedding starts after `overloadedSamples` such samples in a row (one long synchronous step is
// not overload) and stops at the first healthy sample.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import fp from 'fastify-plugin'

export interface LoadSheddingOptions {
  /** Event-loop delay in ms above which a busy loop counts as overloaded; 0 turns shedding off. */
  maxEventLoopDelayMs: number
  /** Sampling window in ms (default 500). */
  sampleIntervalMs?: number
  /** Event-loop utilization (0–1) at or above which a late loop counts as busy (default 0.9). */
  minUtilization?: number
  /** Consecutive overloaded samples before shedding starts (default 2). */
  overloadedSamples?: number
  /** Seconds a shed client is told to wait (Retry-After). */
  retryAfterSeconds?: number
}

export interface LoadSample {
  delayMs: number
  utilization: number
  overloaded: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The latest load sample and whether requests are being shed. */
    loadShedding: { readonly shedding: boolean; readonly last: LoadSample | undefined }
  }
}

/** Paths that answer even when shedding: liveness, readiness and metrics must stay observable. */
const neverShed = new Set(['/healthz', '/readyz', '/metrics'])

export default fp<LoadSheddingOptions>(
  async function loadShedding(app: FastifyInstance, options: LoadSheddingOptions) {
    const maxDelay = options.maxEventLoopDelayMs
    const state: { shedding: boolean; last: LoadSample | undefined } = { shedding: false, last: undefined }
    app.decorate('loadShedding', {
      get shedding() {
        return state.shedding
      },
      get last() {
        return state.last
      },
    })
    if (maxDelay <= 0) return

    const interval = options.sampleIntervalMs ?? 500
    const minUtilization = options.minUtilization ?? 0.9
    const needed = options.overloadedSamples ?? 2
    const retryAfter = String(options.retryAfterSeconds ?? 5)
    const histogram = monitorEventLoopDelay({ resolution: 10 })
    histogram.enable()
    let utilizationMark = performance.eventLoopUtilization()
    let expectedAt = performance.now() + interval
    let inARow = 0

    const timer = setInterval(() => {
      const now = performance.now()
      const lateness = Math.max(0, now - expectedAt)
      expectedAt = now + interval
      const utilization = performance.eventLoopUtilization(utilizationMark).utilization
      utilizationMark = performance.eventLoopUtilization()
      // The histogram records how late its own 10 ms timer ran; with no reading in the window the
      // sampling timer's lateness is the only measure there is.
      const delayMs = histogram.count > 0 ? Math.max(0, histogram.percentile(50) / 1e6 - 10) : lateness
      histogram.reset()
      const overloaded = delayMs > maxDelay && utilization >= minUtilization
      inARow = overloaded ? inARow + 1 : 0
      state.shedding = inARow >= needed
      state.last = { delayMs, utilization, overloaded }
    }, interval)
    timer.unref()
    app.addHook('onClose', async () => {
      clearInterval(timer)
      histogram.disable()
    })

    app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      if (!state.shedding || neverShed.has(request.url.split('?')[0] ?? '')) return done()
      app.metrics.requestShed()
      reply
        .header('retry-after', retryAfter)
        .problem('overloaded', `The service is overloaded; retry in ${retryAfter} seconds.`)
    })
  },
  { name: 'load-shedding', dependencies: ['errors', 'metrics'] },
)
