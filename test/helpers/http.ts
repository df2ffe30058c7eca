// Request helpers named for what a test means, shared by every HTTP test instead of a get() per file.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import type { InstitutionDocument } from '../../src/documents/schema.js'
import { bearer } from './keys.js'

/** A GET, answered in full. */
export function getRaw(app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers })
}

/** A GET whose body is JSON: the response and the parsed body. */
export async function getJson(app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  const response = await getRaw(app, url, headers)
  return { response, body: response.json() }
}

/** PUT an institution document with an API key. */
export function putDocument(
  app: FastifyInstance,
  slug: string,
  document: InstitutionDocument | unknown,
  key: string,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'PUT',
    url: `/v1/institutions/${slug}`,
    headers: { ...bearer(key), ...headers },
    payload: document as object,
  })
}

/** Asserts an RFC 9457 answer: status, problem+json, the problem code, and the parameter it names. */
export function expectProblem(response: LightMyRequestResponse, status: number, code: string, name?: string): void {
  expect(response.statusCode).toBe(status)
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
  const body = response.json()
  expect(body).toMatchObject({ status, code, type: `/problems/${code}` })
  if (name !== undefined) expect(body.errors.map((error: { name?: string }) => error.name)).toContain(name)
}
