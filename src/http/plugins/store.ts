// The store every write goes to and the catalog is loaded from, chosen by LEVELMAP_DB: the embedded
// SQLite file by default (opened, migrated and readied, loaded from data/ when new, by the same
// function the command-line tools use), or PostgreSQL for a postgres:// URL (migrated, loaded from
// data/ when new, and listened to for the writes of other replicas). Closed when the app closes.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { databaseTarget } from '../../config.js'
import type { LevelmapDatabase } from '../../db/client.js'
import { openStore } from '../../db/open.js'
import type { Store } from '../../db/store.js'

declare module 'fastify' {
  interface FastifyInstance {
    store: Store
    /** The SQLite database search runs on (the SQLite store's own file, or PostgreSQL's private in-memory one). */
    db: LevelmapDatabase
  }
}

export interface StoreOptions {
  /** LEVELMAP_DB: a SQLite path, :memory:, or a postgres:// URL. */
  path: string
  dataDir?: string
  /**
   * How often, in ms, to look for writes made by another process: SQLite's check (default 1000;
   * 0 never), or PostgreSQL's poll of the version row beside its notifications (default 5000).
   */
  changeCheckMs?: number
}

export default fp<StoreOptions>(
  async function store(app: FastifyInstance, options: StoreOptions) {
    const store = await openStore(databaseTarget(options.path), {
      dataDir: options.dataDir,
      changeCheckMs: options.changeCheckMs,
      listen: true,
      log: app.log,
    })
    app.decorate('store', store)
    app.decorate('db', store.searchDatabase())
    app.addHook('onClose', async () => store.close())
  },
  { name: 'store' },
)
