// The in-memory catalog and crosswalk index, built from the database at start. Readers take
// `app.levelmap.current` once per request; a reload swaps the whole snapshot in one assignment,
// so a request sees the old world or the new one, never a mix.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { buildCatalog, type Catalog } from '../catalog/model.js'
import { readInstitutions, readScale } from '../catalog/store.js'
import { type Crosswalk, createCrosswalk } from '../crosswalk/crosswalk.js'
import type { LevelmapDatabase } from '../db/client.js'

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
}

declare module 'fastify' {
  interface FastifyInstance {
    levelmap: CatalogState
  }
}

export function buildSnapshot(db: LevelmapDatabase): Snapshot {
  const catalog = buildCatalog(readScale(db), readInstitutions(db))
  return { catalog, crosswalk: createCrosswalk(catalog) }
}

export default fp(
  async function catalog(app: FastifyInstance) {
    const state: CatalogState = {
      current: buildSnapshot(app.db),
      closing: false,
      reload() {
        state.current = buildSnapshot(app.db)
        return state.current
      },
    }
    app.decorate('levelmap', state)
  },
  { name: 'catalog', dependencies: ['database'] },
)
