// The in-memory catalog and crosswalk index, built from the database at start. Readers take
// `app.levelmap.current` once per request; a write or a reload swaps the whole snapshot in one
// assignment, so a request sees the old world or the new one, never a mix.
// Writes made by another process on the same file (npm run import) are noticed at the next
// request: SQLite's data_version changes only when another connection commits, and checking it
// costs one tiny statement.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { buildCatalog, type Catalog } from '../../catalog/model.js'
import { type Crosswalk, createCrosswalk } from '../../crosswalk/crosswalk.js'
import type { LevelmapDatabase } from '../../db/client.js'
import { readInstitutions, readScale } from '../../db/institutions.js'
import type { InstitutionDocument, ScaleDocument } from '../../documents/schema.js'

export interface Snapshot {
  catalog: Catalog
  crosswalk: Crosswalk
}

export interface CatalogState {
  current: Snapshot
  /** Set when shutdown begins: /readyz answers 503 from then on. */
  closing: boolean
  /** Rebuilds the snapshot from the database and swaps it in. */
  reload(): Snapshot
  /** Swaps in the snapshot of documents just committed by this process. */
  install(scale: ScaleDocument, institutions: InstitutionDocument[]): Snapshot
}

declare module 'fastify' {
  interface FastifyInstance {
    levelmap: CatalogState
  }
}

export function snapshotOf(scale: ScaleDocument, institutions: InstitutionDocument[]): Snapshot {
  const catalog = buildCatalog(scale, institutions)
  return { catalog, crosswalk: createCrosswalk(catalog) }
}

/**
 * The snapshot, read in one read transaction, and the data_version read just before it: a commit
 * by another process in between costs one more reload, never a missed one.
 */
function readSnapshot(db: LevelmapDatabase): { snapshot: Snapshot; dataVersion: unknown } {
  return db.transaction((tx) => {
    const dataVersion = db.$client.pragma('data_version', { simple: true })
    return { dataVersion, snapshot: snapshotOf(readScale(tx), readInstitutions(tx)) }
  })
}

export function buildSnapshot(db: LevelmapDatabase): Snapshot {
  return readSnapshot(db).snapshot
}

export default fp(
  async function catalog(app: FastifyInstance) {
    let seen = readSnapshot(app.db)
    const state: CatalogState = {
      current: seen.snapshot,
      closing: false,
      reload() {
        seen = readSnapshot(app.db)
        state.current = seen.snapshot
        return state.current
      },
      install(scale, institutions) {
        state.current = snapshotOf(scale, institutions)
        return state.current
      },
    }
    app.decorate('levelmap', state)
    const dataVersion = app.db.$client.prepare('pragma data_version').pluck()
    app.addHook('onRequest', async () => {
      if (!app.db.$client.open || dataVersion.get() === seen.dataVersion) return
      app.log.info('the database was changed by another process: reloading the catalog')
      state.reload()
    })
  },
  { name: 'catalog', dependencies: ['database'] },
)
