// npm run keys -- create --name <who> --scope read|write   prints the new key once, on stdout
// npm run keys -- list                                      names, scopes, dates; never keys
// npm run keys -- revoke <name>
import { parseArgs } from 'node:util'
import { KeyError, type KeyScope, keyScopes } from '../db/keys.js'
import { type Command, isEntryPoint, runCommand, UsageError, withUsage } from './command.js'

export const keysUsage = `usage: npm run keys -- create --name <who> --scope read|write
       npm run keys -- list
       npm run keys -- revoke <name>`

export const keysCommand: Command = withUsage(keysUsage, async (args, store, output) => {
  const [action, ...rest] = args
  if (action === 'create') {
    const { values } = parseArgs({
      args: rest,
      options: { name: { type: 'string' }, scope: { type: 'string' } },
      strict: true,
    })
    if (!values.name) throw new UsageError('create needs --name')
    if (!values.scope || !keyScopes.includes(values.scope as KeyScope)) {
      throw new UsageError('create needs --scope read or --scope write')
    }
    try {
      const created = await store.createKey(values.name, values.scope as KeyScope)
      output.out(`${created.key}\n`)
      output.err(`Created key "${created.name}" with scope ${created.scope}. It is shown only now: store it.\n`)
      return 0
    } catch (error) {
      if (!(error instanceof KeyError)) throw error
      output.err(`${error.message}\n`)
      return 1
    }
  }
  if (action === 'list') {
    parseArgs({ args: rest, options: {}, strict: true })
    const keys = await store.listKeys()
    if (keys.length === 0) {
      output.err('No keys. Create one with: npm run keys -- create --name <who> --scope write\n')
      return 0
    }
    const rows = [
      ['name', 'scope', 'created', 'revoked'],
      ...keys.map((key) => [key.name, key.scope, key.createdAt, key.revokedAt ?? '-']),
    ]
    const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? []
    for (const row of rows) {
      output.out(
        `${row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join('  ')
          .trimEnd()}\n`,
      )
    }
    return 0
  }
  if (action === 'revoke') {
    const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true, strict: true })
    const [name, extra] = positionals
    if (name === undefined || extra !== undefined) throw new UsageError('revoke takes one key name')
    const result = await store.revokeKey(name)
    if (result === 'unknown') {
      output.err(`No key named "${name}".\n`)
      return 1
    }
    output.err(
      result === 'revoked' ? `Revoked key "${name}".\n` : `The key "${name}" was already revoked; nothing changed.\n`,
    )
    return 0
  }
  throw new UsageError(action === undefined ? 'no command given' : `unknown command "${action}"`)
})

if (isEntryPoint(import.meta.url)) await runCommand(keysCommand)
