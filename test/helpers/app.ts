// One helper builds a real app on a real in-memory SQLite database, migrated and loaded from data/.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll } from 'vitest'
import { buildApp } from '../../src/app.js'

export async function buildTestApp(): Promise<FastifyInstance> {
  const app = await buildApp({ database: ':memory:' })
  await app.ready()
  return app
}

/** Builds one app for the enclosing file and closes it afterwards. */
export function useTestApp(): { readonly app: FastifyInstance } {
  const holder: { app?: FastifyInstance } = {}
  beforeAll(async () => {
    holder.app = await buildTestApp()
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
