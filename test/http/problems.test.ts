import { describe, expect, it } from 'vitest'
import { useTestApp } from '../helpers/app.js'

const context = useTestApp()

describe('an unknown institution', () => {
  // Every route that takes a slug answers the same 404 in the same words, naming where the slug was.
  const cases: { method: 'GET' | 'POST'; url: string; body?: object; where: object }[] = [
    { method: 'GET', url: '/v1/institutions/atlantis', where: { location: 'params', name: 'slug' } },
    { method: 'GET', url: '/v1/institutions/atlantis/document', where: { location: 'params', name: 'slug' } },
    {
      method: 'GET',
      url: '/v1/families?institution=atlantis',
      where: { location: 'querystring', name: 'institution' },
    },
    { method: 'GET', url: '/v1/levels?institution=atlantis', where: { location: 'querystring', name: 'institution' } },
    {
      method: 'GET',
      url: '/v1/ladder?institutions=harvard,atlantis',
      where: { location: 'querystring', name: 'institutions' },
    },
    {
      method: 'GET',
      url: '/v1/search?q=analyst&institution=atlantis',
      where: { location: 'querystring', name: 'institution' },
    },
    { method: 'GET', url: '/v1/crosswalk?from=atlantis&grade=57', where: { location: 'querystring', name: 'from' } },
    {
      method: 'GET',
      url: '/v1/crosswalk?from=harvard&grade=57&to=atlantis',
      where: { location: 'querystring', name: 'to' },
    },
  ]
  for (const { method, url, body, where } of cases) {
    it(`is one 404 wording for ${method} ${url}`, async () => {
      const response = await context.app.inject({ method, url, ...(body ? { payload: body } : {}) })
      expect(response.statusCode).toBe(404)
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
      const problem = response.json()
      expect(problem).toMatchObject({ code: 'unknown-institution', status: 404, detail: 'No institution "atlantis".' })
      expect(problem.errors?.[0]).toMatchObject(where)
    })
  }
})
