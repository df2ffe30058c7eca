// Following changes made elsewhere (other replicas, the CLIs): each change asks for one institution,
// or everything, to be reloaded from the store. Reloads run one at a time, so a slow read can never
// be applied after a later one; the institutions asked for while one runs are reloaded together
// after it (an institution asked for twice is reloaded once). A reload that fails (the store is busy
// or unreachable) is retried with backoff until it succeeds: a replica that misses one reload still
// catches up, however many writes arrive meanwhile.

export interface FollowOptions {
  reloadAll(): Promise<unknown>
  reloadOne(slug: string): Promise<unknown>
  /** A reload failed; it is retried after `retryInMs`. `attempt` counts the failures in a row. */
  onFailure?(error: unknown, attempt: number, retryInMs: number): void
  /** Every reload asked for has succeeded again, after `failures` failures in a row. */
  onRecovered?(failures: number): void
  backoff?: { initialMs: number; maxMs: number }
}

export interface Follower {
  /** Asks for one institution (or, with no slug, everything) to be reloaded. */
  follow(slug?: string): void
  /** Resolves when nothing is waiting to be reloaded (for tests and shutdown). */
  idle(): Promise<void>
  close(): void
}

export const defaultFollowBackoff = { initialMs: 50, maxMs: 1000 }

export function createFollower(options: FollowOptions): Follower {
  const backoff = options.backoff ?? defaultFollowBackoff
  const waiting = new Set<string>()
  let everything = false
  let running = false
  let closed = false
  let failures = 0
  let retryTimer: NodeJS.Timeout | undefined
  let idleWaiters: (() => void)[] = []

  const settleIdle = () => {
    if (running || retryTimer || everything || waiting.size > 0) return
    const waiters = idleWaiters
    idleWaiters = []
    for (const resolve of waiters) resolve()
  }

  /** One round: everything, or each institution asked for; what fails is asked for again. */
  const round = async () => {
    if (everything) {
      everything = false
      waiting.clear()
      try {
        await options.reloadAll()
      } catch (error) {
        everything = true
        throw error
      }
      return
    }
    const slugs = [...waiting]
    waiting.clear()
    for (let index = 0; index < slugs.length; index++) {
      try {
        await options.reloadOne(slugs[index] as string)
      } catch (error) {
        for (const slug of slugs.slice(index)) waiting.add(slug)
        throw error
      }
    }
  }

  const run = async () => {
    if (running || retryTimer || closed) return
    running = true
    try {
      while (!closed && (everything || waiting.size > 0)) await round()
      if (failures > 0) options.onRecovered?.(failures)
      failures = 0
    } catch (error) {
      failures++
      const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (failures - 1))
      options.onFailure?.(error, failures, delay)
      if (!closed) {
        retryTimer = setTimeout(() => {
          retryTimer = undefined
          void run()
        }, delay)
        retryTimer.unref()
      }
    } finally {
      running = false
      settleIdle()
    }
  }

  return {
    follow(slug) {
      if (closed) return
      if (slug === undefined) everything = true
      else waiting.add(slug)
      void run()
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve)
        settleIdle()
      })
    },
    close() {
      closed = true
      if (retryTimer) clearTimeout(retryTimer)
      retryTimer = undefined
      waiting.clear()
      everything = false
      settleIdle()
    },
  }
}
