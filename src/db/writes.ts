// The one write path for institution documents, shared by the HTTP routes and the import CLI.
// Each write is one synchronous SQLite transaction (BEGIN IMMEDIATE, so a second process waits
// for the lock instead of failing halfway): read the current documents, validate the new one
// against them, write it, read everything back, hash it into the new data version and log the
// change. A document with any problem returns its issues before a single row is written; an
// exception anywhere rolls the whole transaction back.

import { dataVersion } from '../catalog/model.js'
import type { InstitutionDocument, ScaleDocument } from '../documents/schema.js'
import { type DocumentIssue, validateCalibrationOf, validateInstitutionDocument } from '../documents/validate.js'
import type { LevelmapDatabase } from './client.js'
import {
  type ChangeKind,
  type ChangeRecord,
  deleteInstitution,
  readInstitutions,
  readScale,
  recordChange,
  type Transaction,
  writeInstitution,
} from './institutions.js'

/** A committed write: the change as logged, and the documents the new catalog is built from. */
export interface Committed {
  outcome: 'committed'
  change: ChangeRecord
  scale: ScaleDocument
  institutions: InstitutionDocument[]
}

export type PutOutcome = Committed | { outcome: 'invalid'; issues: DocumentIssue[] }

export type DeleteOutcome = Committed | { outcome: 'not-found' } | { outcome: 'conflict'; reason: string }

/**
 * Every problem that stops `document` from being written: its shape and rules, the calibration,
 * and, when the document is sent to a URL, that the URL names the same institution.
 */
export function documentIssues(document: unknown, scale: ScaleDocument, urlSlug?: string): DocumentIssue[] {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return [{ path: '', message: 'an institution document is a JSON object' }]
  }
  const issues = validateInstitutionDocument(document, scale)
  const slug = (document as { slug?: unknown }).slug
  if (urlSlug !== undefined && typeof slug === 'string' && slug !== urlSlug) {
    issues.push({ path: '/slug', message: `the document is "${slug}" but the URL names "${urlSlug}"` })
  }
  if (issues.length === 0) issues.push(...validateCalibrationOf(scale, document as InstitutionDocument))
  return issues
}

function commit(
  tx: Transaction,
  scale: ScaleDocument,
  before: InstitutionDocument[],
  change: { keyName: string; institution: string; kind: ChangeKind },
): Committed {
  const after = readInstitutions(tx)
  const logged = recordChange(tx, {
    ...change,
    versionBefore: dataVersion(scale, before),
    versionAfter: dataVersion(scale, after),
  })
  return { outcome: 'committed', change: logged, scale, institutions: after }
}

/** Creates or replaces an institution from its whole document. */
export function putInstitution(
  db: LevelmapDatabase,
  document: unknown,
  keyName: string,
  options: { urlSlug?: string } = {},
): PutOutcome {
  return db.transaction(
    (tx): PutOutcome => {
      const scale = readScale(tx)
      const issues = documentIssues(document, scale, options.urlSlug)
      if (issues.length > 0) return { outcome: 'invalid', issues }
      const institution = document as InstitutionDocument
      const before = readInstitutions(tx)
      const exists = before.some((candidate) => candidate.slug === institution.slug)
      if (exists) deleteInstitution(tx, institution.slug)
      writeInstitution(tx, institution)
      return commit(tx, scale, before, {
        keyName,
        institution: institution.slug,
        kind: exists ? 'replace' : 'create',
      })
    },
    { behavior: 'immediate' },
  )
}

/** Removes an institution, unless the scale is calibrated on one of its grades. */
export function deleteInstitutionDocument(db: LevelmapDatabase, slug: string, keyName: string): DeleteOutcome {
  return db.transaction(
    (tx): DeleteOutcome => {
      const scale = readScale(tx)
      const before = readInstitutions(tx)
      if (!before.some((candidate) => candidate.slug === slug)) return { outcome: 'not-found' }
      const anchors = scale.calibration.grades.filter((anchor) => anchor.institution === slug)
      if (anchors.length > 0) {
        return {
          outcome: 'conflict',
          reason: `${slug} cannot be deleted: the scale is calibrated on its grade ${anchors.map((anchor) => anchor.grade).join(', ')} (${scale.calibration.statement}).`,
        }
      }
      deleteInstitution(tx, slug)
      return commit(tx, scale, before, { keyName, institution: slug, kind: 'delete' })
    },
    { behavior: 'immediate' },
  )
}
