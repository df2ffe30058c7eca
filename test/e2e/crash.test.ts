// Nothing acknowledged is lost: a child process imports documents in a loop into a SQLite file
// and prints each acknowledged commit; it is killed with SIGKILL at a random moment, 20 times.
// After each kill the file must pass integrity_check, hold every acknowledged import whole, and
// hold no half-written institution. Children are started two rounds ahead (each waits for "go"),
// so their start-up overlaps the earlier rounds' writes.
// The child is crash-writer.ts bundled once with esbuild and run by plain node: under tsx each
// child spent about two CPU seconds resolving TypeBox's 1,700 modules, which made 20 rounds take
// a minute on two cores. The bundle holds only this project's code (packages stay external), so
// the child runs the very write path the server runs.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.js'
import { readInstitutions, readScale } from '../../src/db/institutions.js'
import { changes } from '../../src/db/schema.js'
import { canonicalJson } from '../../src/documents/canonical.js'
import { InstitutionDocumentSchema } from '../../src/documents/schema.js'
import { validateInstitutionDocument } from '../../src/documents/validate.js'
import { dataVersion } from '../../src/documents/version.js'
import { crashDocument, seedDocument } from '../helpers/documents.js'
import { root } from '../helpers/server.js'

const rounds = 20
const folder = mkdtempSync(join(tmpdir(), 'levelmap-crash-'))
const database = join(folder, 'levelmap.sqlite')
// Two folders below the root, like src/db/ and src/catalog/: their import.meta.url-relative paths
// to migrations/ and data/ hold in the bundle too.
const script = join(root, 'node_modules', '.cache', `levelmap-crash-writer-${process.pid}.mjs`)

interface Writer {
  child: ChildProcess
  round: number
  lines: string[]
  exited: Promise<void>
  stderr: () => string
  /** Resolves once the child has printed this line. */
  printed: (line: string) => Promise<void>
}

function startWriter(round: number): Writer {
  const child = spawn(process.execPath, [script, database, String(round)], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const waiting = new Map<string, () => void>()
  let pending = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8')
    const complete = pending.split('\n')
    pending = complete.pop() ?? ''
    lines.push(...complete)
    for (const line of complete) waiting.get(line)?.()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const printed = (line: string) =>
    new Promise<void>((resolve, reject) => {
      if (lines.includes(line)) return resolve()
      waiting.set(line, resolve)
      exited.then(() => reject(new Error(`the writer exited before printing "${line}": ${stderr}`)))
    })
  return { child, round, lines, exited, stderr: () => stderr, printed }
}

const canonical = (document: unknown) => canonicalJson(InstitutionDocumentSchema, document)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  await build({
    entryPoints: [join(root, 'test/e2e/crash-writer.ts')],
    outfile: script,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  })
})

afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
  rmSync(script, { force: true })
})

describe('the database file', () => {
  it('is opened in WAL mode with synchronous=FULL, a busy timeout and foreign keys on', () => {
    const db = openDatabase(join(folder, 'pragmas.sqlite'))
    try {
      expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.$client.pragma('synchronous', { simple: true })).toBe(2)
      expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000)
      expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1)
    } finally {
      db.$client.close()
    }
  })
})

describe('a writer killed with SIGKILL at a random moment', () => {
  it('loses no acknowledged import and leaves no half-written institution, 20 times over', async () => {
    // Each slug's document as the database must hold it, and every data version acknowledged.
    const expected = new Map<string, string>()
    const acknowledgedVersions: string[] = []
    let acknowledged = 0
    const started = [startWriter(0), startWriter(1)]
    try {
      for (let round = 0; round < rounds; round++) {
        const writer = started[round]
        if (!writer) throw new Error(`no writer for round ${round}`)
        if (started.length < rounds) started.push(startWriter(started.length))
        await writer.printed('waiting')
        writer.child.stdin?.write('go\n')
        const moment = Math.floor(Math.random() * 400)
        await sleep(moment)
        writer.child.kill('SIGKILL')
        await writer.exited
        const context = `round ${round}, killed after ${moment} ms; child stderr: ${writer.stderr()}`
        expect(writer.child.signalCode, context).toBe('SIGKILL')

        const acks = writer.lines
          .filter((line) => line.startsWith('ack '))
          .map((line) => {
            const [, i, slug, version] = line.split(' ')
            return { i: Number(i), slug: slug ?? '', version: version ?? '' }
          })
        expect(
          acks.map((ack) => ack.i),
          context,
        ).toEqual(acks.map((_, index) => index))
        for (const ack of acks) expected.set(ack.slug, canonical(crashDocument(round, ack.i)))
        acknowledged += acks.length
        acknowledgedVersions.push(...acks.map((ack) => ack.version))
        // The import after the last acknowledged one may have committed without its line.
        const inFlight = crashDocument(round, acks.length)

        const db = openDatabase(database)
        try {
          expect(db.$client.pragma('integrity_check', { simple: true }), context).toBe('ok')
          expect(db.$client.pragma('foreign_key_check'), context).toEqual([])
          if (!writer.lines.includes('ready')) continue
          const scale = readScale(db)
          const stored = readInstitutions(db)
          for (const document of stored) {
            expect(validateInstitutionDocument(document, scale), `${context}: ${document.slug}`).toEqual([])
          }
          const bySlug = new Map(stored.map((document) => [document.slug, canonical(document)]))
          for (const slug of ['harvard', 'columbia', 'missouri', 'new-mexico', 'north-carolina']) {
            expect(bySlug.get(slug), `${context}: ${slug}`).toBe(canonical(seedDocument(slug)))
          }
          const inFlightCommitted = bySlug.get(inFlight.slug) === canonical(inFlight)
          if (inFlightCommitted) expected.set(inFlight.slug, canonical(inFlight))
          for (const slug of ['crash-0', 'crash-1', 'crash-2']) {
            expect(bySlug.get(slug), `${context}: ${slug}`).toBe(expected.get(slug))
          }

          // The change log holds one entry per committed import, chained version to version, ending
          // at the version of what is stored; every acknowledged version appears in it, in order.
          const log = db.select().from(changes).orderBy(changes.id).all()
          expect(log.length, context).toBe(acknowledged + (inFlightCommitted ? 1 : 0))
          if (inFlightCommitted) acknowledged++
          log.slice(1).forEach((change, index) => {
            expect(change.versionBefore, context).toBe(log[index]?.versionAfter)
          })
          if (log.length > 0) expect(log.at(-1)?.versionAfter, context).toBe(dataVersion(scale, stored))
          const logged = log.map((change) => change.versionAfter)
          let position = 0
          for (const version of acknowledgedVersions) {
            position = logged.indexOf(version, position)
            expect(position, `${context}: acknowledged version ${version} is not in the change log`).toBeGreaterThan(-1)
          }
        } finally {
          db.$client.close()
        }
      }
      // The test means something only if the writers got to write.
      expect(acknowledged).toBeGreaterThanOrEqual(10)
    } finally {
      for (const writer of started) if (writer.child.exitCode === null) writer.child.kill('SIGKILL')
    }
  }, 180_000)
})
