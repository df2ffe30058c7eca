// API keys. A key is 32 random bytes, base64url, behind a short prefix that makes it easy to spot
// in a secret scanner; it is shown once when created and only its SHA-256 is stored. Checking a
// presented key compares its hash with every stored hash in constant time (timingSafeEqual, no
// early exit), so the answer time says nothing about how close a guess came.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { and, asc, eq, isNull } from 'drizzle-orm'
import type { LevelmapDatabase } from './client.js'
import { apiKeys } from './schema.js'

export type KeyScope = 'read' | 'write'
export const keyScopes: readonly KeyScope[] = ['read', 'write']

export const keyPrefix = 'lmk_'

/** Key names: what the change log records as the author of a write. `cli` is the import CLI's. */
export const keyNamePattern = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/
export const reservedKeyNames = ['cli']

export interface ApiKeyIdentity {
  name: string
  scope: KeyScope
}

export interface ApiKeyListing extends ApiKeyIdentity {
  createdAt: string
  revokedAt: string | null
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex')
}

export function generateKey(): string {
  return `${keyPrefix}${randomBytes(32).toString('base64url')}`
}

/** Whether a scope allows what `required` asks for: a write key may also read. */
export function scopeAllows(scope: KeyScope, required: KeyScope): boolean {
  return scope === 'write' || required === 'read'
}

export class KeyError extends Error {
  override name = 'KeyError'
}

/** Refuses a name or scope no new key may have; every store checks a new key with it. */
export function checkNewKey(name: string, scope: KeyScope): void {
  if (!keyNamePattern.test(name)) {
    throw new KeyError(
      `invalid key name "${name}": letters, digits and . _ @ - (up to 64), starting with a letter or digit`,
    )
  }
  if (reservedKeyNames.includes(name)) throw new KeyError(`the key name "${name}" is reserved`)
  if (!keyScopes.includes(scope)) throw new KeyError(`invalid scope "${scope}": read or write`)
}

/** The refusal of a name a key already has, or a revoked key had. */
export function nameTakenError(name: string, revokedAt: unknown): KeyError {
  return new KeyError(
    revokedAt === null
      ? `a key named "${name}" exists; revoke it first or choose another name`
      : `a revoked key was named "${name}"; names are not reused, so the change log stays unambiguous`,
  )
}

/** Creates a key and returns it: the only time the key itself exists outside the caller's hands. */
export function createApiKey(db: LevelmapDatabase, name: string, scope: KeyScope): ApiKeyIdentity & { key: string } {
  checkNewKey(name, scope)
  const key = generateKey()
  db.transaction(
    (tx) => {
      const [existing] = tx.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.name, name)).all()
      if (existing) throw nameTakenError(name, existing.revokedAt)
      tx.insert(apiKeys)
        .values({ name, keyHash: hashKey(key), scope })
        .run()
    },
    { behavior: 'immediate' },
  )
  return { name, scope, key }
}

export function listApiKeys(db: LevelmapDatabase): ApiKeyListing[] {
  return db
    .select({ name: apiKeys.name, scope: apiKeys.scope, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.name))
    .all()
}

/** Revokes a key by name: 'revoked', or why not. */
export function revokeApiKey(db: LevelmapDatabase, name: string): 'revoked' | 'already-revoked' | 'unknown' {
  return db.transaction(
    (tx) => {
      const [existing] = tx.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.name, name)).all()
      if (!existing) return 'unknown'
      if (existing.revokedAt !== null) return 'already-revoked'
      tx.update(apiKeys)
        .set({ revokedAt: new Date().toISOString() })
        .where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
        .run()
      return 'revoked'
    },
    { behavior: 'immediate' },
  )
}

/** The key's name and scope, or undefined for an unknown or revoked key. */
export function authenticate(db: LevelmapDatabase, presented: string): ApiKeyIdentity | undefined {
  const digest = createHash('sha256').update(presented, 'utf8').digest()
  let found: { name: string; scope: KeyScope; revokedAt: string | null } | undefined
  for (const row of db.select().from(apiKeys).all()) {
    const stored = Buffer.from(row.keyHash, 'hex')
    const equal = stored.length === digest.length && timingSafeEqual(stored, digest)
    if (equal && found === undefined) found = row
  }
  if (!found || found.revokedAt !== null) return undefined
  return { name: found.name, scope: found.scope }
}
