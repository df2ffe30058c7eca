import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'

const context = useTestApp()
const get = (url: string) => context.app.inject({ method: 'GET', url })

describe('consistent parameters', () => {
  it('lists the allowed values of an enum instead of "must be equal to constant"', async () => {
    const response = await get('/v1/crosswalk?from=harvard&grade=57&track=manager')
    expect(response.statusCode).toBe(400)
    const body = response.json()
    expect(body.errors).toEqual([{ location: 'querystring', name: 'track', message: 'must be one of: same, any' }])
    expect(body.detail).toBe('Invalid querystring: track: must be one of: same, any.')
    const format = (await get('/v1/levels?format=xml')).json()
    expect(format.errors[0].message).toBe('must be one of: json, csv, ndjson')
  })

  it('suggests the slug when an institution is written in capitals', async () => {
    for (const url of [
      '/v1/crosswalk?from=Harvard&grade=57',
      '/v1/institutions/HARVARD',
      '/v1/levels?institution=Harvard',
    ]) {
      const response = await get(url)
      expect(response.statusCode, url).toBe(400)
      expect(response.json().errors[0].message, url).toBe('must be written in lower case: did you mean "harvard"?')
    }
  })

  it('matches a level id ignoring case', async () => {
    const exact = await get('/v1/levels/harvard.10657P')
    const lower = await get('/v1/levels/harvard.10657p')
    expect(lower.statusCode).toBe(200)
    expect(lower.json().id).toBe('harvard.10657P')
    expect(lower.json()).toEqual(exact.json())
    const crosswalk = await get('/v1/crosswalk?level=harvard.10657p&to=columbia')
    expect(crosswalk.statusCode).toBe(200)
    expect(crosswalk.json().results[0].source.level.id).toBe('harvard.10657P')
    const capital = (await get('/v1/levels/Harvard.10657P')).json()
    expect(capital.errors[0].message).toBe('must be written in lower case: did you mean "harvard.10657P"?')
  })
})
