// The in-memory catalog and crosswalk index, loaded from the store at start. Readers take
// `app.levelmap.current` once per request; a write or a reload swaps the whole snapshot in one
// assignment, so a request sees the old world or the new one, never a mix. A write by this
// process patches the snapshot for the one institution it changed; a change made elsewhere
// (another replica, a CLI) arrives through the store's watch, off the request path.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { type Snapshot, type StoredInstitution, snapshotFromStore, withInstitution } from '../../catalog/snapshot.js'

export type { Snapshot } from '../../catalog/snapshot.js'

export interface CatalogState {
  current: Snapshot
  /** The source documents' texts by file name; texts are only ever added. */
  sources: Map<string, string>
  /** Set when shutdown begins: /readyz answers 503 from then on. */
  closing: boolean
  /** Reloads everything from the store and swaps it in. */
  reload(): Promise<Snapshot>
  /** Reloads one institution from the store and swaps it in. */
  reloadInstitution(slug: string): Promise<Snapshot>
  /** Swaps in the snapshot after this process committed a write to one institution (at `changedAt`). */
  apply(
    slug: string,
    stored: StoredInstitution | null,
    version: string,
    sources?: readonly { file: string; text: string }[],
    changedAt?: string,
  ): Snapshot
}

declare module 'fastify' {
  interface FastifyInstance {
    levelmap: CatalogState
  }
}

export default fp(
  async function catalog(app: FastifyInstance) {
    const { store } = app
    const loaded = await store.load()
    const state: CatalogState = {
      current: snapshotFromStore(loaded.scale, loaded.institutions, loaded.version, loaded.changedAt),
      sources: loaded.sources,
      closing: false,
      async reload() {
        const data = await store.load()
        state.current = snapshotFromStore(data.scale, data.institutions, data.version, data.changedAt)
        state.sources = data.sources
        return state.current
      },
      async reloadInstitution(slug) {
        const { institution, version, changedAt } = await store.loadInstitution(slug)
        if (version === state.current.catalog.version) return state.current
        state.current = withInstitution(state.current, slug, institution, version, changedAt)
        return state.current
      },
      apply(slug, stored, version, sources = [], changedAt) {
        for (const { file, text } of sources) state.sources.set(file, text)
        state.current = withInstitution(state.current, slug, stored, version, changedAt ?? null)
        return state.current
      },
    }
    app.decorate('levelmap', state)
    store.watch((change) => {
      const reloading = change.slug === undefined ? state.reload() : state.reloadInstitution(change.slug)
      reloading.then(
        () => app.log.info({ slug: change.slug ?? null }, 'reloaded after a change made elsewhere'),
        (error: unknown) => app.log.error({ err: error }, 'reload after a change made elsewhere failed'),
      )
    })
  },
  { name: 'catalog', dependencies: ['store'] },
)
