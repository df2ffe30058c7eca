import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../helpers/app.js'
import { bearer, createTestKeys } from '../../helpers/keys.js'

const context = useTestApp()
const problemJson = 'application/problem+json; charset=utf-8'
let key = ''

async function readDocument(slug: string) {
  const response = await context.app.inject({ method: 'GET', url: `/v1/institutions/${slug}/document` })
  expect(response.statusCode).toBe(200)
  return { etag: String(response.headers.etag), document: response.json() }
}

describe('optimistic concurrency on institution documents', () => {
  const write = (method: 'PUT' | 'DELETE', slug: string, headers: Record<string, string>, payload?: object) =>
    context.app.inject({
      method,
      url: `/v1/institutions/${slug}`,
      headers: { ...bearer(key), ...headers },
      ...(payload ? { payload } : {}),
    })

  it('tags a document with its digest, which stays put when another institution changes', async () => {
    key = createTestKeys(context.app).write
    const { etag } = await readDocument('missouri')
    const digest = context.app.levelmap.current.catalog.institutionBySlug.get('missouri')?.digest
    expect(etag).toBe(`"${digest}"`)
    const again = await context.app.inject({
      method: 'GET',
      url: '/v1/institutions/missouri/document',
      headers: { 'if-none-match': etag },
    })
    expect(again.statusCode).toBe(304)
  })

  it('refuses a PUT whose If-Match is stale with 412, and writes nothing', async () => {
    const first = await readDocument('missouri')
    const second = await readDocument('missouri')
    const edited = { ...first.document, notes: [...first.document.notes, 'First editor.'] }
    const accepted = await write('PUT', 'missouri', { 'if-match': first.etag }, edited)
    expect(accepted.statusCode).toBe(200)
    const newTag = String(accepted.headers.etag)
    expect(newTag).not.toBe(first.etag)
    expect((await readDocument('missouri')).etag).toBe(newTag)

    const version = context.app.levelmap.current.catalog.version
    const other = { ...second.document, notes: [...second.document.notes, 'Second editor.'] }
    const refused = await write('PUT', 'missouri', { 'if-match': second.etag }, other)
    expect(refused.statusCode).toBe(412)
    expect(refused.headers['content-type']).toBe(problemJson)
    expect(refused.json()).toMatchObject({ status: 412, code: 'precondition-failed' })
    expect(refused.json().detail).toContain(newTag)
    expect(context.app.levelmap.current.catalog.version).toBe(version)
    expect((await readDocument('missouri')).document.notes).toContain('First editor.')
    expect((await readDocument('missouri')).document.notes).not.toContain('Second editor.')
  })

  it('accepts If-Match with the tag of a compressed answer, a list of tags, or *', async () => {
    const { etag, document } = await readDocument('missouri')
    const coded = `${etag.slice(0, -1)}-br"`
    expect((await write('PUT', 'missouri', { 'if-match': `"0000", ${coded}` }, document)).statusCode).toBe(200)
    expect((await write('PUT', 'missouri', { 'if-match': '*' }, document)).statusCode).toBe(200)
    expect((await write('PUT', 'missouri', { 'if-match': `W/${etag}` }, document)).statusCode).toBe(412)
  })

  it('answers 412 to If-Match on an institution that does not exist', async () => {
    const { document } = await readDocument('missouri')
    const renamed = { ...document, slug: 'yale' }
    const response = await write('PUT', 'yale', { 'if-match': '*' }, renamed)
    expect(response.statusCode).toBe(412)
    expect(context.app.levelmap.current.catalog.institutionBySlug.has('yale')).toBe(false)
  })

  it('refuses a stale DELETE with 412 and deletes with the current tag', async () => {
    const { etag } = await readDocument('north-carolina')
    const stale = await write('DELETE', 'north-carolina', { 'if-match': '"not-the-digest"' })
    expect(stale.statusCode).toBe(412)
    expect(context.app.levelmap.current.catalog.institutionBySlug.has('north-carolina')).toBe(true)
    const deleted = await write('DELETE', 'north-carolina', { 'if-match': etag })
    expect(deleted.statusCode).toBe(200)
    expect(context.app.levelmap.current.catalog.institutionBySlug.has('north-carolina')).toBe(false)
  })

  it('writes without If-Match as before', async () => {
    const { document } = await readDocument('missouri')
    expect((await write('PUT', 'missouri', {}, document)).statusCode).toBe(200)
  })
})

describe('GET /v1/meta changedAt', () => {
  it('says when the data last changed, and moves with a write', async () => {
    const before = (await context.app.inject({ method: 'GET', url: '/v1/meta' })).json()
    expect(before.changedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
    const { document } = await readDocument('missouri')
    const started = new Date().toISOString()
    const edited = { ...document, notes: [...document.notes, `Edited at ${started}.`] }
    const response = await context.app.inject({
      method: 'PUT',
      url: '/v1/institutions/missouri',
      headers: bearer(key),
      payload: edited,
    })
    expect(response.statusCode).toBe(200)
    const after = (await context.app.inject({ method: 'GET', url: '/v1/meta' })).json()
    expect(after.dataVersion).not.toBe(before.dataVersion)
    expect(after.changedAt >= started).toBe(true)
  })
})
