// asOf on the catalog's reads: the catalog as it stood at a moment, rebuilt from the institution
// versions in force then, answering exactly as the present did then (the same data version), with
// the moment and that version echoed; a settled past is cached for good; a deleted institution is
// still there before its delete.
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'
import { seedDocument } from '../../helpers/documents.js'
import { bearer, createTestKeys } from '../../helpers/keys.js'

const context = useTestApp()
const get = (url: string) => context.app.inject({ method: 'GET', url })

let loadedAt: string
let versionBefore: string
let answerBefore: unknown
let ladderBefore: string

beforeAll(async () => {
  const keys = createTestKeys(context.app, 'as-of')
  loadedAt = (await get('/v1/institutions/missouri/versions')).json().items[0].at
  versionBefore = (await get('/v1/meta')).json().version ?? (await get('/v1/meta')).json().dataVersion
  answerBefore = (await get('/v1/crosswalk?from=missouri&grade=IT5&to=harvard')).json()
  ladderBefore = (await get('/v1/ladder?format=csv')).body
  // Wait one millisecond so the write's moment is after the load's.
  await new Promise((resolve) => setTimeout(resolve, 5))
  const moved = seedDocument('missouri')
  const it5 = moved.grades.find((grade) => grade.code === 'IT5')
  if (!it5) throw new Error('Missouri IT5 is in the seed data')
  it5.placement = { ...it5.placement, seniority: 5, min: 4, max: 5, rationale: 'Moved for the asOf test: S5.' }
  const written = await context.app.inject({
    method: 'PUT',
    url: '/v1/institutions/missouri',
    headers: { ...bearer(keys.write), 'content-type': 'application/json' },
    payload: JSON.stringify(moved),
  })
  expect(written.statusCode, written.body).toBe(200)
  const deleted = await context.app.inject({
    method: 'DELETE',
    url: '/v1/institutions/north-carolina',
    headers: bearer(keys.write),
  })
  expect(deleted.statusCode, deleted.body).toBe(200)
})

describe('asOf', () => {
  it('answers the crosswalk as it was before the write, byte for byte, with the moment and that data version', async () => {
    const now = await get('/v1/crosswalk?from=missouri&grade=IT5&to=harvard')
    expect(now.json().results[0].source.seniority.value).toBe(5)
    const then = await get(`/v1/crosswalk?from=missouri&grade=IT5&to=harvard&asOf=${encodeURIComponent(loadedAt)}`)
    expect(then.statusCode, then.body).toBe(200)
    expect(then.json()).toEqual(answerBefore)
    expect(then.headers['levelmap-as-of']).toBe(loadedAt)
    expect(then.headers['levelmap-data-version']).toBe(versionBefore)
    expect(then.headers.etag).not.toBe(now.headers.etag)
    expect(String(then.headers.etag)).toContain(versionBefore)
  })

  it('answers every read that takes it from the same past catalog: institutions, levels, families, the ladder, the batch', async () => {
    const at = encodeURIComponent(loadedAt)
    const slugs = (await get(`/v1/institutions?asOf=${at}`)).json().items.map((item: { slug: string }) => item.slug)
    expect(slugs).toContain('north-carolina')
    expect((await get('/v1/institutions')).json().items.map((item: { slug: string }) => item.slug)).not.toContain(
      'north-carolina',
    )
    expect((await get(`/v1/institutions/north-carolina?asOf=${at}`)).statusCode).toBe(200)
    expect((await get('/v1/institutions/north-carolina')).statusCode).toBe(404)
    expect((await get(`/v1/ladder?format=csv&asOf=${at}`)).body).toBe(ladderBefore)
    const levels = (await get(`/v1/levels?institution=missouri&grade=IT5&asOf=${at}`)).json()
    expect(levels.items[0].seniority.value).toBe(4)
    expect((await get(`/v1/families?institution=north-carolina&asOf=${at}`)).statusCode).toBe(200)
    const batch = await context.app.inject({
      method: 'POST',
      url: `/v1/crosswalk/batch?asOf=${at}`,
      headers: { 'content-type': 'application/json' },
      payload: { items: [{ from: 'missouri', grade: 'IT5' }], to: ['harvard'] },
    })
    expect(batch.statusCode, batch.body).toBe(200)
    expect(batch.json().items[0].results[0].source.seniority.value).toBe(4)
  })

  it('caches a settled past for good; a moment before anything existed answers an empty catalog', async () => {
    const long = await get('/v1/institutions?asOf=2000-01-01')
    expect(long.statusCode).toBe(200)
    expect(long.json()).toEqual({ items: [], total: 0 })
    expect(long.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(long.headers['levelmap-as-of']).toBe('2000-01-01T23:59:59.999Z')
    // The present is cached for a minute only; a recent moment is not settled yet.
    expect((await get('/v1/institutions')).headers['cache-control']).toBe('public, max-age=60')
    const again = await get('/v1/institutions?asOf=2000-01-01')
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(again.headers.etag).toBe(long.headers.etag)
  })

  it('refuses a moment that does not exist, and is not taken where the past is not kept (search, the change log)', async () => {
    const bad = await get('/v1/crosswalk?from=missouri&grade=IT5&asOf=2026-02-30')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0]).toMatchObject({ location: 'querystring', name: 'asOf' })
    expect((await get('/v1/crosswalk?from=missouri&grade=IT5&asOf=yesterday')).statusCode).toBe(400)
    expect((await get('/v1/search?q=technician&asOf=2026-01-01')).statusCode).toBe(400)
  })

  it('lists the crosswalk answers between two institutions that differ between two moments', async () => {
    const response = await get(`/v1/crosswalk/changes?from=missouri&to=harvard&since=${encodeURIComponent(loadedAt)}`)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.versions.since).toBe(versionBefore)
    expect(body.versions.until).toBe(context.app.levelmap.current.catalog.version)
    // Only IT5 moved (4 → 5): its job's answer changed, and no other.
    expect(
      body.items.map((item: { level: { grade: string }; change: string }) => [item.level.grade, item.change]),
    ).toEqual([['IT5', 'changed']])
    const [it5] = body.items
    // Before, IT5 (S4) met Harvard 58's professional at S4; at S5 it meets 58's manager, placed apart at S5.
    expect(it5.before).toMatchObject({ grade: { code: '58' }, levels: [{ id: 'harvard.10658P' }] })
    expect(it5.after.levels).not.toEqual(it5.before.levels)
    // From before anything existed, every answer is new; to a deleted institution, every answer is gone.
    const fromNothing = (await get('/v1/crosswalk/changes?from=missouri&to=harvard&since=2000-01-01')).json()
    expect(fromNothing.items.every((item: { change: string }) => item.change === 'added')).toBe(true)
    const gone = (
      await get(`/v1/crosswalk/changes?from=harvard&to=north-carolina&since=${encodeURIComponent(loadedAt)}`)
    ).json()
    expect(gone.items.length).toBeGreaterThan(0)
    expect(
      gone.items.every((item: { change: string; after: unknown }) => item.change === 'removed' && item.after === null),
    ).toBe(true)
    expect((await get('/v1/crosswalk/changes?from=nobody&to=harvard&since=2000-01-01')).statusCode).toBe(404)
  })

  it('reuses the institutions a past catalog shares with the present, and builds only the others', async () => {
    const { snapshot } = await context.app.catalogAt(loadedAt)
    const present = context.app.levelmap.current.catalog
    // Harvard is unchanged since the load: the very object the present uses (with its crosswalk index).
    expect(snapshot.catalog.institutionBySlug.get('harvard')).toBe(present.institutionBySlug.get('harvard'))
    // Missouri was rewritten: the past one is its own, at its old placement.
    const missouri = snapshot.catalog.institutionBySlug.get('missouri')
    expect(missouri).not.toBe(present.institutionBySlug.get('missouri'))
    expect(missouri?.grades.find((grade) => grade.code === 'IT5')?.seniority.value).toBe(4)
    expect(snapshot.catalog.version).toBe(versionBefore)
  })

  it('answers a settled moment seen before from the answer cache, reading nothing and building nothing', async () => {
    const store = context.app.store
    const original = store.versionsInForce.bind(store)
    let reads = 0
    store.versionsInForce = async (at) => {
      reads++
      return original(at)
    }
    try {
      const url = '/v1/ladder?asOf=2001-06-01'
      const first = await get(url)
      expect(first.statusCode).toBe(200)
      expect(reads).toBe(1)
      const again = await get(url)
      expect(again.body).toBe(first.body)
      const revalidated = await context.app.inject({
        method: 'GET',
        url,
        headers: { 'if-none-match': String(first.headers.etag) },
      })
      expect(revalidated.statusCode).toBe(304)
      expect(revalidated.headers['levelmap-data-version']).toBe(first.headers['levelmap-data-version'])
      expect(reads).toBe(1)
    } finally {
      store.versionsInForce = original
    }
  })
})
