// Opens the SQLite database, sets the pragmas every connection needs and applies the committed
// drizzle-kit migrations. better-sqlite3 is synchronous, so this whole step is too.
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { packageRoot } from '../paths.js'
import * as schema from './schema.js'

export type LevelmapDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database }
export type Transaction = Parameters<Parameters<LevelmapDatabase['transaction']>[0]>[0]
/** The database or a transaction on it: what a statement runs on. */
export type Writer = LevelmapDatabase | Transaction

/** migrations/ at the package root. */
export const migrationsFolder = join(packageRoot, 'migrations')

export function openDatabase(path: string): LevelmapDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const sqlite = new Database(path)
  sqlite.pragma('journal_mode = WAL')
  // FULL: a write the API acknowledged survives a power cut, not only a process crash.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = drizzle({ client: sqlite, schema, casing: 'snake_case' })
  migrate(db, { migrationsFolder })
  return db
}
