// The store: what every replica shares. The HTTP layer talks to it only through this interface, so
// the embedded SQLite file (the default) and PostgreSQL (several replicas, src/db/postgres/) are
// interchangeable. Reads are answered from memory (the catalog), never from the store; the store
// is read at start, on a change made elsewhere, and by writes, the change log, API keys and drafts.
import type { StoredInstitution } from '../catalog/snapshot.js'
import type { ScaleDocument } from '../documents/schema.js'
import type { LevelmapDatabase } from './client.js'
import type {
  DraftEvent,
  DraftLogEntry,
  DraftWrite,
  DraftWriteOutcome,
  StoredDraft,
  StoredDraftListing,
} from './drafts.js'
import type { ChangeFrom, ChangeRecord } from './institutions.js'
import type { ApiKeyIdentity, ApiKeyListing, KeyScope } from './keys.js'
import type { StoredVersion, VersionListing } from './versions.js'
import type { DeleteOutcome, PutOutcome, WriteOptions } from './writes.js'

export type { WriteOptions } from './writes.js'

export interface StoredData {
  scale: ScaleDocument
  institutions: StoredInstitution[]
  /** The data version the store holds for exactly these documents. */
  version: string
  /** Source texts by file name. */
  sources: Map<string, string>
  /** When the data was last written (ISO 8601 UTC), or null when the store has no record of it. */
  changedAt: string | null
  /** The change log's head (see Catalog.logHead). */
  logHead: number
}

/** A connection pool's state: connections open (idle or in use), idle, and operations waiting for one. */
export interface StoreConnections {
  total: number
  idle: number
  waiting: number
}

/** A change made outside this process: one institution, or (slug undefined) anything. */
export interface ExternalChange {
  slug?: string
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres'
  load(): Promise<StoredData>
  /**
   * One institution as stored now (null when it is gone), with the data version, when it was last
   * written and the change log's head, and source texts added since this store last handed texts
   * out (texts are only ever added).
   */
  loadInstitution(slug: string): Promise<{
    institution: StoredInstitution | null
    version: string
    changedAt: string | null
    logHead: number
    sources?: { file: string; text: string }[]
  }>
  /**
   * Creates or replaces an institution. With `options.ifMatch`, the write happens only if the
   * institution's stored digest is one of those given (`'*'`: any stored document), checked inside
   * the write's own transaction; otherwise it answers `precondition-failed` and writes nothing.
   */
  put(document: unknown, keyName: string, options?: WriteOptions & { urlSlug?: string }): Promise<PutOutcome>
  /** Removes an institution; `options.ifMatch` as for `put`. */
  remove(slug: string, keyName: string, options?: WriteOptions): Promise<DeleteOutcome>
  readChanges(
    from: ChangeFrom,
    page: { limit: number; offset: number },
  ): Promise<{ items: ChangeRecord[]; total: number }>
  changesSinceVersion(version: string): Promise<{ fromId: number } | undefined>
  authenticate(presented: string): Promise<ApiKeyIdentity | undefined>
  /** API keys (npm run keys): create (the key is returned only now), list, revoke. */
  createKey(name: string, scope: KeyScope): Promise<ApiKeyIdentity & { key: string }>
  listKeys(): Promise<ApiKeyListing[]>
  revokeKey(name: string): Promise<'revoked' | 'already-revoked' | 'unknown'>
  /** Every published version of an institution, oldest first (db/versions.ts); empty when it never existed. */
  listInstitutionVersions(slug: string): Promise<VersionListing[]>
  /** Version n of an institution, with its document (null for the version a delete made). */
  readInstitutionVersion(slug: string, n: number): Promise<StoredVersion | undefined>
  /** The version of an institution in force at a moment (ISO 8601): the last published at or before it. */
  institutionVersionAt(slug: string, at: string): Promise<StoredVersion | undefined>
  /** The version of every institution in force at a moment (ISO 8601), without documents; deletes left out. */
  versionsInForce(at: string): Promise<VersionListing[]>
  /** Leveling drafts under review (src/drafts/): read one, list them, read one's log. */
  readDraft(slug: string): Promise<StoredDraft | undefined>
  listDrafts(): Promise<StoredDraftListing[]>
  readDraftLog(slug: string): Promise<DraftLogEntry[]>
  /**
   * Writes a draft only if its stored revision is `expected` (null: only if none is stored), with
   * the log entry naming the key, in one transaction; otherwise `conflict` and nothing is written.
   */
  writeDraft(write: DraftWrite, expected: number | null, keyName: string, event: DraftEvent): Promise<DraftWriteOutcome>
  /** Calls `onChange` for changes made by other processes (other replicas, the CLIs). */
  watch(onChange: (change: ExternalChange) => void): void
  /** Whether the store answers now (readiness). */
  reachable(): Promise<boolean>
  /** PostgreSQL: the pool's connections now (for metrics); a SQLite store has no pool. */
  connections?(): StoreConnections
  /** The SQLite database full-text search runs on: the store's own file, or a private in-memory one. */
  searchDatabase(): LevelmapDatabase
  close(): Promise<void>
}

/** The store cannot be reached (PostgreSQL down or unreachable): answered 503 `store-unavailable`. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError'
}

/**
 * The store answers, but this request gave up waiting for it: every connection was in use, or a
 * lock was held too long by another write. Nothing was done; answered 503 `store-busy`, to be
 * retried shortly.
 */
export class StoreBusyError extends Error {
  override name = 'StoreBusyError'
}
