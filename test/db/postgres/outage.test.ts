import { afterEach, describe, expect, it, vi } from 'vitest'
import { createOutageLog } from '../../../src/db/postgres/outage.js'

afterEach(() => {
  vi.useRealTimers()
})

function recorder() {
  const lines: { level: string; message: string; details: Record<string, unknown> }[] = []
  return {
    lines,
    target: {
      info: (details: object, message: string) =>
        lines.push({ level: 'info', message, details: details as Record<string, unknown> }),
      warn: (details: object, message: string) =>
        lines.push({ level: 'warn', message, details: details as Record<string, unknown> }),
    },
  }
}

describe('createOutageLog', () => {
  it('logs an outage once when it starts, a reminder every interval, and once when it ends', async () => {
    vi.useFakeTimers()
    const { lines, target } = recorder()
    const outage = createOutageLog(target, { reminderMs: 1000, now: () => Date.now() })
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
      client: { user: 'levelmap', password: 's3cret' },
    })
    outage.listenerLost(refused)
    for (let i = 0; i < 598; i++) {
      outage.unreachable(refused)
      outage.listenerLost(refused)
      await vi.advanceTimersByTimeAsync(5)
    }
    expect(outage.down).toBe(true)
    outage.succeeded()
    expect(outage.down).toBe(true)
    outage.listenerListening()
    expect(outage.down).toBe(false)
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ['warn', 'the PostgreSQL store is unreachable'],
      ['warn', 'the PostgreSQL store is still unreachable'],
      ['warn', 'the PostgreSQL store is still unreachable'],
      ['info', 'the PostgreSQL store is reachable again'],
    ])
    expect(lines[0]?.details.error).toEqual({ name: 'Error', message: refused.message, code: 'ECONNREFUSED' })
    expect(lines[3]?.details).toMatchObject({ downForMs: 2990, failures: 1197 })
    expect(JSON.stringify(lines)).not.toContain('s3cret')
    await vi.advanceTimersByTimeAsync(5000)
    expect(lines).toHaveLength(4)
  })

  it('ends an outage an operation found, while the listener listens, at the next operation that succeeds', () => {
    const { lines, target } = recorder()
    const outage = createOutageLog(target)
    outage.unreachable(new Error('Connection terminated unexpectedly'))
    outage.unreachable(new Error('Connection terminated unexpectedly'))
    outage.succeeded()
    outage.succeeded()
    expect(lines.map((line) => line.message)).toEqual([
      'the PostgreSQL store is unreachable',
      'the PostgreSQL store is reachable again',
    ])
    outage.close()
  })

  it('says the store is busy at most once an interval, with how many requests gave up', () => {
    let now = 0
    const { lines, target } = recorder()
    const outage = createOutageLog(target, { reminderMs: 1000, now: () => now })
    for (let i = 0; i < 50; i++) {
      outage.busy(new Error('timeout exceeded when trying to connect'))
      now += 50
    }
    expect(lines.map((line) => line.details.requests)).toEqual([1, 20, 20])
    expect(outage.down).toBe(false)
  })
})
