import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'
import { parseCsv } from '../../helpers/csv.js'
import { getRaw } from '../../helpers/http.js'

const context = useTestApp()

const get = (url: string, headers: Record<string, string> = {}) => getRaw(context.app, url, headers)

interface LadderCell {
  institution: string
  grades: { grade: { id: string }; placedAt: string; levels: { id: string }[] }[]
}

describe('GET /v1/ladder', () => {
  it('answers every scale point with every institution’s grades and jobs placed there', async () => {
    const response = await get('/v1/ladder')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    const body = response.json()
    expect(body.institutions.map((institution: { slug: string }) => institution.slug)).toEqual([
      'columbia',
      'harvard',
      'missouri',
      'new-mexico',
      'north-carolina',
    ])
    expect(body.points.map((point: { code: string }) => point.code)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7'])
    const career = body.points[2].institutions as LadderCell[]
    expect(career.map((cell) => cell.institution)).toEqual(body.institutions.map((i: { slug: string }) => i.slug))
    const harvard = career[1] as LadderCell
    expect(harvard.grades).toEqual([
      {
        grade: { id: 'harvard.57', code: '57', label: 'Grade Level 57' },
        seniority: { value: 3, min: 3, max: 4 },
        placedAt: 'point',
        levels: [
          expect.objectContaining({ id: 'harvard.10657P', title: 'User Support Professional III' }),
          expect.objectContaining({ id: 'harvard.10657M', title: 'User Support Mgt III' }),
        ],
      },
    ])
  })

  it('shows a range on every point it covers, marking its own point', async () => {
    const body = (await get('/v1/ladder?institutions=missouri')).json()
    const it2 = (value: number) =>
      (body.points[value - 1].institutions[0] as LadderCell).grades.filter((grade) => grade.grade.id === 'missouri.IT2')
    expect(it2(1)).toMatchObject([{ placedAt: 'point', seniority: { value: 1, min: 1, max: 2 } }])
    expect(it2(2)).toMatchObject([{ placedAt: 'band' }])
    expect(it2(3)).toEqual([])
    expect((body.points[6].institutions[0] as LadderCell).grades).toEqual([])
  })

  it('keeps the columns in the order institutions= names them, repeated or comma-separated', async () => {
    for (const url of [
      '/v1/ladder?institutions=new-mexico,harvard',
      '/v1/ladder?institutions=new-mexico&institutions=harvard',
    ]) {
      const body = (await get(url)).json()
      expect(
        body.institutions.map((institution: { slug: string }) => institution.slug),
        url,
      ).toEqual(['new-mexico', 'harvard'])
      expect(
        body.points[0].institutions.map((cell: LadderCell) => cell.institution),
        url,
      ).toEqual(['new-mexico', 'harvard'])
    }
  })

  it('keeps only the jobs of one track with track=', async () => {
    const body = (await get('/v1/ladder?institutions=harvard&track=management')).json()
    const ids = body.points.flatMap((point: { institutions: LadderCell[] }) =>
      point.institutions.flatMap((cell) => cell.grades.flatMap((grade) => grade.levels.map((level) => level.id))),
    )
    // Harvard 57, 58, 59 and 60 each span two points, so each appears on both.
    expect(ids).toEqual([
      'harvard.10657M',
      'harvard.10657M',
      'harvard.10658M',
      'harvard.10658M',
      'harvard.10659M',
      'harvard.10659M',
      'harvard.10660M',
      'harvard.10660M',
    ])
  })

  it('answers 404 problem+json for an unknown institution and 400 for an unknown track', async () => {
    const unknown = await get('/v1/ladder?institutions=harvard,atlantis')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(unknown.json()).toMatchObject({ code: 'unknown-institution', detail: 'No institution "atlantis".' })
    const track = await get('/v1/ladder?track=executive')
    expect(track.statusCode).toBe(400)
    expect(track.json()).toMatchObject({ code: 'invalid-parameter' })
    expect(track.json().errors[0]).toMatchObject({ location: 'querystring', name: 'track' })
  })
})

describe('GET /v1/ladder as CSV', () => {
  it('answers text/csv with a header row and one row per scale point', async () => {
    const response = await get('/v1/ladder', { accept: 'text/csv' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    const rows = parseCsv(response.body)
    expect(rows[0]).toEqual([
      'point',
      'code',
      'name',
      'columbia',
      'harvard',
      'missouri',
      'new-mexico',
      'north-carolina',
    ])
    expect(rows).toHaveLength(8)
    expect(rows[3]?.slice(0, 6)).toEqual([
      '3',
      'S3',
      'Career',
      '12: Service Specialist | 13 (placed at 4, range 3-4): Sr. Service Specialist',
      '57 (placed at 3, range 3-4): User Support Professional III [10657P]; User Support Mgt III [10657M]',
      'IT4 (placed at 3, range 3-4): Senior Client Support Technician',
    ])
  })

  it('answers the same CSV to ?format=csv, under its own ETag', async () => {
    const byAccept = await get('/v1/ladder?institutions=harvard', { accept: 'text/csv' })
    const byFormat = await get('/v1/ladder?institutions=harvard&format=csv')
    const json = await get('/v1/ladder?institutions=harvard')
    expect(byFormat.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(byFormat.body).toBe(byAccept.body)
    expect(byAccept.headers.etag).not.toBe(json.headers.etag)
    expect(byAccept.headers.vary).toBe('Accept, Accept-Encoding')
    const again = await get('/v1/ladder?institutions=harvard', {
      accept: 'text/csv',
      'if-none-match': byAccept.headers.etag as string,
    })
    expect(again.statusCode).toBe(304)
  })

  it('answers 406 to an Accept header it cannot meet, and 400 to an unknown format', async () => {
    const ndjson = await get('/v1/ladder', { accept: 'application/x-ndjson' })
    expect(ndjson.statusCode).toBe(406)
    expect(ndjson.json().detail).toBe(
      'This resource is available as application/json, text/csv; the Accept header allows none of them.',
    )
    const format = await get('/v1/ladder?format=xlsx')
    expect(format.statusCode).toBe(400)
    expect(format.json()).toMatchObject({ code: 'invalid-parameter' })
    expect(format.json().errors[0]).toMatchObject({ location: 'querystring', name: 'format' })
  })
})
