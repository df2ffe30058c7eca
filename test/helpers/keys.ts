// API keys for tests: one of each kind the auth matrix needs, created in the app's database.
import type { FastifyInstance } from 'fastify'
import { createApiKey, generateKey, revokeApiKey } from '../../src/db/keys.js'

export interface TestKeys {
  write: string
  read: string
  revoked: string
  unknown: string
}

export function createTestKeys(app: FastifyInstance, prefix = 'test'): TestKeys {
  const write = createApiKey(app.db, `${prefix}-writer`, 'write').key
  const read = createApiKey(app.db, `${prefix}-reader`, 'read').key
  const revoked = createApiKey(app.db, `${prefix}-revoked`, 'write').key
  revokeApiKey(app.db, `${prefix}-revoked`)
  return { write, read, revoked, unknown: generateKey() }
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` })
