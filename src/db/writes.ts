// The one write path for institution documents, shared by the HTTP routes and the import CLI.
// Each write is one synchronous SQLite transaction (BEGIN IMMEDIATE, so a second process waits
// for the lock instead of failing halfway) that touches the changed institution only: validate it
// against what it depends on (the scale and its calibration), write it, and derive the new data
// version from the stored per-institution digests, kept in the same transaction with the change
// log and the institution's next version (versions.ts). A document with any problem returns its issues before a single row is written; an
// exception anywhere rolls the whole transaction back.
import type { InstitutionDocument, ScaleDocument } from '../documents/schema.js'
import {
  type DocumentIssue,
  sourceIssues,
  validateCalibrationOf,
  validateInstitutionDocument,
} from '../documents/validate.js'
import type { LevelmapDatabase } from './client.js'
import {
  type ChangeKind,
  type ChangeRecord,
  deleteInstitution,
  institutionExists,
  readDataVersion,
  readDigest,
  readScale,
  recordChange,
  storedForm,
  type Transaction,
  versionOf,
  writeDataVersion,
  writeInstitution,
} from './institutions.js'
import { readSourceText, writeSourceTexts } from './sources.js'
import { recordVersion } from './versions.js'

/** A committed write: the change as logged, and what the catalog needs to follow it. */
export interface Committed {
  outcome: 'committed'
  change: ChangeRecord
  /** The institution's document and digest after the write; null after a delete. */
  institution: { document: InstitutionDocument; digest: string } | null
  /** The data version after the write. */
  version: string
  /** When the write committed (ISO 8601 UTC): the data's new change time, and the change's `at`. */
  changedAt: string
  /** The change log's head after the write (see Catalog.logHead). */
  logHead: number
  /** Source texts the document carried, now stored. */
  sources: { file: string; text: string }[]
}

/** The institution's stored digest is not one the writer expected: nothing was written. */
export interface PreconditionFailed {
  outcome: 'precondition-failed'
  /** The digest stored now; null when there is no such institution. */
  current: string | null
}

export type PutOutcome = Committed | PreconditionFailed | { outcome: 'invalid'; issues: DocumentIssue[] }

export type DeleteOutcome =
  | Committed
  | PreconditionFailed
  | { outcome: 'not-found' }
  | { outcome: 'conflict'; reason: string }

/** Optimistic concurrency for one write. */
export interface WriteOptions {
  /**
   * Document digests the writer expects the institution to have now (an HTTP If-Match): the write
   * goes ahead only if the stored digest is one of them, or, for `'*'`, if any document is stored.
   * Undefined: no expectation.
   */
  ifMatch?: readonly string[]
}

/** Whether the stored digest (null: nothing stored) meets the writer's expectation. */
export function meetsExpectation(current: string | null, ifMatch: readonly string[] | undefined): boolean {
  if (ifMatch === undefined) return true
  if (current === null) return false
  return ifMatch.some((expected) => expected === '*' || expected === current)
}

/**
 * Every problem that stops `document` from being written: its shape and rules, the calibration,
 * and, when the document is sent to a URL, that the URL names the same institution.
 */
export function documentIssues(
  document: unknown,
  scale: ScaleDocument,
  urlSlug?: string,
  storedText: (file: string) => string | undefined = () => undefined,
): DocumentIssue[] {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return [{ path: '', message: 'an institution document is a JSON object' }]
  }
  const issues = validateInstitutionDocument(document, scale)
  const slug = (document as { slug?: unknown }).slug
  if (urlSlug !== undefined && typeof slug === 'string' && slug !== urlSlug) {
    issues.push({ path: '/slug', message: `the document is "${slug}" but the URL names "${urlSlug}"` })
  }
  if (issues.length === 0) issues.push(...validateCalibrationOf(scale, document as InstitutionDocument))
  if (issues.length === 0) issues.push(...sourceIssues(document, storedText))
  return issues
}

function commit(
  tx: Transaction,
  scale: ScaleDocument,
  change: { keyName: string; institution: string; kind: ChangeKind },
  institution: (NonNullable<Committed['institution']> & { canonical: string }) | null,
  sources: Committed['sources'] = [],
): Committed {
  const versionBefore = readDataVersion(tx)?.version ?? ''
  // One time for the data and its log entry, so /v1/meta's changedAt is the last change's `at`.
  const changedAt = new Date().toISOString()
  const version = writeDataVersion(tx, versionOf(tx, scale), changedAt)
  const logged = recordChange(tx, { ...change, versionBefore, versionAfter: version, at: changedAt })
  recordVersion(tx, {
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
    at: changedAt,
  })
  const stored = institution ? { document: institution.document, digest: institution.digest } : null
  return { outcome: 'committed', change: logged, institution: stored, version, changedAt, logHead: logged.id, sources }
}

/** Creates or replaces an institution from its whole document. */
export function putInstitution(
  db: LevelmapDatabase,
  document: unknown,
  keyName: string,
  options: WriteOptions & { urlSlug?: string } = {},
): PutOutcome {
  return db.transaction(
    (tx): PutOutcome => {
      if (options.ifMatch !== undefined) {
        const slug = options.urlSlug ?? (document as { slug?: unknown } | null)?.slug
        const current = typeof slug === 'string' ? readDigest(tx, slug) : null
        if (!meetsExpectation(current, options.ifMatch)) return { outcome: 'precondition-failed', current }
      }
      const scale = readScale(tx)
      const issues = documentIssues(document, scale, options.urlSlug, (file) => readSourceText(tx, file))
      if (issues.length > 0) return { outcome: 'invalid', issues }
      const submitted = document as InstitutionDocument
      writeSourceTexts(tx, submitted.sources ?? [])
      const institution = storedForm(submitted)
      const exists = institutionExists(tx, institution.slug)
      if (exists) deleteInstitution(tx, institution.slug)
      const { digest, canonical } = writeInstitution(tx, institution)
      return commit(
        tx,
        scale,
        { keyName, institution: institution.slug, kind: exists ? 'replace' : 'create' },
        { document: institution, digest, canonical },
        submitted.sources ?? [],
      )
    },
    { behavior: 'immediate' },
  )
}

/** Removes an institution, unless the scale is calibrated on one of its grades. */
export function deleteInstitutionDocument(
  db: LevelmapDatabase,
  slug: string,
  keyName: string,
  options: WriteOptions = {},
): DeleteOutcome {
  return db.transaction(
    (tx): DeleteOutcome => {
      if (options.ifMatch !== undefined) {
        const current = readDigest(tx, slug)
        if (!meetsExpectation(current, options.ifMatch)) return { outcome: 'precondition-failed', current }
      }
      const scale = readScale(tx)
      if (!institutionExists(tx, slug)) return { outcome: 'not-found' }
      const anchors = scale.calibration.grades.filter((anchor) => anchor.institution === slug)
      if (anchors.length > 0) {
        return {
          outcome: 'conflict',
          reason: `${slug} cannot be deleted: the scale is calibrated on its grade ${anchors.map((anchor) => anchor.grade).join(', ')} (${scale.calibration.statement}).`,
        }
      }
      deleteInstitution(tx, slug)
      return commit(tx, scale, { keyName, institution: slug, kind: 'delete' }, null)
    },
    { behavior: 'immediate' },
  )
}
