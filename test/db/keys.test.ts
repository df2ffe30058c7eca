import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.js'
import { authenticate, createApiKey, KeyError, keyPrefix, listApiKeys, revokeApiKey } from '../../src/db/keys.js'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describe('API keys', () => {
  it('are 32 random bytes in base64url behind a prefix, and only their SHA-256 is stored', () => {
    const db = openDatabase(':memory:')
    const created = createApiKey(db, 'alice', 'write')
    expect(created).toMatchObject({ name: 'alice', scope: 'write' })
    expect(created.key).toMatch(new RegExp(`^${keyPrefix}[A-Za-z0-9_-]{43}$`))
    expect(Buffer.from(created.key.slice(keyPrefix.length), 'base64url')).toHaveLength(32)
    expect(createApiKey(db, 'bob', 'write').key).not.toBe(created.key)

    const rows = db.$client.prepare('select * from api_keys').all() as Record<string, unknown>[]
    expect(rows.find((row) => row.name === 'alice')).toMatchObject({ key_hash: sha256(created.key), scope: 'write' })
    const stored = JSON.stringify(rows)
    expect(stored).not.toContain(created.key)
    expect(stored).not.toContain(created.key.slice(keyPrefix.length))
  })

  it('authenticate a known key to its name and scope, and nothing else', () => {
    const db = openDatabase(':memory:')
    const writer = createApiKey(db, 'writer', 'write').key
    const reader = createApiKey(db, 'reader', 'read').key
    expect(authenticate(db, writer)).toEqual({ name: 'writer', scope: 'write' })
    expect(authenticate(db, reader)).toEqual({ name: 'reader', scope: 'read' })
    expect(authenticate(db, `${writer}x`)).toBeUndefined()
    expect(authenticate(db, writer.slice(0, -1))).toBeUndefined()
    expect(authenticate(db, sha256(writer))).toBeUndefined()
    expect(authenticate(db, '')).toBeUndefined()
  })

  it('stop working once revoked, and are listed with their dates but never their keys', () => {
    const db = openDatabase(':memory:')
    const key = createApiKey(db, 'carol', 'write').key
    expect(revokeApiKey(db, 'carol')).toBe('revoked')
    expect(revokeApiKey(db, 'carol')).toBe('already-revoked')
    expect(revokeApiKey(db, 'nobody')).toBe('unknown')
    expect(authenticate(db, key)).toBeUndefined()
    const [listed] = listApiKeys(db)
    expect(listed).toEqual({
      name: 'carol',
      scope: 'write',
      createdAt: expect.stringMatching(/Z$/),
      revokedAt: expect.stringMatching(/Z$/),
    })
  })

  it.each([
    ['a name in use', 'alice', 'write', 'a key named "alice" exists'],
    ['the name of the import CLI', 'cli', 'write', 'reserved'],
    ['a name with spaces', 'al ice', 'write', 'invalid key name'],
    ['an unknown scope', 'dave', 'admin', 'invalid scope'],
  ])('refuse %s', (_name, name, scope, message) => {
    const db = openDatabase(':memory:')
    createApiKey(db, 'alice', 'read')
    expect(() => createApiKey(db, name, scope as 'write')).toThrow(KeyError)
    expect(() => createApiKey(db, name, scope as 'write')).toThrow(message)
  })

  it('refuse to reuse the name of a revoked key, so the change log stays unambiguous', () => {
    const db = openDatabase(':memory:')
    createApiKey(db, 'erin', 'write')
    revokeApiKey(db, 'erin')
    expect(() => createApiKey(db, 'erin', 'write')).toThrow('names are not reused')
  })
})
