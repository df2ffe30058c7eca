// The store every write goes to and the catalog is loaded from: the embedded SQLite file by
// default (opened, migrated and readied, loaded from data/ when new, by the same function the
// command-line tools use), closed when the app closes.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { type LevelmapDatabase, openDatabase } from '../../db/client.js'
import { prepareDatabase } from '../../db/seed.js'
import { createSqliteStore } from '../../db/sqlite-store.js'
import type { Store } from '../../db/store.js'

declare module 'fastify' {
  interface FastifyInstance {
    store: Store
    /** The SQLite database search runs on (with the SQLite store, the store's own file). */
    db: LevelmapDatabase
  }
}

export interface StoreOptions {
  path: string
  dataDir?: string
  /** How often, in ms, to look for writes made by another process (default 1000; 0 never). */
  changeCheckMs?: number
}

export default fp<StoreOptions>(
  async function store(app: FastifyInstance, options: StoreOptions) {
    const db = openDatabase(options.path)
    const prepared = prepareDatabase(db, options.dataDir)
    if (prepared.loaded === 'data-files') {
      app.log.info({ institutions: prepared.institutions }, 'database loaded from data files')
    }
    const store = createSqliteStore(db, { changeCheckMs: options.changeCheckMs })
    app.decorate('store', store)
    app.decorate('db', store.searchDatabase())
    app.addHook('onClose', async () => store.close())
  },
  { name: 'store' },
)
