// The in-memory catalog and crosswalk index, loaded from the store at start. Readers take
// `app.levelmap.current` once per request; a write or a reload swaps the whole snapshot in one
// assignment, so a request sees the old world or the new one, never a mix. A write by this
// process patches the snapshot for the one institution it changed; a change made elsewhere
// (another replica, a CLI) arrives through the store's watch, off the request path.
//
// After a change to one institution the snapshot's data version is computed here, from the
// digests the snapshot holds (combineVersion, as every store computes it), not taken from the
// store: with several replicas the store may already hold further writes this replica has not
// loaded yet, and a version must always name exactly the data it is served with (the ETags).
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { type Snapshot, type StoredInstitution, snapshotFromStore, withInstitution } from '../../catalog/snapshot.js'
import { combineVersion, scaleDigest } from '../../documents/version.js'

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
    const scaleDigests = new WeakMap<object, string>()
    /** The snapshot with one institution replaced (or removed), at the version of exactly that data. */
    const withOne = (slug: string, stored: StoredInstitution | null, changedAt: string | null): Snapshot => {
      const { catalog } = state.current
      let scale = scaleDigests.get(catalog.scaleDocument)
      if (scale === undefined) {
        scale = scaleDigest(catalog.scaleDocument)
        scaleDigests.set(catalog.scaleDocument, scale)
      }
      const digests = catalog.institutions
        .filter((institution) => institution.slug !== slug)
        .map((institution) => ({ slug: institution.slug, digest: institution.digest }))
      if (stored) digests.push({ slug, digest: stored.digest })
      return withInstitution(state.current, slug, stored, combineVersion(scale, digests), changedAt)
    }
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
        const { institution, changedAt, sources = [] } = await store.loadInstitution(slug)
        for (const { file, text } of sources) state.sources.set(file, text)
        const held = state.current.catalog.institutionBySlug.get(slug)
        if ((held?.digest ?? null) === (institution?.digest ?? null)) return state.current
        state.current = withOne(slug, institution, changedAt)
        return state.current
      },
      apply(slug, stored, sources = [], changedAt) {
        for (const { file, text } of sources) state.sources.set(file, text)
        state.current = withOne(slug, stored, changedAt ?? null)
        return state.current
      },
    }
    app.decorate('levelmap', state)
    store.watch(
      (change) => {
        const reloading = change.slug === undefined ? state.reload() : state.reloadInstitution(change.slug)
        reloading.then(
          () => app.log.info({ slug: change.slug ?? null }, 'reloaded after a change made elsewhere'),
          (error: unknown) => app.log.error({ err: error }, 'reload after a change made elsewhere failed'),
        )
      },
      () => state.current.catalog.version,
    )
  },
  { name: 'catalog', dependencies: ['store'] },
)
