// The OpenAPI document as an integrator's tools take it: openapi-typescript generates types from
// the committed openapi/openapi.json, tsc checks a small client program against them (and refuses
// a batch item with a typo), and the program runs against a live server through openapi-fetch.
// The generated types are written as levelmap.ts rather than levelmap.d.ts so that tsc checks them
// like the program itself while skipping the declaration files of the libraries (skipLibCheck):
// re-checking lib.dom, @types/node and openapi-fetch took about 9 of the 10 s this check took.
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import openapiTS, { astToString } from 'openapi-typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../helpers/app.js'
import { root } from '../../helpers/server.js'

const document = JSON.parse(readFileSync(join(root, 'openapi/openapi.json'), 'utf8'))
const clientSources = join(root, 'test/http/client')
let folder = ''
let app: FastifyInstance

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'levelmap-client-'))
  writeFileSync(join(folder, 'levelmap.ts'), astToString(await openapiTS(document)))
  copyFileSync(join(clientSources, 'levelmap-client.ts'), join(folder, 'levelmap-client.ts'))
  copyFileSync(join(clientSources, 'typo.ts'), join(folder, 'typo.ts'))
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n')
  symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'), 'dir')
  app = await buildTestApp()
  await app.listen({ port: 0, host: '127.0.0.1' })
})

afterAll(async () => {
  await app?.close()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

describe('a client generated from openapi/openapi.json', () => {
  it('names every resource with a component schema', () => {
    const generated = readFileSync(join(folder, 'levelmap.ts'), 'utf8')
    for (const name of [
      'Institution',
      'Grade',
      'Level',
      'Family',
      'CrosswalkMatch',
      'CrosswalkResult',
      'BatchItem',
      'BatchResponse',
      'Problem',
      'Meta',
    ]) {
      expect(generated, name).toMatch(new RegExp(`^ {8}${name}: `, 'm'))
    }
    expect(generated).toMatch(/BatchItem: components\["schemas"\]\["BatchGradeItem"\] \| /)
    expect(generated).toContain('Link?: string')
  })

  it('type-checks the client program and refuses a batch item with `form` for `from`', () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
    const result = spawnSync(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--lib',
        'es2022,dom',
        '--types',
        'node',
        '--skipLibCheck',
        'levelmap-client.ts',
        'typo.ts',
      ],
      { cwd: folder, encoding: 'utf8' },
    )
    const errors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line))
    expect(errors.length, result.stdout).toBeGreaterThan(0)
    expect(
      errors.filter((line) => !line.startsWith('typo.ts')),
      'the client program itself must type-check',
    ).toEqual([])
    expect(errors.join('\n')).toMatch(/'form' does not exist/)
  })

  it('runs against a live server at the document’s server URL', async () => {
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const [server] = document.servers as { url: string; variables: Record<string, { default: string }> }[]
    const variables = { ...Object.fromEntries(Object.entries(server?.variables ?? {}).map(([k, v]) => [k, v.default])) }
    variables.port = String(port)
    const baseUrl = (server?.url ?? '').replace(/\{(\w+)\}/g, (_match, name: string) => variables[name] ?? '')
    expect(baseUrl).toBe(`http://127.0.0.1:${port}`)
    const client = (await import(join(folder, 'levelmap-client.ts'))) as {
      run: (baseUrl: string) => Promise<Record<string, unknown>>
    }
    const outcome = await client.run(baseUrl)
    expect(outcome).toMatchObject({
      grade: '12',
      refs: ['emp-1', null, null, 'emp-4'],
      answered: [2, 1, 1, 1],
      failed: 0,
      total: 5,
      firstTitle: 'IT End User Support I',
      missingStatus: 404,
    })
    expect(['exact', 'close', 'broad', 'narrow', 'related']).toContain(outcome.relation)
    expect(outcome.link).toMatch(/rel="next"/)
    expect(outcome.changedAt).toMatch(/Z$/)
  })
})
