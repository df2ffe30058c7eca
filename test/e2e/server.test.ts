// Starts the real server on a free port with a fresh SQLite file and queries it with fetch, as a
// newcomer's curl would.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { childEnv, root, startServer, stopServer } from '../helpers/server.js'

describe('the real server', () => {
  const database = join(mkdtempSync(join(tmpdir(), 'levelmap-e2e-')), 'levelmap.sqlite')
  let server: { child: ChildProcess; base: string }

  beforeAll(async () => {
    server = await startServer({ LEVELMAP_DB: database })
  })

  afterAll(async () => {
    if (server) await stopServer(server.child)
  })

  it('answers the crosswalk for Harvard grade 57 over HTTP', async () => {
    const response = await fetch(`${server.base}/v1/crosswalk?from=harvard&grade=57`)
    expect(response.status).toBe(200)
    const body = (await response.json()) as { results: { matches: { institution: string }[] }[] }
    const matches = body.results[0]?.matches ?? []
    const columbia = matches.find((match: { institution: string }) => match.institution === 'columbia')
    const newMexico = matches.find((match: { institution: string }) => match.institution === 'new-mexico')
    expect(columbia).toMatchObject({ grade: { code: '12' }, relation: 'exact', delta: 0 })
    expect(newMexico).toMatchObject({ grade: { code: 'IC' }, relation: 'exact', delta: 0 })
  })

  it('reuses the database file on the next start and exits cleanly on SIGTERM', async () => {
    expect(await stopServer(server.child)).toBe(0)
    server = await startServer({ LEVELMAP_DB: database })
    const response = await fetch(`${server.base}/v1/institutions`)
    expect(((await response.json()) as { total: number }).total).toBe(5)
  })

  it('serves GET /metrics only when started with LEVELMAP_METRICS=1', async () => {
    expect((await fetch(`${server.base}/metrics`)).status).toBe(404)
    expect(await stopServer(server.child)).toBe(0)
    server = await startServer({ LEVELMAP_DB: database, LEVELMAP_METRICS: '1' })
    expect((await fetch(`${server.base}/v1/institutions`)).status).toBe(200)
    const response = await fetch(`${server.base}/metrics`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
    const text = await response.text()
    expect(text).toContain('levelmap_http_requests_total{method="GET",route="/v1/institutions",status="200"} 1\n')
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m)
  })

  it('refuses to start on a bad environment value, naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: childEnv({ PORT: 'eighty' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr?.on('data', (chunk) => {
      stderr += chunk
    })
    const code = await new Promise((resolve) => child.once('exit', resolve))
    expect(code).toBe(1)
    expect(stderr).toContain('PORT')
  })
})
