// Each replica's ear on the shared store: one direct connection (its own pg.Client, never a pooled
// one, since LISTEN belongs to a session) that LISTENs on the change channel.
//
// - A notification (sent by a write at its commit) calls onNotify with the changed institution.
// - A lost connection is reopened with backoff (100 ms doubling to 5 s by default). Notifications
//   sent while it was down are never replayed, so every reconnection after the first calls
//   onReconnect, which reloads everything.
// - Every pollIntervalMs the version row is read on the same connection as a safety net (and a
//   liveness check: a poll that fails or times out drops the connection and starts a reconnect);
//   onPoll gets what it read and decides whether the replica is behind.
// - Every error is handled here; none reaches the process as an uncaught exception.
//
// Start it before loading the documents: once `ready` resolves, no write can go unnoticed.
import pg from 'pg'
import { type ChangeNotice, changeChannel, type DataState } from './store.js'

export type ListenerStatus = 'connecting' | 'listening' | 'closed'

export interface ListenerOptions {
  /** The connection string (a direct connection to the primary, not through a transaction pooler). */
  url: string
  channel?: string
  /** A write committed: reload this institution. */
  onNotify: (notice: ChangeNotice) => void | Promise<void>
  /** Listening again after a lost connection: notifications may have been missed, so reload everything. */
  onReconnect: () => void | Promise<void>
  /** What each poll read from the version row. */
  onPoll?: (state: DataState) => void | Promise<void>
  onStatus?: (status: ListenerStatus, error?: Error) => void
  /** Errors of the callbacks, of the connection and of malformed notifications. */
  onError?: (error: Error) => void
  pollIntervalMs?: number
  /** Longest a poll (and a connection attempt) may take before the connection counts as lost. */
  timeoutMs?: number
  backoff?: { initialMs: number; maxMs: number }
}

export interface Listener {
  /** Resolves at the first LISTEN; rejects only when closed before that. */
  readonly ready: Promise<void>
  status(): ListenerStatus
  /** The last error of the connection, while it is not listening. */
  lastError(): Error | undefined
  /** Reconnections so far (the first connection not counted). */
  reconnections(): number
  /** Polls the version now (as the timer does); resolves when done. */
  poll(): Promise<void>
  close(): Promise<void>
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)))

export function startListener(options: ListenerOptions): Listener {
  const channel = options.channel ?? changeChannel
  const pollIntervalMs = options.pollIntervalMs ?? 5_000
  const timeoutMs = options.timeoutMs ?? 5_000
  const backoff = options.backoff ?? { initialMs: 100, maxMs: 5_000 }
  const reportError = (error: unknown) => {
    try {
      options.onError?.(asError(error))
    } catch {
      // an error handler that throws must not take the listener down
    }
  }
  // Callbacks may be async: their rejections are reported, never left unhandled.
  const call = <A extends unknown[]>(callback: ((...args: A) => void | Promise<void>) | undefined, ...args: A) => {
    if (!callback) return
    try {
      Promise.resolve(callback(...args)).catch(reportError)
    } catch (error) {
      reportError(error)
    }
  }

  let status: ListenerStatus = 'connecting'
  let lastError: Error | undefined
  let client: pg.Client | undefined
  let connected = false
  let attempts = 0
  let reconnections = 0
  let retryTimer: NodeJS.Timeout | undefined
  let polling: Promise<void> | undefined
  let readyDone = false
  let resolveReady: () => void = () => {}
  let rejectReady: (error: Error) => void = () => {}
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve
    rejectReady = reject
  })
  // A caller that never awaits `ready` must not see an unhandled rejection at close.
  ready.catch(() => {})

  const isClosed = () => status === 'closed'
  const setStatus = (next: ListenerStatus, error?: Error) => {
    if (next === status) return
    status = next
    try {
      options.onStatus?.(next, error)
    } catch (callbackError) {
      reportError(callbackError)
    }
  }

  /** Drops the connection (if any) and schedules the next attempt. */
  const lost = (failed: pg.Client, error: Error) => {
    if (failed !== client || status === 'closed') return
    client = undefined
    connected = false
    lastError = error
    failed.end().catch(() => {})
    setStatus('connecting', error)
    scheduleConnect()
  }

  const scheduleConnect = () => {
    if (status === 'closed' || retryTimer) return
    const delay = attempts === 0 ? 0 : Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempts - 1))
    attempts++
    retryTimer = setTimeout(() => {
      retryTimer = undefined
      void connect()
    }, delay)
  }

  const connect = async () => {
    if (status === 'closed') return
    const next = new pg.Client({
      connectionString: options.url,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      keepAlive: true,
      application_name: 'levelmap-listener',
    })
    client = next
    // Attached before connect() and never removed: this client's errors always have a handler.
    next.on('error', (error) => lost(next, error))
    next.on('end', () => lost(next, new Error('the listener connection ended')))
    next.on('notification', (message) => {
      if (message.channel !== channel || next !== client) return
      let notice: ChangeNotice
      try {
        notice = JSON.parse(message.payload ?? '') as ChangeNotice
        if (typeof notice.slug !== 'string' || typeof notice.counter !== 'number') throw new Error('no slug or counter')
      } catch (error) {
        reportError(new Error(`a malformed notification on ${channel}: ${message.payload} (${asError(error).message})`))
        return
      }
      call(options.onNotify, notice)
    })
    try {
      await next.connect()
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
    } catch (error) {
      lost(next, asError(error))
      return
    }
    // close() may have run while connecting.
    if (next !== client || isClosed()) return
    connected = true
    lastError = undefined
    attempts = 0
    setStatus('listening')
    if (!readyDone) {
      readyDone = true
      resolveReady()
    } else {
      reconnections++
      call(options.onReconnect)
    }
  }

  const pollOnce = async () => {
    const active = client
    if (!active || !connected || status === 'closed') return
    let state: DataState
    try {
      const { rows } = await active.query<{ version: string; counter: string; changed_at: Date }>(
        'SELECT version, counter, changed_at FROM data_version WHERE id = 1',
      )
      const row = rows[0]
      if (!row) throw new Error('the data_version row is missing')
      state = { version: row.version, counter: Number(row.counter), changedAt: row.changed_at.toISOString() }
    } catch (error) {
      // A poll that fails or times out on this connection: it is not to be trusted for LISTEN either.
      if (active === client) lost(active, asError(error))
      return
    }
    call(options.onPoll, state)
  }

  const poll = () => {
    polling ??= pollOnce().finally(() => {
      polling = undefined
    })
    return polling
  }

  const pollTimer = setInterval(() => void poll(), pollIntervalMs)
  pollTimer.unref()
  scheduleConnect()

  return {
    ready,
    status: () => status,
    lastError: () => lastError,
    reconnections: () => reconnections,
    poll,
    async close() {
      if (status === 'closed') return
      setStatus('closed')
      clearInterval(pollTimer)
      if (retryTimer) clearTimeout(retryTimer)
      retryTimer = undefined
      if (!readyDone) rejectReady(new Error('the listener was closed before it listened'))
      const active = client
      client = undefined
      connected = false
      if (active) await active.end().catch(() => {})
    },
  }
}
