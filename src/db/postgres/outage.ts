// What a replica logs about PostgreSQL being unreachable or busy: an outage once when it starts, a
// reminder at most every `reminderMs` while it lasts, and once when it ends (how long, and how many
// failures it caused), never a line per failed request, reconnect attempt or pool error. The
// outage starts when the listener's connection is lost or an operation finds the store unreachable,
// and ends when the listener listens again, or, if it never stopped, at the next operation that
// succeeds. Errors are logged only as describeError gives them: no connection objects, no
// credentials.
import { describeError } from '../diagnostics.js'

export interface OutageLogTarget {
  info(details: object, message: string): void
  warn(details: object, message: string): void
}

export interface OutageLog {
  /** The listener lost its connection (or could not open it). */
  listenerLost(error: Error | undefined): void
  /** The listener listens again: the outage, if any, is over. */
  listenerListening(): void
  /** An operation (a pool connection, a query) found the store unreachable. */
  unreachable(error: unknown): void
  /** An operation succeeded. */
  succeeded(): void
  /** An operation gave up waiting for a connection or a lock while the store was reachable. */
  busy(error: unknown): void
  /** Whether an outage is going on. */
  readonly down: boolean
  close(): void
}

export interface OutageLogOptions {
  /** Longest time between two lines about one ongoing outage, or about the store being busy (default 30 s). */
  reminderMs?: number
  now?: () => number
}

export function createOutageLog(log: OutageLogTarget, options: OutageLogOptions = {}): OutageLog {
  const reminderMs = options.reminderMs ?? 30_000
  const now = options.now ?? Date.now
  let since: number | undefined
  let listening = true
  let failures = 0
  let lastError: unknown
  let reminder: NodeJS.Timeout | undefined
  let lastBusyLine = Number.NEGATIVE_INFINITY
  let busySinceLine = 0

  const start = (error: unknown, where: string) => {
    since = now()
    failures = 1
    lastError = error
    log.warn({ where, error: describeError(error) }, 'the PostgreSQL store is unreachable')
    reminder = setInterval(() => {
      if (since === undefined) return
      log.warn(
        { downForMs: now() - since, failures, error: describeError(lastError) },
        'the PostgreSQL store is still unreachable',
      )
    }, reminderMs)
    reminder.unref()
  }

  const stop = () => {
    if (reminder) clearInterval(reminder)
    reminder = undefined
  }

  const end = () => {
    if (since === undefined) return
    log.info({ downForMs: now() - since, failures }, 'the PostgreSQL store is reachable again')
    since = undefined
    stop()
  }

  return {
    listenerLost(error) {
      listening = false
      if (since === undefined) start(error, 'listener')
      else {
        failures++
        lastError = error ?? lastError
      }
    },
    listenerListening() {
      listening = true
      end()
    },
    unreachable(error) {
      if (since === undefined) start(error, 'operation')
      else {
        failures++
        lastError = error
      }
    },
    succeeded() {
      if (listening) end()
    },
    busy(error) {
      busySinceLine++
      const at = now()
      if (at - lastBusyLine < reminderMs) return
      log.warn(
        { requests: busySinceLine, error: describeError(error) },
        'the PostgreSQL store is busy: requests gave up waiting for a connection or a lock',
      )
      lastBusyLine = at
      busySinceLine = 0
    },
    get down() {
      return since !== undefined
    },
    close: stop,
  }
}
