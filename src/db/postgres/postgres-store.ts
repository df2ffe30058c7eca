// The shared store: PostgreSQL behind the `Store` interface, for several replicas of levelmap.
// Every replica keeps the catalog in memory (reads never reach PostgreSQL) and its full-text search
// in a private in-memory SQLite database, indexed from the documents at load and patched by every
// load of one institution and every write, so search follows exactly what the store handed out.
//
// Changes made by other replicas arrive through the listener (src/db/postgres/listener.ts), on a
// direct connection of its own: a notification reloads the institution it names; a reconnection
// reloads everything (a notification sent while disconnected is never replayed); and a poll of the
// version row every few seconds reloads everything when the replica's data version still differs
// from the store's at a second poll with no write in between (a notification should have come).
import type pg from 'pg'
import type { InstitutionDocument } from '../../documents/schema.js'
import { openDatabase } from '../client.js'
import { clearIndex, indexInstitution, unindexInstitution } from '../search-index.js'
import type { ExternalChange, Store } from '../store.js'
import { type Listener, startListener } from './listener.js'
import {
  authenticate,
  changesSinceVersion,
  createApiKey,
  createPool,
  deleteDocument,
  listApiKeys,
  loadIfEmpty,
  migrate,
  putDocument,
  readChanges,
  readEverything,
  readInstitution,
  readVersion,
  revokeApiKey,
} from './store.js'

/** Where the store reports what happens to its connections (the app's logger). */
export interface StoreLog {
  info(details: object, message: string): void
  warn(details: object, message: string): void
  error(details: object, message: string): void
}

export interface PostgresStoreOptions {
  /** The data files a new store is loaded from (default data/). */
  dataDir?: string
  /** Listen for changes made elsewhere (the server does; the command-line tools do not). Default true. */
  listen?: boolean
  /** How often the listener reads the version row as a safety net (default 5000 ms). */
  pollIntervalMs?: number
  /** How long the first connection of the listener may take before the start fails (default 15 s). */
  startTimeoutMs?: number
  log?: StoreLog
}

const quiet: StoreLog = { info: () => {}, warn: () => {}, error: () => {} }

export async function createPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const log = options.log ?? quiet
  const pool: pg.Pool = createPool(url, {
    onError: (error) => log.warn({ err: error }, 'a PostgreSQL connection failed'),
  })
  let listener: WatchedListener | undefined
  try {
    await migrate(pool)
    const loaded = await loadIfEmpty(pool, options.dataDir)
    if (loaded.loaded) log.info({ institutions: loaded.institutions }, 'PostgreSQL store loaded from data files')
    if (options.listen !== false) listener = await listen(url, options, log)
  } catch (error) {
    await pool.end().catch(() => {})
    throw error
  }

  const search = openDatabase(':memory:')
  const knownSources = new Set<string>()
  const reindex = (slug: string, document: InstitutionDocument | null | undefined) => {
    search.transaction((tx) => {
      unindexInstitution(tx, slug)
      if (document) indexInstitution(tx, document)
    })
  }

  return {
    kind: 'postgres',
    async load() {
      const data = await readEverything(pool)
      for (const file of data.sources.keys()) knownSources.add(file)
      search.transaction((tx) => {
        clearIndex(tx)
        for (const { document } of data.institutions) indexInstitution(tx, document)
      })
      return {
        scale: data.scale,
        institutions: data.institutions,
        version: data.state.version,
        changedAt: data.state.changedAt,
        sources: data.sources,
      }
    },
    async loadInstitution(slug) {
      const { state, institution, sources } = await readInstitution(pool, slug, knownSources)
      for (const { file } of sources) knownSources.add(file)
      reindex(slug, institution?.document)
      return { institution, version: state.version, changedAt: state.changedAt, sources }
    },
    async put(document, keyName, putOptions) {
      const outcome = await putDocument(pool, document, keyName, putOptions)
      if (outcome.outcome === 'committed') {
        for (const { file } of outcome.sources) knownSources.add(file)
        reindex(outcome.change.institution, outcome.institution?.document)
      }
      return outcome
    },
    async remove(slug, keyName, removeOptions) {
      const outcome = await deleteDocument(pool, slug, keyName, removeOptions)
      if (outcome.outcome === 'committed') reindex(slug, null)
      return outcome
    },
    readChanges: (from, page) => readChanges(pool, from, page),
    changesSinceVersion: (version) => changesSinceVersion(pool, version),
    authenticate: (presented) => authenticate(pool, presented),
    createKey: (name, scope) => createApiKey(pool, name, scope),
    listKeys: () => listApiKeys(pool),
    revokeKey: (name) => revokeApiKey(pool, name),
    watch(onChange, heldVersion) {
      listener?.watch(onChange, heldVersion)
    },
    async reachable() {
      if (listener) return listener.status() === 'listening'
      try {
        await readVersion(pool)
        return true
      } catch {
        return false
      }
    },
    searchDatabase: () => search,
    async close() {
      await listener?.close()
      await pool.end().catch(() => {})
      if (search.$client.open) search.$client.close()
    },
  }
}

type WatchedListener = Listener & {
  watch(onChange: (change: ExternalChange) => void, heldVersion?: () => string): void
}

/** The listener, started (and listening) before the first load, so that no write goes unnoticed. */
async function listen(url: string, options: PostgresStoreOptions, log: StoreLog): Promise<WatchedListener> {
  let onChange: ((change: ExternalChange) => void) | undefined
  let heldVersion: (() => string) | undefined
  // Changes noticed before the catalog watches (between the load and watch()).
  let early: ExternalChange[] = []
  const deliver = (change: ExternalChange) => {
    if (onChange) onChange(change)
    else early.push(change)
  }
  // The counter a poll found while the replica's version differed from the store's.
  let behindAt: number | undefined
  const listener = startListener({
    url,
    pollIntervalMs: options.pollIntervalMs ?? 5_000,
    onNotify: (notice) => deliver({ slug: notice.slug }),
    onReconnect: () => {
      log.info({}, 'listening again: reloading everything, notifications may have been missed')
      deliver({})
    },
    onPoll: (state) => {
      if (!heldVersion || state.version === heldVersion()) {
        behindAt = undefined
        return
      }
      // A notification may be on its way: reload only when a second poll finds no write in between.
      if (behindAt === state.counter) {
        behindAt = undefined
        log.warn({ version: state.version }, 'the data version differs from the store: reloading everything')
        deliver({})
      } else {
        behindAt = state.counter
      }
    },
    onStatus: (status, error) => {
      if (status === 'connecting') log.warn({ err: error }, 'the PostgreSQL listener lost its connection')
      else if (status === 'listening') log.info({}, 'the PostgreSQL listener is listening')
    },
    onError: (error) => log.error({ err: error }, 'the PostgreSQL listener failed'),
  })
  const timeoutMs = options.startTimeoutMs ?? 15_000
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      listener.ready,
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `the PostgreSQL listener could not connect within ${timeoutMs} ms: ${listener.lastError()?.message}`,
              ),
            ),
          timeoutMs,
        )
      }),
    ])
  } catch (error) {
    await listener.close()
    throw error
  } finally {
    clearTimeout(timer)
  }
  return Object.assign(listener, {
    watch(next: (change: ExternalChange) => void, held?: () => string) {
      onChange = next
      heldVersion = held
      const missed = early
      early = []
      for (const change of missed) next(change)
    },
  })
}
