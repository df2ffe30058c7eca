import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { type Command, openCommandDatabase } from '../../src/cli/command.js'
import { exportCommand } from '../../src/cli/export.js'
import { importCommand } from '../../src/cli/import.js'
import { keysCommand } from '../../src/cli/keys.js'
import type { LevelmapDatabase } from '../../src/db/client.js'
import { readInstitutions } from '../../src/db/institutions.js'
import { createSqliteStore } from '../../src/db/sqlite-store.js'
import { canonicalJson } from '../../src/documents/canonical.js'
import { defaultDataDir } from '../../src/documents/files.js'
import { InstitutionDocumentSchema } from '../../src/documents/schema.js'
import { documentAs } from '../helpers/documents.js'
import { childEnv, root, startServer, stopServer } from '../helpers/server.js'
import { eventually } from '../helpers/wait.js'

const folder = mkdtempSync(join(tmpdir(), 'levelmap-cli-'))
const seedFile = (slug: string) => readFileSync(join(defaultDataDir, 'institutions', `${slug}.json`), 'utf8')
let db: LevelmapDatabase
let counter = 0

afterAll(() => {
  db?.$client.close()
  rmSync(folder, { recursive: true, force: true })
})

/** A fresh database file for each test, loaded from data/ as the server would. */
beforeEach(() => {
  db?.$client.close()
  db = openCommandDatabase(join(folder, `levelmap-${++counter}.sqlite`))
})

async function run(command: Command, ...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await command(args, createSqliteStore(db), {
    out: (text) => {
      stdout += text
    },
    err: (text) => {
      stderr += text
    },
  })
  return { code, stdout, stderr }
}

describe('npm run keys', () => {
  it('creates a key and prints it once, alone on stdout', async () => {
    const created = await run(keysCommand, 'create', '--name', 'alice', '--scope', 'write')
    expect(created.code).toBe(0)
    expect(created.stdout).toMatch(/^lmk_[A-Za-z0-9_-]{43}\n$/)
    expect(created.stderr).toBe('Created key "alice" with scope write. It is shown only now: store it.\n')
    const listed = await run(keysCommand, 'list')
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/^name\s+scope\s+created\s+revoked\nalice\s+write\s+\S+Z\s+-\n$/)
    expect(listed.stdout).not.toContain(created.stdout.trim())
  })

  it('revokes a key by name', async () => {
    await run(keysCommand, 'create', '--name', 'bob', '--scope', 'read')
    expect(await run(keysCommand, 'revoke', 'bob')).toEqual({ code: 0, stdout: '', stderr: 'Revoked key "bob".\n' })
    expect((await run(keysCommand, 'list')).stdout).toMatch(/\nbob\s+read\s+\S+Z\s+\S+Z\n$/)
    expect(await run(keysCommand, 'revoke', 'nobody')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'No key named "nobody".\n',
    })
  })

  it('refuses a name in use with exit code 1', async () => {
    await run(keysCommand, 'create', '--name', 'carol', '--scope', 'write')
    const again = await run(keysCommand, 'create', '--name', 'carol', '--scope', 'write')
    expect(again).toMatchObject({ code: 1, stdout: '' })
    expect(again.stderr).toContain('a key named "carol" exists')
  })

  it.each([
    ['no command', []],
    ['an unknown command', ['rotate']],
    ['create without a scope', ['create', '--name', 'dave']],
    ['create with an unknown scope', ['create', '--name', 'dave', '--scope', 'admin']],
    ['an unknown option', ['create', '--name', 'dave', '--scope', 'read', '--force']],
    ['revoke without a name', ['revoke']],
  ])('answers %s with the usage and exit code 2', async (_name, args) => {
    const result = await run(keysCommand, ...args)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('usage: npm run keys -- create --name <who> --scope read|write')
  })
})

describe('npm run export and npm run import', () => {
  it('round-trips export → import → export byte for byte', async () => {
    const first = await run(exportCommand, 'new-mexico')
    expect(first).toEqual({ code: 0, stdout: seedFile('new-mexico'), stderr: '' })
    const file = join(folder, 'new-mexico.json')
    const edited = JSON.parse(first.stdout)
    edited.notes = [...edited.notes, 'Corrected through the CLI.']
    writeFileSync(file, canonicalJson(InstitutionDocumentSchema, edited))

    const imported = await run(importCommand, file)
    expect(imported.code).toBe(0)
    expect(imported.stdout).toMatch(
      new RegExp(`^replaced new-mexico from ${file}: data version [0-9a-f]{16} -> [0-9a-f]{16} \\(change 1\\)\\n$`),
    )
    expect((await run(exportCommand, 'new-mexico')).stdout).toBe(readFileSync(file, 'utf8'))
    const [change] = db.$client.prepare('select key_name, institution, kind from changes').all()
    expect(change).toEqual({ key_name: 'cli', institution: 'new-mexico', kind: 'replace' })
  })

  it('exports to a file with --out, and creates a new institution on import', async () => {
    const out = join(folder, 'harvard.json')
    expect(await run(exportCommand, 'harvard', '--out', out)).toEqual({
      code: 0,
      stdout: '',
      stderr: `Wrote harvard to ${out}.\n`,
    })
    expect(readFileSync(out, 'utf8')).toBe(seedFile('harvard'))
    const yale = join(folder, 'yale.json')
    writeFileSync(yale, JSON.stringify(documentAs('yale')))
    expect(await run(importCommand, yale)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^created yale from /),
    })
    expect((await run(exportCommand, 'yale')).stdout).toBe(canonicalJson(InstitutionDocumentSchema, documentAs('yale')))
  })

  it('refuses an invalid document with every problem and exit code 1, writing nothing', async () => {
    const before = readInstitutions(db)
    const file = join(folder, 'broken.json')
    const document = documentAs('yale') as ReturnType<typeof documentAs> & { extra?: boolean }
    document.extra = true
    Object.assign(document.jobs[1] ?? {}, { grade: 'IT9' })
    writeFileSync(file, JSON.stringify(document))
    const result = await run(importCommand, file)
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        `${file} has 2 problem(s); nothing was written:`,
        '  /extra (extra): unknown field "extra"',
        `  /jobs/1/grade (jobs[1] (yale.senior-client-support-technician) › grade): grade "IT9" is not one of this institution's grades`,
        '',
      ].join('\n'),
    })
    expect(readInstitutions(db)).toEqual(before)
    expect(db.$client.prepare('select count(*) as n from changes').get()).toEqual({ n: 0 })
  })

  it('refuses a file that is not JSON, and an unknown institution on export', async () => {
    const file = join(folder, 'notes.txt')
    writeFileSync(file, 'not json')
    const imported = await run(importCommand, file)
    expect(imported.code).toBe(1)
    expect(imported.stderr).toMatch(/^.*notes\.txt: cannot be read as JSON \(.*\); nothing was written\.\n$/)
    expect(await run(exportCommand, 'yale')).toEqual({ code: 1, stdout: '', stderr: 'No institution "yale".\n' })
    expect((await run(exportCommand)).code).toBe(2)
    expect((await run(importCommand)).code).toBe(2)
  })
})

describe('the CLIs beside a running server', () => {
  const execute = promisify(execFile)
  const database = join(folder, 'server.sqlite')
  const cli = (script: string, ...args: string[]) =>
    execute(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
      cwd: root,
      env: childEnv({ LEVELMAP_DB: database }),
    })

  it('creates a key the server accepts, and the server serves an import within its change-check interval', async () => {
    const server = await startServer({ LEVELMAP_DB: database })
    try {
      const { stdout: key } = await cli('keys', 'create', '--name', 'e2e', '--scope', 'write')
      const put = await fetch(`${server.base}/v1/institutions/yale`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${key.trim()}`, 'content-type': 'application/json' },
        body: JSON.stringify(documentAs('yale')),
      })
      expect(put.status).toBe(201)

      const file = join(folder, 'missouri.json')
      const missouri = JSON.parse(seedFile('missouri'))
      missouri.name = 'State of Missouri (imported)'
      writeFileSync(file, JSON.stringify(missouri))
      const { stdout } = await cli('import', file)
      expect(stdout).toMatch(/^replaced missouri from /)

      // The server looks for other processes' writes every second, off the request path: it
      // serves the import after its next check. The budget is for a busy machine, not the figure.
      let name = ''
      await eventually(
        async () => {
          name = ((await (await fetch(`${server.base}/v1/institutions/missouri`)).json()) as { name: string }).name
          return name === 'State of Missouri (imported)'
        },
        'the server serves the imported document',
        { budgetMs: 20_000, everyMs: 100 },
      )
      expect(name).toBe('State of Missouri (imported)')
      const changes = (await (await fetch(`${server.base}/v1/changes`)).json()) as {
        items: { keyName: string; institution: string; versionBefore: string; versionAfter: string }[]
      }
      expect(changes.items.map((change) => [change.keyName, change.institution])).toEqual([
        ['e2e', 'yale'],
        ['cli', 'missouri'],
      ])
      const ready = (await (await fetch(`${server.base}/readyz`)).json()) as { dataVersion: string }
      expect(ready.dataVersion).toBe(changes.items[1]?.versionAfter)
    } finally {
      await stopServer(server.child)
    }
  })
})
