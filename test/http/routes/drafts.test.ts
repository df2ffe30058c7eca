// /v1/drafts end to end on the embedded store: an HRIS export in, a stored draft, decisions with
// reasons (each naming the revision it was made on), the preview and the diff, publishing exactly
// what was reviewed, and the crosswalk serving it.
import type { LightMyRequestResponse } from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../../../src/leveling/csv.js'
import { useTestApp } from '../../helpers/app.js'
import { bearer, createTestKeys, type TestKeys } from '../../helpers/keys.js'

const context = useTestApp()
let keys: TestKeys
beforeAll(() => {
  keys = createTestKeys(context.app, 'drafts')
})

const exported =
  'Job Title,Job Code,Pay Grade,Job Description,Min Education,Years Experience,Department\r\n' +
  'Help Desk Technician,HD1,12,Answers calls and resolves routine problems under close supervision.,High school diploma,1,IT\r\n' +
  'Desktop Support Analyst,HD3,15,Resolves complex problems independently and mentors technicians.,"BS/BA",4,IT\r\n' +
  "Accountant II,FN2,14,Prepares journal entries and reconciles accounts.,Bachelor's degree,2,Finance\r\n"

interface DraftJob {
  index: number
  id: string
  proposal: {
    title: string
    point: number
    band: { min: number; max: number }
    track: string
    flags: { code: string }[]
  }
  decision: { decision: string; by: string; reason?: string } | null
  publishes: { point: number; band: { min: number; max: number }; track: string } | null
}

function send(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  options: { key?: string; etag?: string; json?: unknown; csv?: string; accept?: string } = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {}
  if (options.key) Object.assign(headers, bearer(options.key))
  if (options.etag) headers['if-match'] = options.etag
  if (options.accept) headers.accept = options.accept
  if (options.csv !== undefined) headers['content-type'] = 'text/csv'
  else if (options.json !== undefined) headers['content-type'] = 'application/json'
  const payload = options.csv ?? (options.json === undefined ? undefined : JSON.stringify(options.json))
  return context.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) })
}

async function createDraft(slug: string, csv = exported) {
  const response = await send('POST', `/v1/drafts?slug=${slug}`, { key: keys.write, csv })
  expect(response.statusCode, response.body).toBe(201)
  return response
}

describe('/v1/drafts › from an HRIS export to a published institution', () => {
  it('stores the proposal as a draft: 201, its ETag and Location, every job undecided', async () => {
    const created = await createDraft('acme-university')
    expect(created.headers.etag).toBe('"r1"')
    expect(created.headers.location).toBe('/v1/drafts/acme-university')
    const draft = created.json()
    expect(draft).toMatchObject({ slug: 'acme-university', state: 'draft', revision: 1, decided: 0 })
    expect(draft.jobs.map((job: DraftJob) => job.proposal.title)).toEqual([
      'Help Desk Technician',
      'Desktop Support Analyst',
      'Accountant II',
    ])
    expect(draft.submission.warnings).toEqual([expect.stringContaining('"Department" names no job field')])
    // The draft is the proposal: each job publishes where leveling put it until someone decides.
    for (const job of draft.jobs as DraftJob[]) {
      expect(job.decision).toBeNull()
      expect(job.publishes).toEqual({ point: job.proposal.point, band: job.proposal.band, track: job.proposal.track })
    }
    // The accountant is outside IT: flagged, so publishing waits for a decision on it.
    expect(draft.summary.toDecide).toContain(2)
    const listed = (await send('GET', '/v1/drafts', { key: keys.read })).json()
    expect(listed.items.map((item: { slug: string }) => item.slug)).toContain('acme-university')
  })

  it('needs a key to read a draft and a write key to change one', async () => {
    expect((await send('GET', '/v1/drafts/acme-university')).statusCode).toBe(401)
    const refused = await send('PATCH', '/v1/drafts/acme-university/jobs/0', {
      key: keys.read,
      etag: '"r1"',
      json: { decision: 'accept' },
    })
    expect(refused.statusCode).toBe(403)
  })

  it('takes a decision only with the revision it was made on: 428 without If-Match, 412 on a stale one', async () => {
    const without = await send('PATCH', '/v1/drafts/acme-university/jobs/0', {
      key: keys.write,
      json: { decision: 'accept' },
    })
    expect(without.statusCode).toBe(428)
    expect(without.json().code).toBe('precondition-required')
    const stale = await send('PATCH', '/v1/drafts/acme-university/jobs/0', {
      key: keys.write,
      etag: '"r7"',
      json: { decision: 'accept' },
    })
    expect(stale.statusCode).toBe(412)
    expect((await send('GET', '/v1/drafts/acme-university', { key: keys.read })).json().revision).toBe(1)
  })

  it('refuses a decision that lacks what it needs, writing nothing', async () => {
    for (const [json, path] of [
      [{ decision: 'exclude' }, '/reason'],
      [{ decision: 'override', reason: 'Supervises two technicians.' }, '/point'],
      [{ decision: 'accept', reason: 'why not' }, '/reason'],
    ] as const) {
      const response = await send('PATCH', '/v1/drafts/acme-university/jobs/1', { key: keys.write, etag: '"r1"', json })
      expect(response.statusCode, JSON.stringify(json)).toBe(400)
      expect(response.json().errors[0].path).toBe(path)
    }
    const outside = await send('PATCH', '/v1/drafts/acme-university/jobs/1', {
      key: keys.write,
      etag: '"r1"',
      json: { decision: 'override', point: 2, band: { min: 3, max: 4 }, reason: 'A point outside its own band.' },
    })
    expect(outside.statusCode).toBe(400)
    const beyond = await send('PATCH', '/v1/drafts/acme-university/jobs/3', {
      key: keys.write,
      etag: '"r1"',
      json: { decision: 'accept' },
    })
    expect(beyond.statusCode).toBe(400)
    expect((await send('GET', '/v1/drafts/acme-university', { key: keys.read })).json().revision).toBe(1)
  })

  it('will not publish while a flagged job is undecided (409 not-reviewed, naming it)', async () => {
    const response = await send('POST', '/v1/drafts/acme-university/publish', {
      key: keys.write,
      etag: '"r1"',
      json: {},
    })
    expect(response.statusCode, response.body).toBe(409)
    expect(response.json()).toMatchObject({ code: 'not-reviewed' })
    expect(response.json().errors).toContainEqual(expect.objectContaining({ path: '/jobs/2' }))
  })

  it('records each decision with its key and reason, and the log keeps every write', async () => {
    const accepted = await send('PATCH', '/v1/drafts/acme-university/jobs/0', {
      key: keys.write,
      etag: '"r1"',
      json: { decision: 'accept' },
    })
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(accepted.headers.etag).toBe('"r2"')
    const overridden = await send('PATCH', '/v1/drafts/acme-university/jobs/1', {
      key: keys.write,
      etag: '"r2"',
      json: {
        decision: 'override',
        point: 4,
        band: { min: 3, max: 4 },
        reason: 'Mentors the technicians and is the desk’s last escalation point: S4 as at Missouri IT5.',
      },
    })
    expect(overridden.statusCode, overridden.body).toBe(200)
    const excluded = await send('PATCH', '/v1/drafts/acme-university/jobs/2', {
      key: keys.write,
      etag: '"r3"',
      json: { decision: 'exclude', reason: 'Finance, not IT end-user support: outside the scale.' },
    })
    expect(excluded.statusCode, excluded.body).toBe(200)
    const draft = excluded.json()
    expect(draft).toMatchObject({ state: 'in-review', revision: 4, decided: 3 })
    expect(draft.summary).toMatchObject({ accepted: 1, overridden: 1, excluded: 1, toDecide: [] })
    expect(draft.jobs[1].decision).toMatchObject({ decision: 'override', point: 4, by: 'drafts-writer' })
    expect(draft.jobs[1].publishes).toEqual({ point: 4, band: { min: 3, max: 4 }, track: draft.jobs[1].proposal.track })
    expect(draft.jobs[2].publishes).toBeNull()
    const log = (await send('GET', '/v1/drafts/acme-university/log', { key: keys.read })).json().items
    expect(
      log.map((entry: { action: string; revision: number; job: number | null; keyName: string }) => [
        entry.action,
        entry.revision,
        entry.job,
        entry.keyName,
      ]),
    ).toEqual([
      ['created', 1, null, 'drafts-writer'],
      ['decided', 2, 0, 'drafts-writer'],
      ['decided', 3, 1, 'drafts-writer'],
      ['decided', 4, 2, 'drafts-writer'],
    ])
  })

  it('sets the institution’s fields and grade labels, refusing a grade the draft does not have', async () => {
    const unknown = await send('PATCH', '/v1/drafts/acme-university', {
      key: keys.write,
      etag: '"r4"',
      json: { gradeLabels: { '99': 'Grade 99' } },
    })
    expect(unknown.statusCode).toBe(400)
    const edited = await send('PATCH', '/v1/drafts/acme-university', {
      key: keys.write,
      etag: '"r4"',
      json: {
        name: 'Acme University',
        shortName: 'Acme',
        publisher: 'Acme University Human Resources',
        gradeLabels: { '12': 'Pay Grade 12' },
      },
    })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(edited.json().fields).toMatchObject({ name: 'Acme University', gradeLabels: { '12': 'Pay Grade 12' } })
  })

  it('answers the draft as CSV: the proposal and the decision per job', async () => {
    const response = await send('GET', '/v1/drafts/acme-university', { key: keys.read, accept: 'text/csv' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    const [header, ...rows] = parseCsv(response.body)
    const column = (name: string) => header?.indexOf(name) ?? -1
    expect(rows.map((row) => [row[column('title')], row[column('decision')], row[column('point')]])).toEqual([
      ['Help Desk Technician', 'accept', rows[0]?.[column('proposedPoint')]],
      ['Desktop Support Analyst', 'override', '4'],
      ['Accountant II', 'exclude', ''],
    ])
  })

  it('previews the document publishing would store: every placement the proposal or the override, saying which', async () => {
    const preview = (await send('GET', '/v1/drafts/acme-university/document', { key: keys.read })).json()
    expect(preview.issues).toEqual([])
    const { document } = preview
    expect(document.name).toBe('Acme University')
    expect(document.jobs.map((job: { title: string }) => job.title)).toEqual([
      'Help Desk Technician',
      'Desktop Support Analyst',
    ])
    const [technician, analyst] = document.jobs
    expect(analyst.placement).toMatchObject({ seniority: 4, min: 3, max: 4 })
    expect(analyst.placement.rationale).toMatch(
      /^Override by drafts-writer on \d{4}-\d{2}-\d{2}, to 4 \(band 3–4\): Mentors the technicians/,
    )
    expect(technician.placement.rationale).toMatch(/^Proposal accepted by drafts-writer/)
    expect(document.grades.find((grade: { code: string }) => grade.code === '12')?.label).toBe('Pay Grade 12')
  })

  it('publishes exactly what was reviewed, and the crosswalk serves it', async () => {
    const draft = (await send('GET', '/v1/drafts/acme-university', { key: keys.read })).json()
    const preview = (await send('GET', '/v1/drafts/acme-university/document', { key: keys.read })).json()
    const published = await send('POST', '/v1/drafts/acme-university/publish', {
      key: keys.write,
      etag: `"r${draft.revision}"`,
      json: {},
    })
    expect(published.statusCode, published.body).toBe(200)
    expect(published.json().change).toMatchObject({
      kind: 'create',
      institution: 'acme-university',
      keyName: 'drafts-writer',
    })
    const stored = await send('GET', '/v1/institutions/acme-university/document')
    expect(stored.statusCode).toBe(200)
    expect(stored.headers.etag).toBe(published.json().etag)
    expect(stored.json().jobs).toEqual(preview.document.jobs)
    const analyst = preview.document.jobs[1]
    const crosswalk = await send('GET', `/v1/crosswalk?from=acme-university&level=${analyst.id}&to=missouri`)
    expect(crosswalk.statusCode, crosswalk.body).toBe(200)
    // The crosswalk reads the job where the reviewer put it (the override), not where the model did.
    expect(crosswalk.json().results[0].source.seniority).toEqual({ value: 4, min: 3, max: 4 })
    expect(crosswalk.json().results[0].matches[0].institution).toBe('missouri')
    const after = (await send('GET', '/v1/drafts/acme-university', { key: keys.read })).json()
    expect(after).toMatchObject({ state: 'published', published: { by: 'drafts-writer', revision: draft.revision } })
    // Published is final: a further decision is refused, and a second publish too.
    const again = await send('PATCH', '/v1/drafts/acme-university/jobs/0', {
      key: keys.write,
      etag: `"r${after.revision}"`,
      json: { decision: 'accept' },
    })
    expect(again.statusCode).toBe(409)
  })

  it('diffs a new draft against the published institution, and publishing it needs that institution’s ETag', async () => {
    await createDraft('acme-university')
    const diff = (await send('GET', '/v1/drafts/acme-university/diff', { key: keys.read })).json()
    expect(diff.published).toBe(true)
    const analyst = diff.jobs[1]
    // Published at the override (4); the new draft proposes again what the model says.
    expect(analyst.published).toMatchObject({ point: 4 })
    expect(analyst.change).toBe(
      analyst.publishes.point === 4 && analyst.publishes.band.min === 3 ? 'unchanged' : 'moved',
    )
    expect(diff.jobs[2]).toMatchObject({ change: 'added', published: null })
    for (const index of [0, 1]) {
      const response = await send('PATCH', `/v1/drafts/acme-university/jobs/${index}`, {
        key: keys.write,
        etag: `"r${(await send('GET', '/v1/drafts/acme-university', { key: keys.read })).json().revision}"`,
        json: { decision: 'accept' },
      })
      expect(response.statusCode).toBe(200)
    }
    let revision = (await send('GET', '/v1/drafts/acme-university', { key: keys.read })).json().revision
    const decide = await send('PATCH', '/v1/drafts/acme-university/jobs/2', {
      key: keys.write,
      etag: `"r${revision}"`,
      json: { decision: 'exclude', reason: 'Finance, not IT.' },
    })
    revision = decide.json().revision
    const withoutEtag = await send('POST', '/v1/drafts/acme-university/publish', {
      key: keys.write,
      etag: `"r${revision}"`,
      json: {},
    })
    expect(withoutEtag.statusCode).toBe(412)
    const wrongEtag = await send('POST', '/v1/drafts/acme-university/publish', {
      key: keys.write,
      etag: `"r${revision}"`,
      json: { institutionEtag: '"0000"' },
    })
    expect(wrongEtag.statusCode).toBe(412)
    const etag = (await send('GET', '/v1/institutions/acme-university/document')).headers.etag as string
    const published = await send('POST', '/v1/drafts/acme-university/publish', {
      key: keys.write,
      etag: `"r${revision}"`,
      json: { institutionEtag: etag },
    })
    expect(published.statusCode, published.body).toBe(200)
    expect(published.json().change.kind).toBe('replace')
  })

  it('refuses a second draft under a slug under review, and a calibration institution’s slug', async () => {
    await createDraft('beta-college')
    const twice = await send('POST', '/v1/drafts?slug=beta-college', { key: keys.write, csv: exported })
    expect(twice.statusCode).toBe(409)
    const calibrated = await send('POST', '/v1/drafts?slug=harvard', { key: keys.write, csv: exported })
    expect(calibrated.statusCode).toBe(409)
    const discarded = await send('PATCH', '/v1/drafts/beta-college', {
      key: keys.write,
      etag: '"r1"',
      json: { state: 'discarded' },
    })
    expect(discarded.json().state).toBe('discarded')
    const anew = await createDraft('beta-college')
    expect(anew.json().revision).toBe(3)
    expect((await send('GET', '/v1/drafts/nobody', { key: keys.read })).json().code).toBe('unknown-draft')
  })
})
