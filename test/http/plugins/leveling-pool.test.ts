import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'

const ladder = readFileSync(new URL('../../fixtures/ladder.txt', import.meta.url), 'utf8')

describe('leveling in the pool of worker threads', () => {
  const pooled = useTestApp({ levelingThreads: 1 })
  const inline = useTestApp({ levelingThreads: 0 })

  const level = (app: typeof pooled.app, payload: string) =>
    app.inject({ method: 'POST', url: '/v1/leveling', headers: { 'content-type': 'text/plain' }, payload })

  it('answers exactly what leveling in the request answers', async () => {
    const [fromPool, fromRequest] = await Promise.all([level(pooled.app, ladder), level(inline.app, ladder)])
    expect(fromPool.statusCode).toBe(200)
    expect(fromPool.json()).toEqual(fromRequest.json())
  })

  it('answers a text it cannot level with the same problem', async () => {
    const response = await level(pooled.app, 'The coffee machine is by the window.')
    expect(response.statusCode).toBe(422)
    expect(response.json().code).toBe('no-recognisable-job')
  })

  it('levels submissions side by side', async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, () => level(pooled.app, ladder)))
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200])
  })
})
