// The SQLite database: opened and migrated at registration, loaded from data/ when it is new,
// closed when the app closes.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { type LevelmapDatabase, openDatabase } from '../../db/client.js'
import { isEmpty, replaceAll } from '../../db/institutions.js'
import { defaultDataDir, loadDataFiles } from '../../documents/files.js'

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
    if (isEmpty(db)) {
      const files = loadDataFiles(options.dataDir ?? defaultDataDir)
      replaceAll(db, files.scale, files.institutions)
      app.log.info({ institutions: files.institutions.length }, 'database loaded from data files')
    }
    app.decorate('db', db)
    app.addHook('onClose', async () => {
      db.$client.close()
    })
  },
  { name: 'database' },
)
