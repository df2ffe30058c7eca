import { describe, expect, it } from 'vitest'
import { databaseTarget } from '../../src/config.js'
import { describeError, redactSecrets } from '../../src/db/diagnostics.js'

describe('redactSecrets', () => {
  it.each([
    ['postgres://levelmap:s3cret@db.internal:5432/levelmap', 'postgres://levelmap:***@db.internal:5432/levelmap'],
    ['postgresql://u:p@ss/w:rd@host/db', 'postgresql://u:***@host/db'],
    [
      'postgres://u@host:5432/db?password=s3cret&sslmode=require',
      'postgres://u@host:5432/db?password=***&sslmode=require',
    ],
    [
      'LEVELMAP_DB: "postgres:u:s3cret@host/db" is not a PostgreSQL URL',
      'LEVELMAP_DB: "postgres:***@host/db" is not a PostgreSQL URL',
    ],
    ['mysql://root:s3cret@host/db', 'mysql://root:***@host/db'],
  ])('hides the password of %s', (text, redacted) => {
    expect(redactSecrets(text)).toBe(redacted)
  })

  it.each([
    'postgres://levelmap@db.internal:5432/levelmap',
    'data/levelmap.sqlite',
    'connect ECONNREFUSED 127.0.0.1:5432',
    'password authentication failed for user "levelmap"',
  ])('leaves %s as it is', (text) => {
    expect(redactSecrets(text)).toBe(text)
  })
})

describe('describeError', () => {
  it('keeps the name, redacted message, code and causes, and nothing else an error carries', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
    const error = Object.assign(new Error('could not reach postgres://u:s3cret@h/db', { cause }), {
      client: { user: 'u', password: 's3cret', host: 'h', database: 'db' },
    })
    const summary = describeError(error)
    expect(summary).toEqual({
      name: 'Error',
      message: 'could not reach postgres://u:***@h/db',
      cause: { name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:5432', code: 'ECONNREFUSED' },
    })
    expect(JSON.stringify(summary)).not.toContain('s3cret')
  })
})

describe('LEVELMAP_DB in configuration errors', () => {
  it.each([
    'postgres:levelmap:s3cret@db.internal/levelmap',
    'mysql://root:s3cret@db.internal/levelmap',
    'postgres://levelmap:s3cret@[::1:5432/levelmap',
  ])('names %s without its password', (value) => {
    expect(() => databaseTarget(value)).toThrow(/^LEVELMAP_DB: /)
    expect(() => databaseTarget(value)).not.toThrow(/s3cret/)
  })
})
