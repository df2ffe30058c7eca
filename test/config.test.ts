import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      database: 'data/levelmap.sqlite',
      logLevel: 'info',
      answerCacheMiB: 64,
    })
  })

  it('reads PORT, HOST, LEVELMAP_DB and LOG_LEVEL', () => {
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0', LEVELMAP_DB: ':memory:', LOG_LEVEL: 'warn' })).toEqual({
      port: 8080,
      host: '0.0.0.0',
      database: ':memory:',
      logLevel: 'warn',
      answerCacheMiB: 64,
    })
  })

  it('reads LEVELMAP_ANSWER_CACHE_MB, where 0 turns the answer cache off', () => {
    expect(loadConfig({ LEVELMAP_ANSWER_CACHE_MB: '0' }).answerCacheMiB).toBe(0)
    expect(loadConfig({ LEVELMAP_ANSWER_CACHE_MB: '256' }).answerCacheMiB).toBe(256)
  })

  it('reads LEVELMAP_DATA_DIR, the folder a new database is loaded from', () => {
    expect(loadConfig({ LEVELMAP_DATA_DIR: '/tmp/levelmap-data' })).toEqual({
      port: 3000,
      host: '127.0.0.1',
      database: 'data/levelmap.sqlite',
      logLevel: 'info',
      answerCacheMiB: 64,
      dataDir: '/tmp/levelmap-data',
    })
  })

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['LEVELMAP_DB', { LEVELMAP_DB: '' }],
    ['LEVELMAP_DATA_DIR', { LEVELMAP_DATA_DIR: '' }],
    ['LEVELMAP_ANSWER_CACHE_MB', { LEVELMAP_ANSWER_CACHE_MB: '-1' }],
  ])('rejects a bad %s with a message naming it', (name, env) => {
    expect(() => loadConfig(env)).toThrow(name)
  })
})
