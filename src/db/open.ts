// Opens the store LEVELMAP_DB names, the same way for the server and every command-line tool: a
// SQLite file (migrated, and loaded from the data files when new) or PostgreSQL (migrated, and
// loaded from the data files when it holds nothing yet).
import type { DatabaseTarget } from '../config.js'
import { openDatabase } from './client.js'
import { createPostgresStore, type StoreLog } from './postgres/postgres-store.js'
import { prepareDatabase } from './seed.js'
import { createSqliteStore } from './sqlite-store.js'
import type { Store } from './store.js'

export interface OpenStoreOptions {
  dataDir?: string
  /** SQLite: the check for other processes' writes (default 1000 ms); PostgreSQL: the poll (default 5000 ms). */
  changeCheckMs?: number
  /** PostgreSQL: listen for other replicas' writes (the server); the command-line tools do not. */
  listen?: boolean
  log?: StoreLog
}

export async function openStore(target: DatabaseTarget, options: OpenStoreOptions = {}): Promise<Store> {
  if (target.kind === 'postgres') {
    return createPostgresStore(target.url, {
      dataDir: options.dataDir,
      listen: options.listen,
      pollIntervalMs: options.changeCheckMs || undefined,
      log: options.log,
    })
  }
  options.log?.info({ database: target.path }, 'opening the SQLite database and applying its migrations')
  const db = openDatabase(target.path)
  const prepared = prepareDatabase(db, options.dataDir)
  if (prepared.loaded === 'data-files') {
    options.log?.info({ institutions: prepared.institutions }, 'database loaded from data files')
  }
  return createSqliteStore(db, { changeCheckMs: options.listen === false ? 0 : (options.changeCheckMs ?? 1000) })
}
