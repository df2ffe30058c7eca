import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'

const context = useTestApp()

async function page(url: string) {
  const response = await context.app.inject({ method: 'GET', url })
  return { response, body: response.body }
}

/** The opening tags of the job boxes, by level id. */
function jobLinks(body: string): Map<string, string> {
  const links = new Map<string, string>()
  for (const match of body.matchAll(/<a class="job[^>]*>/g)) {
    const id = /data-level="([^"]+)"/.exec(match[0])?.[1]
    if (id) links.set(id, match[0])
  }
  return links
}

/** The body row of a scale point, from its row header to the end of the row. */
function rowOf(body: string, code: string): string {
  return between(body, `<th scope="row" id="point-${code}"`, '</tr>')
}

function between(body: string, start: string, end: string): string {
  const from = body.indexOf(start)
  if (from === -1) throw new Error(`no ${start}`)
  return body.slice(from, body.indexOf(end, from) + end.length)
}

describe('GET /', () => {
  it('serves the ladder as HTML with all 24 jobs, each a link that selects it', async () => {
    const { response, body } = await page('/')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(body.startsWith('<!doctype html>\n<html lang="en">')).toBe(true)
    const links = jobLinks(body)
    const ids = context.app.levelmap.current.catalog.jobs.map((job) => job.id)
    expect(ids).toHaveLength(24)
    expect([...links.keys()].sort()).toEqual([...ids].sort())
    expect(links.get('harvard.10657P')).toBe(
      '<a class="job track-individual_contributor" id="job-harvard.10657P" href="/?level=harvard.10657P" data-level="harvard.10657P" data-grade-placement="S3, band S3–S4">',
    )
    expect(links.get('harvard.10658P')).toBe(
      '<a class="job track-individual_contributor" id="job-harvard.10658P" href="/?level=harvard.10658P" data-level="harvard.10658P">',
    )
    expect(body).toContain('<span class="title">User Support Professional III</span>')
    expect(body).toContain('<a href="/docs">API documentation</a>')
    expect(body).not.toContain('class="job track-individual_contributor selected')
  })

  it('is a real table: a caption, institutions as column headers, scale points as row headers', async () => {
    const { body } = await page('/')
    const table = between(body, '<table', '</table>')
    expect(table).toMatch(/<caption>IT end-user support jobs of 5 institutions on one seniority scale, S7 Director/)
    const columns = [...table.matchAll(/<th scope="col"[^>]*data-institution="([^"]+)"/g)].map((match) => match[1])
    expect(columns).toEqual(['columbia', 'harvard', 'missouri', 'new-mexico', 'north-carolina'])
    expect(table).toContain('<th scope="col" colspan="2" data-institution="north-carolina"')
    const rows = [...table.matchAll(/<th scope="row" id="point-(S\d)"/g)].map((match) => match[1])
    expect(rows).toEqual(['S7', 'S6', 'S5', 'S4', 'S3', 'S2', 'S1'])
    // Two jobs in one placement share the cell; a grade's jobs at other placements have their own.
    const grade14 = between(table, 'data-grade="columbia.14"', '</td>')
    expect([...jobLinks(grade14).keys()]).toEqual(['columbia.manager-client-solutions-email-systems'])
    // Every row has as many cells as the header has lanes, counting the rows a span covers.
    const lanes = 2 + 3 + 2 + 1 + 2
    const covered = [...table.matchAll(/rowspan="(\d)"/g)].reduce((sum, match) => sum + Number(match[1]) - 1, 0)
    const cells = (table.match(/<td/g) ?? []).length
    expect(cells + covered).toBe(7 * lanes)
  })

  it('draws each job in the row of its point, with its band shaded above and below', async () => {
    const { body } = await page('/')
    // Harvard 58 sits at S4 with a band up to S5: its job is in the S4 row, the S5 row holds its band.
    const s4 = rowOf(body, 'S4')
    expect(s4).toContain(
      '<td class="grade band band-joined first-lane" data-grade="harvard.58"><p class="grade-label"><span class="grade-code">Grade Level 58</span> <span class="placement">S4, band S4–S5</span></p><ul class="jobs"><li><a class="job track-individual_contributor" id="job-harvard.10658P"',
    )
    const s5 = rowOf(body, 'S5')
    expect(s5).not.toContain('data-level="harvard.10658P"')
    expect(s5).toContain(
      '<td class="band-extent band first-lane"><span class="visually-hidden">Band of Grade Level 58 (S4, band S4–S5)</span></td>',
    )
    // Missouri IT2 (S1, band S1–S2): the job in the S1 row, the band above it.
    expect(rowOf(body, 'S1')).toContain('data-level="missouri.client-support-technician"')
    expect(rowOf(body, 'S2')).toContain('<span class="visually-hidden">Band of Pay grade IT2 (S1, band S1–S2)</span>')
    // No job is drawn outside the row of its own point.
    const { catalog } = context.app.levelmap.current
    for (const job of catalog.jobs) {
      const point = catalog.scale.points.find((candidate) => candidate.value === job.seniority.value)
      expect(rowOf(body, point?.code ?? '?'), job.id).toContain(`data-level="${job.id}"`)
    }
  })

  it('draws a job placed apart from its grade at its own point and band, marked as its own', async () => {
    const { body } = await page('/')
    // Harvard 58 is S4 [S4–S5]; Mgt IV's own placement is S5 [S4–S5]: drawn in the S5 row, shaded down to S4.
    const s5 = rowOf(body, 'S5')
    expect(s5).toContain(
      '<td class="grade band own" data-grade="harvard.58" data-placed-by="job"><p class="grade-label"><span class="grade-code">Grade Level 58</span> <span class="placement">S5, band S4–S5</span></p><p class="own-note"><strong>Own placement</strong>; grade at S4, band S4–S5</p><ul class="jobs"><li><a class="job track-management" id="job-harvard.10658M" href="/?level=harvard.10658M" data-level="harvard.10658M" data-grade-placement="S4, band S4–S5">',
    )
    expect(rowOf(body, 'S4')).toContain(
      '<td class="band-extent band band-joined own"><span class="visually-hidden">Band of User Support Mgt IV (S5, band S4–S5)</span></td>',
    )
    // Harvard 57 is S3 [S3–S4]; its two jobs sit apart from it: Prof III at S3 [S3], Mgt III at S4 [S3–S4].
    expect(rowOf(body, 'S3')).toContain(
      '<td class="grade own first-lane" data-grade="harvard.57" data-placed-by="job"><p class="grade-label"><span class="grade-code">Grade Level 57</span> <span class="placement">S3</span></p><p class="own-note"><strong>Own placement</strong>; grade at S3, band S3–S4</p>',
    )
    expect(rowOf(body, 'S4')).toMatch(
      /data-grade="harvard\.57" data-placed-by="job"><p class="grade-label">[\s\S]*?S4, band S3–S4[\s\S]*?data-level="harvard\.10657M"/,
    )
    // A job on its grade's placement carries no such note.
    expect(between(body, 'data-grade="harvard.59"', '</td>')).not.toContain('Own placement')
    expect(body).toContain(`<span class="sample band-sample own"></span> a job's own placement, apart from its grade's`)
  })

  it('tells the tracks apart by border class and a text label', async () => {
    const { body } = await page('/')
    const links = jobLinks(body)
    expect(links.get('harvard.10657M')).toContain('class="job track-management"')
    expect(between(body, 'data-level="harvard.10657M"', '</a>')).toContain('<span class="track">Manager</span>')
    expect(between(body, 'data-level="harvard.10657P"', '</a>')).toContain('<span class="track">Contributor</span>')
    expect(between(body, 'data-level="missouri.client-support-professional"', '</a>')).toContain(
      '<span class="track">Manager / contributor</span>',
    )
  })

  it('renders a selection: the job marked, its match in every other institution, the rationale and the JSON link', async () => {
    const { response, body } = await page('/?level=harvard.10657P')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    const links = jobLinks(body)
    expect(links.get('harvard.10657P')).toBe(
      '<a class="job track-individual_contributor selected" id="job-harvard.10657P" href="/?level=harvard.10657P" data-level="harvard.10657P" data-grade-placement="S3, band S3–S4" aria-current="true">',
    )
    // The calibration: Prof III, on its own placement, matches Columbia 12 and New Mexico IC exactly.
    expect(links.get('columbia.service-specialist')).toContain(
      'class="job track-individual_contributor match relation-exact"',
    )
    expect(links.get('new-mexico.IEUP17')).toContain('class="job track-individual_contributor match relation-exact"')
    expect(between(body, 'data-level="new-mexico.IEUP17"', '</a>')).toContain('<span class="badge">exact · 1.00</span>')
    expect(links.get('missouri.senior-client-support-technician')).toContain(
      'class="job track-individual_contributor match relation-broad"',
    )
    const matched = [...links].filter(([, tag]) => tag.includes(' match ')).map(([id]) => id)
    expect(matched.sort()).toEqual([
      'columbia.service-specialist',
      'missouri.senior-client-support-technician',
      'new-mexico.IEUP17',
      'north-carolina.technology-support-analyst-journey',
    ])
    const panel = between(body, '<section id="crosswalk"', '</section>')
    expect(panel).toContain(
      '<p class="source">From <strong>Harvard User Support Professional III</strong> (10657P), Grade Level 57, contributor track, at S3 Career (own placement; grade at S3, band S3–S4). <a href="#job-harvard.10657P" class="to-ladder">Show it in the ladder</a></p>',
    )
    expect(panel).toContain(
      '<li class="match relation-exact" data-institution="columbia"><h3><span class="institution">Columbia</span> Grade 12</h3><p class="match-jobs">Service Specialist</p><p class="match-relation"><span class="badge">exact</span> score 1.00 · same point · S3</p>',
    )
    expect(panel).toContain('<h3><span class="institution">New Mexico</span> Pay Band IC</h3>')
    expect(panel).toContain('<span class="badge">broad</span> score 0.90 · same point · S3, band S3–S4')
    expect(panel).toContain('Same point, same band, same track: an exact match.')
    expect(panel).toContain('Same point, same band, same track: an exact match.')
    expect(panel).toContain('<a href="/v1/crosswalk?level=harvard.10657P">This crosswalk as JSON</a>')
    expect(panel).toContain('<a href="/v1/levels/harvard.10657P">The job as JSON</a>')
    expect(body).toContain('<title>User Support Professional III: crosswalk · levelmap</title>')
  })

  it('passes track=any to the crosswalk and keeps it in every link', async () => {
    const same = await page('/?level=harvard.10657M')
    const any = await page('/?level=harvard.10657M&track=any')
    expect(any.response.statusCode).toBe(200)
    expect(jobLinks(same.body).get('columbia.manager-client-solutions-email-systems')).toContain(' match ')
    expect(jobLinks(any.body).get('columbia.sr-service-specialist')).toContain(' match relation-close')
    expect(jobLinks(any.body).get('columbia.lead-service-specialist')).toBe(
      '<a class="job track-individual_contributor" id="job-columbia.lead-service-specialist" href="/?level=columbia.lead-service-specialist&amp;track=any" data-level="columbia.lead-service-specialist" data-grade-placement="S5, band S4–S5">',
    )
    expect(any.body).toContain('<a href="/v1/crosswalk?level=harvard.10657M&amp;track=any">This crosswalk as JSON</a>')
    expect(any.body).toContain('data-track="any" aria-current="true">any track</a>')
  })

  it('answers an unknown level with the page, a visible message and 404', async () => {
    const { response, body } = await page('/?level=harvard.99999X')
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(body).toContain(
      '<p class="message" role="alert">No job with id &quot;harvard.99999X&quot;. Select a job in the ladder below.</p>',
    )
    expect(jobLinks(body).size).toBe(24)
  })

  it('answers a malformed track or a repeated level with the page, a message and 400', async () => {
    const track = await page('/?level=harvard.10657P&track=sideways')
    expect(track.response.statusCode).toBe(400)
    expect(track.response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(track.body).toContain(
      '<p class="message" role="alert">track must be &quot;same&quot; or &quot;any&quot;.</p>',
    )
    const repeated = await page('/?level=harvard.10657P&level=columbia.service-specialist')
    expect(repeated.response.statusCode).toBe(400)
    expect(repeated.body).toContain('<p class="message" role="alert">Give one level, not several.</p>')
    expect(jobLinks(repeated.body).size).toBe(24)
  })

  it('ignores other query parameters and an empty level', async () => {
    const { response, body } = await page('/?utm_source=mail&level=')
    expect(response.statusCode).toBe(200)
    expect(body).toContain('<p class="hint">Select a job in the ladder')
  })

  it('escapes the request and the catalog text it writes', async () => {
    const { response, body } = await page(`/?level=${encodeURIComponent('<script>alert("x")</script>')}`)
    expect(response.statusCode).toBe(404)
    expect(body).not.toContain('<script>alert')
    expect(body).toContain('No job with id &quot;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&quot;.')
    expect(body).toContain('<span class="title">Manager, Client Solutions &amp; Email Systems</span>')
    expect(body).not.toContain('Client Solutions & Email')
  })

  it('allows only its own inline style and script to run', async () => {
    const { response, body } = await page('/')
    const policy = String(response.headers['content-security-policy'])
    const digest = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`
    const script = between(body, '<script>', '</script>').slice('<script>'.length, -'</script>'.length)
    const style = between(body, '<style>', '</style>').slice('<style>'.length, -'</style>'.length)
    expect(policy).toContain(`script-src ${digest(script)};`)
    expect(policy).toContain(`style-src ${digest(style)};`)
    expect(policy).toContain("default-src 'none'")
    expect(body).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/)
    expect(response.headers['x-content-type-options']).toBe('nosniff')
  })

  it('is left out of the OpenAPI document', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/openapi.json' })
    expect(Object.keys(response.json().paths)).not.toContain('/')
  })
})

describe('POST / (the leveling box)', () => {
  const ladder = readFileSync(new URL('../../fixtures/ladder.txt', import.meta.url), 'utf8')
  const post = (text: string) =>
    context.app.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ text }).toString(),
    })

  it('renders the page with where each job lands, its factors with their quotes, and its nearest grades', async () => {
    const response = await post(ladder)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    const result = between(response.body, '<div id="leveling-result">', '</ol></div>')
    expect(result).toContain('<p class="split">6 jobs (split on 6 &quot;Job Title:&quot; headings).</p>')
    const proposals = [...result.matchAll(/<h3 id="proposal-\d+-title">([^<]+)/g)].map((match) => match[1]?.trim())
    expect(proposals).toEqual([
      'Desktop Technician I',
      'Desktop Technician II',
      'Desktop Technician III',
      'Desktop Support Lead',
      'Desktop Support Supervisor',
      'Client Services Manager',
    ])
    expect(result).toMatch(
      /<p class="landing">Lands at <strong>S1 Entry<\/strong> · band S1–S2 · contributor track · confidence 0\.\d\d<\/p>/,
    )
    expect(result).toContain(
      '<a href="/?level=missouri.client-support-technician">Missouri Pay grade IT2</a> <span class="match-jobs">Client Support Technician</span> <span class="badge relation-exact">exact · 1.00</span>',
    )
    expect(result).toContain('<th scope="row">Supervision received</th><td><span class="factor-level">R0</span>')
    // The quote is the sentence the factor was read from.
    expect(result).toContain(
      '<q>Under close supervision, provides Tier 1 support: answers routine calls and resets passwords; escalates complex problems to Tier 2.</q>',
    )
    // The text stays in the box, escaped.
    expect(response.body).toContain('Minimum Qualifications: Associate&#39;s degree and two (2) years of experience.')
  })

  it('says why a text cannot be leveled, with the status the API gives', async () => {
    const empty = await post('   ')
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('<p class="message" role="alert">Paste the text of a job description first.</p>')
    const none = await post('<b>The office</b> is on the third floor.')
    expect(none.statusCode).toBe(422)
    expect(none.body).toContain('<p class="message" role="alert">No recognisable job description')
    expect(none.body).toContain('&lt;b&gt;The office&lt;/b&gt; is on the third floor.</textarea>')
    expect(none.body).not.toContain('<b>The office</b>')
  })

  it('serves the box empty on GET /, a form that posts to the page without JavaScript', async () => {
    const { body } = await page('/')
    expect(body).toContain('<form id="leveling-form" method="post" action="/#leveling">')
    expect(body).toContain('<textarea id="leveling-text" name="text"')
    expect(body).toContain('<div id="leveling-result"></div>')
  })
})
