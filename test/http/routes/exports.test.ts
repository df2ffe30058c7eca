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
  'experienceMaxYears',
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
    expect(row?.[17]).toBe("'-2+3")
    expect(rows.find((cells) => cells[0] === 'harvard.10658P')?.[4]).toBe("'@SUM(A1:A9)")

    const ladder = parseCsv((await get('/v1/ladder?institutions=harvard&format=csv')).body)
    expect(ladder[3]?.[3]?.startsWith('57 (placed at 3, range 3-4): =HYPERLINK')).toBe(true)
    const renamed = await get('/v1/levels/harvard.10657P')
    expect(renamed.json().title).toBe(hostile)
  })
})

describe('CSV for spreadsheets', () => {
  it('gives each level its maximum years where the source states one', async () => {
    const rows = parseCsv((await get('/v1/levels?format=csv')).body)
    const column = (rows[0] ?? []).indexOf('experienceMaxYears')
    expect(column).toBe(16)
    const stated = context.app.levelmap.current.catalog.jobs.filter((job) => job.experience.maxYears !== null)
    for (const job of stated) {
      expect(rows.find((row) => row[0] === job.id)?.[column]).toBe(String(job.experience.maxYears))
    }
  })

  it('starts with a UTF-8 byte order mark only when bom=true', async () => {
    for (const url of [
      '/v1/levels?format=csv',
      '/v1/ladder?format=csv',
      '/v1/crosswalk?from=harvard&grade=57&format=csv',
    ]) {
      const plain = await get(url)
      const marked = await get(`${url}&bom=true`)
      expect(plain.rawPayload[0]).not.toBe(0xef)
      expect([...marked.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      expect(marked.rawPayload.subarray(3).toString('utf8')).toBe(plain.body)
    }
  })
})

describe('GET /v1/crosswalk as CSV', () => {
  it('answers one row per match with the rationale, as the JSON answers', async () => {
    const json = (await get('/v1/crosswalk?from=harvard&grade=57')).json()
    const response = await get('/v1/crosswalk?from=harvard&grade=57', { accept: 'text/csv' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    const rows = parseCsv(response.body)
    expect(rows[0]).toEqual([
      'sourceInstitution',
      'sourceGrade',
      'sourceLevel',
      'sourceTitle',
      'sourceSeniority',
      'targetInstitution',
      'targetGrade',
      'targetLevels',
      'targetTitles',
      'targetSeniority',
      'delta',
      'relation',
      'score',
      'comparable',
      'trackMatched',
      'rationale',
    ])
    const matches = json.results.flatMap(
      (result: {
        source: { level: { id: string } }
        matches: { institution: string; grade: { code: string }; relation: string; rationale: string }[]
      }) =>
        result.matches.map((match) => [
          result.source.level.id,
          match.institution,
          match.grade.code,
          match.relation,
          match.rationale,
        ]),
    )
    expect(rows.slice(1).map((row) => [row[2], row[5], row[6], row[11], row[15]])).toEqual(matches)
    const columbia = rows.find((row) => row[2] === 'harvard.10657P' && row[5] === 'columbia')
    expect(columbia?.[6]).toBe('12')
  })
})
