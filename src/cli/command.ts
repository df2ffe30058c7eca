// What the command-line tools share: the store the server uses (LEVELMAP_DB: a SQLite file or
// PostgreSQL, loaded from data/ when new, exactly as at server start), output streams that tests
// can replace, and exit codes: 0 done, 1 refused or failed, 2 wrong usage.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { databaseTarget, type Environment, loadConfig } from '../config.js'
import { type LevelmapDatabase, openDatabase } from '../db/client.js'
import { openStore } from '../db/open.js'
import { prepareDatabase } from '../db/seed.js'
import type { Store } from '../db/store.js'

export interface CommandOutput {
  out(text: string): void
  err(text: string): void
}

export type Command = (args: string[], store: Store, output: CommandOutput) => Promise<number>

export class UsageError extends Error {
  override name = 'UsageError'
}

/** The store the server uses, readied exactly as at server start (LEVELMAP_DB, LEVELMAP_DATA_DIR of `env`). */
export function openCommandStore(env: Environment): Promise<Store> {
  const config = loadConfig(env)
  return openStore(databaseTarget(config.database), { dataDir: config.dataDir, listen: false })
}

/** A SQLite database file readied exactly as at server start, loaded from `dataDir` (default data/) when new. */
export function openCommandDatabase(path: string, dataDir?: string): LevelmapDatabase {
  const db = openDatabase(path)
  prepareDatabase(db, dataDir)
  return db
}

/** A command that answers wrong usage with the message, the usage text and exit code 2. */
export function withUsage(usage: string, command: Command): Command {
  return async (args, store, output) => {
    try {
      return await command(args, store, output)
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

/** Runs a command on the real store and streams, and sets the process's exit code. */
export async function runCommand(command: Command): Promise<void> {
  const output: CommandOutput = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  }
  let store: Store | undefined
  try {
    store = await openCommandStore(process.env)
    process.exitCode = await command(process.argv.slice(2), store, output)
  } catch (error) {
    output.err(`${(error as Error).message}\n`)
    process.exitCode = 1
  } finally {
    await store?.close()
  }
}
