import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFollower } from '../../src/catalog/follow.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('createFollower', () => {
  it('reloads what it is asked for one at a time, an institution asked for twice once', async () => {
    const calls: string[] = []
    let running = 0
    let most = 0
    const follower = createFollower({
      reloadAll: async () => {
        calls.push('*')
      },
      reloadOne: async (slug) => {
        running++
        most = Math.max(most, running)
        await new Promise((resolve) => setTimeout(resolve, 5))
        calls.push(slug)
        running--
      },
    })
    follower.follow('harvard')
    follower.follow('columbia')
    follower.follow('columbia')
    follower.follow('harvard')
    await follower.idle()
    expect(calls).toEqual(['harvard', 'columbia', 'harvard'])
    expect(most).toBe(1)
    follower.follow('missouri')
    follower.follow()
    await follower.idle()
    expect(calls.slice(3)).toEqual(['missouri', '*'])
    follower.close()
  })

  it('retries a failed reload with backoff until it succeeds, however many other changes arrive meanwhile', async () => {
    vi.useFakeTimers()
    let failing = true
    const reloaded: string[] = []
    const failures: { attempt: number; retryInMs: number }[] = []
    let recovered: number | undefined
    const follower = createFollower({
      reloadAll: async () => {},
      reloadOne: async (slug) => {
        if (failing && slug === 'harvard') throw new Error('timeout exceeded when trying to connect')
        reloaded.push(slug)
      },
      onFailure: (_error, attempt, retryInMs) => failures.push({ attempt, retryInMs }),
      onRecovered: (count) => {
        recovered = count
      },
      backoff: { initialMs: 50, maxMs: 400 },
    })
    follower.follow('harvard')
    for (let i = 0; i < 20; i++) {
      follower.follow('columbia')
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(reloaded).not.toContain('harvard')
    expect(failures.map((failure) => failure.retryInMs).slice(0, 5)).toEqual([50, 100, 200, 400, 400])
    expect(recovered).toBeUndefined()
    failing = false
    await vi.advanceTimersByTimeAsync(400)
    expect(reloaded).toContain('harvard')
    expect(recovered).toBe(failures.length)
    follower.close()
  })

  it('retries a failed reload of everything as a reload of everything', async () => {
    vi.useFakeTimers()
    let attempts = 0
    const follower = createFollower({
      reloadAll: async () => {
        attempts++
        if (attempts < 3) throw new Error('the store is unreachable')
      },
      reloadOne: async () => {},
      backoff: { initialMs: 10, maxMs: 10 },
    })
    follower.follow()
    await vi.advanceTimersByTimeAsync(100)
    expect(attempts).toBe(3)
    follower.close()
  })

  it('stops retrying once closed', async () => {
    vi.useFakeTimers()
    let attempts = 0
    const follower = createFollower({
      reloadAll: async () => {},
      reloadOne: async () => {
        attempts++
        throw new Error('down')
      },
      backoff: { initialMs: 10, maxMs: 10 },
    })
    follower.follow('harvard')
    await vi.advanceTimersByTimeAsync(25)
    const before = attempts
    follower.close()
    await vi.advanceTimersByTimeAsync(100)
    expect(attempts).toBe(before)
    await follower.idle()
  })
})
