// The one place tests build the app: a real app on a real in-memory SQLite database, migrated and
// loaded from data/, with the test configuration below unless a test says otherwise.
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { afterAll, beforeAll } from 'vitest'
import { buildApp } from '../../src/app.js'
import type { AppConfig, LimitsConfig } from '../../src/config.js'
import { readStoredDocument } from '../../src/db/institutions.js'
import { putInstitution } from '../../src/db/writes.js'
import type { InstitutionDocument } from '../../src/documents/schema.js'

/**
 * No load shedding and no rate limits: a test's verdict must not depend on how busy the machine
 * is. Tests about shedding or limits turn them on explicitly through `limits`.
 */
export const testLimits: Partial<LimitsConfig> = { rateLimit: { read: 0, write: 0 }, maxEventLoopDelayMs: 0 }

export interface TestAppOptions extends Partial<Omit<AppConfig, 'limits'>> {
  limits?: Partial<LimitsConfig>
}

/** Leveling runs in the request unless a test asks for the pool of worker threads (levelingThreads). */
export function testConfig(options: TestAppOptions = {}): AppConfig {
  return { database: ':memory:', levelingThreads: 0, ...options, limits: { ...testLimits, ...options.limits } }
}

export async function buildTestApp(
  options: TestAppOptions = {},
  fastify: FastifyServerOptions = {},
): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(options), fastify)
  await app.ready()
  return app
}

/** Builds one app for the enclosing file and closes it afterwards. */
export function useTestApp(options: TestAppOptions = {}): { readonly app: FastifyInstance } {
  const holder: { app?: FastifyInstance } = {}
  beforeAll(async () => {
    holder.app = await buildTestApp(options)
  })
  afterAll(async () => {
    await holder.app?.close()
  })
  return {
    get app() {
      if (!holder.app) throw new Error('the test app is built in beforeAll')
      return holder.app
    },
  }
}

/**
 * Rewrites one stored institution behind the app's back, through the real write path, as another
 * process would: the app sees it only after `app.levelmap.reload()` (or its change check).
 */
export function rewriteStored(app: FastifyInstance, slug: string, edit: (document: InstitutionDocument) => void): void {
  const stored = readStoredDocument(app.db, slug)
  if (!stored) throw new Error(`no stored institution ${slug}`)
  const document = structuredClone(stored.document)
  edit(document)
  const outcome = putInstitution(app.db, document, 'test')
  if (outcome.outcome !== 'committed') throw new Error(`rewrite refused: ${JSON.stringify(outcome)}`)
}
