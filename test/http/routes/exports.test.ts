import { describe, expect, it } from 'vitest'
import { rewriteStored, useTestApp } from '../../helpers/app.js'
import { parseCsv } from '../../helpers/csv.js'
import { getRaw } from '../../helpers/http.js'

const context = useTestApp()

const get = (url: string, headers: Record<string, string> = {}) => getRaw(context.app, url, headers)

const header = [
  'id',
  'institution',
  'family',
  'grade',
  'title',
  'jobCode',
  'track',
  'tracks',
  'flsa',
  'seniority',
  'seniorityMin',
  'seniorityMax',
  'supervisionReceived',
  'supportTier',
  'experienceMinYears',
  'experienceTypicalYears',
  'summary',
]

describe('GET /v1/levels as CSV', () => {
  it('answers every matching level with a header row, whether asked by Accept or format=csv', async () => {
    const response = await get('/v1/levels?institution=new-mexico', { accept: 'text/csv' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    const rows = parseCsv(response.body)
    expect(rows[0]).toEqual(header)
    expect(rows.slice(1).map((row) => row[0])).toEqual([
      'new-mexico.IEUP13',
      'new-mexico.IEUP15',
      'new-mexico.IEUP17',
      'new-mexico.IEUS20',
      'new-mexico.IEUX26',
    ])
    expect(rows[3]?.slice(0, 12)).toEqual([
      'new-mexico.IEUP17',
      'new-mexico',
      'new-mexico.it-end-user-support',
      'IC',
      'IT End User Support III',
      'IEUP17',
      'individual_contributor',
      'individual_contributor',
      expect.any(String),
      '3',
      '3',
      '3',
    ])
    const byFormat = await get('/v1/levels?institution=new-mexico&format=csv')
    expect(byFormat.body).toBe(response.body)
  })

  it('holds all 24 levels by default, and pages only when limit or offset is given', async () => {
    const all = await get('/v1/levels?format=csv')
    expect(parseCsv(all.body)).toHaveLength(25)
    expect(all.headers.link).toBeUndefined()
    const page = await get('/v1/levels?format=csv&limit=5&offset=5')
    const rows = parseCsv(page.body)
    expect(rows).toHaveLength(6)
    expect(rows[1]?.[0]).toBe(parseCsv(all.body)[6]?.[0])
    expect(page.headers.link).toBe(
      '</v1/levels?format=csv&limit=5&offset=10>; rel="next", </v1/levels?format=csv&limit=5&offset=0>; rel="prev"',
    )
  })

  it('quotes a title holding a comma and joins two tracks with a space', async () => {
    const rows = parseCsv((await get('/v1/levels?format=csv')).body)
    const manager = rows.find((row) => row[0] === 'columbia.manager-client-solutions-email-systems')
    expect(manager?.[4]).toBe('Manager, Client Solutions & Email Systems')
    const professional = rows.find((row) => row[0] === 'missouri.client-support-professional')
    expect(professional?.[7]).toBe('management individual_contributor')
  })

  it('answers a JSON page to a browser-style Accept header', async () => {
    const response = await get('/v1/levels', { accept: 'text/html,*/*;q=0.8' })
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(response.json()).toMatchObject({ total: 24, limit: 20, offset: 0 })
  })
})

describe('GET /v1/levels as NDJSON', () => {
  it('answers one JSON level per line, each the object the JSON list holds', async () => {
    const response = await get('/v1/levels?institution=harvard', { accept: 'application/x-ndjson' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8')
    expect(response.body.endsWith('\n')).toBe(true)
    const lines = response.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line))
    const json = (await get('/v1/levels?institution=harvard')).json()
    expect(lines).toEqual(json.items)
    expect(lines).toHaveLength(6)
  })

  it('answers format=ndjson under an ETag of its own', async () => {
    const ndjson = await get('/v1/levels?format=ndjson')
    const json = await get('/v1/levels')
    expect(ndjson.body.trimEnd().split('\n')).toHaveLength(24)
    expect(ndjson.headers.etag).not.toBe(json.headers.etag)
  })
})

describe('CSV exports of hostile text', () => {
  it('neutralise a title a spreadsheet would run as a formula, and quote it', async () => {
    const hostile = '=HYPERLINK("http://evil.example","click"),x'
    rewriteStored(context.app, 'harvard', (document) => {
      for (const job of document.jobs) {
        if (job.id === 'harvard.10657P') Object.assign(job, { title: hostile, summary: '-2+3' })
        if (job.id === 'harvard.10658P') job.title = '@SUM(A1:A9)'
      }
    })
    await context.app.levelmap.reload()

    const levels = await get('/v1/levels?institution=harvard&format=csv')
    expect(levels.body).toContain(`"'=HYPERLINK(""http://evil.example"",""click""),x"`)
    const rows = parseCsv(levels.body)
    const row = rows.find((cells) => cells[0] === 'harvard.10657P')
    expect(row?.[4]).toBe(`'${hostile}`)
    expect(row?.[16]).toBe("'-2+3")
    expect(rows.find((cells) => cells[0] === 'harvard.10658P')?.[4]).toBe("'@SUM(A1:A9)")

    const ladder = parseCsv((await get('/v1/ladder?institutions=harvard&format=csv')).body)
    expect(ladder[3]?.[3]?.startsWith('57 (placed at 3, range 3-4): =HYPERLINK')).toBe(true)
    const renamed = await get('/v1/levels/harvard.10657P')
    expect(renamed.json().title).toBe(hostile)
  })
})
