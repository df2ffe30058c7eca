// The shared store: PostgreSQL behind the `Store` interface, for several replicas of levelmap.
// Every replica keeps the catalog in memory (reads never reach PostgreSQL) and its full-text search
// in a private in-memory SQLite database, indexed from the documents at load and patched by every
// load of one institution and every write, so search follows exactly what the store handed out.
//
// Changes made by other replicas arrive through the listener (src/db/postgres/listener.ts), on a
// direct connection of its own: a notification reloads the institution it names; a reconnection
// reloads everything (a notification sent while disconnected is never replayed); and a poll of the
// version row every few seconds compares the store's write count with the writes this replica has
// applied (progress.ts), and reloads everything when a write counted at one poll is still not
// applied at the next. (The catalog retries a reload that fails until it succeeds.)
//
// What happens to the connections is logged by outage.ts: an outage once when it starts, a
// reminder, once when it ends. A wait for a pool connection that runs out counts as busy while the
// listener still listens, and as unreachable when it does not.

import type pg from 'pg'
import type { InstitutionDocument } from '../../documents/schema.js'
import { openDatabase } from '../client.js'
import { describeError, redactSecrets } from '../diagnostics.js'
import { clearIndex, indexInstitution, unindexInstitution } from '../search-index.js'
import { type ExternalChange, type Store, StoreBusyError, StoreUnavailableError } from '../store.js'
import { listDrafts, readDraft, readDraftLog, writeDraft } from './drafts.js'
import { type Listener, startListener } from './listener.js'
import { createOutageLog, type OutageLog } from './outage.js'
import { ReplicaProgress } from './progress.js'
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
import { institutionVersionAt, listInstitutionVersions, readInstitutionVersion, versionsInForce } from './versions.js'

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
  const outage = createOutageLog(log)
  const progress = new ReplicaProgress()
  const pool: pg.Pool = createPool(url, { onError: (error) => outage.unreachable(error) })
  let listener: WatchedListener | undefined
  try {
    log.info({ database: redactSecrets(url) }, 'connecting to PostgreSQL and applying its migrations')
    await migrate(pool)
    const loaded = await loadIfEmpty(pool, options.dataDir)
    if (loaded.loaded) log.info({ institutions: loaded.institutions }, 'PostgreSQL store loaded from data files')
    if (options.listen !== false) listener = await listen(url, options, log, outage, progress)
  } catch (error) {
    outage.close()
    await pool.end().catch(() => {})
    // The start fails with this message, printed as it is: never with a password in it.
    if (error instanceof Error) error.message = redactSecrets(error.message)
    throw error
  }

  /**
   * Runs one operation of the store: a busy wait while the listener cannot reach PostgreSQL either
   * counts as unreachable; every failure and success is reported to the outage log.
   */
  const guarded = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      const result = await operation()
      outage.succeeded()
      return result
    } catch (error) {
      if (error instanceof StoreBusyError && listener && listener.status() !== 'listening') {
        const lost = new StoreUnavailableError(error.message, { cause: error })
        outage.unreachable(lost)
        throw lost
      }
      if (error instanceof StoreBusyError) outage.busy(error)
      else if (error instanceof StoreUnavailableError) outage.unreachable(error)
      throw error
    }
  }

  const search = openDatabase(':memory:')
  const knownSources = new Set<string>()
  const reindex = (slug: string, document: InstitutionDocument | null | undefined) => {
    search.transaction((tx) => {
      unindexInstitution(tx, slug)
      if (document) indexInstitution(tx, document)
    })
  }

  /** One of this replica's writes: notifications that arrive while it runs wait until it is applied. */
  async function ownWrite<T extends { outcome: string; counter?: number }>(write: () => Promise<T>): Promise<T> {
    progress.beginWrite()
    let counter: number | undefined
    try {
      const outcome = await write()
      if (outcome.outcome === 'committed') counter = outcome.counter
      return outcome
    } finally {
      for (const { slug } of progress.endWrite(counter)) listener?.notify({ slug })
    }
  }

  return {
    kind: 'postgres',
    async load() {
      const data = await guarded(() => readEverything(pool))
      for (const file of data.sources.keys()) knownSources.add(file)
      search.transaction((tx) => {
        clearIndex(tx)
        for (const { document } of data.institutions) indexInstitution(tx, document)
      })
      progress.loadedAll(data.state.counter)
      return {
        scale: data.scale,
        institutions: data.institutions,
        version: data.state.version,
        changedAt: data.state.changedAt,
        logHead: data.state.counter,
        sources: data.sources,
      }
    },
    async loadInstitution(slug) {
      const { state, institution, sources } = await guarded(() => readInstitution(pool, slug, knownSources))
      for (const { file } of sources) knownSources.add(file)
      reindex(slug, institution?.document)
      progress.loadedOne(slug, state.counter)
      return { institution, version: state.version, changedAt: state.changedAt, logHead: state.counter, sources }
    },
    async put(document, keyName, putOptions) {
      return ownWrite(async () => {
        const outcome = await guarded(() => putDocument(pool, document, keyName, putOptions))
        if (outcome.outcome === 'committed') {
          for (const { file } of outcome.sources) knownSources.add(file)
          reindex(outcome.change.institution, outcome.institution?.document)
        }
        return outcome
      })
    },
    async remove(slug, keyName, removeOptions) {
      return ownWrite(async () => {
        const outcome = await guarded(() => deleteDocument(pool, slug, keyName, removeOptions))
        if (outcome.outcome === 'committed') reindex(slug, null)
        return outcome
      })
    },
    readChanges: (from, page) => guarded(() => readChanges(pool, from, page)),
    changesSinceVersion: (version) => guarded(() => changesSinceVersion(pool, version)),
    authenticate: (presented) => guarded(() => authenticate(pool, presented)),
    createKey: (name, scope) => guarded(() => createApiKey(pool, name, scope)),
    listKeys: () => guarded(() => listApiKeys(pool)),
    revokeKey: (name) => guarded(() => revokeApiKey(pool, name)),
    listInstitutionVersions: (slug) => guarded(() => listInstitutionVersions(pool, slug)),
    readInstitutionVersion: (slug, n) => guarded(() => readInstitutionVersion(pool, slug, n)),
    institutionVersionAt: (slug, at) => guarded(() => institutionVersionAt(pool, slug, at)),
    versionsInForce: (at) => guarded(() => versionsInForce(pool, at)),
    readDraft: (slug) => guarded(() => readDraft(pool, slug)),
    listDrafts: () => guarded(() => listDrafts(pool)),
    readDraftLog: (slug) => guarded(() => readDraftLog(pool, slug)),
    writeDraft: (write, expected, keyName, event) => guarded(() => writeDraft(pool, write, expected, keyName, event)),
    watch(onChange) {
      listener?.watch(onChange)
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
    connections: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    searchDatabase: () => search,
    async close() {
      await listener?.close()
      outage.close()
      await pool.end().catch(() => {})
      if (search.$client.open) search.$client.close()
    },
  }
}

type WatchedListener = Listener & {
  watch(onChange: (change: ExternalChange) => void): void
  /** Hands a change to the catalog as if its notification had just arrived. */
  notify(change: ExternalChange): void
}

/** The listener, started (and listening) before the first load, so that no write goes unnoticed. */
async function listen(
  url: string,
  options: PostgresStoreOptions,
  log: StoreLog,
  outage: OutageLog,
  progress: ReplicaProgress,
): Promise<WatchedListener> {
  let onChange: ((change: ExternalChange) => void) | undefined
  // Changes noticed before the catalog watches (between the load and watch()).
  let early: ExternalChange[] = []
  const deliver = (change: ExternalChange) => {
    if (onChange) onChange(change)
    else early.push(change)
  }
  const listener = startListener({
    url,
    pollIntervalMs: options.pollIntervalMs ?? 5_000,
    // The replica's own writes are applied already: their notifications need no reload.
    onNotify: (notice) => {
      if (progress.receive(notice.counter, notice.slug)) deliver({ slug: notice.slug })
    },
    // Notifications sent while the connection was down are never replayed.
    onReconnect: () => deliver({}),
    onPoll: (state) => {
      if (progress.poll(state.counter) !== 'behind') return
      log.warn(
        { appliedThrough: progress.appliedThrough, storeCount: state.counter },
        'writes counted at the previous poll are still not applied here: reloading everything',
      )
      deliver({})
    },
    onStatus: (status, error) => {
      if (status === 'connecting') outage.listenerLost(error)
      else if (status === 'listening') outage.listenerListening()
    },
    onError: (error) => log.error({ error: describeError(error) }, 'the PostgreSQL listener failed'),
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
    notify: deliver,
    watch(next: (change: ExternalChange) => void) {
      onChange = next
      const missed = early
      early = []
      for (const change of missed) next(change)
    },
  })
}
