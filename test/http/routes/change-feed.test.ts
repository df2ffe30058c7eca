// The change feed and /v1/meta after writes that leave the data version where it was: a write that
// returns a document to an earlier version (PUT B, then PUT A again) and an unchanged re-PUT. Both
// are logged changes; the feed and meta must show them at once, under new ETags, while answers
// that depend only on the data keep their ETags.
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'
import { seedDocument } from '../../helpers/documents.js'
import { getJson, getRaw, putDocument } from '../../helpers/http.js'
import { createTestKeys, type TestKeys } from '../../helpers/keys.js'

const context = useTestApp()
let keys: TestKeys

interface Change {
  id: number
  at: string
  institution: string
  kind: string
  versionBefore: string
  versionAfter: string
}

beforeAll(() => {
  keys = createTestKeys(context.app)
})

/** The feed and meta as a client sees them, with their ETags. */
async function feedAndMeta() {
  const changes = await getJson(context.app, '/v1/changes?limit=100')
  const meta = await getJson(context.app, '/v1/meta')
  return {
    items: changes.body.items as Change[],
    total: changes.body.total as number,
    changesTag: String(changes.response.headers.etag),
    changedAt: meta.body.changedAt as string | null,
    dataVersion: meta.body.dataVersion as string,
    metaTag: String(meta.response.headers.etag),
  }
}

describe('the change feed after writes that leave the data version unchanged', () => {
  it('lists PUT B then PUT A (the original again) at once, with meta at the last write', async () => {
    const original = seedDocument('missouri')
    const edited = seedDocument('missouri')
    edited.notes = [...edited.notes, 'an edit that is undone at once']
    const before = await feedAndMeta()
    expect((await putDocument(context.app, 'missouri', edited, keys.write)).statusCode).toBe(200)
    expect((await putDocument(context.app, 'missouri', original, keys.write)).statusCode).toBe(200)
    const after = await feedAndMeta()
    expect(after.dataVersion).toBe(before.dataVersion)
    expect(after.total).toBe(before.total + 2)
    const [b, a] = after.items.slice(-2) as [Change, Change]
    expect([b.institution, b.kind, a.institution, a.kind]).toEqual(['missouri', 'replace', 'missouri', 'replace'])
    expect(b.versionBefore).toBe(before.dataVersion)
    expect(a.versionAfter).toBe(before.dataVersion)
    expect(after.changedAt).toBe(a.at)
    expect(after.changesTag).not.toBe(before.changesTag)
    expect(after.metaTag).not.toBe(before.metaTag)
    // A client holding the old ETags is sent the new answers, not 304.
    const revalidated = await getRaw(context.app, '/v1/changes?limit=100', { 'if-none-match': before.changesTag })
    expect(revalidated.statusCode).toBe(200)
    const meta = await getRaw(context.app, '/v1/meta', { 'if-none-match': before.metaTag })
    expect(meta.statusCode).toBe(200)
  })

  it('logs an unchanged re-PUT as a replace whose versions before and after are equal, and moves changedAt to it', async () => {
    const crosswalkBefore = await getRaw(context.app, '/v1/crosswalk?from=harvard&grade=57')
    const before = await feedAndMeta()
    const same = await putDocument(context.app, 'columbia', seedDocument('columbia'), keys.write)
    expect(same.statusCode).toBe(200)
    const logged = same.json() as Change
    expect(logged).toMatchObject({ institution: 'columbia', kind: 'replace' })
    expect(logged.versionBefore).toBe(before.dataVersion)
    expect(logged.versionAfter).toBe(before.dataVersion)
    const after = await feedAndMeta()
    expect(after.items.at(-1)).toEqual(logged)
    expect(after.total).toBe(before.total + 1)
    expect(after.changedAt).toBe(logged.at)
    expect(after.changesTag).not.toBe(before.changesTag)
    expect(after.metaTag).not.toBe(before.metaTag)
    // The data is the same, so an answer of the data alone keeps its ETag and still revalidates.
    const crosswalkAfter = await getRaw(context.app, '/v1/crosswalk?from=harvard&grade=57', {
      'if-none-match': String(crosswalkBefore.headers.etag),
    })
    expect(crosswalkAfter.statusCode).toBe(304)
  })

  it('keeps changedAt equal to the time of the last logged write after every kind of write', async () => {
    const yale = seedDocument('missouri')
    const created = await putDocument(
      context.app,
      'yale',
      {
        ...yale,
        slug: 'yale',
        name: 'Test institution yale',
        shortName: 'yale',
        families: yale.families.map((family) => ({ ...family, id: `yale.${family.id.slice('missouri.'.length)}` })),
        jobs: yale.jobs.map((job) => ({
          ...job,
          id: `yale.${job.id.slice('missouri.'.length)}`,
          family: `yale.${job.family.slice('missouri.'.length)}`,
        })),
      },
      keys.write,
    )
    expect(created.statusCode).toBe(201)
    expect((await feedAndMeta()).changedAt).toBe(created.json().at)
    const deleted = await context.app.inject({
      method: 'DELETE',
      url: '/v1/institutions/yale',
      headers: { authorization: `Bearer ${keys.write}` },
    })
    expect(deleted.statusCode).toBe(200)
    const after = await feedAndMeta()
    expect(after.changedAt).toBe(deleted.json().at)
    expect(after.items.at(-1)?.id).toBe(deleted.json().id)
  })
})
