// An institution's history over HTTP on the embedded store: the first load is version 1 of each,
// every write that changes a document adds the next version (immutable, with its key, change and
// effective date), an unchanged re-PUT adds none, a delete ends the history without erasing it,
// and the diff between two versions or two moments names what moved, with both rationales.
import { beforeAll, describe, expect, it } from 'vitest'
import { momentOf } from '../../../src/http/query.js'
import { useTestApp } from '../../helpers/app.js'
import { seedDocument } from '../../helpers/documents.js'
import { bearer, createTestKeys, type TestKeys } from '../../helpers/keys.js'

const context = useTestApp()
let keys: TestKeys
beforeAll(() => {
  keys = createTestKeys(context.app, 'history')
})

const get = (url: string) => context.app.inject({ method: 'GET', url })
const put = (slug: string, document: unknown) =>
  context.app.inject({
    method: 'PUT',
    url: `/v1/institutions/${slug}`,
    headers: { ...bearer(keys.write), 'content-type': 'application/json' },
    payload: JSON.stringify(document),
  })

describe('institution history', () => {
  it('holds the first load as version 1 of every institution, with the effective date its source states', async () => {
    const response = await get('/v1/institutions/missouri/versions')
    expect(response.statusCode, response.body).toBe(200)
    const { items } = response.json()
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ n: 1, kind: 'create', keyName: 'data-files', changeId: null })
    expect(items[0].effectiveDate).toBe(seedDocument('missouri').source.effectiveDate)
    const document = (await get('/v1/institutions/missouri/document')).json()
    const version = await get('/v1/institutions/missouri/versions/1')
    expect(version.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(version.json().document).toEqual(document)
  })

  it('adds a version per write that changes the document, none for an unchanged re-PUT, and keeps the old one as it was', async () => {
    const before = seedDocument('missouri')
    const moved = structuredClone(before)
    const it5 = moved.grades.find((grade) => grade.code === 'IT5')
    if (!it5) throw new Error('Missouri IT5 is in the seed data')
    it5.placement = { ...it5.placement, seniority: 5, min: 4, max: 5, rationale: 'Moved for the history test: S5.' }
    expect((await put('missouri', moved)).statusCode).toBe(200)
    const again = await put('missouri', moved)
    expect(again.statusCode).toBe(200)
    const { items } = (await get('/v1/institutions/missouri/versions')).json()
    expect(
      items.map((item: { n: number; kind: string; keyName: string }) => [item.n, item.kind, item.keyName]),
    ).toEqual([
      [1, 'create', 'data-files'],
      [2, 'replace', 'history-writer'],
    ])
    // The change log still records both PUTs; the version names the first.
    const changes = (await get('/v1/changes?limit=100'))
      .json()
      .items.filter((change: { institution: string }) => change.institution === 'missouri')
    expect(changes).toHaveLength(2)
    expect(items[1].changeId).toBe(changes[0].id)
    const first = (await get('/v1/institutions/missouri/versions/1')).json().document
    expect(first.grades.find((grade: { code: string }) => grade.code === 'IT5').placement.seniority).toBe(
      before.grades.find((grade) => grade.code === 'IT5')?.placement.seniority,
    )
  })

  it('diffs two versions: the grade moved from → to with both rationales, and its job with it', async () => {
    const response = await get('/v1/institutions/missouri/diff?from=1&to=2')
    expect(response.statusCode, response.body).toBe(200)
    const diff = response.json()
    expect(diff.from.n).toBe(1)
    expect(diff.to.n).toBe(2)
    expect(diff.grades.moved).toEqual([
      {
        code: 'IT5',
        from: expect.objectContaining({ seniority: 4 }),
        to: { seniority: 5, min: 4, max: 5, rationale: 'Moved for the history test: S5.' },
      },
    ])
    expect(diff.jobs.moved.map((job: { to: { seniority: number } }) => job.to.seniority)).toEqual([5])
    expect(diff.placementsChanged).toBe(true)
    expect(diff.grades.added).toEqual([])
    // `to` defaults to the latest version; a moment before any write compares with version 1.
    expect((await get('/v1/institutions/missouri/diff?from=1')).json().to.n).toBe(2)
    const fromThePast = (await get('/v1/institutions/missouri/diff?from=2000-01-01&to=1')).json()
    expect(fromThePast.from).toBeNull()
    expect(fromThePast.grades.added.length).toBeGreaterThan(0)
  })

  it('ends the history with a delete, without erasing it', async () => {
    const deleted = await context.app.inject({
      method: 'DELETE',
      url: '/v1/institutions/north-carolina',
      headers: bearer(keys.write),
    })
    expect(deleted.statusCode, deleted.body).toBe(200)
    const { items } = (await get('/v1/institutions/north-carolina/versions')).json()
    expect(items.map((item: { kind: string }) => item.kind)).toEqual(['create', 'delete'])
    expect((await get('/v1/institutions/north-carolina/versions/2')).json()).toMatchObject({
      kind: 'delete',
      document: null,
      digest: null,
    })
    expect((await get('/v1/institutions/north-carolina/versions/1')).json().document.slug).toBe('north-carolina')
    expect((await get('/v1/institutions/north-carolina')).statusCode).toBe(404)
  })

  it('answers 404 for a slug that never existed or a version it does not have, and 400 for a day that does not exist', async () => {
    expect((await get('/v1/institutions/nobody/versions')).json().code).toBe('unknown-institution')
    expect((await get('/v1/institutions/missouri/versions/9')).statusCode).toBe(404)
    expect((await get('/v1/institutions/missouri/diff?from=9')).statusCode).toBe(400)
    expect((await get('/v1/institutions/missouri/diff?from=2026-02-30')).statusCode).toBe(400)
    expect(momentOf('2026-03-15')).toBe('2026-03-15T23:59:59.999Z')
    expect(momentOf('2026-03-15T09:30:00+02:00')).toBe('2026-03-15T07:30:00.000Z')
    expect(momentOf('2026-02-29')).toBeNull()
  })
})
