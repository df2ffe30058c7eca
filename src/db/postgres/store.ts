// The shared store on PostgreSQL: the institution documents, the data version, the change log and
// the API keys, over a node-postgres Pool. Reads here are what a replica loads into memory (all
// documents, or one after a notification); requests are answered from memory, never from here.
//
// A write is one transaction: lock the data-version row (so writers on every machine take turns),
// run the caller's synchronous validation against the documents as they are now, upsert or delete
// the document, log the change, set the new version (a content hash the caller computes from the
// documents, so every replica derives the same ETag from the same data) and count it, and
// pg_notify every listening replica; the notification is delivered only if the commit happens.
// A rejection, an exception or a lost connection anywhere before COMMIT leaves nothing behind.
//
// Connection failures come out as StoreUnavailableError (the write routes answer 503), and every
// client carries an error handler: a connection that dies never becomes an uncaught exception.
import { createHash, timingSafeEqual } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { and, asc, count, eq, gte, isNull, type SQL, sql } from 'drizzle-orm'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import {
  type ApiKeyIdentity,
  type ApiKeyListing,
  generateKey,
  hashKey,
  KeyError,
  type KeyScope,
  keyNamePattern,
  keyScopes,
  reservedKeyNames,
} from '../../auth/keys.js'
import * as schema from './schema.js'
import { apiKeys, changes, dataVersion, institutionDocuments } from './schema.js'

/** The channel every write notifies and every replica listens on. */
export const changeChannel = 'levelmap_changes'

/** migrations/postgres at the package root: three levels above both src/db/postgres and dist/db/postgres. */
export const postgresMigrationsFolder = fileURLToPath(new URL('../../../migrations/postgres', import.meta.url))

export type PgDatabase = NodePgDatabase<typeof schema>
type Transaction = Parameters<Parameters<PgDatabase['transaction']>[0]>[0]
type Reader = PgDatabase | Transaction

/** The data version row: the content hash, and how many writes have been committed. */
export interface DataState {
  version: string
  counter: number
  changedAt: string
}

/** One institution as stored: its document (parsed JSON) and the SHA-256 of its canonical text. */
export interface StoredDocument {
  slug: string
  document: Record<string, unknown>
  canonicalSha256: string
  updatedAt: string
}

export type ChangeKind = 'create' | 'replace' | 'delete'

/** One committed write, as the change log holds it (the columns of the SQLite `changes` table). */
export interface ChangeRecord {
  id: number
  at: string
  keyName: string
  institution: string
  kind: ChangeKind
  versionBefore: string
  versionAfter: string
}

/** What pg_notify sends on `changeChannel` after each committed write. */
export interface ChangeNotice {
  slug: string
  kind: ChangeKind
  version: string
  counter: number
  changeId: number
}

/** The data version of a set of documents: the caller's content hash (the same on every replica). */
export type VersionOf = (documents: readonly StoredDocument[]) => string

/** PostgreSQL cannot be reached, or cannot take writes now: the write routes answer 503. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError'
  constructor(cause: unknown) {
    super(`the PostgreSQL store is unreachable: ${(cause as Error)?.message ?? String(cause)}`, { cause })
  }
}

// Socket errors, class 08 (connection exception), 57P01-57P03 (shutdown, crash, cannot connect
// now), 53300 (too many connections) and 25006 (read-only: a standby, or a primary being demoted).
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'])
const unavailableSqlStates = /^(08...|57P0[123]|53300|25006)$/
const unavailableMessages =
  /Connection terminated|connection timeout|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect|Connection ended/i

/** Whether an error (or anything in its cause chain) means the store is unreachable. */
export function isUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; depth++) {
    if (current instanceof StoreUnavailableError) return true
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && (unavailableCodes.has(code) || unavailableSqlStates.test(code))) return true
    if (unavailableMessages.test(current.message)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

export interface PoolOptions {
  /** Called for errors of idle or checked-out connections, which are otherwise dropped. */
  onError?: (error: Error) => void
  max?: number
  /** How long a query waits for a connection before failing (and the write answers 503). */
  connectionTimeoutMillis?: number
}

/**
 * A Pool for `url` with an error handler on the pool (idle connections) and on every connection,
 * TCP keepalive, and a bounded wait for a connection so a write fails fast when PostgreSQL is down.
 */
export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  const onError = options.onError ?? (() => {})
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 4,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    application_name: 'levelmap',
  })
  pool.on('error', onError)
  // A connection checked out of the pool has no error listener of the pool's: give every one its own.
  pool.on('connect', (client) => client.on('error', onError))
  return pool
}

/** Runs `work` on one connection of the pool, as a drizzle database; connection failures become StoreUnavailableError. */
async function withConnection<T>(
  pool: pg.Pool,
  work: (db: PgDatabase, client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient
  try {
    client = await pool.connect()
  } catch (error) {
    throw new StoreUnavailableError(error)
  }
  const swallow = () => {}
  client.on('error', swallow)
  let failed: Error | undefined
  try {
    return await work(drizzle({ client, schema, casing: 'snake_case' }), client)
  } catch (error) {
    // A connection whose transaction failed is not trusted again: the pool closes it.
    failed = error as Error
    throw isUnavailable(error) ? new StoreUnavailableError(error) : error
  } finally {
    client.removeListener('error', swallow)
    client.release(failed)
  }
}

/**
 * Applies the committed migrations (migrations/postgres). An advisory lock makes replicas that start
 * together take turns, so each migration runs once.
 */
export async function migrate(pool: pg.Pool, migrationsFolder = postgresMigrationsFolder): Promise<void> {
  await withConnection(pool, async (db, client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['levelmap.migrate'])
    try {
      await drizzleMigrate(db, { migrationsFolder })
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['levelmap.migrate'])
    }
  })
}

const iso = (date: Date) => date.toISOString()

function toState(row: { version: string; counter: number; changedAt: Date }): DataState {
  return { version: row.version, counter: row.counter, changedAt: iso(row.changedAt) }
}

function toDocument(row: typeof institutionDocuments.$inferSelect): StoredDocument {
  return {
    slug: row.slug,
    document: row.document,
    canonicalSha256: row.canonicalSha256,
    updatedAt: iso(row.updatedAt),
  }
}

function toChange(row: typeof changes.$inferSelect): ChangeRecord {
  return { ...row, at: iso(row.at) }
}

async function stateOf(db: Reader, lock = false): Promise<DataState> {
  const query = db.select().from(dataVersion).where(eq(dataVersion.id, 1))
  const [row] = await (lock ? query.for('update') : query)
  if (!row) throw new Error('the data_version row is missing: run the PostgreSQL migrations')
  return toState(row)
}

async function documentsOf(db: Reader): Promise<StoredDocument[]> {
  const rows = await db.select().from(institutionDocuments).orderBy(asc(institutionDocuments.slug))
  return rows.map(toDocument)
}

/** Read-only work on one consistent snapshot: the version and the documents agree. */
function snapshot<T>(pool: pg.Pool, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return withConnection(pool, (db) =>
    db.transaction(work, { isolationLevel: 'repeatable read', accessMode: 'read only' }),
  )
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** The data version row. */
export function readVersion(pool: pg.Pool): Promise<DataState> {
  return withConnection(pool, (db) => stateOf(db))
}

/** Every document, by slug, and the data version they make up (one snapshot). */
export function readAllDocuments(pool: pg.Pool): Promise<{ state: DataState; documents: StoredDocument[] }> {
  return snapshot(pool, async (tx) => ({ state: await stateOf(tx), documents: await documentsOf(tx) }))
}

/** One document (undefined when there is no such institution) and the data version it belongs to (one snapshot). */
export function readDocument(
  pool: pg.Pool,
  slug: string,
): Promise<{ state: DataState; document: StoredDocument | undefined }> {
  return snapshot(pool, async (tx) => {
    const [row] = await tx.select().from(institutionDocuments).where(eq(institutionDocuments.slug, slug))
    return { state: await stateOf(tx), document: row ? toDocument(row) : undefined }
  })
}

/** A document as the caller hands it over: its canonical JSON text. */
export interface CanonicalDocument {
  slug: string
  canonicalJson: string
}

/**
 * Loads `documents` into an empty store (no document and no write yet), as one transaction: the
 * first start of the first replica. Answers whether it loaded; a store that holds data is left alone.
 */
export async function loadIfEmpty(
  pool: pg.Pool,
  documents: readonly CanonicalDocument[],
  versionOf: VersionOf,
): Promise<{ loaded: boolean; state: DataState }> {
  return withConnection(pool, (db) =>
    db.transaction(async (tx) => {
      const before = await stateOf(tx, true)
      const [existing] = await tx.select({ n: count() }).from(institutionDocuments)
      if (before.counter > 0 || before.version !== '' || (existing?.n ?? 0) > 0) return { loaded: false, state: before }
      if (documents.length > 0) {
        await tx.insert(institutionDocuments).values(
          documents.map((document) => ({
            slug: document.slug,
            document: JSON.parse(document.canonicalJson) as Record<string, unknown>,
            canonicalSha256: sha256(document.canonicalJson),
          })),
        )
      }
      const version = versionOf(await documentsOf(tx))
      const state = await setVersion(tx, version)
      return { loaded: true, state }
    }),
  )
}

async function setVersion(tx: Transaction, version: string): Promise<DataState> {
  const [row] = await tx
    .update(dataVersion)
    .set({ version, counter: sql`${dataVersion.counter} + 1`, changedAt: sql`now()` })
    .where(eq(dataVersion.id, 1))
    .returning()
  if (!row) throw new Error('the data_version row is missing')
  return toState(row)
}

/** The change log entry, the new version and the notification: the end of every write. */
async function commitChange(
  tx: Transaction,
  before: DataState,
  change: { keyName: string; institution: string; kind: ChangeKind },
  versionOf: VersionOf,
): Promise<Committed> {
  const documents = await documentsOf(tx)
  const versionAfter = versionOf(documents)
  const [logged] = await tx
    .insert(changes)
    .values({ ...change, versionBefore: before.version, versionAfter })
    .returning()
  if (!logged) throw new Error('the change was not logged')
  const state = await setVersion(tx, versionAfter)
  const notice: ChangeNotice = {
    slug: change.institution,
    kind: change.kind,
    version: state.version,
    counter: state.counter,
    changeId: logged.id,
  }
  await tx.execute(sql`SELECT pg_notify(${changeChannel}, ${JSON.stringify(notice)})`)
  return { outcome: 'committed', change: toChange(logged), state, documents }
}

/** A committed write: the change as logged, the new data version, and every document after it. */
export interface Committed {
  outcome: 'committed'
  change: ChangeRecord
  state: DataState
  documents: StoredDocument[]
}

/** What a validation sees: the documents as they are inside the write's transaction, after the lock. */
export interface WriteContext {
  state: DataState
  current: StoredDocument | undefined
  documents: readonly StoredDocument[]
}

export interface PutRequest<Rejection> {
  slug: string
  /** The document's canonical JSON (canonicalJson of src/catalog/canonical.ts). */
  canonicalJson: string
  /**
   * Runs after the lock, before anything is written, synchronously: a returned value rejects the
   * write (nothing is written, and it comes back as `rejected`); undefined lets it go ahead.
   */
  validate: (context: WriteContext) => Rejection | undefined
  keyName: string
  versionOf: VersionOf
}

export type PutOutcome<Rejection> = Committed | { outcome: 'rejected'; rejection: Rejection }

/** Creates or replaces one institution's document: one transaction (see the top of the file). */
export function putDocument<Rejection>(pool: pg.Pool, request: PutRequest<Rejection>): Promise<PutOutcome<Rejection>> {
  const document = JSON.parse(request.canonicalJson) as Record<string, unknown>
  const canonicalSha256 = sha256(request.canonicalJson)
  return withConnection(pool, (db) =>
    db.transaction(async (tx): Promise<PutOutcome<Rejection>> => {
      const before = await stateOf(tx, true)
      const documents = await documentsOf(tx)
      const current = documents.find((candidate) => candidate.slug === request.slug)
      const rejection = request.validate({ state: before, current, documents })
      if (rejection !== undefined) return { outcome: 'rejected', rejection }
      await tx
        .insert(institutionDocuments)
        .values({ slug: request.slug, document, canonicalSha256 })
        .onConflictDoUpdate({
          target: institutionDocuments.slug,
          set: { document, canonicalSha256, updatedAt: sql`now()` },
        })
      return commitChange(
        tx,
        before,
        { keyName: request.keyName, institution: request.slug, kind: current ? 'replace' : 'create' },
        request.versionOf,
      )
    }),
  )
}

export interface DeleteRequest<Rejection> {
  slug: string
  /** As for putDocument: a returned value refuses the delete (e.g. the scale is calibrated on it). */
  validate: (context: WriteContext & { current: StoredDocument }) => Rejection | undefined
  keyName: string
  versionOf: VersionOf
}

export type DeleteOutcome<Rejection> =
  | Committed
  | { outcome: 'not-found' }
  | { outcome: 'rejected'; rejection: Rejection }

/** Deletes one institution's document: one transaction, like putDocument. */
export function deleteDocument<Rejection>(
  pool: pg.Pool,
  request: DeleteRequest<Rejection>,
): Promise<DeleteOutcome<Rejection>> {
  return withConnection(pool, (db) =>
    db.transaction(async (tx): Promise<DeleteOutcome<Rejection>> => {
      const before = await stateOf(tx, true)
      const documents = await documentsOf(tx)
      const current = documents.find((candidate) => candidate.slug === request.slug)
      if (!current) return { outcome: 'not-found' }
      const rejection = request.validate({ state: before, current, documents })
      if (rejection !== undefined) return { outcome: 'rejected', rejection }
      await tx.delete(institutionDocuments).where(eq(institutionDocuments.slug, request.slug))
      return commitChange(
        tx,
        before,
        { keyName: request.keyName, institution: request.slug, kind: 'delete' },
        request.versionOf,
      )
    }),
  )
}

/** Where a listing of the change log starts: at a change id, or at a time (ISO, inclusive). */
export type ChangeFrom = { fromId: number } | { at: string } | Record<string, never>

function changeFilter(from: ChangeFrom): SQL {
  if ('fromId' in from) return gte(changes.id, from.fromId)
  if ('at' in from) return gte(changes.at, new Date(from.at))
  return sql`true`
}

/** A page of the change log, oldest first, and how many entries the listing holds. */
export function readChanges(
  pool: pg.Pool,
  from: ChangeFrom,
  page: { limit: number; offset: number },
): Promise<{ items: ChangeRecord[]; total: number }> {
  return snapshot(pool, async (tx) => {
    const where = changeFilter(from)
    const [row] = await tx.select({ n: count() }).from(changes).where(where)
    const items = await tx
      .select()
      .from(changes)
      .where(where)
      .orderBy(asc(changes.id))
      .limit(page.limit)
      .offset(page.offset)
    return { items: items.map(toChange), total: row?.n ?? 0 }
  })
}

/**
 * The change log from the first moment the data was at `version`: the id to list from (as
 * changesSinceVersion of the SQLite store). Undefined when the log never saw the version.
 */
export function changesSinceVersion(pool: pg.Pool, version: string): Promise<{ fromId: number } | undefined> {
  return snapshot(pool, async (tx) => {
    const firstId = async (column: typeof changes.versionBefore | typeof changes.versionAfter) => {
      const [row] = await tx
        .select({ id: changes.id })
        .from(changes)
        .where(eq(column, version))
        .orderBy(asc(changes.id))
        .limit(1)
      return row?.id
    }
    const before = await firstId(changes.versionBefore)
    if (before !== undefined) return { fromId: before }
    const after = await firstId(changes.versionAfter)
    return after === undefined ? undefined : { fromId: after + 1 }
  })
}

/** Creates a key and returns it (the only time the key itself exists outside the caller's hands). */
export async function createApiKey(
  pool: pg.Pool,
  name: string,
  scope: KeyScope,
): Promise<ApiKeyIdentity & { key: string }> {
  if (!keyNamePattern.test(name)) {
    throw new KeyError(
      `invalid key name "${name}": letters, digits and . _ @ - (up to 64), starting with a letter or digit`,
    )
  }
  if (reservedKeyNames.includes(name)) throw new KeyError(`the key name "${name}" is reserved`)
  if (!keyScopes.includes(scope)) throw new KeyError(`invalid scope "${scope}": read or write`)
  const key = generateKey()
  await withConnection(pool, async (db) => {
    const inserted = await db
      .insert(apiKeys)
      .values({ name, keyHash: hashKey(key), scope })
      .onConflictDoNothing({ target: apiKeys.name })
      .returning({ name: apiKeys.name })
    if (inserted.length > 0) return
    const [existing] = await db.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.name, name))
    throw new KeyError(
      existing?.revokedAt === null
        ? `a key named "${name}" exists; revoke it first or choose another name`
        : `a revoked key was named "${name}"; names are not reused, so the change log stays unambiguous`,
    )
  })
  return { name, scope, key }
}

export async function listApiKeys(pool: pg.Pool): Promise<ApiKeyListing[]> {
  const rows = await withConnection(pool, (db) =>
    db.select().from(apiKeys).orderBy(asc(apiKeys.createdAt), asc(apiKeys.name)),
  )
  return rows.map((row) => ({
    name: row.name,
    scope: row.scope,
    createdAt: iso(row.createdAt),
    revokedAt: row.revokedAt === null ? null : iso(row.revokedAt),
  }))
}

/** Revokes a key by name: 'revoked', or why not. */
export function revokeApiKey(pool: pg.Pool, name: string): Promise<'revoked' | 'already-revoked' | 'unknown'> {
  return withConnection(pool, async (db) => {
    const revoked = await db
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
      .returning({ name: apiKeys.name })
    if (revoked.length > 0) return 'revoked'
    const [existing] = await db.select({ name: apiKeys.name }).from(apiKeys).where(eq(apiKeys.name, name))
    return existing ? 'already-revoked' : 'unknown'
  })
}

/**
 * The key's name and scope, or undefined for an unknown or revoked key. Like the SQLite store, the
 * presented key's hash is compared with every stored hash in constant time, without an early exit.
 */
export async function authenticate(pool: pg.Pool, presented: string): Promise<ApiKeyIdentity | undefined> {
  const rows = await withConnection(pool, (db) => db.select().from(apiKeys))
  const digest = createHash('sha256').update(presented, 'utf8').digest()
  let found: (typeof rows)[number] | undefined
  for (const row of rows) {
    const stored = Buffer.from(row.keyHash, 'hex')
    const equal = stored.length === digest.length && timingSafeEqual(stored, digest)
    if (equal && found === undefined) found = row
  }
  if (!found || found.revokedAt !== null) return undefined
  return { name: found.name, scope: found.scope }
}
