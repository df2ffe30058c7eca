import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { InjectOptions } from 'fastify'
import { describe, expect, it } from 'vitest'
import { readInstitutions } from '../../../src/db/institutions.js'
import { canonicalJson } from '../../../src/documents/canonical.js'
import { defaultDataDir } from '../../../src/documents/files.js'
import { InstitutionDocumentSchema } from '../../../src/documents/schema.js'
import { buildTestApp, useTestApp } from '../../helpers/app.js'
import { documentAs, seedDocument } from '../../helpers/documents.js'
import { bearer, createTestKeys, type TestKeys } from '../../helpers/keys.js'

const problemJson = 'application/problem+json; charset=utf-8'
const seedSlugs = ['columbia', 'harvard', 'missouri', 'new-mexico', 'north-carolina']
const canonical = (document: unknown) => canonicalJson(InstitutionDocumentSchema, document)
const seedFile = (slug: string) => readFileSync(join(defaultDataDir, 'institutions', `${slug}.json`), 'utf8')

/** A fresh app with keys, and shortcuts for the requests these tests make. */
function useWriteApp() {
  const context = useTestApp()
  let keys: TestKeys | undefined
  const keysOf = () => {
    keys ??= createTestKeys(context.app)
    return keys
  }
  const inject = (options: InjectOptions) => context.app.inject(options)
  return {
    get app() {
      return context.app
    },
    keys: keysOf,
    put: (slug: string, payload: unknown, key = keysOf().write) =>
      inject({ method: 'PUT', url: `/v1/institutions/${slug}`, payload: payload as object, headers: bearer(key) }),
    remove: (slug: string, key = keysOf().write) =>
      inject({ method: 'DELETE', url: `/v1/institutions/${slug}`, headers: bearer(key) }),
    get: (url: string) => inject({ method: 'GET', url }),
    version: async () => (await inject({ method: 'GET', url: '/readyz' })).json().dataVersion as string,
    changes: async () => (await inject({ method: 'GET', url: '/v1/changes?limit=100' })).json(),
  }
}

describe('GET /v1/institutions/{slug}/document', () => {
  const context = useWriteApp()

  it.each(seedSlugs)('answers %s byte for byte as its file in data/institutions/', async (slug) => {
    const response = await context.get(`/v1/institutions/${slug}/document`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(response.body).toBe(seedFile(slug))
  })

  it('answers 404 problem+json for an unknown institution', async () => {
    const response = await context.get('/v1/institutions/yale/document')
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toBe(problemJson)
    expect(response.json()).toMatchObject({ status: 404, code: 'unknown-institution' })
  })
})

const writeRoutes = [
  {
    route: 'PUT /v1/institutions/{slug}',
    request: (): InjectOptions => ({ method: 'PUT', url: '/v1/institutions/yale', payload: documentAs('yale') }),
    success: 201,
    kind: 'create',
  },
  {
    route: 'DELETE /v1/institutions/{slug}',
    request: (): InjectOptions => ({ method: 'DELETE', url: '/v1/institutions/missouri' }),
    success: 200,
    kind: 'delete',
  },
]

describe.each(writeRoutes)('$route with each kind of key', ({ request, success, kind }) => {
  const context = useWriteApp()
  const send = (headers: Record<string, string>) => context.app.inject({ ...request(), headers })

  async function expectNothingWritten() {
    expect(readInstitutions(context.app.db).map((document) => document.slug)).toEqual(seedSlugs)
    expect((await context.changes()).total).toBe(0)
  }

  it('answers 401 with a Bearer challenge when no key is sent', async () => {
    const response = await send({})
    expect(response.statusCode).toBe(401)
    expect(response.headers['www-authenticate']).toBe('Bearer realm="levelmap"')
    expect(response.headers['content-type']).toBe(problemJson)
    expect(response.json()).toEqual({
      type: '/problems/unauthorized',
      title: 'Unauthorized',
      status: 401,
      code: 'unauthorized',
      detail: 'This request needs an API key with scope "write": send Authorization: Bearer <key>.',
    })
    await expectNothingWritten()
  })

  it.each([
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['no key after Bearer', 'Bearer'],
    ['two words after Bearer', 'Bearer abc def'],
  ])('answers 401 for a malformed Authorization header (%s)', async (_name, header) => {
    const response = await send({ authorization: header })
    expect(response.statusCode).toBe(401)
    expect(response.headers['www-authenticate']).toBe('Bearer realm="levelmap", error="invalid_token"')
    expect(response.headers['content-type']).toBe(problemJson)
    expect(response.json()).toMatchObject({ code: 'unauthorized', detail: expect.stringContaining('Bearer <key>') })
    await expectNothingWritten()
  })

  it.each([
    ['an unknown key', 'unknown'],
    ['a revoked key', 'revoked'],
  ] as const)('answers 401 for %s', async (_name, which) => {
    const response = await send(bearer(context.keys()[which]))
    expect(response.statusCode).toBe(401)
    expect(response.headers['www-authenticate']).toBe('Bearer realm="levelmap", error="invalid_token"')
    expect(response.headers['content-type']).toBe(problemJson)
    expect(response.json()).toMatchObject({
      status: 401,
      code: 'unauthorized',
      detail: 'The API key is unknown or has been revoked.',
    })
    await expectNothingWritten()
  })

  it('answers 403 for a read-only key', async () => {
    const response = await send(bearer(context.keys().read))
    expect(response.statusCode).toBe(403)
    expect(response.headers['www-authenticate']).toBe(
      'Bearer realm="levelmap", error="insufficient_scope", scope="write"',
    )
    expect(response.headers['content-type']).toBe(problemJson)
    expect(response.json()).toMatchObject({
      status: 403,
      code: 'forbidden',
      detail: 'The API key "test-reader" has scope "read"; this request needs "write".',
    })
    await expectNothingWritten()
  })

  it('writes with a write key and logs the key name', async () => {
    const response = await send(bearer(context.keys().write))
    expect(response.statusCode).toBe(success)
    expect(response.json()).toMatchObject({ keyName: 'test-writer', kind })
    const log = await context.changes()
    expect(log.items).toMatchObject([{ keyName: 'test-writer', kind }])
  })
})

describe('PUT /v1/institutions/{slug}', () => {
  const context = useWriteApp()

  it('refuses a request without a key before reading its body, however large', async () => {
    const document = documentAs('yale')
    document.notes = ['x'.repeat(3 * 1024 * 1024)]
    const response = await context.app.inject({ method: 'PUT', url: '/v1/institutions/yale', payload: document })
    expect(response.statusCode).toBe(401)
    expect(response.headers['content-type']).toBe(problemJson)
  })

  it('creates an institution: 201, Location, the change, and the crosswalk sees it before the answer', async () => {
    const before = await context.version()
    const response = await context.put('yale', documentAs('yale'))
    expect(response.statusCode).toBe(201)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(response.headers.location).toBe('/v1/institutions/yale')
    const change = response.json()
    expect(change).toEqual({
      id: 1,
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      keyName: 'test-writer',
      institution: 'yale',
      kind: 'create',
      versionBefore: before,
      versionAfter: expect.stringMatching(/^[0-9a-f]{16}$/),
    })
    expect(change.versionAfter).not.toBe(before)
    expect(await context.version()).toBe(change.versionAfter)
    expect(context.app.levelmap.current.catalog.version).toBe(change.versionAfter)

    const institution = await context.get('/v1/institutions/yale')
    expect(institution.statusCode).toBe(200)
    expect(institution.json()).toMatchObject({ slug: 'yale', name: 'Test institution yale' })
    const crosswalk = (await context.get('/v1/crosswalk?from=harvard&grade=57&to=yale')).json()
    expect(crosswalk.results[0].matches).toMatchObject([{ institution: 'yale', grade: { code: 'IT4' } }])
    const levels = (await context.get('/v1/levels?institution=yale')).json()
    expect(levels.total).toBe(4)
  })

  it('replaces an institution: 200, and the data version moves on', async () => {
    const before = await context.version()
    const document = seedDocument('missouri')
    document.name = 'State of Missouri (corrected)'
    const response = await context.put('missouri', document)
    expect(response.statusCode).toBe(200)
    expect(response.headers.location).toBeUndefined()
    expect(response.json()).toMatchObject({ kind: 'replace', institution: 'missouri', versionBefore: before })
    expect(await context.version()).toBe(response.json().versionAfter)
    expect((await context.get('/v1/institutions/missouri')).json().name).toBe('State of Missouri (corrected)')
  })

  it('logs a write of the same document again, with the version unchanged', async () => {
    const before = await context.version()
    const response = await context.put('harvard', JSON.parse(seedFile('harvard')))
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ kind: 'replace', versionBefore: before, versionAfter: before })
  })

  it('round-trips document → PUT → GET document byte for byte, in canonical form whatever the key order', async () => {
    const document = JSON.parse((await context.get('/v1/institutions/columbia/document')).body)
    document.notes = [...document.notes, 'A correction sent over HTTP.']
    const text = canonical(document)
    const put = await context.app.inject({
      method: 'PUT',
      url: '/v1/institutions/columbia',
      payload: text,
      headers: { ...bearer(context.keys().write), 'content-type': 'application/json' },
    })
    expect(put.statusCode).toBe(200)
    expect((await context.get('/v1/institutions/columbia/document')).body).toBe(text)

    const reversed = Object.fromEntries(Object.entries(document).reverse())
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(document))
    expect((await context.put('columbia', reversed)).statusCode).toBe(200)
    expect((await context.get('/v1/institutions/columbia/document')).body).toBe(text)
  })

  it.each([
    ['no body', undefined, undefined, 400, 'bad-request'],
    ['a JSON array', '[]', 'application/json', 400, 'bad-request'],
    ['a JSON string', '"harvard"', 'application/json', 400, 'bad-request'],
    ['JSON null', 'null', 'application/json', 400, 'bad-request'],
    ['malformed JSON', '{"slug": ', 'application/json', 400, 'bad-request'],
    ['text/plain', seedFile('harvard'), 'text/plain', 415, 'unsupported-media-type'],
    ['an unsupported content type', seedFile('harvard'), 'application/xml', 415, 'unsupported-media-type'],
  ])('answers %s with %i problem+json and writes nothing', async (_name, payload, type, status, code) => {
    const before = await context.version()
    const response = await context.app.inject({
      method: 'PUT',
      url: '/v1/institutions/harvard',
      ...(payload === undefined ? {} : { payload }),
      headers: { ...bearer(context.keys().write), ...(type ? { 'content-type': type } : {}) },
    })
    expect(response.statusCode).toBe(status)
    expect(response.headers['content-type']).toBe(problemJson)
    expect(response.json()).toMatchObject({ status, code })
    expect(await context.version()).toBe(before)
  })

  it('answers 413 for a body over 2 MiB', async () => {
    const document = documentAs('yale')
    document.notes = ['x'.repeat(2 * 1024 * 1024)]
    const response = await context.put('yale', document)
    expect(response.statusCode).toBe(413)
    expect(response.headers['content-type']).toBe(problemJson)
    expect(response.json()).toMatchObject({ status: 413, code: 'payload-too-large' })
  })

  it('answers 400 naming the parameter for a malformed slug in the URL', async () => {
    const response = await context.put('Not_A_Slug', documentAs('yale'))
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toBe(problemJson)
    expect(response.json()).toMatchObject({
      code: 'invalid-parameter',
      errors: [{ location: 'params', name: 'slug', message: expect.stringContaining('must match pattern') }],
    })
  })
})

describe('the request log', () => {
  it('names the key that wrote but never holds a key, even at trace level', async () => {
    let logged = ''
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logged += chunk.toString()
        done()
      },
    })
    const app = await buildTestApp({}, { logger: { level: 'trace', stream } })
    try {
      await app.ready()
      const keys = createTestKeys(app)
      for (const key of Object.values(keys)) {
        await app.inject({
          method: 'PUT',
          url: '/v1/institutions/yale',
          payload: documentAs('yale'),
          headers: bearer(key),
        })
      }
      expect(logged).toContain('"keyName":"test-writer"')
      for (const key of Object.values(keys)) {
        expect(logged).not.toContain(key)
        expect(logged).not.toContain(key.slice(4, 20))
      }
    } finally {
      await app.close()
    }
  })
})

describe('DELETE /v1/institutions/{slug}', () => {
  const context = useWriteApp()

  it('deletes an institution with its grades, families and jobs, and the crosswalk forgets it', async () => {
    const before = await context.version()
    const response = await context.remove('missouri')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ kind: 'delete', institution: 'missouri', versionBefore: before })
    expect(await context.version()).toBe(response.json().versionAfter)
    expect((await context.get('/v1/institutions/missouri')).statusCode).toBe(404)
    expect((await context.get('/v1/levels/missouri.client-support-technician')).statusCode).toBe(404)
    const crosswalk = (await context.get('/v1/crosswalk?from=harvard&grade=57')).json()
    expect(crosswalk.results[0].matches.map((match: { institution: string }) => match.institution)).toEqual([
      'columbia',
      'new-mexico',
      'north-carolina',
    ])
    const rows = context.app.db.$client
      .prepare("select count(*) as n from jobs where institution_slug = 'missouri'")
      .get() as { n: number }
    expect(rows.n).toBe(0)
  })

  it('answers 404 for an institution that does not exist', async () => {
    const response = await context.remove('missouri')
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toBe(problemJson)
    expect(response.json()).toMatchObject({ code: 'unknown-institution' })
  })

  it.each(['harvard', 'columbia', 'new-mexico'])(
    'answers 409 for %s, an institution the scale is calibrated on',
    async (slug) => {
      const response = await context.remove(slug)
      expect(response.statusCode).toBe(409)
      expect(response.headers['content-type']).toBe(problemJson)
      expect(response.json()).toMatchObject({
        status: 409,
        code: 'conflict',
        detail: expect.stringContaining('the scale is calibrated on its grade'),
      })
      expect((await context.get(`/v1/institutions/${slug}`)).statusCode).toBe(200)
    },
  )
})

describe('a write that fails inside its transaction', () => {
  const context = useWriteApp()

  it('leaves the database, the change log and the served catalog exactly as they were', async () => {
    const before = readInstitutions(context.app.db)
    const version = await context.version()
    // Fails the last job insert, after the old rows are deleted and the new grades written.
    context.app.db.$client.exec(`create trigger fail_last_job before insert on jobs
      when new.id = 'harvard.10660M' begin select raise(abort, 'injected failure'); end`)
    const document = seedDocument('harvard')
    document.notes = [...document.notes, 'never stored']
    const response = await context.put('harvard', document)
    context.app.db.$client.exec('drop trigger fail_last_job')

    expect(response.statusCode).toBe(500)
    expect(response.headers['content-type']).toBe(problemJson)
    expect(response.json()).toEqual({
      type: '/problems/internal-error',
      title: 'Internal server error',
      status: 500,
      code: 'internal-error',
      detail: 'The request could not be completed.',
    })
    expect(readInstitutions(context.app.db)).toEqual(before)
    expect(await context.version()).toBe(version)
    expect((await context.changes()).total).toBe(0)
    expect((await context.get('/v1/institutions/harvard/document')).body).toBe(seedFile('harvard'))
  })
})

describe('concurrent PUTs', () => {
  const context = useWriteApp()

  it('to the same institution: each commits whole, the last stays, the log chains the versions', async () => {
    const documents = Array.from({ length: 6 }, (_, i) => {
      const document = seedDocument('missouri')
      document.notes = [`concurrent version ${i}`]
      document.jobs = document.jobs.slice(0, 1 + (i % 4))
      return document
    })
    const responses = await Promise.all(documents.map((document) => context.put('missouri', document)))
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 200, 200])

    const stored = (await context.get('/v1/institutions/missouri/document')).body
    const last = responses.map((response) => response.json()).sort((a, b) => a.id - b.id)
    expect(documents.map(canonical)).toContain(stored)
    const log = (await context.changes()).items
    expect(log).toEqual(last)
    log.slice(1).forEach((change: { versionBefore: string }, i: number) => {
      expect(change.versionBefore).toBe(log[i].versionAfter)
    })
    expect(log.at(-1).versionAfter).toBe(await context.version())
    // The institution stored is the one whose change committed last.
    const winner = documents[responses.findIndex((response) => response.json().id === log.at(-1).id)]
    expect(stored).toBe(canonical(winner))
  })

  it('to different institutions: all of them are stored', async () => {
    const slugs = ['yale', 'brown', 'cornell', 'dartmouth']
    const responses = await Promise.all([
      ...slugs.map((slug) => context.put(slug, documentAs(slug))),
      context.put('north-carolina', JSON.parse(seedFile('north-carolina'))),
    ])
    expect(responses.map((response) => response.statusCode)).toEqual([201, 201, 201, 201, 200])
    for (const slug of slugs) {
      expect((await context.get(`/v1/institutions/${slug}/document`)).body).toBe(canonical(documentAs(slug)))
    }
    const log = (await context.changes()).items
    expect(log).toHaveLength(11)
    log.slice(1).forEach((change: { versionBefore: string }, i: number) => {
      expect(change.versionBefore).toBe(log[i].versionAfter)
    })
    expect((await context.get('/v1/institutions')).json().total).toBe(9)
  })
})
