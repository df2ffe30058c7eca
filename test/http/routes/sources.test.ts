import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir } from '../../../src/documents/files.js'
import { useTestApp } from '../../helpers/app.js'
import { documentAs } from '../../helpers/documents.js'
import { bearer, createTestKeys } from '../../helpers/keys.js'

const context = useTestApp()
const harvardSource = '000_eb341e2be9d923db.txt'

describe('GET /v1/sources', () => {
  it('lists the five source documents with the institutions that cite them', async () => {
    const response = await context.app.inject('/v1/sources')
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.total).toBe(5)
    expect(body.items[0]).toMatchObject({ file: harvardSource, citedBy: ['harvard'] })
    expect(body.items[0].characters).toBe(readFileSync(join(defaultDataDir, 'sources', harvardSource), 'utf8').length)
  })

  it('answers one source as JSON, or as the plain text a rationale quotes', async () => {
    const text = readFileSync(join(defaultDataDir, 'sources', harvardSource), 'utf8')
    const json = await context.app.inject(`/v1/sources/${harvardSource}`)
    expect(json.statusCode).toBe(200)
    expect(json.json()).toEqual({ file: harvardSource, citedBy: ['harvard'], text })
    const plain = await context.app.inject({ url: `/v1/sources/${harvardSource}`, headers: { accept: 'text/plain' } })
    expect(plain.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(plain.body).toBe(text)
  })

  it('answers an unknown source with 404 unknown-source', async () => {
    const response = await context.app.inject('/v1/sources/nothing.txt')
    expect(response.statusCode).toBe(404)
    expect(response.json().code).toBe('unknown-source')
  })
})

describe('PUT /v1/institutions/{slug} and its sources', () => {
  it('refuses a document citing a source the service does not hold, naming the citation', async () => {
    const keys = createTestKeys(context.app, 'sources')
    const document = documentAs('yale')
    document.source.quotes = [{ file: 'yale.txt', quote: 'Yale University' }]
    const response = await context.app.inject({
      method: 'PUT',
      url: '/v1/institutions/yale',
      headers: bearer(keys.write),
      payload: document,
    })
    expect(response.statusCode).toBe(422)
    expect(response.json().errors).toContainEqual({
      location: 'body',
      path: '/source/quotes/0/file',
      message: 'no source yale.txt: carry its text in /sources or cite a source the service holds',
    })
  })

  it('refuses a quote its source does not hold', async () => {
    const keys = createTestKeys(context.app, 'quotes')
    const document = documentAs('yale')
    document.source.quotes = [{ file: '001_31c9c880f449cd9f.txt', quote: 'a sentence that is not there' }]
    const response = await context.app.inject({
      method: 'PUT',
      url: '/v1/institutions/yale',
      headers: bearer(keys.write),
      payload: document,
    })
    expect(response.statusCode).toBe(422)
    expect(response.json().errors).toContainEqual({
      location: 'body',
      path: '/source/quotes/0/quote',
      message: 'not found in 001_31c9c880f449cd9f.txt',
    })
  })

  it('stores a text the document carries, serves it, and leaves it out of the stored document', async () => {
    const keys = createTestKeys(context.app, 'carried')
    const document = documentAs('yale')
    document.source.quotes = [{ file: 'yale.txt', quote: 'Yale University   Information Technology' }]
    document.sources = [{ file: 'yale.txt', text: 'Yale University\nInformation Technology Services job families.' }]
    const put = await context.app.inject({
      method: 'PUT',
      url: '/v1/institutions/yale',
      headers: bearer(keys.write),
      payload: document,
    })
    expect(put.statusCode).toBe(201)
    const source = await context.app.inject({ url: '/v1/sources/yale.txt', headers: { accept: 'text/plain' } })
    expect(source.body).toBe('Yale University\nInformation Technology Services job families.')
    const stored = (await context.app.inject('/v1/institutions/yale/document')).json()
    expect(stored.sources).toBeUndefined()
    expect(stored.source.quotes).toEqual(document.source.quotes)
    const other = structuredClone(document)
    other.sources = [{ file: 'yale.txt', text: 'Another text entirely.' }]
    const replaced = await context.app.inject({
      method: 'PUT',
      url: '/v1/institutions/yale',
      headers: bearer(keys.write),
      payload: other,
    })
    expect(replaced.statusCode).toBe(422)
    expect(replaced.json().errors[0]).toMatchObject({ path: '/sources/0/text' })
  })
})
