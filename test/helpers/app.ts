// The one place tests build the app: a real app on a real in-memory SQLite database, migrated and
// loaded from data/, with the test configuration below unless a test says otherwise.
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { afterAll, beforeAll } from 'vitest'
import { buildApp } from '../../src/app.js'
import type { AppConfig, LimitsConfig } from '../../src/config.js'

/**
 * No load shedding and no rate limits: a test's verdict must not depend on how busy the machine
 * is. Tests about shedding or limits turn them on explicitly through `limits`.
 */
export const testLimits: Partial<LimitsConfig> = { rateLimit: { read: 0, write: 0 }, maxEventLoopDelayMs: 0 }

export interface TestAppOptions extends Partial<Omit<AppConfig, 'limits'>> {
  limits?: Partial<LimitsConfig>
}

export function testConfig(options: TestAppOptions = {}): AppConfig {
  return { database: ':memory:', ...options, limits: { ...testLimits, ...options.limits } }
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
