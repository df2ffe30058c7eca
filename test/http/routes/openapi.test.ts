import { readFileSync } from 'node:fs'
import { compileErrors, validate } from '@readme/openapi-parser'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'

const context = useTestApp()
const committedPath = new URL('../../../openapi/openapi.json', import.meta.url)

describe('GET /openapi.json', () => {
  it('serves the committed openapi/openapi.json', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/openapi.json' })
    expect(response.statusCode).toBe(200)
    const committed = JSON.parse(readFileSync(committedPath, 'utf8'))
    expect(
      response.json(),
      'openapi/openapi.json is out of date with the route schemas: run `npm run openapi:write` and commit it',
    ).toEqual(committed)
  })

  it('is accepted by an OpenAPI 3.1 validator', async () => {
    const document = JSON.parse(readFileSync(committedPath, 'utf8'))
    expect(document.openapi).toBe('3.1.0')
    const result = await validate(document)
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true)
  })

  it('gives every operation a stable operationId, a summary, tags and a response per status', () => {
    const document = JSON.parse(readFileSync(committedPath, 'utf8'))
    const ids = new Set<string>()
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`
        expect(typeof operation.operationId, name).toBe('string')
        expect(ids.has(operation.operationId as string), name).toBe(false)
        ids.add(operation.operationId as string)
        expect(operation.summary, name).toBeTruthy()
        expect((operation.tags as string[]).length, name).toBeGreaterThan(0)
        // A success: 200, or 201 for an operation that only creates.
        expect(
          Object.keys(operation.responses as object).filter((status) => status === '200' || status === '201'),
          name,
        ).not.toEqual([])
      }
    }
    expect(ids.size).toBeGreaterThanOrEqual(11)
  })

  it('serves the browsable docs at /docs', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/docs/' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/html')
  })
})
