// The SQLite database: opened and migrated at registration, readied (loaded from data/ when new)
// by the same function the command-line tools use, closed when the app closes.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { type LevelmapDatabase, openDatabase } from '../../db/client.js'
import { prepareDatabase } from '../../db/seed.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: LevelmapDatabase
  }
}

export interface DatabaseOptions {
  path: string
  dataDir?: string
}

export default fp<DatabaseOptions>(
  async function database(app: FastifyInstance, options: DatabaseOptions) {
    const db = openDatabase(options.path)
    const prepared = prepareDatabase(db, options.dataDir)
    if (prepared.loaded === 'data-files') {
      app.log.info({ institutions: prepared.institutions }, 'database loaded from data files')
    }
    app.decorate('db', db)
    app.addHook('onClose', async () => {
      db.$client.close()
    })
  },
  { name: 'database' },
)
