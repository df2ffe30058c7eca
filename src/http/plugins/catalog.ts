// The in-memory catalog and crosswalk index, built from the database at start. Readers take
// `app.levelmap.current` once per request; a write or a reload swaps the whole snapshot in one
// assignment, so a request sees the old world or the new one, never a mix. A write by this
// process patches the snapshot for the one institution it changed.
// Writes made by another process on the same file (npm run import) are noticed by a timer, off
// the request path: SQLite's data_version changes only when another connection commits.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { type Snapshot, type StoredInstitution, snapshotFromStore, withInstitution } from '../../catalog/snapshot.js'
import type { LevelmapDatabase } from '../../db/client.js'
import { readDataVersion, readScale, readStoredDocuments } from '../../db/institutions.js'
import { readSourceTexts } from '../../db/sources.js'

export type { Snapshot } from '../../catalog/snapshot.js'

export interface CatalogState {
  current: Snapshot
  /** The source documents' texts by file name; texts are only ever added. */
  sources: Map<string, string>
  /** Set when shutdown begins: /readyz answers 503 from then on. */
  closing: boolean
  /** Rebuilds the snapshot from the database and swaps it in. */
  reload(): Snapshot
  /** Swaps in the snapshot after this process committed a write to one institution. */
  apply(
    slug: string,
    stored: StoredInstitution | null,
    version: string,
    sources?: readonly { file: string; text: string }[],
  ): Snapshot
  /** Reloads now if another process changed the database (what the timer does). */
  checkForChanges(): boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    levelmap: CatalogState
  }
}

export interface CatalogOptions {
  /** How often to look for writes by other processes, in ms (0: never). */
  changeCheckMs?: number
}

/**
 * The snapshot, read in one read transaction, and the data_version read just before it: a commit
 * by another process in between costs one more reload, never a missed one.
 */
function readSnapshot(db: LevelmapDatabase): {
  snapshot: Snapshot
  sources: Map<string, string>
  dataVersion: unknown
} {
  return db.transaction((tx) => {
    const dataVersion = db.$client.pragma('data_version', { simple: true })
    const version = readDataVersion(tx)?.version ?? ''
    return {
      dataVersion,
      sources: readSourceTexts(tx),
      snapshot: snapshotFromStore(readScale(tx), readStoredDocuments(tx), version),
    }
  })
}

export default fp<CatalogOptions>(
  async function catalog(app: FastifyInstance, options: CatalogOptions) {
    let seen = readSnapshot(app.db)
    const dataVersion = app.db.$client.prepare('pragma data_version').pluck()
    const state: CatalogState = {
      current: seen.snapshot,
      sources: seen.sources,
      closing: false,
      reload() {
        seen = readSnapshot(app.db)
        state.current = seen.snapshot
        state.sources = seen.sources
        return state.current
      },
      apply(slug, stored, version, sources = []) {
        for (const { file, text } of sources) state.sources.set(file, text)
        state.current = withInstitution(state.current, slug, stored, version)
        return state.current
      },
      checkForChanges() {
        if (!app.db.$client.open || dataVersion.get() === seen.dataVersion) return false
        app.log.info('the database was changed by another process: reloading the catalog')
        state.reload()
        return true
      },
    }
    app.decorate('levelmap', state)
    const every = options.changeCheckMs ?? 1000
    if (every > 0) {
      const timer = setInterval(() => state.checkForChanges(), every)
      timer.unref()
      app.addHook('onClose', async () => clearInterval(timer))
    }
  },
  { name: 'catalog', dependencies: ['database'] },
)
