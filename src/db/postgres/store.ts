// The shared store on PostgreSQL, as data access over a node-postgres Pool: the scale, the
// institution documents, the source texts, the data version, the change log and the API keys.
// What is read here is what a replica loads into memory (everything at start, one institution after
// a notification); requests are answered from memory, never from here.
//
// A write is one transaction: lock the data-version row (writers on every machine take turns),
// validate with the same code as the SQLite store (documentIssues, quotes checked against the
// stored source texts), upsert or delete the document, store the texts it carried, log the change,
// set the new version (combineVersion of the scale's digest and every document's stored digest,
// exactly as SQLite: nothing is re-read or re-hashed but the written document) and count it, and
// pg_notify every listening replica; the notification is delivered only if the commit happens. A
// refusal, an exception or a lost connection anywhere before COMMIT leaves nothing behind.
//
// Connection failures come out as StoreUnavailableError, and a wait for a pool connection or for the
// version row's lock that runs out as StoreBusyError (both answered 503, told apart); every client
// carries an error handler: a connection that dies never becomes an uncaught exception.
import { createHash, timingSafeEqual } from 'node:crypto'
import { join } from 'node:path'
import { and, asc, count, eq, gte, inArray, isNull, type SQL, sql } from 'drizzle-orm'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import type { StoredInstitution } from '../../catalog/snapshot.js'
import { canonicalJson } from '../../documents/canonical.js'
import { defaultDataDir, loadDataFiles } from '../../documents/files.js'
import {
  type InstitutionDocument,
  InstitutionDocumentSchema,
  type ScaleDocument,
  ScaleDocumentSchema,
} from '../../documents/schema.js'
import { citedFiles } from '../../documents/validate.js'
import { canonicalInstitution, combineVersion, digestOf, scaleDigest } from '../../documents/version.js'
import { packageRoot } from '../../paths.js'
import type { ChangeFrom, ChangeKind, ChangeRecord } from '../institutions.js'
import { storedForm } from '../institutions.js'
import {
  type ApiKeyIdentity,
  type ApiKeyListing,
  checkNewKey,
  generateKey,
  hashKey,
  type KeyScope,
  nameTakenError,
} from '../keys.js'
import { StoreBusyError, StoreUnavailableError } from '../store.js'
import {
  type Committed,
  type DeleteOutcome,
  documentIssues,
  meetsExpectation,
  type PutOutcome,
  type WriteOptions,
} from '../writes.js'
import * as schema from './schema.js'
import { apiKeys, changes, dataVersion, institutionDocuments, scale as scaleTable, sourceTexts } from './schema.js'
import { recordVersion } from './versions.js'

/** The channel every write notifies and every replica listens on. */
export const changeChannel = 'levelmap_changes'

/** migrations/postgres at the package root. */
export const postgresMigrationsFolder = join(packageRoot, 'migrations', 'postgres')

export type PgDatabase = NodePgDatabase<typeof schema>
type Transaction = Parameters<Parameters<PgDatabase['transaction']>[0]>[0]
type Reader = PgDatabase | Transaction

/** The data version row: the content hash, and how many writes have been committed. */
export interface DataState {
  version: string
  counter: number
  changedAt: string
}

/** What pg_notify sends on `changeChannel` after each committed write. */
export interface ChangeNotice {
  slug: string
  kind: ChangeKind
  version: string
  counter: number
  changeId: number
}

// Socket errors, class 08 (connection exception), 57P01-57P03 (shutdown, crash, cannot connect
// now), 53300 (too many connections) and 25006 (read-only: a standby, or a primary being demoted).
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'])
const unavailableSqlStates = /^(08...|57P0[123]|53300|25006)$/
const unavailableMessages =
  /Connection terminated|connection timeout|Client has encountered a connection error|Client was closed|Connection ended|Query read timeout/i

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

function unavailable(cause: unknown): StoreUnavailableError {
  return new StoreUnavailableError(
    `the PostgreSQL store is unreachable: ${(cause as Error)?.message ?? String(cause)}`,
    { cause },
  )
}

/** pg-pool's error when a request waited `connectionTimeoutMillis` for one of the pool's connections, all in use. */
const poolWaitTimedOut = 'timeout exceeded when trying to connect'
// 55P03 lock_not_available (lock_timeout), 57014 query_canceled (statement_timeout), 40001
// serialization_failure, 40P01 deadlock_detected: the server answered, the request was refused.
const busySqlStates = new Set(['55P03', '57014', '40001', '40P01'])

/** Whether an error means the store answered but this request could not wait for a connection or a lock. */
export function isBusy(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; depth++) {
    if (current instanceof StoreBusyError) return true
    const code = (current as { code?: unknown }).code
    if (current.message === poolWaitTimedOut || (typeof code === 'string' && busySqlStates.has(code))) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

function busy(cause: unknown): StoreBusyError {
  return new StoreBusyError(`the PostgreSQL store is busy: ${(cause as Error)?.message ?? String(cause)}`, { cause })
}

export interface PoolOptions {
  /** Called for errors of idle or checked-out connections, which are otherwise dropped. */
  onError?: (error: Error) => void
  max?: number
  /** How long a query waits for a connection before failing (and the write answers 503). */
  connectionTimeoutMillis?: number
  /** Longest a statement may wait for its answer before the connection counts as lost. */
  queryTimeoutMillis?: number
}

/**
 * A Pool for `url` with an error handler on the pool (idle connections) and on every connection,
 * TCP keepalive, and bounded waits so a write fails fast when PostgreSQL is down.
 */
export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  const onError = options.onError ?? (() => {})
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 4,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    query_timeout: options.queryTimeoutMillis ?? 30_000,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    application_name: 'levelmap',
  })
  pool.on('error', onError)
  // A connection checked out of the pool has no error listener of the pool's: give every one its own.
  pool.on('connect', (client) => client.on('error', onError))
  return pool
}

/**
 * Runs `work` on one connection of the pool, as a drizzle database. A wait for a connection or a
 * lock that ran out becomes StoreBusyError; a connection failure, StoreUnavailableError.
 */
export async function withConnection<T>(
  pool: pg.Pool,
  work: (db: PgDatabase, client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient
  try {
    client = await pool.connect()
  } catch (error) {
    throw isBusy(error) ? busy(error) : unavailable(error)
  }
  const swallow = () => {}
  client.on('error', swallow)
  let failed: Error | undefined
  try {
    return await work(drizzle({ client, schema, casing: 'snake_case' }), client)
  } catch (error) {
    // A connection whose work failed is not trusted again: the pool closes it.
    failed = error as Error
    if (isBusy(error)) throw error instanceof StoreBusyError ? error : busy(error)
    throw isUnavailable(error) ? unavailable(error) : error
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

function toChange(row: typeof changes.$inferSelect): ChangeRecord {
  return { ...row, at: iso(row.at) }
}

/**
 * A document as read from jsonb, in canonical key order again: jsonb keeps keys in an order of its
 * own, and every replica (and the one that wrote it) must serve the same bytes for the same data.
 */
export function fromJsonb<T>(
  schemaOf: typeof InstitutionDocumentSchema | typeof ScaleDocumentSchema,
  value: unknown,
): T {
  return JSON.parse(canonicalJson(schemaOf, value)) as T
}

async function stateOf(db: Reader, lock = false): Promise<DataState> {
  const query = db.select().from(dataVersion).where(eq(dataVersion.id, 1))
  const [row] = await (lock ? query.for('update') : query)
  if (!row) throw new Error('the data_version row is missing: run the PostgreSQL migrations')
  return toState(row)
}

/** The scale and its digest; undefined before the first load. */
async function scaleOf(db: Reader): Promise<{ scale: ScaleDocument; digest: string } | undefined> {
  const [row] = await db.select().from(scaleTable).where(eq(scaleTable.id, 1))
  return row ? { scale: fromJsonb<ScaleDocument>(ScaleDocumentSchema, row.document), digest: row.digest } : undefined
}

async function requireScale(db: Reader): Promise<{ scale: ScaleDocument; digest: string }> {
  const found = await scaleOf(db)
  if (!found) throw new Error('the PostgreSQL store holds no scale: it has not been loaded yet')
  return found
}

function toStored(row: { document: unknown; canonicalSha256: string }): StoredInstitution {
  return {
    document: fromJsonb<InstitutionDocument>(InstitutionDocumentSchema, row.document),
    digest: row.canonicalSha256,
  }
}

/** Read-only work on one consistent snapshot: the version and the documents agree. */
function snapshot<T>(pool: pg.Pool, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return withConnection(pool, (db) =>
    db.transaction(work, { isolationLevel: 'repeatable read', accessMode: 'read only' }),
  )
}

/** The data version row. */
export function readVersion(pool: pg.Pool): Promise<DataState> {
  return withConnection(pool, (db) => stateOf(db))
}

export interface StoredState {
  state: DataState
  scale: ScaleDocument
  institutions: StoredInstitution[]
  sources: Map<string, string>
}

/** Everything a replica holds in memory, from one snapshot. */
export function readEverything(pool: pg.Pool): Promise<StoredState> {
  return snapshot(pool, async (tx) => {
    const state = await stateOf(tx)
    const { scale } = await requireScale(tx)
    const rows = await tx
      .select({ document: institutionDocuments.document, canonicalSha256: institutionDocuments.canonicalSha256 })
      .from(institutionDocuments)
      .orderBy(asc(institutionDocuments.slug))
    const texts = await tx.select().from(sourceTexts)
    return {
      state,
      scale,
      institutions: rows.map(toStored),
      sources: new Map(texts.map((row) => [row.file, row.text])),
    }
  })
}

/**
 * One institution (null when there is none) and the data version, from one snapshot, with the
 * source texts whose file names are not in `known` (texts are only ever added).
 */
export function readInstitution(
  pool: pg.Pool,
  slug: string,
  known: ReadonlySet<string>,
): Promise<{ state: DataState; institution: StoredInstitution | null; sources: { file: string; text: string }[] }> {
  return snapshot(pool, async (tx) => {
    const state = await stateOf(tx)
    const [row] = await tx
      .select({ document: institutionDocuments.document, canonicalSha256: institutionDocuments.canonicalSha256 })
      .from(institutionDocuments)
      .where(eq(institutionDocuments.slug, slug))
    const files = await tx.select({ file: sourceTexts.file }).from(sourceTexts)
    const missing = files.map((row) => row.file).filter((file) => !known.has(file))
    const sources =
      missing.length === 0 ? [] : await tx.select().from(sourceTexts).where(inArray(sourceTexts.file, missing))
    return { state, institution: row ? toStored(row) : null, sources }
  })
}

/**
 * Loads the data files (the scale, the institutions, the source texts) into a store that holds no
 * scale yet, as one transaction: the first start of the first replica. Replicas that start together
 * take turns on the version row; the second finds the data there and leaves it alone.
 */
export async function loadIfEmpty(
  pool: pg.Pool,
  dataDir: string = defaultDataDir,
): Promise<{ loaded: false } | { loaded: true; institutions: number }> {
  if (await withConnection(pool, (db) => scaleOf(db))) return { loaded: false }
  const files = loadDataFiles(dataDir)
  return withConnection(pool, (db) =>
    db.transaction(async (tx) => {
      await stateOf(tx, true)
      if (await scaleOf(tx)) return { loaded: false as const }
      const digest = scaleDigest(files.scale)
      await tx.insert(scaleTable).values({
        document: JSON.parse(canonicalJson(ScaleDocumentSchema, files.scale)) as Record<string, unknown>,
        digest,
      })
      const sources = [...files.sources].map(([file, text]) => ({ file, text }))
      if (sources.length > 0) await tx.insert(sourceTexts).values(sources).onConflictDoNothing()
      await tx.delete(institutionDocuments)
      const written = files.institutions.map((document) => {
        const canonical = canonicalInstitution(storedForm(document))
        return {
          canonical,
          effectiveDate: document.source.effectiveDate,
          digest: digestOf(canonical),
          slug: document.slug,
        }
      })
      const rows = written.map(({ slug, canonical, digest }) => ({
        slug,
        document: JSON.parse(canonical) as Record<string, unknown>,
        canonicalSha256: digest,
      }))
      if (rows.length > 0) await tx.insert(institutionDocuments).values(rows)
      const at = new Date().toISOString()
      for (const { slug, ...document } of written) {
        await recordVersion(tx, { slug, document, changeId: null, keyName: 'data-files', at })
      }
      const version = combineVersion(
        digest,
        rows.map((row) => ({ slug: row.slug, digest: row.canonicalSha256 })),
      )
      await setVersion(tx, version)
      return { loaded: true as const, institutions: rows.length }
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

/** The data version of what the store holds now (inside a write: after the write), from the stored digests. */
async function versionOf(tx: Transaction, scaleDigestHex: string): Promise<string> {
  const digests = await tx
    .select({ slug: institutionDocuments.slug, digest: institutionDocuments.canonicalSha256 })
    .from(institutionDocuments)
  return combineVersion(scaleDigestHex, digests)
}

/** The stored digest of one institution (null when there is none): what If-Match is compared with. */
async function digestIn(tx: Transaction, slug: string): Promise<string | null> {
  const [row] = await tx
    .select({ digest: institutionDocuments.canonicalSha256 })
    .from(institutionDocuments)
    .where(eq(institutionDocuments.slug, slug))
  return row?.digest ?? null
}

/** A committed write with the counter it got: what the replica that made it needs to follow it. */
export type PgCommitted = Committed & { counter: number }

/** The change log entry, the new version and the notification: the end of every write. */
async function commitChange(
  tx: Transaction,
  before: DataState,
  scaleDigestHex: string,
  change: { keyName: string; institution: string; kind: ChangeKind },
  institution: (NonNullable<Committed['institution']> & { canonical: string }) | null,
  sources: Committed['sources'],
): Promise<PgCommitted> {
  const versionAfter = await versionOf(tx, scaleDigestHex)
  const [logged] = await tx
    .insert(changes)
    .values({ ...change, versionBefore: before.version, versionAfter })
    .returning()
  if (!logged) throw new Error('the change was not logged')
  const state = await setVersion(tx, versionAfter)
  await recordVersion(tx, {
    slug: change.institution,
    document: institution
      ? {
          canonical: institution.canonical,
          digest: institution.digest,
          effectiveDate: institution.document.source.effectiveDate,
        }
      : null,
    changeId: logged.id,
    keyName: change.keyName,
    at: state.changedAt,
  })
  const notice: ChangeNotice = {
    slug: change.institution,
    kind: change.kind,
    version: state.version,
    counter: state.counter,
    changeId: logged.id,
  }
  await tx.execute(sql`SELECT pg_notify(${changeChannel}, ${JSON.stringify(notice)})`)
  return {
    outcome: 'committed',
    change: toChange(logged),
    institution: institution ? { document: institution.document, digest: institution.digest } : null,
    version: state.version,
    changedAt: state.changedAt,
    logHead: state.counter,
    sources,
    counter: state.counter,
  }
}

/**
 * Longest a write waits for the version row's lock (another write holding it) before it gives up
 * as busy (55P03), well inside the statement's own timeout, which would count the store as lost.
 */
export const writeLockTimeoutMs = 10_000

/** Every write's first step: a bounded wait for the lock, then the lock on the version row. */
async function lockVersion(tx: Transaction, lockTimeoutMs = writeLockTimeoutMs): Promise<DataState> {
  await tx.execute(sql.raw(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(lockTimeoutMs))}`))
  return stateOf(tx, true)
}

/** What a write may be told beyond WriteOptions: the URL's slug, and (for tests) a step before COMMIT and the lock wait. */
export type PgWriteOptions = WriteOptions & { beforeCommit?: () => Promise<void>; lockTimeoutMs?: number }

/** Creates or replaces an institution from its whole document: one transaction (see the top of the file). */
export function putDocument(
  pool: pg.Pool,
  document: unknown,
  keyName: string,
  options: PgWriteOptions & { urlSlug?: string } = {},
): Promise<PutOutcome & { counter?: number }> {
  return withConnection(pool, (db) =>
    db.transaction(async (tx): Promise<PutOutcome & { counter?: number }> => {
      const before = await lockVersion(tx, options.lockTimeoutMs)
      if (options.ifMatch !== undefined) {
        const slug = options.urlSlug ?? (document as { slug?: unknown } | null)?.slug
        const current = typeof slug === 'string' ? await digestIn(tx, slug) : null
        if (!meetsExpectation(current, options.ifMatch)) return { outcome: 'precondition-failed', current }
      }
      const { scale, digest: scaleDigestHex } = await requireScale(tx)
      const files = citedFiles(document)
      const stored =
        files.length === 0 ? [] : await tx.select().from(sourceTexts).where(inArray(sourceTexts.file, files))
      const texts = new Map(stored.map((row) => [row.file, row.text]))
      const issues = documentIssues(document, scale, options.urlSlug, (file) => texts.get(file))
      if (issues.length > 0) return { outcome: 'invalid', issues }
      const submitted = document as InstitutionDocument
      const carried = submitted.sources ?? []
      if (carried.length > 0)
        await tx
          .insert(sourceTexts)
          .values(carried.map(({ file, text }) => ({ file, text })))
          .onConflictDoNothing()
      const canonical = canonicalInstitution(storedForm(submitted))
      const digest = digestOf(canonical)
      const [existing] = await tx
        .select({ slug: institutionDocuments.slug })
        .from(institutionDocuments)
        .where(eq(institutionDocuments.slug, submitted.slug))
      await tx
        .insert(institutionDocuments)
        .values({ slug: submitted.slug, document: JSON.parse(canonical), canonicalSha256: digest })
        .onConflictDoUpdate({
          target: institutionDocuments.slug,
          set: { document: JSON.parse(canonical), canonicalSha256: digest, updatedAt: sql`now()` },
        })
      await options.beforeCommit?.()
      return commitChange(
        tx,
        before,
        scaleDigestHex,
        { keyName, institution: submitted.slug, kind: existing ? 'replace' : 'create' },
        { document: JSON.parse(canonical) as InstitutionDocument, digest, canonical },
        carried.map(({ file, text }) => ({ file, text })),
      )
    }),
  )
}

/** Removes an institution, unless the scale is calibrated on one of its grades: one transaction, like putDocument. */
export function deleteDocument(
  pool: pg.Pool,
  slug: string,
  keyName: string,
  options: PgWriteOptions = {},
): Promise<DeleteOutcome & { counter?: number }> {
  return withConnection(pool, (db) =>
    db.transaction(async (tx): Promise<DeleteOutcome & { counter?: number }> => {
      const before = await lockVersion(tx, options.lockTimeoutMs)
      if (options.ifMatch !== undefined) {
        const current = await digestIn(tx, slug)
        if (!meetsExpectation(current, options.ifMatch)) return { outcome: 'precondition-failed', current }
      }
      const { scale, digest: scaleDigestHex } = await requireScale(tx)
      const [existing] = await tx
        .select({ slug: institutionDocuments.slug })
        .from(institutionDocuments)
        .where(eq(institutionDocuments.slug, slug))
      if (!existing) return { outcome: 'not-found' }
      const anchors = scale.calibration.grades.filter((anchor) => anchor.institution === slug)
      if (anchors.length > 0) {
        return {
          outcome: 'conflict',
          reason: `${slug} cannot be deleted: the scale is calibrated on its grade ${anchors.map((anchor) => anchor.grade).join(', ')} (${scale.calibration.statement}).`,
        }
      }
      await tx.delete(institutionDocuments).where(eq(institutionDocuments.slug, slug))
      return commitChange(tx, before, scaleDigestHex, { keyName, institution: slug, kind: 'delete' }, null, [])
    }),
  )
}

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
  checkNewKey(name, scope)
  const key = generateKey()
  await withConnection(pool, async (db) => {
    const inserted = await db
      .insert(apiKeys)
      .values({ name, keyHash: hashKey(key), scope })
      .onConflictDoNothing({ target: apiKeys.name })
      .returning({ name: apiKeys.name })
    if (inserted.length > 0) return
    const [existing] = await db.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.name, name))
    throw nameTakenError(name, existing?.revokedAt)
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
