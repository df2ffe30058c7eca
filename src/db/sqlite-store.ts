// The embedded store: one SQLite file (better-sqlite3, synchronous; each call completes before it
// returns). Another process writing the same file (the import CLI) is noticed by a timer on
// SQLite's data_version, which changes only when another connection commits. A statement that
// waited busy_timeout for another process's lock and gave up (SQLITE_BUSY) is StoreBusyError.
import type { LevelmapDatabase } from './client.js'
import { listDrafts, readDraft, readDraftLog, writeDraft } from './drafts.js'
import {
  changesSinceVersion,
  readChanges,
  readDataVersion,
  readLogHead,
  readScale,
  readStoredDocument,
  readStoredDocuments,
} from './institutions.js'
import { authenticate, createApiKey, listApiKeys, revokeApiKey } from './keys.js'
import { readSourceTexts } from './sources.js'
import { type ExternalChange, type Store, StoreBusyError, type StoredData } from './store.js'
import { institutionVersionAt, listInstitutionVersions, readInstitutionVersion, versionsInForce } from './versions.js'
import { deleteInstitutionDocument, putInstitution } from './writes.js'

/** Runs `work`; SQLite's "database is locked" (after busy_timeout) becomes StoreBusyError. */
function busyAware<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
      throw new StoreBusyError(`the SQLite database is locked by another process: ${(error as Error).message}`, {
        cause: error,
      })
    }
    throw error
  }
}

export function createSqliteStore(db: LevelmapDatabase, options: { changeCheckMs?: number } = {}): Store {
  const dataVersion = db.$client.prepare('pragma data_version').pluck()
  let seen: unknown
  let timer: NodeJS.Timeout | undefined

  function load(): StoredData {
    return db.transaction((tx) => {
      seen = dataVersion.get()
      const state = readDataVersion(tx)
      return {
        scale: readScale(tx),
        institutions: readStoredDocuments(tx),
        version: state?.version ?? '',
        changedAt: state?.changedAt ?? null,
        logHead: readLogHead(tx),
        sources: readSourceTexts(tx),
      }
    })
  }

  return {
    kind: 'sqlite',
    load: async () => load(),
    loadInstitution: async (slug) =>
      db.transaction((tx) => {
        const state = readDataVersion(tx)
        return {
          institution: readStoredDocument(tx, slug) ?? null,
          version: state?.version ?? '',
          changedAt: state?.changedAt ?? null,
          logHead: readLogHead(tx),
        }
      }),
    put: async (document, keyName, putOptions) => busyAware(() => putInstitution(db, document, keyName, putOptions)),
    remove: async (slug, keyName, removeOptions) =>
      busyAware(() => deleteInstitutionDocument(db, slug, keyName, removeOptions)),
    readChanges: async (from, page) => busyAware(() => readChanges(db, from, page)),
    changesSinceVersion: async (version) => busyAware(() => changesSinceVersion(db, version)),
    authenticate: async (presented) => authenticate(db, presented),
    createKey: async (name, scope) => createApiKey(db, name, scope),
    listKeys: async () => listApiKeys(db),
    revokeKey: async (name) => revokeApiKey(db, name),
    listInstitutionVersions: async (slug) => listInstitutionVersions(db, slug),
    readInstitutionVersion: async (slug, n) => readInstitutionVersion(db, slug, n),
    institutionVersionAt: async (slug, at) => institutionVersionAt(db, slug, at),
    versionsInForce: async (at) => versionsInForce(db, at),
    readDraft: async (slug) => readDraft(db, slug),
    listDrafts: async () => listDrafts(db),
    readDraftLog: async (slug) => readDraftLog(db, slug),
    writeDraft: async (write, expected, keyName, event) =>
      busyAware(() => writeDraft(db, write, expected, keyName, event)),
    watch(onChange: (change: ExternalChange) => void) {
      const every = options.changeCheckMs ?? 1000
      if (every <= 0) return
      timer = setInterval(() => {
        if (!db.$client.open || dataVersion.get() === seen) return
        seen = dataVersion.get()
        onChange({})
      }, every)
      timer.unref()
    },
    reachable: async () => {
      try {
        return db.$client.open && db.$client.prepare('select 1 as ok').get() !== undefined
      } catch {
        return false
      }
    },
    searchDatabase: () => db,
    close: async () => {
      if (timer) clearInterval(timer)
      if (db.$client.open) db.$client.close()
    },
  }
}
