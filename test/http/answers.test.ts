import { describe, expect, it } from 'vitest'
import { AnswerCache, type CachedAnswer } from '../../src/http/answers.js'

const answer = (bytes: number): CachedAnswer => ({
  etag: '"x"',
  payload: Buffer.alloc(bytes),
  contentType: 'application/json',
  cacheControl: 'public, max-age=60',
  link: undefined,
  encoded: {},
})

describe('AnswerCache', () => {
  it('keeps answers until the byte budget is spent, evicting the oldest unused one first', () => {
    const cache = new AnswerCache(800)
    cache.useGeneration('v1')
    expect(cache.set('a', answer(100))).toBe(true)
    cache.set('b', answer(100))
    cache.set('c', answer(100))
    expect(cache.get('a')).toBeDefined()
    for (const key of ['d', 'e', 'f', 'g', 'h', 'i']) cache.set(key, answer(100))
    expect(cache.usedBytes).toBe(800)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBeDefined()
    expect(cache.size).toBe(8)
  })

  it('refuses an answer larger than an eighth of the budget, and stores nothing when off', () => {
    const cache = new AnswerCache(800)
    expect(cache.set('big', answer(101))).toBe(false)
    expect(cache.get('big')).toBeUndefined()
    const off = new AnswerCache(0)
    expect(off.set('a', answer(1))).toBe(false)
    expect(off.size).toBe(0)
  })

  it('counts a compressed form against the budget, and attaches it only to the answer still stored', () => {
    const cache = new AnswerCache(800)
    const stored = answer(100)
    cache.set('a', stored)
    cache.attach('a', stored, 'gzip', Buffer.alloc(20))
    expect(stored.encoded.gzip?.length).toBe(20)
    expect(cache.usedBytes).toBe(120)
    cache.attach('a', answer(100), 'br', Buffer.alloc(10))
    expect(stored.encoded.br).toBeUndefined()
    expect(cache.usedBytes).toBe(120)
    for (const key of ['b', 'c', 'd', 'e', 'f', 'g', 'h']) cache.set(key, answer(100))
    expect(cache.get('a')).toBeUndefined()
    expect(cache.usedBytes).toBe(700)
  })

  it('refuses an answer made in a generation that is no longer current', () => {
    const cache = new AnswerCache(800)
    cache.useGeneration('v1.1')
    cache.useGeneration('v1.2')
    expect(cache.set('a', answer(10), 'v1.1')).toBe(false)
    expect(cache.get('a')).toBeUndefined()
    expect(cache.set('a', answer(10), 'v1.2')).toBe(true)
  })

  it('forgets everything when the data version changes', () => {
    const cache = new AnswerCache(800)
    cache.useGeneration('v1')
    cache.set('a', answer(10))
    cache.useGeneration('v1')
    expect(cache.size).toBe(1)
    cache.useGeneration('v2')
    expect(cache.size).toBe(0)
    expect(cache.usedBytes).toBe(0)
  })
})
