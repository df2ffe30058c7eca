import { afterEach, describe, expect, it, vi } from 'vitest'
import { databaseTarget, loadConfig } from '../src/config.js'

/** The configuration the README's table documents, for an empty environment. */
const loadConfigDefaults = {
  port: 3000,
  host: '127.0.0.1',
  database: 'data/levelmap.sqlite',
  logLevel: 'info',
  shutdownGraceMs: 1000,
  limits: {
    rateLimit: { read: 1200, write: 60 },
    corsOrigins: ['*'],
    requestTimeoutMs: 10_000,
    maxEventLoopDelayMs: 1000,
    trustProxy: false,
  },
  answerCacheMiB: 64,
  metrics: false,
}

describe('loadConfig', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('reads only the variables it is given, not the environment of the process that calls it', () => {
    const odd = {
      PORT: '3917',
      HOST: '0.0.0.0',
      LEVELMAP_DB: 'mysql://root@localhost/levelmap',
      LEVELMAP_DATA_DIR: '/nowhere',
      LEVELMAP_ANSWER_CACHE_MB: '-1',
      LOG_LEVEL: 'loud',
      RATE_LIMIT_READ: '7',
      CORS_ORIGINS: 'https://elsewhere.example',
      TRUST_PROXY: 'true',
      LEVELMAP_METRICS: '1',
    }
    for (const [name, value] of Object.entries(odd)) vi.stubEnv(name, value)
    expect(loadConfig({})).toEqual(loadConfigDefaults)
    expect(loadConfig({ PORT: '8080' })).toEqual({ ...loadConfigDefaults, port: 8080 })
  })

  it('applies the documented defaults', () => {
    expect(loadConfig({})).toEqual(loadConfigDefaults)
  })

  it('reads PORT, HOST, LEVELMAP_DB and LOG_LEVEL', () => {
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0', LEVELMAP_DB: ':memory:', LOG_LEVEL: 'warn' })).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      database: ':memory:',
      logLevel: 'warn',
      answerCacheMiB: 64,
    })
  })

  it('reads LEVELMAP_METRICS: 1 or true serves /metrics, 0, false or unset does not, anything else is refused', () => {
    expect(loadConfig({ LEVELMAP_METRICS: '1' }).metrics).toBe(true)
    expect(loadConfig({ LEVELMAP_METRICS: 'true' }).metrics).toBe(true)
    expect(loadConfig({ LEVELMAP_METRICS: '0' }).metrics).toBe(false)
    expect(loadConfig({ LEVELMAP_METRICS: 'false' }).metrics).toBe(false)
    expect(loadConfig({}).metrics).toBe(false)
    expect(() => loadConfig({ LEVELMAP_METRICS: 'yes' })).toThrow(/LEVELMAP_METRICS/)
  })

  it('reads LEVELMAP_ANSWER_CACHE_MB, where 0 turns the answer cache off', () => {
    expect(loadConfig({ LEVELMAP_ANSWER_CACHE_MB: '0' }).answerCacheMiB).toBe(0)
    expect(loadConfig({ LEVELMAP_ANSWER_CACHE_MB: '256' }).answerCacheMiB).toBe(256)
  })

  it('reads LEVELMAP_DATA_DIR, the folder a new database is loaded from', () => {
    expect(loadConfig({ LEVELMAP_DATA_DIR: '/tmp/levelmap-data' })).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      database: 'data/levelmap.sqlite',
      logLevel: 'info',
      answerCacheMiB: 64,
      dataDir: '/tmp/levelmap-data',
    })
  })

  it('reads the limits, with 0 turning a limit off and an empty CORS_ORIGINS turning CORS off', () => {
    const config = loadConfig({
      RATE_LIMIT_READ: '0',
      RATE_LIMIT_WRITE: '5',
      CORS_ORIGINS: ' https://a.example , https://b.example ',
      SHUTDOWN_GRACE_MS: '0',
      TRUST_PROXY: 'true',
    })
    expect(config.limits).toMatchObject({
      rateLimit: { read: 0, write: 5 },
      corsOrigins: ['https://a.example', 'https://b.example'],
      trustProxy: true,
    })
    expect(config.shutdownGraceMs).toBe(0)
    expect(loadConfig({ CORS_ORIGINS: '' }).limits?.corsOrigins).toEqual([])
  })

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['LEVELMAP_DB', { LEVELMAP_DB: '' }],
    ['RATE_LIMIT_READ', { RATE_LIMIT_READ: '-1' }],
    ['SHUTDOWN_GRACE_MS', { SHUTDOWN_GRACE_MS: 'soon' }],
    ['LEVELMAP_DATA_DIR', { LEVELMAP_DATA_DIR: '' }],
    ['LEVELMAP_ANSWER_CACHE_MB', { LEVELMAP_ANSWER_CACHE_MB: '-1' }],
  ])('rejects a bad %s with a message naming it', (name, env) => {
    expect(() => loadConfig(env)).toThrow(name)
  })
})

describe('LEVELMAP_DB', () => {
  it.each([
    ['data/levelmap.sqlite'],
    ['/var/lib/levelmap/levelmap.sqlite'],
    ['./levelmap.sqlite'],
    [':memory:'],
    ['C:\\levelmap\\levelmap.sqlite'],
  ])('takes %s for a SQLite path', (value) => {
    expect(databaseTarget(value)).toEqual({ kind: 'sqlite', path: value })
    expect(loadConfig({ LEVELMAP_DB: value }).database).toBe(value)
  })

  it.each([
    ['postgres://levelmap@127.0.0.1:5432/levelmap'],
    ['postgresql://levelmap:secret@db.internal/levelmap?sslmode=require'],
    ['POSTGRES://levelmap@db/levelmap'],
  ])('takes %s for PostgreSQL', (value) => {
    expect(databaseTarget(value)).toEqual({ kind: 'postgres', url: value })
  })

  it.each([
    ['mysql://root@localhost/levelmap'],
    ['x://anything'],
    ['mysql:levelmap'],
    ['sqlite:levelmap.sqlite'],
    ['file:levelmap.sqlite'],
    ['postgres:levelmap'],
    ['https://example.org/levelmap.sqlite'],
  ])('refuses %s, naming the variable, instead of creating a file under a folder named after the scheme', (value) => {
    expect(() => databaseTarget(value)).toThrow(
      /^LEVELMAP_DB: .* (neither a file path nor a supported URL|not a PostgreSQL URL)/,
    )
    expect(() => loadConfig({ LEVELMAP_DB: value })).toThrow('LEVELMAP_DB')
  })

  it('keeps a password out of the message', () => {
    expect(() => databaseTarget('mysql://root:hunter2@localhost/levelmap')).toThrow(/root:\*\*\*@localhost/)
    expect(() => databaseTarget('mysql://root:hunter2@localhost/levelmap')).not.toThrow(/hunter2/)
  })
})
