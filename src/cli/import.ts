// npm run import -- <file> [<file>...]: creates or replaces institutions from document files, each
// through the same write path as PUT /v1/institutions/{slug} (one transaction, every problem
// reported, nothing written on any problem), logged in the change log under the key name `cli`.
// A server running on the same store picks the change up: SQLite's change check, or PostgreSQL's
// notification.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { describePath } from '../documents/validate.js'
import { type Command, isEntryPoint, runCommand, UsageError, withUsage } from './command.js'

export const importUsage = 'usage: npm run import -- <file> [<file>...]'

/** The key name the change log records for imports. */
export const importKeyName = 'cli'

export const importCommand: Command = withUsage(importUsage, async (args, store, output) => {
  const { positionals: files } = parseArgs({ args, options: {}, allowPositionals: true, strict: true })
  if (files.length === 0) throw new UsageError('import needs a document file')
  let failed = 0
  for (const file of files) {
    let document: unknown
    try {
      document = JSON.parse(readFileSync(file, 'utf8'))
    } catch (error) {
      output.err(`${file}: cannot be read as JSON (${(error as Error).message}); nothing was written.\n`)
      failed++
      continue
    }
    const result = await store.put(document, importKeyName)
    if (result.outcome === 'invalid') {
      output.err(`${file} has ${result.issues.length} problem(s); nothing was written:\n`)
      for (const issue of result.issues) {
        output.err(`  ${issue.path || '/'} (${describePath(document, issue.path)}): ${issue.message}\n`)
      }
      failed++
      continue
    }
    // No expectation is passed, so no precondition can fail.
    if (result.outcome !== 'committed') throw new Error(`unexpected outcome ${result.outcome}`)
    const { change } = result
    output.out(
      `${change.kind === 'create' ? 'created' : 'replaced'} ${change.institution} from ${file}: data version ${change.versionBefore} -> ${change.versionAfter} (change ${change.id})\n`,
    )
  }
  return failed === 0 ? 0 : 1
})

if (isEntryPoint(import.meta.url)) await runCommand(importCommand)
