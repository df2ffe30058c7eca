// The in-memory catalog and crosswalk index, loaded from the store at start. Readers take
// `app.levelmap.current` once per request; a write or a reload swaps the whole snapshot in one
// assignment, so a request sees the old world or the new one, never a mix. A write by this
// process patches the snapshot for the one institution it changed; a change made elsewhere
// (another replica, a CLI) arrives through the store's watch, off the request path, and is
// reloaded until the reload succeeds.
//
// After a change to one institution the snapshot's data version is computed here, from the
// digests the snapshot holds (combineVersion, as every store computes it), not taken from the
// store: with several replicas the store may already hold further writes this replica has not
// loaded yet, and a version must always name exactly the data it is served with (the ETags).
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createFollower } from '../../catalog/follow.js'
import {
  type LogPosition,
  type Snapshot,
  type StoredInstitution,
  snapshotFromStore,
  withInstitution,
  withLogPosition,
} from '../../catalog/snapshot.js'
import { describeError } from '../../db/diagnostics.js'
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
  /** Swaps in the snapshot after this process committed a write to one institution (logged at `log`). */
  apply(
    slug: string,
    stored: StoredInstitution | null,
    sources: readonly { file: string; text: string }[],
    log: LogPosition,
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
    /** The later of the log position held and one just read (reads on several connections may finish out of order). */
    const later = (log: LogPosition): LogPosition => {
      const { catalog } = state.current
      return log.head >= catalog.logHead ? log : { changedAt: catalog.changedAt, head: catalog.logHead }
    }
    /** The snapshot with one institution replaced (or removed), at the version of exactly that data. */
    const withOne = (slug: string, stored: StoredInstitution | null, log: LogPosition): Snapshot => {
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
      return withInstitution(state.current, slug, stored, combineVersion(scale, digests), later(log))
    }
    app.log.info('reading the institutions from the store')
    const loaded = await store.load()
    const first = snapshotFromStore(loaded.scale, loaded.institutions, loaded.version, {
      changedAt: loaded.changedAt,
      head: loaded.logHead,
    })
    app.log.info(
      { institutions: first.catalog.institutions.length, jobs: first.catalog.jobs.length, version: loaded.version },
      'catalog built',
    )
    const state: CatalogState = {
      current: first,
      sources: loaded.sources,
      closing: false,
      async reload() {
        const data = await store.load()
        state.current = snapshotFromStore(data.scale, data.institutions, data.version, {
          changedAt: data.changedAt,
          head: data.logHead,
        })
        state.sources = data.sources
        return state.current
      },
      async reloadInstitution(slug) {
        const { institution, changedAt, logHead, sources = [] } = await store.loadInstitution(slug)
        for (const { file, text } of sources) state.sources.set(file, text)
        const held = state.current.catalog.institutionBySlug.get(slug)
        const log = { changedAt, head: logHead }
        if ((held?.digest ?? null) !== (institution?.digest ?? null)) state.current = withOne(slug, institution, log)
        // A write that left the document as it was still moved the log (an unchanged re-PUT).
        else if (logHead > state.current.catalog.logHead) state.current = withLogPosition(state.current, log)
        return state.current
      },
      apply(slug, stored, sources, log) {
        for (const { file, text } of sources) state.sources.set(file, text)
        state.current = withOne(slug, stored, log)
        return state.current
      },
    }
    app.decorate('levelmap', state)
    // Changes made elsewhere are reloaded one at a time, and a reload that fails is retried with
    // backoff until it succeeds (follow.ts). Its failures are logged once, then at most every 30 s.
    let lastFailureLine = Number.NEGATIVE_INFINITY
    const follower = createFollower({
      reloadAll: () => state.reload(),
      reloadOne: (slug) => state.reloadInstitution(slug),
      onFailure: (error, attempt, retryInMs) => {
        if (attempt > 1 && Date.now() - lastFailureLine < 30_000) return
        lastFailureLine = Date.now()
        app.log.warn(
          { attempt, retryInMs, error: describeError(error) },
          'reloading a change made elsewhere failed: retrying until it succeeds',
        )
      },
      onRecovered: (failures) => {
        lastFailureLine = Number.NEGATIVE_INFINITY
        app.log.info({ failures }, 'caught up with the changes made elsewhere')
      },
    })
    // How far behind the changes made elsewhere this replica is (metrics): from the first change
    // noticed while caught up until every change noticed since is served.
    let behind = false
    let closed = false
    store.watch((change) => {
      follower.follow(change.slug)
      if (behind) return
      behind = true
      app.metrics.changesNoticed()
      void follower.idle().then(() => {
        behind = false
        if (!closed) app.metrics.changesServed()
      })
    })
    app.addHook('onClose', async () => {
      closed = true
      follower.close()
    })
  },
  { name: 'catalog', dependencies: ['metrics', 'store'] },
)
