// What the server says while it starts, in order, so that a slow first start on a busy machine is
// not silent: the database opened and migrated, loaded from the data files when new, the catalog
// built with its counts, before it listens.
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../helpers/app.js'

describe('starting', () => {
  it('logs each step as it takes it: opening and migrating, loading the data files, building the catalog', async () => {
    const lines: { msg: string; institutions?: number; jobs?: number }[] = []
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line))
        done()
      },
    })
    const app = await buildTestApp({}, { logger: { level: 'info', stream } })
    await app.close()
    const messages = lines.map((line) => line.msg)
    const steps = [
      'opening the SQLite database and applying its migrations',
      'database loaded from data files',
      'reading the institutions from the store',
      'catalog built',
    ]
    const positions = steps.map((step) => messages.indexOf(step))
    expect(positions.every((position) => position >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(lines.find((line) => line.msg === 'catalog built')).toMatchObject({ institutions: 5 })
  })
})
