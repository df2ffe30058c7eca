// What the command-line tools share: the database the server uses (LEVELMAP_DB, loaded from data/
// when new, exactly as at server start), output streams that tests can replace, and exit codes:
// 0 done, 1 refused or failed, 2 wrong usage.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadConfig } from '../config.js'
import { type LevelmapDatabase, openDatabase } from '../db/client.js'
import { prepareDatabase } from '../db/seed.js'

export interface CommandOutput {
  out(text: string): void
  err(text: string): void
}

export type Command = (args: string[], db: LevelmapDatabase, output: CommandOutput) => number

export class UsageError extends Error {
  override name = 'UsageError'
}

/** The database the server uses, readied exactly as at server start (LEVELMAP_DB, LEVELMAP_DATA_DIR). */
export function openCommandDatabase(path?: string, dataDir?: string): LevelmapDatabase {
  const config = path === undefined || dataDir === undefined ? loadConfig() : undefined
  const db = openDatabase(path ?? config?.database ?? '')
  prepareDatabase(db, dataDir ?? config?.dataDir)
  return db
}

/** A command that answers wrong usage with the message, the usage text and exit code 2. */
export function withUsage(usage: string, command: Command): Command {
  return (args, db, output) => {
    try {
      return command(args, db, output)
    } catch (error) {
      if (!(error instanceof UsageError) && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') !== true) {
        throw error
      }
      output.err(`${(error as Error).message}\n${usage}\n`)
      return 2
    }
  }
}

/** Whether the module at `url` is the script node was started with. */
export function isEntryPoint(url: string): boolean {
  const script = process.argv[1]
  return script !== undefined && pathToFileURL(resolve(script)).href === url
}

/** Runs a command on the real database and streams, and sets the process's exit code. */
export function runCommand(command: Command): void {
  const output: CommandOutput = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  }
  let db: LevelmapDatabase | undefined
  try {
    db = openCommandDatabase()
    process.exitCode = command(process.argv.slice(2), db, output)
  } catch (error) {
    output.err(`${(error as Error).message}\n`)
    process.exitCode = 1
  } finally {
    db?.$client.close()
  }
}
